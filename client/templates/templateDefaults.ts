/** What the options forms start from: each template's own defaults, in the UI's language. */
import { planTemplate } from '../../shared/templates/catalogue.ts'
import { pick, type Locale } from '../../shared/locale.ts'
import { typicalPartners } from '../../shared/templates/organisations.ts'
import { uniqueNames } from '../../shared/templates/partners.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'

/**
 * The options a template gets when no others are given (lists filled with the locale's
 * defaults); `given` fixes some first, as a Planspiel's case decides its default organisations.
 */
export function defaultOptions(name: TemplateName, locale: Locale, given: Record<string, unknown> = {}): Record<string, unknown> {
  return planTemplate(name, given, locale).options as Record<string, unknown>
}

export const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

export const stringOr = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback)

export const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

/** The picklist's suggestions: the board's own partners first, then typical partners of a Produktionsnetzwerk. */
export const partnerSuggestions = (locale: Locale, board: readonly string[] = []): string[] =>
  uniqueNames([...board, ...typicalPartners.map((p) => pick(p, locale))])

/** What a new template starts with: the board's partners where it has any, else the template's defaults. */
export const startingPartners = (board: readonly string[], defaults: unknown, max: number): string[] =>
  board.length > 0 ? board.slice(0, max) : stringList(defaults)

/** A whole number typed into a field, kept within bounds; empty or garbage gives the fallback. */
export function wholeNumber(text: string, min: number, max: number, fallback: number): number {
  const n = Number.parseInt(text, 10)
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback
}
