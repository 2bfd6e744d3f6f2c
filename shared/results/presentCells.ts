/**
 * Where a board lists those present at a meeting: a Protokoll's „Anwesende“, and a
 * Steuerungsgruppe's own meeting row. Read by the Dokumentation (who was there) and by a case
 * board's name check (whose names the board knows), so that both read the same cells.
 */
import type { CellRef } from '../board/scaffoldMeta.ts'
import { steuerungsgruppeCells } from '../templates/steuerungsgruppe.ts'

const presentCells = new Map<string, { section: string; col: string }>([
  ['protokoll', { section: 'sitzung', col: 'anwesende' }],
  ['steuerungsgruppe', { section: steuerungsgruppeCells.sitzung.section, col: steuerungsgruppeCells.sitzung.col.anwesende }],
])

/** Whether the cell `ref` of a `template` lists those present. */
export function listsPresent(template: string | undefined, ref: Pick<CellRef, 'section' | 'col'> | undefined): boolean {
  const cell = template ? presentCells.get(template) : undefined
  return !!cell && !!ref && ref.section === cell.section && ref.col === cell.col
}
