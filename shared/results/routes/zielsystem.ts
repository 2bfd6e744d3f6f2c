/**
 * From the Zielsystem to the Statusbericht (H, Anlage Zielsystem): the Teilziele are the result a
 * report plans, their indicators what the result reached is judged by (H 3.3.4); the activities
 * are what a report plans and compares with what was done; the milestones are the fixed points a
 * report's period is measured by, one period per report. Its Projektziele (the benefit reached at the
 * target group) are the Wirkungen the service chain is to have; its goals' indicators are what
 * Erfolg und Reflexion measures success by (H 6.3.1).
 */
import type { CarryRoute } from '../carryRoute.ts'
import { cellKey } from '../../templates/table.ts'
import { arbeitsauftragCells as auftrag, type ArbeitsauftragOptions } from '../../templates/arbeitsauftrag.ts'
import { statusberichtCells as bericht } from '../../templates/statusbericht.ts'
import { zielsystemCells as ziele } from '../../templates/zielsystem.ts'
import { dienstleistungsketteCells as kette } from '../../templates/dienstleistungskette.ts'
import { erfolgCells as erfolg } from '../../templates/erfolg.ts'
import { saysNo } from '../../templates/answers.ts'
import { numberOf } from './numbered.ts'
import { pick, type Labels } from '../../locale.ts'
import type { RowView } from '../carryRoute.ts'

/** The Teilziel an Arbeitsauftrag serves (its option; 0: none chosen yet). */
const servedTeilziel = (options: unknown) => (options as Partial<ArbeitsauftragOptions> | undefined)?.teilziel ?? 0

const text = {
  teilziel: { de: 'Teilziel', en: 'Sub-goal' },
  indicator: { de: 'Indikator', en: 'Indicator' },
} satisfies Record<string, Labels>

const planned = (n: number) => cellKey(bericht.activities.section, bericht.activities.row(n), bericht.activities.col.geplant)
const plannedResult = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.geplant)
const resultIndicators = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.indikatoren)
const period = cellKey(bericht.head.section, bericht.head.row, bericht.head.col.zeitraum)
const successIndicator = (n: number) => cellKey(erfolg.indicators, erfolg.indicator(n), erfolg.col.indikator)

const ms = ziele.milestones.col
/** Marked reached: a Zettel under „Erreicht?“ that does not say no (as the open items read it). */
const reached = (row: RowView) => {
  const marks = row.notes.get(ms.erreicht) ?? []
  return marks.length > 0 && !marks.every(saysNo)
}
/**
 * The rows of the next period: the first milestone not reached yet, and those due on the same
 * date. A report covers one period; the next report gets the next once these are marked reached.
 */
function nextPeriod(rows: readonly RowView[]): Set<string> {
  const open = rows.filter((r) => (r.notes.get(ms.meilenstein) ?? []).length > 0 && !reached(r))
  const due = (r: RowView) => (r.notes.get(ms.bisWann) ?? []).join(' ').trim()
  const [first] = open
  if (!first) return new Set()
  return new Set(open.filter((r) => r === first || (due(first) !== '' && due(r) === due(first))).map((r) => r.row))
}

/** The goals' levels (Oberziel, Projektziele, Teilziele): states with indicators, not activities nor the Eingang. */
const isGoal = (row: string) => row === ziele.oberziel || numberOf(ziele.projektziel, row) !== undefined || numberOf(ziele.teilziel, row) !== undefined

export const routes: CarryRoute[] = [
  {
    // Every Teilziel: a report covers the project's period, as its activities do (all of them).
    id: 'subgoals-result-report',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Teilziele und Indikatoren', en: 'Sub-goals and indicators' },
    source: { section: ziele.goals, cols: [ziele.col.beschreibung, ziele.col.indikatoren], rows: (row) => numberOf(ziele.teilziel, row) !== undefined },
    // A report made before it had „Indikatoren“ takes them with its Geplantes Ergebnis, named as such.
    target: (note, ctx) => (note.cell.col === ziele.col.indikatoren && ctx.targetKeys.has(resultIndicators) ? resultIndicators : plannedResult),
    // Several Teilziele share the two cells: each Zettel says whose it is.
    text: (note, ctx) => {
      const whose = `${pick(text.teilziel, ctx.targetLocale)} ${numberOf(ziele.teilziel, note.cell.row)}`
      const apart = note.cell.col === ziele.col.indikatoren && !ctx.targetKeys.has(resultIndicators)
      return apart ? `${whose}, ${pick(text.indicator, ctx.targetLocale)}: ${note.text}` : `${whose}: ${note.text}`
    },
  },
  {
    id: 'goals-activities-report',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Aktivitäten', en: 'Activities' },
    source: { section: ziele.goals, cols: [ziele.col.beschreibung], rows: (row) => numberOf(ziele.aktivitaet, row) !== undefined },
    // One activity per row of the report, then the last row.
    target: (_note, ctx) => ctx.nextFree(planned),
    text: (note, ctx) => `${pick(text.teilziel, ctx.targetLocale)} ${numberOf(ziele.aktivitaet, note.cell.row)}: ${note.text}`,
  },
  {
    id: 'milestones-period',
    from: 'zielsystem',
    to: 'statusbericht',
    what: { de: 'Meilensteine des nächsten Zeitraums', en: 'Milestones of the next period' },
    source: { section: ziele.milestones.section, cols: [ziele.milestones.col.meilenstein] },
    target: (note, ctx) => (nextPeriod(ctx.rows).has(note.cell.row ?? '') ? period : null),
    text: (note, ctx) => [note.text, ...ctx.sameRow(ziele.milestones.col.bisWann)].join(' – '),
  },
  {
    // H, Anlage Arbeitsauftrag: "1 Ziele" is the Teilziel the working group is set up for.
    id: 'goal-order',
    from: 'zielsystem',
    to: 'arbeitsauftrag',
    what: { de: 'Teilziel und Indikatoren', en: 'Sub-goal and indicators' },
    source: { section: ziele.goals, cols: [ziele.col.beschreibung, ziele.col.indikatoren], rows: (row) => numberOf(ziele.teilziel, row) !== undefined },
    holds: (_notes, options) =>
      servedTeilziel(options) > 0
        ? undefined
        : { de: 'Wählen Sie im Arbeitsauftrag erst das Teilziel, dem er dient.', en: 'First choose in the work order the sub-goal it serves.' },
    target: (note, ctx) => (numberOf(ziele.teilziel, note.cell.row) === servedTeilziel(ctx.targetOptions) ? auftrag.ziele : null),
    text: (note, ctx) => (note.cell.col === ziele.col.indikatoren ? `${pick(text.indicator, ctx.targetLocale)}: ${note.text}` : note.text),
  },
  {
    id: 'goals-effects',
    from: 'zielsystem',
    to: 'dienstleistungskette',
    what: { de: 'Projektziele als Wirkungen', en: 'Project goals as effects' },
    source: { section: ziele.goals, cols: [ziele.col.beschreibung], rows: (row) => numberOf(ziele.projektziel, row) !== undefined },
    target: () => kette.wirkungen,
  },
  {
    id: 'goals-indicators-success',
    from: 'zielsystem',
    to: 'erfolg',
    what: { de: 'Indikatoren der Ziele', en: 'The goals’ indicators' },
    source: { section: ziele.goals, cols: [ziele.col.indikatoren], rows: isGoal },
    // One indicator per row, then the last; each says its level, for the way back.
    target: (_note, ctx) => ctx.nextFree(successIndicator),
    text: (note) => (note.cell.rowLabel ? `${note.cell.rowLabel}: ${note.text}` : note.text),
    companions: [{ from: ziele.col.quellen, to: erfolg.col.quelle, part: 'source' }],
  },
]
