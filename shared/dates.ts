/** The date a template is dated by (a meeting, a Beteiligtenanalyse to compare with a later one). */
import { z } from 'zod'
import type { Locale } from './locale.ts'

/** A calendar day as `YYYY-MM-DD`, or empty for none. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  // A day that exists: 2026-02-30 would roll over to March.
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value))

export const DateOption = Day.or(z.literal('')).default('')

/** A moment's calendar day as `YYYY-MM-DD` in the local time zone (not UTC, which is yesterday before 1 am in Germany). */
export const localDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

/** The day as people write it: 23.11.2026 in German, 2026-11-23 in English. */
export function formatDate(day: string, locale: Locale): string {
  const [y, m, d] = day.split('-')
  return locale === 'de' ? `${d}.${m}.${y}` : day
}

/** A title with its date, if it has one. */
export const dated = (title: string, day: string, locale: Locale) => (day ? `${title} · ${formatDate(day, locale)}` : title)
