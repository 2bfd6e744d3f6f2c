/**
 * Reviews on one day are one item: the Netzwerkregeln give each rule its review date, and the
 * next joint review its own row; five rules to be reviewed on 15.03. and the review on 15.03.
 * are one meeting to prepare, not six tasks. Items of the tables that declare `reviewDay` are
 * merged by the day they name (as written: 15.3., 15.03.2026 and 2026-03-15 are one day), done
 * when any of them is marked done (the review took place); the rest stay as they are.
 */
import type { OpenItem, OpenItemTable } from '../templates/definition.ts'
import { monthDay, writtenDate } from './writtenDate.ts'

/** The day a review date names, as a key: `YYYY-MM-DD`, `--MM-DD` without a year, else the text itself. */
export function reviewDayKey(text: string): string {
  const date = writtenDate(text)
  if (date) return `${date.year ?? '-'}-${monthDay(date)}`
  return text.trim().toLocaleLowerCase('de')
}

const unique = (list: readonly string[]) => [...new Set(list)]

/** The tables' items in their order, each day's reviews as one item where the first of them stood. */
export function oneReviewPerDay(tables: readonly OpenItem[][], declared: readonly OpenItemTable[]): OpenItem[] {
  const out: OpenItem[] = []
  const byDay = new Map<string, { at: number; items: OpenItem[]; dates: string[] }>()
  tables.forEach((items, i) => {
    const part = declared[i]?.reviewDay
    for (const item of items) {
      const date = part === 'when' ? item.when.join(' ') : part === 'what' ? item.what.join(' ') : ''
      if (!part || !date.trim()) {
        out.push(item)
        continue
      }
      const key = reviewDayKey(date)
      const day = byDay.get(key)
      if (day) {
        day.items.push(item)
        if (part === 'when') day.dates.push(...item.when)
        continue
      }
      byDay.set(key, { at: out.length, items: [item], dates: part === 'when' ? [...item.when] : [] })
      out.push(item)
    }
  })
  for (const { at, items, dates } of byDay.values()) {
    if (items.length < 2) continue
    // The rules under review name the item; a row that is nothing but the date names its day.
    const [first] = items
    const rules = items.filter((item) => item.when.length > 0 || dates.length === 0)
    const named = rules.length > 0 ? rules : items
    const when = dates.length > 0 ? [dates[0]] : [items.find((item) => item.when.length === 0)?.what.join(' ') ?? '']
    const notes = items.flatMap((item) => item.ref?.notes ?? [])
    const closer = items.find((item) => item.closed !== undefined)
    const closed = closer?.closed
    out[at] = {
      ...first,
      ...(closed !== undefined ? { closed, ...(closer?.dropped ? { dropped: closer.dropped } : {}) } : {}),
      what: unique(named.flatMap((item) => item.what)),
      who: unique(items.flatMap((item) => item.who)),
      when,
      ...(first.ref ? { ref: { instance: first.ref.instance, notes: unique(notes) } } : {}),
    }
  }
  const merged = new Set([...byDay.values()].flatMap(({ at, items }) => (items.length > 1 ? [at] : [])))
  const dropped = new Set([...byDay.values()].flatMap(({ items }) => items.slice(1)))
  return out.filter((item, i) => merged.has(i) || !dropped.has(item))
}
