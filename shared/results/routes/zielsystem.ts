/**
 * From the Zielsystem to the Statusbericht (H, Anlage Zielsystem): the activities are what a
 * report plans and compares with what was done; the milestones are the fixed points a report's
 * period is measured by.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { statusberichtCells as bericht } from '../../templates/statusbericht.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'
import { numberOf } from './numbered.ts'

const planned = (n: number) => cellKey(bericht.activities.section, bericht.activities.row(n), bericht.activities.col.geplant)
const period = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.zeitraum)

export const routes: CarryRoute[] = [
  {
    id: 'goals-activities-report',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Aktivitäten', en: 'Activities' },
    source: { section: ziele.goals, cols: [ziele.col.beschreibung], rows: (row) => numberOf(ziele.aktivitaet, row) !== undefined },
    // One activity per row of the report, then the last row.
    target: (_note, ctx) => ctx.nextFree(planned),
    text: (note, ctx) => `${ctx.targetLocale === 'en' ? 'Sub-goal' : 'Teilziel'} ${numberOf(ziele.aktivitaet, note.cell.row)}: ${note.text}`,
  },
  {
    id: 'milestones-period',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Meilensteine', en: 'Milestones' },
    source: { section: ziele.milestones.section, cols: [ziele.milestones.col.meilenstein] },
    target: () => period,
    text: (note, ctx) => [note.text, ...ctx.sameRow(ziele.milestones.col.bisWann)].join(' – '),
  },
]
