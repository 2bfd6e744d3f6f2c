/** The contract each template module fulfils. */
import type { z } from 'zod'
import type { ExportFact, ExportTable, InstanceView, OpenItem } from '../results/export.ts'
import type { Layout } from './model.ts'
import type { Labels, Locale } from '../locale.ts'

/**
 * Growing a template: an action changes the options (one more partner, scene, group, lane,
 * row); the layout is generated again and the existing shapes move to their new places.
 */
export interface GrowAction<O> {
  id: string
  label: Labels
  /** Asks for a name first (a partner, an organisation). */
  input?: Labels
  /** The name is an organisation: the board's partner list is offered. */
  offersPartners?: boolean
  apply(options: O, input: string | undefined): O
}

/**
 * A list option with one more name, as a grow action adds it: trimmed to what the options accept
 * ("?" for none), and unchanged at `max`, which the caller reports as the template's limit.
 */
export const withName = (list: readonly string[], input: string | undefined, max: number): string[] =>
  list.length >= max ? [...list] : [...list, input?.trim().slice(0, 80).trim() || '?']

export interface TemplateDefinition<O = unknown> {
  name: string
  title: Labels
  /** One sentence for the Vorlagen panel. */
  description: Labels
  /** Parses raw options (from the API or the panel), filling in defaults. */
  options: z.ZodType<O>
  /** Fills in what depends on the language (default partners, default names) before layout. */
  prepare?(options: O, locale: Locale): O
  layout(options: O, locale: Locale): Layout
  actions: GrowAction<O>[]
  /** Tables beyond the generic one per section (e.g. a chain read along its arrows). */
  exportTables?(view: InstanceView, locale: Locale): ExportTable[]
  /** What the template was set up with, above its tables (a guiding question, a target group). */
  exportFacts?(options: O, locale: Locale): ExportFact[]
  /** Tasks written into the template that someone still has to do, for the report. */
  openItems?(view: InstanceView, locale: Locale): OpenItem[]
}
