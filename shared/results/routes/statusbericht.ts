/** From the Statusbericht back to the Zielsystem: its consequences correct the planning (H, Anlage Zielsystem). */
import type { CarryRoute } from '../carryRoute.ts'
import { statusberichtCells as bericht } from '../../templates/statusbericht.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'

const eingang = ziele.eingangCell

export const routes: CarryRoute[] = [
  {
    id: 'report-consequences',
    from: 'statusbericht',
    to: 'zielsystem',
    what: { de: 'Konsequenzen', en: 'Consequences' },
    source: { section: bericht.outcome.section, cols: [bericht.outcome.col.konsequenzen] },
    // An old goal system without an Eingang has no place for them: counted, not forced elsewhere.
    target: (_note, ctx) => (ctx.targetKeys.has(eingang) ? eingang : undefined),
  },
]
