/**
 * The templates this program knows when it reads a board: every one wherever `catalogue.ts` is
 * loaded (the relay, and the editor once it is ready), which makes them known as it loads. The list
 * „Beitragen“ and the editor's first load do not load it: they would carry every template's layout
 * (and the list zod) for the one or two a board holds. They load those they meet
 * (`templateLoaders.ts`) and make them known here.
 */
import type { TLShape } from '@tldraw/tlschema'
import type { Catalogue, TemplateDefinition } from './definition.ts'
import { findInstances } from './instance.ts'

const known: Record<string, TemplateDefinition> = {}

/**
 * How a reader that keeps what it read (the editor's computed values) learns that more templates
 * are known: `read` at each reading, `changed` once more are known. Nothing by default.
 */
export interface KnownTemplatesWatch {
  read(): void
  changed(): void
}
let watch: KnownTemplatesWatch = { read() {}, changed() {} }

export function watchKnownTemplates(by: KnownTemplatesWatch): void {
  watch = by
}

export function knowTemplates(catalogue: Catalogue): void {
  if (Object.keys(catalogue).every((name) => known[name] === catalogue[name])) return
  Object.assign(known, catalogue)
  watch.changed()
}

export const isKnownTemplate = (name: string) => {
  watch.read()
  return Object.hasOwn(known, name)
}

/** The instances on the board of templates known so far (those of others are read as plain shapes). */
export const findKnownInstances = (shapes: Iterable<TLShape>) => {
  watch.read()
  return findInstances(known, shapes)
}
