/** From the Statusbericht back to the Zielsystem: its consequences correct the planning. */
import type { CarryRoute } from '../carryRoute.ts'

// Until the templates declare them (statusberichtCells, zielsystemCells).
const eingang = 'ziele:cell:eingang:beschreibung'

export const routes: CarryRoute[] = [
  {
    id: 'report-consequences',
    from: 'statusbericht',
    to: 'zielsystem',
    what: { de: 'Konsequenzen', en: 'Consequences' },
    source: { section: 'ergebnis', cols: ['konsequenzen'] },
    target: (_note, ctx) => (ctx.targetKeys.has(eingang) ? eingang : undefined),
  },
]
