/**
 * When an open item is due: the day its „Bis wann“ names, and whether that day has passed.
 * The Fahrplan's due list (`boardBetween.ts`) and the pack (`steeringPack.ts`) read it alike,
 * so that what the Fahrplan calls „überfällig“ the pack marks too (issue 62). Pure.
 */
import type { Locale } from '../locale.ts'
import type { OpenItem } from '../templates/definition.ts'
import { monthDay, plausible, writtenDate } from './writtenDate.ts'

/**
 * A day written in a "Bis wann" cell: 24.11.2026, 24.11.26, 2026-11-24, or 24.11. (the next such
 * day from `today` on, within half a year back: a date just passed is overdue, not next year's).
 */
export function dueDay(text: string, today: string): string | null {
  const date = writtenDate(text)
  if (!date || !plausible(date)) return null
  const md = monthDay(date)
  if (date.year) return `${date.year}-${md}`
  const thisYear = Number(today.slice(0, 4))
  const candidate = `${thisYear}-${md}`
  return daysBetween(today, candidate) < -183 ? `${thisYear + 1}-${md}` : candidate
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)

/** Whether an item not done was due before `today`. */
export function isOverdue(item: Pick<OpenItem, 'when' | 'closed'>, today: string): boolean {
  if (item.closed !== undefined) return false
  const day = dueDay(item.when.join(', '), today)
  return day !== null && daysBetween(today, day) < 0
}

export const overdueWord = { de: 'überfällig', en: 'overdue' }

/** The items not done whose Bis wann passed before `today`, marked so (`overdue`). */
export const withOverdue = <T extends Pick<OpenItem, 'when' | 'closed'>>(items: readonly T[], today: string): Array<T & { overdue?: true }> =>
  items.map((item) => (isOverdue(item, today) ? { ...item, overdue: true as const } : item))

/** The items as a document shows them: „überfällig“ beside the Bis wann of each marked one. */
export const overdueShown = <T extends Pick<OpenItem, 'when'> & { overdue?: true }>(items: readonly T[], locale: Locale): T[] =>
  items.map((item) => (item.overdue ? markedOverdue(item, locale) : item))

/** The item with „überfällig“ beside its Bis wann, as every format of a document shows it. */
export function markedOverdue<T extends Pick<OpenItem, 'when'>>(item: T, locale: Locale): T {
  if (item.when.length === 0) return item
  const when = [...item.when]
  when[when.length - 1] = `${when[when.length - 1]} (${overdueWord[locale]})`
  return { ...item, when }
}
