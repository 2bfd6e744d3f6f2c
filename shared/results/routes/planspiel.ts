/**
 * From the Planspiel into the service chain (H 4.3.4, 4.3.7): what was missing in the play are
 * the chain's gaps, what could be better its hand-overs still to be placed, each scene its as-is.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { planspielCells as spiel } from '../../templates/planspiel.ts'
import { numberOf } from './numbered.ts'

const ist = (n: number) => cellKey(kette.comparison.section, kette.comparison.row(n), kette.comparison.col.ist)

export const routes: CarryRoute[] = [
  {
    id: 'planspiel-gaps',
    from: 'planspiel',
    to: 'dienstleistungskette',
    what: { de: 'Was fehlt?', en: 'What is missing?' },
    source: { section: spiel.scenes.section, cols: [spiel.scenes.col.fehlt] },
    target: () => kette.gaps,
  },
  {
    id: 'planspiel-handovers',
    from: 'planspiel',
    to: 'dienstleistungskette',
    what: { de: 'Was könnte besser sein?', en: 'What could be better?' },
    source: { section: spiel.scenes.section, cols: [spiel.scenes.col.besser] },
    // Into the hand-overs nobody has placed yet: which hand-over it is, the group decides.
    target: () => kette.handoverOpen,
  },
  {
    id: 'planspiel-ist',
    from: 'planspiel',
    to: 'dienstleistungskette',
    what: { de: 'Szenen als Ist', en: 'Scenes as the as-is' },
    source: { section: spiel.scenes.section, cols: [spiel.scenes.col.was] },
    // Scene n is row n of the comparison; scenes beyond its rows go into the last.
    target: (note, ctx) => ctx.orLast(ist, numberOf(spiel.scenes.row, note.cell.row) ?? 1),
  },
]
