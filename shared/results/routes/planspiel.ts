/**
 * From the Planspiel into the service chain (H 4.3.4, 4.3.7): what was missing in the play are
 * the chain's gaps, what could be better its hand-overs, and each scene its as-is.
 */
import type { CarryRoute } from '../carryRoute.ts'

// Until the templates declare them (planspielCells, dienstleistungsketteCells).
const kette = { gaps: 'gaps', ist: (n: number) => `vergleich:cell:v${n}:ist` }

export const routes: CarryRoute[] = [
  {
    id: 'planspiel-gaps',
    from: 'planspiel',
    to: 'dienstleistungskette',
    what: { de: 'Was fehlt?', en: 'What is missing?' },
    source: { section: 'scenes', cols: ['fehlt'] },
    target: () => kette.gaps,
  },
  {
    id: 'planspiel-ist',
    from: 'planspiel',
    to: 'dienstleistungskette',
    what: { de: 'Szenen als Ist', en: 'Scenes as the as-is' },
    source: { section: 'scenes', cols: ['was'] },
    // Scene n is row n of the comparison; scenes beyond its rows go into the last.
    target: (note, ctx) => ctx.orLast(kette.ist, Number(note.cell.row?.replace(/^\D+/, '')) || 1),
  },
]
