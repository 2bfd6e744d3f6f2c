/**
 * A date as people write it on a Zettel: 2026-11-24, 24.11.2026, 24.11.26, or 24.11. without a
 * year. The Bis wann of a task (`dueDay.ts`), a review date (`reviewDay.ts`, `reviewDays.ts`) and
 * a meeting's date (`meetingHead.ts`) are all read here, so that one text names one day everywhere.
 * Pure.
 */

export interface WrittenDate {
  /** Four digits; null where the text wrote no year (24.11.). */
  year: string | null
  month: number
  day: number
}

/** The first date in `text`; with `yearNeeded`, the first that names its year. */
export function writtenDate(text: string, { yearNeeded = false } = {}): WrittenDate | null {
  const iso = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text)
  if (iso) return { year: iso[1], month: Number(iso[2]), day: Number(iso[3]) }
  const de = (yearNeeded ? /(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4}|\d{2})(?!\d)/ : /(\d{1,2})\.\s*(\d{1,2})\.(?:\s*(\d{4}|\d{2})(?!\d))?/).exec(text)
  if (!de) return null
  return { year: de[3] ? (de[3].length === 2 ? `20${de[3]}` : de[3]) : null, month: Number(de[2]), day: Number(de[1]) }
}

/** Whether its month and day can be a calendar's (31.13. cannot). */
export const plausible = (date: Pick<WrittenDate, 'month' | 'day'>): boolean => date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= 31

/** `MM-DD` of a date. */
export const monthDay = (date: Pick<WrittenDate, 'month' | 'day'>): string => `${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`

/** `YYYY-MM-DD` of a date written with its year, else null. */
export const isoDay = (date: WrittenDate | null): string | null => (date?.year ? `${date.year}-${monthDay(date)}` : null)
