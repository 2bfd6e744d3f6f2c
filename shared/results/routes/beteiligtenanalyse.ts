/**
 * From the Beteiligtenanalyse (H 2.3.1) to the Kooperationen (L 5.2.2): a partner the analysis
 * has a strategy for is one to win and then keep; its name starts a row of its own.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { kooperationenCells as koop } from '../../templates/kooperationen.ts'

const strategy = 'strategien'
const partner = (n: number) => cellKey(koop.section, koop.row(n), koop.col.partner)

export const routes: CarryRoute[] = [
  {
    id: 'beteiligte-kooperationen',
    from: 'beteiligtenanalyse',
    to: 'kooperationen',
    what: { de: 'Partner mit Strategie', en: 'Partners with a strategy' },
    source: { section: beteiligte.matrix.section },
    rowLabels: { when: (row) => (row.notes.get(strategy)?.length ?? 0) > 0 },
    target: (_note, ctx) => ctx.nextFree(partner),
  },
]
