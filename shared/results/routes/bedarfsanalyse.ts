/**
 * From the Bedarfsanalyse (L 5.1, R): the needs someone wrote about become the service chain's
 * Bedarfslagen; the partners it says would help are candidates for the Beteiligtenanalyse.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { bedarfsanalyseCells as bedarf } from '../../templates/bedarfsanalyse.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'

const levels = [bedarf.individual.section, bedarf.structural.section]

export const routes: CarryRoute[] = [
  {
    id: 'needs-chain',
    from: 'bedarfsanalyse',
    to: 'dienstleistungskette',
    what: { de: 'Bedarfe', en: 'Needs' },
    source: { section: levels },
    // The need itself (the row's name), once, for every need someone wrote something about.
    rowLabels: { when: (row) => [...row.notes.values()].some((texts) => texts.length > 0) },
    target: () => kette.bedarfslagen,
  },
  {
    id: 'needs-partners',
    from: 'bedarfsanalyse',
    to: 'beteiligtenanalyse',
    what: { de: 'Weitere Partner', en: 'More partners' },
    source: { section: levels, cols: [bedarf.col.weitere] },
    target: () => beteiligte.kandidaten.block,
  },
]
