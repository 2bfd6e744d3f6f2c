/**
 * From the Beteiligtenanalyse (H 2.3.1) to the Kooperationen (L 5.2.2): a partner the analysis
 * has worked on (its goals, resources, strategy …) is one to win and then keep; its name starts a
 * row of its own. Only the name travels: the analysis is the initiators' own, its Widerstände stay.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { kooperationenCells as koop } from '../../templates/kooperationen.ts'

const partner = (n: number) => cellKey(koop.section, koop.row(n), koop.col.partner)

export const routes: CarryRoute[] = [
  {
    id: 'beteiligte-kooperationen',
    from: 'beteiligtenanalyse',
    to: 'kooperationen',
    what: { de: 'Partner', en: 'Partners' },
    source: { section: beteiligte.matrix.section },
    rowLabels: { when: (row) => [...row.notes.values()].some((texts) => texts.length > 0) },
    target: (_note, ctx) => ctx.nextFree(partner),
  },
]
