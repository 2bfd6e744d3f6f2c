/**
 * From Fallbeispiele (H 4.3.6): the interfaces and hand-over points a case shows are hand-overs of
 * the service chain, still to be placed.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { fallbeispieleCells as faelle } from '../../templates/fallbeispiele.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'

export const routes: CarryRoute[] = [
  {
    id: 'fallbeispiele-handovers',
    from: 'fallbeispiele',
    to: 'dienstleistungskette',
    what: { de: 'Schnittstellen aus dem Fallbeispiel', en: 'Hand-overs the case shows' },
    source: { section: faelle.uses.section, cols: [faelle.uses.col.erkenntnis], rows: (row) => row === faelle.uses.rows.schnittstellen },
    target: () => kette.handoverOpen,
  },
]
