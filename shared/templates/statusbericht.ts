/**
 * Statusbericht: the report to the steering group for one period. What was planned against what
 * was done, then the result, how it is judged and what follows. Its planned activities come from
 * the Zielsystem's activities, its period from the Zielsystem's milestones, its planned result
 * and the indicators it is judged by from the Zielsystem's Teilziele (H 3.3.4: Indikatoren „dienen
 * … dazu, den Erreichungsgrad zu überprüfen“).
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { opening, sum, table, type TableColumn } from './table.ts'

const limits = { activities: 20 }

const text = {
  title: { de: 'Statusbericht', en: 'Status report' },
  description: {
    de: 'Für die Steuerungsgruppe: geplantes Ergebnis mit Indikatoren, geplante und durchgeführte Aktivitäten im Abgleich, erreichtes Ergebnis, Beurteilung u. Auswertung, Konsequenzen.',
    en: 'For the steering group: planned result with indicators, planned and completed activities compared, result reached, assessment and evaluation, consequences.',
  },
  intro: {
    de: 'Was war für diesen Zeitraum geplant, was ist geschehen, was folgt daraus? Die geplanten Aktivitäten kommen aus den Aktivitäten des Zielsystems, der Berichtszeitraum aus seinen Meilensteinen, das geplante Ergebnis und seine Indikatoren aus seinen Teilzielen. Konsequenzen fließen als Korrektur zurück in die Planung.',
    en: 'What was planned for this period, what happened, what follows? The planned activities come from the goal system’s activities, the reporting period from its milestones, the planned result and its indicators from its sub-goals. Consequences go back into the plan as corrections.',
  },
  head: { de: 'Bericht', en: 'Report' },
  activities: { de: 'Aktivitäten', en: 'Activities' },
  number: { de: 'Nr.', en: 'No.' },
  outcome: { de: 'Ergebnis', en: 'Result' },
  addActivity: { de: 'Aktivität hinzufügen', en: 'Add an activity' },
}

/**
 * The keys the carry routes write into (the Zielsystem's Teilziele, activities and milestones)
 * and read from (the consequences). Stored boards find their cells by these keys: add, never rename.
 */
export const statusberichtCells = Object.freeze({
  head: Object.freeze({
    section: 'bericht',
    row: 'bericht',
    col: Object.freeze({ projekt: 'projekt', zeitraum: 'zeitraum', datum: 'datum', geplant: 'geplant', indikatoren: 'indikatoren', berichtet: 'berichtet' }),
  }),
  activities: Object.freeze({
    section: 'aktivitaeten',
    row: (n: number) => `a${n}`,
    col: Object.freeze({ geplant: 'geplant', durchgefuehrt: 'durchgefuehrt', abgleich: 'abgleich' }),
  }),
  outcome: Object.freeze({
    section: 'ergebnis',
    row: 'ergebnis',
    col: Object.freeze({ erreicht: 'erreicht', beurteilung: 'beurteilung', konsequenzen: 'konsequenzen' }),
  }),
} as const)
const { head: headKeys, activities: activityKeys, outcome: outcomeKeys } = statusberichtCells

type Column = { key: string; title: Labels; prompt?: Labels; w: number }

const headColumns: Column[] = [
  // Widths that keep the longest word of each title whole at zoom-to-fit („Berichtszeitraum“).
  { key: headKeys.col.projekt, title: { de: 'Projekt', en: 'Project' }, w: 290 },
  { key: headKeys.col.zeitraum, title: { de: 'Berichtszeitraum', en: 'Reporting period' }, w: 430 },
  { key: headKeys.col.datum, title: { de: 'Datum', en: 'Date' }, w: 210 },
  // From the Arbeitsauftrag's „Wer berichtet?“, with the group it reports for.
  { key: headKeys.col.berichtet, title: { de: 'Wer berichtet?', en: 'Who reports?' }, w: 420 },
  // From the Zielsystem's Teilziele: what is to be reached, and the measure agreed for it.
  { key: headKeys.col.geplant, title: { de: 'Geplantes Ergebnis', en: 'Planned result' }, w: 600 },
  {
    key: headKeys.col.indikatoren,
    title: { de: 'Indikatoren', en: 'Indicators' },
    prompt: { de: 'Woran erkennen wir, dass es erreicht ist?', en: 'How will we know it has been reached?' },
    w: 550,
  },
]

export const activityColumns: Column[] = [
  { key: activityKeys.col.geplant, title: { de: 'Geplante Aktivitäten', en: 'Planned activities' }, w: 780 },
  { key: activityKeys.col.durchgefuehrt, title: { de: 'Durchgeführte Aktivitäten', en: 'Activities carried out' }, w: 780 },
  {
    key: activityKeys.col.abgleich,
    title: { de: 'Abgleich', en: 'Comparison' },
    prompt: { de: 'Wie weit sind wir, was weicht ab und warum?', en: 'How far have we got, what differs and why?' },
    w: 780,
  },
]

const outcomeColumns: Column[] = [
  { key: outcomeKeys.col.erreicht, title: { de: 'Erreichtes Ergebnis', en: 'Result reached' }, w: 1 },
  // As the handbook's form names it: judging the result reached, and evaluating why.
  { key: outcomeKeys.col.beurteilung, title: { de: 'Beurteilung u. Auswertung', en: 'Assessment and evaluation' }, w: 1 },
  { key: outcomeKeys.col.konsequenzen, title: { de: 'Konsequenzen', en: 'Consequences' }, prompt: { de: 'Was ändern wir?', en: 'What do we change?' }, w: 1 },
]

export const StatusberichtOptions = z.object({
  activities: z.number().int().min(1).max(limits.activities).default(5),
})
export type StatusberichtOptions = z.infer<typeof StatusberichtOptions>

const size = { numberW: 160, headH: 240, rowH: 180, outcomeH: 280, gap: 40 }
const headerScale = 2.4
const width = size.numberW + sum(activityColumns.map((c) => c.w))

/** Columns stretched to the report's width, in their proportions. */
function spread(columns: Column[], locale: Locale): TableColumn[] {
  const total = sum(columns.map((c) => c.w))
  return columns.map((c) => ({ key: c.key, title: pick(c.title, locale), prompt: c.prompt && pick(c.prompt, locale), w: Math.round((c.w * width) / total) }))
}

function layout(options: StatusberichtOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const fields = (keys: { section: string; row: string }, title: Labels, columns: Column[], y: number, rowH: number) =>
    table({
      section: keys.section,
      sectionTitle: t(title),
      rowsTitle: '',
      x: 0,
      y,
      labelW: 0,
      columns: spread(columns, locale),
      rows: [{ key: keys.row, label: t(title) }],
      rowH,
      scale: headerScale,
      headTone: 'grey',
      cellTone: 'light-blue',
    })
  const head = fields(headKeys, text.head, headColumns, open.y, size.headH)
  const activitiesY = open.y + head.h + size.gap
  const activities = table({
    section: activityKeys.section,
    sectionTitle: t(text.activities),
    rowsTitle: t(text.number),
    x: 0,
    y: activitiesY,
    labelW: size.numberW,
    columns: activityColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: Array.from({ length: options.activities }, (_, i) => ({ key: activityKeys.row(i + 1), label: `${i + 1}` })),
    rowH: size.rowH,
    scale: headerScale,
  })
  const outcomeY = activitiesY + activities.h + size.gap
  const outcome = fields(outcomeKeys, text.outcome, outcomeColumns, outcomeY, size.outcomeH)
  return { blocks: [...open.blocks, ...head.blocks, ...activities.blocks, ...outcome.blocks], w: width, h: outcomeY + outcome.h }
}

export const statusbericht: TemplateDefinition<StatusberichtOptions> = {
  name: 'statusbericht',
  title: text.title,
  description: text.description,
  options: StatusberichtOptions,
  layout,
  // What the group cannot change itself goes up to the steering group.
  decisionNeeds: [{ section: outcomeKeys.section, what: [outcomeKeys.col.konsequenzen] }],
  actions: [
    {
      id: 'addActivity',
      label: text.addActivity,
      apply: (options) => (options.activities >= limits.activities ? options : { ...options, activities: options.activities + 1 }),
    },
  ],
}
