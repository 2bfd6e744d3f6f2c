/**
 * From the Fallkonferenz (H 5.3.5): what the case taught the network goes on to the service chain
 * (gaps, hand-overs, what it showed about working together) and to the Zusammenschau of cases (themes). Only once its confirmations are
 * all written down: before that its export gate withholds the case, and carrying asks that gate.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { fallkonferenzCells as fall } from '../../templates/fallkonferenz.ts'
import { fallmatrixCells as matrix } from '../../templates/fallmatrix.ts'

const findings = (col: string) => ({ section: fall.findings, cols: [col], rows: (row: string) => row === fall.findingsRow })

export const routes: CarryRoute[] = [
  {
    id: 'case-gaps',
    from: 'fallkonferenz',
    to: 'dienstleistungskette',
    what: { de: 'Lücken', en: 'Gaps' },
    source: findings(fall.col.luecke),
    target: () => kette.gaps,
  },
  {
    id: 'case-handovers',
    from: 'fallkonferenz',
    to: 'dienstleistungskette',
    what: { de: 'Schnittstellen', en: 'Hand-overs' },
    source: findings(fall.col.schnittstelle),
    target: () => kette.handoverOpen,
  },
  {
    // H 5.3.5: the record of the conferences shows how the partners' cooperation has changed. The
    // lesson is written without names; one that reads as a name stays on the board (its gate).
    id: 'case-cooperation',
    from: 'fallkonferenz',
    to: 'dienstleistungskette',
    what: { de: 'Was die Konferenz an der Zusammenarbeit gezeigt hat', en: 'What the conference showed about working together' },
    source: findings(fall.col.zusammenarbeit),
    target: () => kette.handoverOpen,
  },
  {
    id: 'case-themes',
    from: 'fallkonferenz',
    to: 'fallmatrix',
    what: { de: 'Themen', en: 'Themes' },
    source: findings(fall.col.thema),
    // Proposals beside the matrix: whether a theme becomes a row, the group decides.
    target: () => matrix.vorschlaege,
  },
]
