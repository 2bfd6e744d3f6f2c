/**
 * From the Fallmatrix (R: Zusammenschau → Zielsystematik): a theme that turns up in two cases or
 * more is a candidate goal, for the goal system's Eingang, with how many cases it turned up in.
 */
import type { CarryRoute, RowView } from '../carryRoute.ts'
import { pick, type Labels } from '../../locale.ts'
import { fallmatrixCells as matrix } from '../../templates/fallmatrix.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'
import { numberOf } from './numbered.ts'

const eingang = ziele.eingangCell
const cases: Labels = { de: 'Fälle', en: 'cases' }
/** How many cases (columns) of a theme's row hold a note. */
const casesOf = (row: RowView) => [...row.notes].filter(([col, texts]) => numberOf(matrix.case, col) !== undefined && texts.length > 0).length

/** What a route of recurring themes carries: each theme's name with how many cases it turned up in, two or more. */
export const recurringThemes: Pick<CarryRoute, 'source' | 'rowLabels' | 'text'> = {
  source: { section: matrix.matrix },
  rowLabels: { when: (row) => casesOf(row) >= 2 },
  // Two or more: always the plural.
  text: (note, ctx) => `${note.text} (${casesOf(ctx.row)} ${pick(cases, ctx.targetLocale)})`,
}

export const routes: CarryRoute[] = [
  {
    id: 'matrix-goals',
    from: 'fallmatrix',
    to: 'zielsystem',
    what: { de: 'Häufige Themen', en: 'Recurring themes' },
    ...recurringThemes,
    target: (_note, ctx) => (ctx.targetKeys.has(eingang) ? eingang : undefined),
  },
]
