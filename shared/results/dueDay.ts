/**
 * When an open item is due: the day its „Bis wann“ names, and whether that day has passed.
 * The Fahrplan's due list (`boardBetween.ts`) and the pack (`steeringPack.ts`) read it alike,
 * so that what the Fahrplan calls „überfällig“ the pack marks too (issue 62). Pure.
 */
import type { Locale } from '../locale.ts'
import type { OpenItem } from '../templates/definition.ts'

/**
 * A day written in a "Bis wann" cell: 24.11.2026, 24.11.26, 2026-11-24, or 24.11. (the next such
 * day from `today` on, within half a year back: a date just passed is overdue, not next year's).
 */
export function dueDay(text: string, today: string): string | null {
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text)
  const de = iso ? null : /(\d{1,2})\.\s*(\d{1,2})\.(?:\s*(\d{4}|\d{2})(?!\d))?/.exec(text)
  const parts = iso ? [iso[1], iso[2], iso[3]] : de ? [de[3] ? (de[3].length === 2 ? `20${de[3]}` : de[3]) : null, de[2], de[1]] : null
  if (!parts) return null
  const [year, month, day] = parts
  const m = Number(month)
  const d = Number(day)
  if (m < 1 || m > 12 || d < 1 || d > 31) return null
  const md = `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  if (year) return `${year}-${md}`
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

/** The item with „überfällig“ beside its Bis wann, as every format of a document shows it. */
export function markedOverdue<T extends Pick<OpenItem, 'when'>>(item: T, locale: Locale): T {
  if (item.when.length === 0) return item
  const when = [...item.when]
  when[when.length - 1] = `${when[when.length - 1]} (${overdueWord[locale]})`
  return { ...item, when }
}
