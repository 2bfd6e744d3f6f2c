/** From the Gründungsveranstaltung (H 3.3.3): who is still missing becomes a candidate of the Beteiligtenanalyse. */
import type { CarryRoute } from '../carryRoute.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { gruendungsveranstaltungCells as gruendung } from '../../templates/gruendungsveranstaltung.ts'

export const routes: CarryRoute[] = [
  {
    id: 'founding-missing',
    from: 'gruendungsveranstaltung',
    to: 'beteiligtenanalyse',
    what: { de: 'Wer fehlt noch?', en: 'Who is still missing?' },
    source: { section: gruendung.plenum.section, cols: [gruendung.plenum.col.fehlt] },
    target: () => beteiligte.kandidaten.block,
  },
]
