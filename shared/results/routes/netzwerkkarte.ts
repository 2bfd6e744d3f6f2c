/**
 * From the Netzwerkkarte (H 2.3.2): who is missing on the map becomes a candidate of the
 * Beteiligtenanalyse, where the network decides whether to win them (the cell's prompt says so).
 */
import type { CarryRoute } from '../carryRoute.ts'
import { beteiligtenanalyseCells as beteiligte } from '../../templates/beteiligtenanalyse.ts'
import { netzwerkkarteCells as karte } from '../../templates/netzwerkkarte.ts'

export const routes: CarryRoute[] = [
  {
    id: 'map-missing',
    from: 'netzwerkkarte',
    to: 'beteiligtenanalyse',
    what: { de: 'Wer fehlt?', en: 'Who is missing?' },
    source: { section: karte.auswertung.section, cols: [karte.auswertung.col.fehlt] },
    target: () => beteiligte.kandidaten.block,
  },
]
