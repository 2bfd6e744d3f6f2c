/**
 * The templates this program knows when it reads a board: every one wherever `catalogue.ts` is
 * loaded (the relay, the editor), which makes them known as it loads. The list „Beitragen“ does not
 * load it: a phone's first visit would carry every template's layout and zod for the one or two a
 * board holds. It loads those it meets (`templateLoaders.ts`) and makes them known here.
 */
import type { TLShape } from '@tldraw/tlschema'
import type { Catalogue, TemplateDefinition } from './definition.ts'
import { findInstances } from './instance.ts'

const known: Record<string, TemplateDefinition> = {}

export function knowTemplates(catalogue: Catalogue): void {
  Object.assign(known, catalogue)
}

export const isKnownTemplate = (name: string) => Object.hasOwn(known, name)

/** The instances on the board of templates known so far (those of others are read as plain shapes). */
export const findKnownInstances = (shapes: Iterable<TLShape>) => findInstances(known, shapes)
