/**
 * Befragung von Alleinerziehenden und Arbeitgebern (H 5.3.4): the results are judged with all
 * partners „im Hinblick auf weitergehende Aktivitäten des Netzwerks“. What the network concludes
 * waits in the Zielsystem's Eingang, marked as the survey's, until it is sorted onto a level.
 * Only the judgement travels, never what single respondents said.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { pick, type Labels } from '../../locale.ts'
import { befragungCells as befragung } from '../../templates/befragung.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'

const source: Labels = { de: 'Befragung', en: 'Survey' }

export const routes: CarryRoute[] = [
  {
    id: 'survey-goals',
    from: 'befragung',
    to: 'zielsystem',
    what: { de: 'Was aus der Befragung folgt', en: 'What follows from the survey' },
    source: { section: befragung.auswertung.section, cols: [befragung.col.antwort], rows: (row) => row === befragung.auswertung.rows.bewertung },
    target: (_note, ctx) => (ctx.targetKeys.has(ziele.eingangCell) ? ziele.eingangCell : undefined),
    text: (note, ctx) => `${pick(source, ctx.targetLocale)}: ${note.text}`,
  },
]
