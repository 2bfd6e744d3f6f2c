/** From the Angebotsübersicht (H 5.3.2): where no offer answers what people look for is a gap of the chain. */
import type { CarryRoute } from '../carryRoute.ts'
import { angebotsuebersichtCells as angebote } from '../../templates/angebotsuebersicht.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'

export const routes: CarryRoute[] = [
  {
    id: 'offers-gaps',
    from: 'angebotsuebersicht',
    to: 'dienstleistungskette',
    what: { de: 'Lücken', en: 'Gaps' },
    source: { section: angebote.offers, cols: [angebote.col.luecke] },
    target: () => kette.gaps,
  },
]
