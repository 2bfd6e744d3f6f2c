/**
 * The report's open items, gathered from every table a template declares as a task table: each
 * row someone wrote a task or a name into, in the order the rows stand on the board. A Zettel
 * carried into a task row (`carryOver.ts`) is its own item there, with the who and by when that
 * travelled with it: a row of activities may hold several carried actions, each with its own date.
 */
import type { ExportCell, InstanceView, OpenItem, OpenItemOrigin, OpenItemTable } from '../templates/definition.ts'
import { readDone, splitWhoWhen } from '../templates/taskWords.ts'
import { carriedFrom, sameText, type CarriedFrom } from './carryOver.ts'
import { oneReviewPerDay } from './reviewDays.ts'

interface WrittenNote {
  id: string
  text: string
  from?: CarriedFrom
}

/** Notes by row, then column. */
type RowNotes = Map<string, Map<string, WrittenNote[]>>

/** The items still open. */
export const openItemsOf = (view: InstanceView, declared: readonly OpenItemTable[]): OpenItem[] => taskItemsOf(view, declared).filter((item) => !item.closed)

/** Every task of the tables, open or done (`closed`: what its „Erledigt?“ Zettel says). */
export function taskItemsOf(view: InstanceView, declared: readonly OpenItemTable[]): OpenItem[] {
  const items = tableItemsOf(view, declared)
  return declared.some((d) => d.reviewDay) ? oneReviewPerDay(items, declared) : items.flat()
}

/** Each declared table's items, in the declared order. */
function tableItemsOf(view: InstanceView, declared: readonly OpenItemTable[]): OpenItem[][] {
  const written = notesIn(view, new Set(declared.map((d) => d.section)))
  const instance = view.instance.instance
  const items = declared.map((decl) => tableItems(view.cells, decl, written.get(decl.section) ?? new Map(), instance))
  if (declared.length < 2) return items
  // Several task tables: each item says which it stands in.
  return items.map((list, i) => {
    const table = view.cells.find((cell) => cell.ref.section === declared[i].section)?.ref.sectionTitle
    return list.map((item) => (table ? { ...item, table } : item))
  })
}

/** The written notes in the task tables' cells, by section, row and column, in reading order (as the export placed them). */
function notesIn(view: InstanceView, sections: ReadonlySet<string>): Map<string, RowNotes> {
  const out = new Map<string, RowNotes>()
  for (const cell of view.cells) {
    if (cell.ref.row === undefined || !sections.has(cell.ref.section)) continue
    const rows = out.get(cell.ref.section) ?? new Map<string, Map<string, WrittenNote[]>>()
    const cols = rows.get(cell.ref.row) ?? new Map<string, WrittenNote[]>()
    const col = cell.ref.col ?? ''
    const shapes = cell.noteShapes
    const notes = cell.notes.map((text, i): WrittenNote => {
      const shape = shapes?.[i]
      // A view made without the shapes (none the export makes): the texts alone, carried or not unknown.
      return shape ? { id: shape.id, text, from: carriedFrom(shape.meta) } : { id: `${cell.shape.id}#${i}`, text }
    })
    cols.set(col, [...(cols.get(col) ?? []), ...notes])
    rows.set(cell.ref.row, cols)
    out.set(cell.ref.section, rows)
  }
  return out
}

const sameSource = (a: CarriedFrom, b: CarriedFrom) => a.instance === b.instance && a.board === b.board
/** Changed here since it was carried: it no longer says what its source said then. */
const changedHere = (notes: readonly WrittenNote[]) => notes.some((n) => n.from?.text !== undefined && sameText(n.text) !== sameText(n.from.text))

function origin(from: CarriedFrom, who: readonly WrittenNote[], when: readonly WrittenNote[]): OpenItemOrigin {
  return {
    instance: from.instance,
    note: from.note,
    ...(from.board ? { board: from.board } : {}),
    ...(from.boardTitle ? { boardTitle: from.boardTitle } : {}),
    ...(from.title ? { title: from.title } : {}),
    ...(from.day ? { day: from.day } : {}),
    ...(from.writer ? { writer: from.writer } : {}),
    changed: { who: changedHere(who), when: changedHere(when) },
  }
}

function tableItems(cells: readonly ExportCell[], decl: OpenItemTable, written: RowNotes, instance: string): OpenItem[] {
  const rows = new Map<string, Map<string, ExportCell>>()
  for (const cell of cells) {
    if (cell.ref.section !== decl.section || cell.ref.row === undefined) continue
    const row = rows.get(cell.ref.row) ?? new Map<string, ExportCell>()
    row.set(cell.ref.col ?? '', cell)
    rows.set(cell.ref.row, row)
  }
  const top = (row: Map<string, ExportCell>) => Math.min(...[...row.values()].map((c) => c.shape.y))
  const requires = decl.requires ?? decl.what
  // A column both Wer and Bis wann („Wer und bis wann?“): its Zettel's date is the when, the rest the who.
  const both = new Set((decl.who ?? []).filter((c) => decl.when?.includes(c)))
  const whoOf = (notes: ReadonlyArray<{ col: string; text: string }>) => notes.map((n) => (both.has(n.col) ? splitWhoWhen(n.text).who : n.text)).filter((t) => t !== '')
  const whenOf = (whoNotes: ReadonlyArray<{ col: string; text: string }>, whenNotes: ReadonlyArray<{ col: string; text: string }>) =>
    [...whenNotes.map((n) => n.text), ...whoNotes.filter((n) => both.has(n.col)).map((n) => splitWhoWhen(n.text).when)].filter((t) => t !== '')
  return [...rows.entries()]
    .sort(([, a], [, b]) => top(a) - top(b))
    .flatMap(([key, row]) => {
      const inRow = written.get(key) ?? new Map<string, WrittenNote[]>()
      // Done or dropped: a Zettel in a done column says so; the row's items stay, closed (the pack
      // tells what closed since). Else a new date or owner written there is the item's (`taskWords.ts`).
      const readings = (decl.done ?? []).flatMap((c) => inRow.get(c) ?? []).map((n) => ({ text: n.text, ...readDone(n.text) }))
      const closing = readings.find((r) => r.state !== 'open')
      const moved = readings.findLast((r) => r.state === 'open' && r.when !== undefined)
      const handed = readings.findLast((r) => r.state === 'open' && r.who !== undefined)
      const close = (list: OpenItem[]): OpenItem[] =>
        list.map((item) => {
          if (closing) return { ...item, closed: closing.text, ...(closing.state === 'dropped' ? { dropped: true } : {}) }
          const when = moved?.state === 'open' ? moved.when : undefined
          const who = handed?.state === 'open' ? handed.who : undefined
          return { ...item, ...(when ? { when: [when] } : {}), ...(who ? { who: [who] } : {}) }
        })
      const label = decl.rowLabel ? [...row.values()][0]?.ref.rowLabel : undefined
      const named = (what: string[]) => (label ? [label, ...what] : what)
      // Each carried Zettel naming a task, with what travelled with it: one item of its own.
      const taken = new Set<string>()
      const carried: OpenItem[] = []
      for (const col of decl.what) {
        for (const note of inRow.get(col) ?? []) {
          const from = note.from
          if (!from || from.part) continue
          const along = (cols: readonly string[] | undefined, part: 'who' | 'when') =>
            (cols ?? []).flatMap((c) => (inRow.get(c) ?? []).filter((n) => n.from?.part === part && n.from.item === from.note && sameSource(n.from, from)).map((n) => ({ ...n, col: c })))
          const who = along(decl.who, 'who')
          const when = along(decl.when, 'when').filter((n) => !both.has(n.col))
          // No who or date came with it (an older carry, or none written at the source): it stays
          // in its row, whose who and by when the group writes here (below).
          if (who.length === 0 && when.length === 0) continue
          const filled = new Set([col, ...who.map((n) => n.col), ...when.map((n) => n.col)])
          if (!requires.some((c) => filled.has(c))) continue
          for (const n of [note, ...who, ...when]) taken.add(n.id)
          carried.push({ what: named([note.text]), who: whoOf(who), when: whenOf(who, when), ref: { instance, notes: [note.id] }, carried: origin(from, who, when) })
        }
      }
      // What the row holds besides: its own item, as people wrote it there.
      const notes = (col: string) => (inRow.get(col) ?? []).filter((n) => !taken.has(n.id))
      const inCols = (cols: readonly string[] | undefined) => (cols ?? []).flatMap((c) => notes(c).map((n) => ({ ...n, col: c })))
      if (!requires.some((col) => notes(col).length > 0)) return close(carried)
      const what = decl.what.map(notes).find((list) => list.length > 0) ?? []
      const whoNotes = inCols(decl.who)
      const who = whoOf(whoNotes)
      const when = whenOf(whoNotes, inCols(decl.when).filter((n) => !both.has(n.col)))
      // A who or date written here beside the one carried action alone (its carried date replaced
      // by a new Zettel): it is that action's, and this side's word.
      if (what.length === 0 && carried.length === 1) {
        const [item] = carried
        const origin = item.carried!
        return close([
          {
            ...item,
            who: who.length > 0 ? [...(origin.changed.who ? item.who : []), ...who] : item.who,
            when: when.length > 0 ? [...(origin.changed.when ? item.when : []), ...when] : item.when,
            carried: { ...origin, changed: { who: origin.changed.who || who.length > 0, when: origin.changed.when || when.length > 0 } },
          },
        ])
      }
      // No „Was“ in the row (a carried Wer or Bis wann whose task stayed behind, a name alone): no
      // task to list, so no item; the Dokumentation, the pack and the Fahrplan all read it from here.
      if (named(what.map((n) => n.text)).length === 0) return close(carried)
      const own: OpenItem = { what: named(what.map((n) => n.text)), who, when, ref: { instance, notes: what.map((n) => n.id) } }
      // One carried Zettel that brought nothing with it names the row's task: it is that item, and
      // the who and by when written here are this side's own word.
      const single = what.length === 1 && what[0].from && !what[0].from.part ? what[0].from : undefined
      if (single) own.carried = { ...origin(single, [], []), changed: { who: who.length > 0, when: when.length > 0 } }
      return close([own, ...carried])
    })
}
