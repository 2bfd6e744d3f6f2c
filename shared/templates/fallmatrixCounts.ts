/**
 * The Zusammenschau's count: in how many cases a theme came up. Shown live beside the matrix on
 * the board (nothing is stored: a count written into the board would go stale with the next note).
 */
import type { CellRef } from '../board/scaffoldMeta.ts'
import { fallmatrixCells } from './fallmatrixCells.ts'

/** A field of the matrix and how many notes lie in it now. */
export interface MatrixField {
  ref: Pick<CellRef, 'section' | 'row' | 'col'>
  notes: number
}

/** Cases per theme row, in the order the fields come: a case counts once however many notes lie in its field. */
export function casesPerTheme(fields: Iterable<MatrixField>): Map<string, number> {
  const counts = new Map<string, number>()
  for (const { ref, notes } of fields) {
    if (ref.section !== fallmatrixCells.matrix || !ref.row) continue
    counts.set(ref.row, (counts.get(ref.row) ?? 0) + (notes > 0 ? 1 : 0))
  }
  return counts
}
