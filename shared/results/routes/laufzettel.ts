/**
 * From the Laufzettel's review (H 5.3.6): the ways the returned slips went are the chain's as-is,
 * one slip per row; counselling twice and what the review teaches are hand-overs to look at, and
 * what it teaches a theme for the Zusammenschau of cases (beside its matrix, as a case's themes).
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { laufzettelCells as slips } from '../../templates/laufzettel.ts'
import { fallmatrixCells as matrix } from '../../templates/fallmatrix.ts'

const ist = (n: number) => cellKey(kette.comparison.section, kette.comparison.row(n), kette.comparison.col.ist)

export const routes: CarryRoute[] = [
  {
    id: 'slips-chain',
    from: 'laufzettel',
    to: 'dienstleistungskette',
    what: { de: 'Wege der Laufzettel', en: 'Paths of the slips' },
    source: { section: slips.review, cols: [slips.col.weg] },
    // One path per row of the comparison, then the last row.
    target: (_note, ctx) => ctx.nextFree(ist),
  },
  {
    id: 'slips-handovers',
    from: 'laufzettel',
    to: 'dienstleistungskette',
    what: { de: 'Doppeltes und Erkenntnisse', en: 'Duplicates and lessons' },
    source: { section: slips.review, cols: [slips.col.doppelt, slips.col.erkenntnis] },
    target: () => kette.handoverOpen,
  },
  {
    id: 'slips-themes',
    from: 'laufzettel',
    to: 'fallmatrix',
    what: { de: 'Erkenntnisse', en: 'Lessons' },
    source: { section: slips.review, cols: [slips.col.erkenntnis] },
    // Proposals beside the matrix: whether a lesson becomes a theme row, the group decides.
    target: () => matrix.vorschlaege,
  },
]
