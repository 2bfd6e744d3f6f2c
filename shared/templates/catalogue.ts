/**
 * The registry's templates as the catalogue `instance.ts` takes: finding, planning and growing
 * instances of any of them. Apart from `registry.ts`, so that the HTTP contract's list of
 * template names loads no instance code.
 */
import type { TLShape } from '@tldraw/tlschema'
import type { Locale } from '../locale.ts'
import type { Catalogue } from './definition.ts'
import * as instances from './instance.ts'
import type { GrowInput } from './instance.ts'
import { templates, type TemplateName } from './registry.ts'
import { knowTemplates } from './knownTemplates.ts'

const catalogue: Catalogue<TemplateName> = templates

export const planTemplate = (name: TemplateName, rawOptions: unknown, locale: Locale) => instances.planTemplate(catalogue, name, rawOptions, locale)
export const findInstances = (shapes: Iterable<TLShape>) => instances.findInstances(catalogue, shapes)
export const growInstance = (g: GrowInput) => instances.growInstance(catalogue, g)

knowTemplates(catalogue)
