/**
 * From the Checkliste Anlaufstelle (H 5.3.1): what the network settles about hand-overs between
 * the Anlaufstelle, the SGB II case management and counselling is a hand-over of the chain.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { anlaufstelleCells as anlauf } from '../../templates/anlaufstelle.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'

export const routes: CarryRoute[] = [
  {
    id: 'anlaufstelle-handovers',
    from: 'anlaufstelle',
    to: 'dienstleistungskette',
    what: { de: 'Schnittstellen der Anlaufstelle', en: 'The contact point’s hand-overs' },
    source: { section: anlauf.decisions, cols: [anlauf.answer], rows: (row) => row === anlauf.rows.schnittstellen },
    // Into the hand-overs nobody has placed yet: which hand-over it is, the group decides.
    target: () => kette.handoverOpen,
  },
]
