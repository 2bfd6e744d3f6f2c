/**
 * A Zielsystem activity closes when a Statusbericht reports it done. The report's planned
 * activities are the Zielsystem's, carried (`routes/zielsystem.ts`, each Zettel keeping its
 * source); a row whose „Durchgeführte Aktivitäten“ hold what was done, with no „noch nicht“,
 * „teilweise“ or „verschoben“ there or in its Abgleich, or whose Abgleich says done, closes the
 * activity it was carried from, on whichever board of the network it stands.
 */
import type { InstanceView } from '../templates/definition.ts'
import { saysDone, saysNotYet } from '../templates/answers.ts'
import { statusberichtCells as bericht } from '../templates/statusbericht.ts'
import { carriedFrom } from './carryOver.ts'

/** A Zettel a Statusbericht reports done: its instance and note, and its board (none: the report's own board). */
export interface ReportedDone {
  board?: string
  instance: string
  note: string
  /** What closed it, for the pack: the report's row. */
  by: string
}

const { section, col } = bericht.activities

export function reportedDone(view: InstanceView, title: string): ReportedDone[] {
  const rows = new Map<string, Map<string, { texts: string[]; shapes: NonNullable<InstanceView['cells'][number]['noteShapes']> }>>()
  for (const cell of view.cells) {
    if (cell.ref.section !== section || cell.ref.row === undefined) continue
    const row = rows.get(cell.ref.row) ?? new Map()
    row.set(cell.ref.col ?? '', { texts: cell.notes, shapes: cell.noteShapes ?? [] })
    rows.set(cell.ref.row, row)
  }
  const out: ReportedDone[] = []
  for (const row of rows.values()) {
    const carriedOut = row.get(col.durchgefuehrt)?.texts ?? []
    const comparison = row.get(col.abgleich)?.texts ?? []
    const said = [...carriedOut, ...comparison]
    const done = comparison.some(saysDone) ? !comparison.some(saysNotYet) : carriedOut.length > 0 && !said.some(saysNotYet)
    if (!done) continue
    const by = [title, ...carriedOut].join(': ')
    for (const shape of row.get(col.geplant)?.shapes ?? []) {
      const from = carriedFrom(shape.meta)
      if (!from || from.part) continue
      out.push({ ...(from.board ? { board: from.board } : {}), instance: from.instance, note: from.note, by })
    }
  }
  return out
}
