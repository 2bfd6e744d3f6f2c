/**
 * An open item's life across a network's boards: written in a Wer/Bis-wann table, carried to
 * other boards (`carriedItems.ts`: one item wherever it is), closed by its „Erledigt?“ Zettel on
 * either copy or by a Statusbericht reporting the activity done (`reportedDone.ts`). What is left
 * is each task once, open or closed; the pack tells which of those it listed as open last time
 * are closed now (`key`: what the pack remembers an item by).
 */
import type { OpenItem } from '../templates/definition.ts'
import type { TemplateExport } from './export.ts'
import { oneItemEach } from './carriedItems.ts'
import type { ReportedDone } from './reportedDone.ts'

/** One board's tasks, open and closed, and what its Statusberichte report done. */
export interface LifeCycleBoard<T extends OpenItem> {
  board: string
  items: readonly T[]
  reportedDone?: readonly ReportedDone[]
}

/** What a network keeps of its last pack: its day and the keys of the items it listed as open. */
export interface PackMemory {
  day: string
  open: readonly string[]
}

export type Keyed<T> = Omit<T, 'ref'> & { key: string }

const noteKey = (board: string, instance: string, note: string) => `${board}\u0000${instance}\u0000${note}`

/** Each task once, with the key the pack remembers it by: the open ones and the closed ones, in the boards' order. */
export function itemsOnce<T extends OpenItem>(boards: ReadonlyArray<LifeCycleBoard<T>>): { open: Keyed<T>[]; closed: Keyed<T>[] } {
  const reported = new Map<string, string>()
  for (const b of boards) for (const r of b.reportedDone ?? []) reported.set(noteKey(r.board ?? b.board, r.instance, r.note), r.by)
  const lists = boards.map(({ board, items }) => ({
    board,
    items: items.map((item) => {
      const notes = item.ref?.notes ?? []
      const key = item.ref ? noteKey(board, item.ref.instance, notes[0] ?? '') : `${board}\u0000${item.what.join(' ')}`
      const by = item.ref && item.closed === undefined ? notes.map((n) => reported.get(noteKey(board, item.ref!.instance, n))).find((x) => x !== undefined) : undefined
      return { ...item, key, ...(by !== undefined ? { closed: by } : {}) }
    }),
  }))
  const once = oneItemEach(lists) as Keyed<T>[]
  return { open: once.filter((item) => item.closed === undefined), closed: once.filter((item) => item.closed !== undefined) }
}

/** A board's closed tasks, with their source as its open ones have it, and what its Statusberichte report done. */
export function closedTasks(templates: readonly TemplateExport[]): { closedItems?: Array<OpenItem & { source: string }>; reportedDone?: ReportedDone[] } {
  const closedItems = templates.flatMap((t) => (t.closedItems ?? []).map((item) => ({ ...item, source: item.table ? `${t.title} · ${item.table}` : t.title })))
  const reportedDone = templates.flatMap((t) => t.reportedDone ?? [])
  return { ...(closedItems.length > 0 ? { closedItems } : {}), ...(reportedDone.length > 0 ? { reportedDone } : {}) }
}

/** The open items of one board once each, none a Statusbericht or a copy elsewhere on it has closed: what its Dokumentation lists. */
export function openOnce<T extends OpenItem & { source: string }>(board: string, open: readonly T[], templates: readonly TemplateExport[]): Array<Omit<T, 'ref'>> {
  const { closedItems = [], reportedDone } = closedTasks(templates)
  return itemsOnce<T>([{ board, items: [...open, ...(closedItems as T[])], reportedDone }]).open.map(({ key: _key, ...item }) => item as unknown as Omit<T, 'ref'>)
}
