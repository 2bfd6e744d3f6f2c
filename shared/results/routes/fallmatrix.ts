/**
 * From the Fallmatrix (R: Zusammenschau → Zielsystematik): a theme that turns up in two cases or
 * more is a candidate goal, for the goal system's Eingang, with how many cases it turned up in.
 */
import type { CarryRoute, RowView } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { fallmatrixCells as matrix } from '../../templates/fallmatrix.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'
import { numberOf } from './numbered.ts'

const eingang = cellKey(ziele.goals, ziele.eingang, ziele.col.beschreibung)
/** How many cases (columns) of a theme's row hold a note. */
const cases = (row: RowView) => [...row.notes].filter(([col, texts]) => numberOf(matrix.case, col) !== undefined && texts.length > 0).length

export const routes: CarryRoute[] = [
  {
    id: 'matrix-goals',
    from: 'fallmatrix',
    to: 'zielsystem',
    what: { de: 'Häufige Themen', en: 'Recurring themes' },
    source: { section: matrix.matrix },
    rowLabels: { when: (row) => cases(row) >= 2 },
    target: (_note, ctx) => (ctx.targetKeys.has(eingang) ? eingang : undefined),
    text: (note, ctx) => `${note.text} (${cases(ctx.row)} ${ctx.targetLocale === 'en' ? 'cases' : 'Fälle'})`,
  },
]
