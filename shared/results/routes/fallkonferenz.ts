/**
 * From the Fallkonferenz (H 5.3.5): what the case taught the network goes on to the service chain
 * (gaps, hand-overs) and to the Zusammenschau of cases (themes). Only once its confirmations are
 * all written down: before that its export withholds the case, and so does carrying.
 */
import type { CarryRoute, SourceNote } from '../carryRoute.ts'
import type { Labels } from '../../locale.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { fallkonferenzCells as fall } from '../../templates/fallkonferenz.ts'
import { fallmatrixCells as matrix } from '../../templates/fallmatrix.ts'

const consentFirst: Labels = {
  de: 'Erst alle Bestätigungen der Fallkonferenz eintragen (Einverständnis, Schweigepflicht, Pseudonym, Moderation).',
  en: 'First write down all of the case conference’s confirmations (consent, confidentiality, pseudonym, facilitation).',
}

const holds = (notes: readonly SourceNote[]) =>
  fall.consentRows.every((row) => notes.some((n) => n.cell.section === fall.consent && n.cell.row === row && n.cell.col === fall.confirmed && n.text.trim()))
    ? undefined
    : consentFirst

const findings = (col: string) => ({ section: fall.findings, cols: [col], rows: (row: string) => row === fall.findingsRow })

export const routes: CarryRoute[] = [
  {
    id: 'case-gaps',
    from: 'fallkonferenz',
    to: 'dienstleistungskette',
    what: { de: 'Lücken', en: 'Gaps' },
    source: findings(fall.col.luecke),
    holds,
    target: () => kette.gaps,
  },
  {
    id: 'case-handovers',
    from: 'fallkonferenz',
    to: 'dienstleistungskette',
    what: { de: 'Schnittstellen', en: 'Hand-overs' },
    source: findings(fall.col.schnittstelle),
    holds,
    target: () => kette.handoverOpen,
  },
  {
    id: 'case-themes',
    from: 'fallkonferenz',
    to: 'fallmatrix',
    what: { de: 'Themen', en: 'Themes' },
    source: findings(fall.col.thema),
    holds,
    // Proposals beside the matrix: whether a theme becomes a row, the group decides.
    target: () => matrix.vorschlaege,
  },
]
