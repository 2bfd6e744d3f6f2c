/**
 * From the Zielsystem to the Statusbericht (H, Anlage Zielsystem): the activities are what a
 * report plans and compares with what was done; the milestones say which period it covers.
 */
import type { CarryRoute } from '../carryRoute.ts'

// Until the templates declare them (zielsystemCells, statusberichtCells).
const ziele = { section: 'ziele', beschreibung: 'beschreibung', milestones: 'meilensteine', meilenstein: 'meilenstein', bisWann: 'bisWann' }
const bericht = { geplant: (n: number) => `aktivitaeten:cell:a${n}:geplant`, zeitraum: 'bericht:cell:bericht:zeitraum' }

const activityRow = /^a(\d+)$/

export const routes: CarryRoute[] = [
  {
    id: 'goals-activities-report',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Aktivitäten', en: 'Activities' },
    source: { section: ziele.section, cols: [ziele.beschreibung], rows: (row) => activityRow.test(row) },
    // One activity per row of the report, then the last row.
    target: (_note, ctx) => ctx.nextFree(bericht.geplant),
    text: (note, ctx) => `${ctx.targetLocale === 'en' ? 'Sub-goal' : 'Teilziel'} ${note.cell.row?.match(activityRow)?.[1]}: ${note.text}`,
  },
  {
    id: 'milestones-period',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Meilensteine', en: 'Milestones' },
    source: { section: ziele.milestones, cols: [ziele.meilenstein] },
    target: () => bericht.zeitraum,
    text: (note, ctx) => [note.text, ...ctx.sameRow(ziele.bisWann)].join(' – '),
  },
]
