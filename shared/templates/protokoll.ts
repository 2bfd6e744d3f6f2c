/**
 * Protokoll: the minutes of a network meeting. Who was there, then one row per agenda item
 * (TOP) from its topic to who does what by when; the last column becomes the open items.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import type { ExportTable, InstanceView } from '../templates/definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const limits = { topics: 30, attendeeRows: 20 }

const text = {
  title: { de: 'Protokoll', en: 'Minutes' },
  description: {
    de: 'Wer teilgenommen hat und je Tagesordnungspunkt: Thema, wer es eingebracht hat, was zu tun ist und wer es bis wann erledigt.',
    en: 'Who was there; per agenda item the topic, who raised it, what is to be done, and who does it by when.',
  },
  intro: {
    de: 'Oben tragen Sie ein, wer teilgenommen hat; darunter eine Zeile je Tagesordnungspunkt (TOP). Jede Aufgabe bekommt unter „Wer und bis wann?“ einen Namen und einen Termin – so erscheint sie in der Liste der offenen Punkte, bis unter „Erledigt?“ ein ✓ oder das Datum steht.',
    en: 'At the top, who was there; below, one row per agenda item. Every task gets a name and a date under “Who, and by when?”, so that it appears in the list of open items until “Done?” holds a ✓ or the date.',
  },
  meeting: { de: 'Sitzung', en: 'Meeting' },
  top: { de: 'TOP', en: 'Item' },
  topics: { de: 'Tagesordnung', en: 'Agenda' },
  openItems: { de: 'Offene Punkte', en: 'Open items' },
  addTopic: { de: 'Tagesordnungspunkt hinzufügen', en: 'Add an agenda item' },
  growAttendance: { de: 'Mehr Platz für Anwesende', en: 'More room for those present' },
  frame: { de: 'Zu diesem Protokoll', en: 'About these minutes' },
  agreed: { de: 'Vereinbart', en: 'Agreed' },
}

/**
 * What H 4.3.3 asks to settle for a network's minutes: whose they are (the Gremium), whether they
 * record the course of the meeting or its results (and so hold work orders), and who receives
 * them. Beside the meeting, right: no cell of a board made before moves, and the minutes, taller
 * than wide, keep their zoom.
 */
export const frameRows: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: 'gremium',
    title: { de: 'Gremium', en: 'Body' },
    prompt: { de: 'Gesamtnetzwerk, Steuerungsgruppe, Arbeitsgruppe …', en: 'Whole network, steering group, working group …' },
  },
  {
    key: 'art',
    title: { de: 'Verlaufs- oder Ergebnisprotokoll?', en: 'Proceedings or results?' },
    prompt: { de: 'Nur festhalten, oder auch Arbeitsaufträge?', en: 'A record only, or work orders too?' },
  },
  {
    key: 'verteiler',
    title: { de: 'Verteiler', en: 'Distribution' },
    prompt: { de: 'Wer bekommt es – und was bleibt intern?', en: 'Who receives it – and what stays internal?' },
  },
]

const meetingColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  { key: 'datum', title: { de: 'Datum', en: 'Date' }, w: 300 },
  { key: 'protokoll', title: { de: 'Protokollführung', en: 'Minute-taker' }, w: 440 },
  {
    key: 'anwesende',
    title: { de: 'Anwesende', en: 'Present' },
    prompt: {
      de: 'Ein Zettel je Person, mit Organisation – oder über „Anwesende übernehmen“ im Bereich „Vorlagen“.',
      en: 'One note per person with their organisation, or “Add everyone present” in the templates panel.',
    },
    w: 680,
  },
  { key: 'entschuldigt', title: { de: 'Entschuldigt', en: 'Apologies' }, w: 440 },
]

export const topicColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  { key: 'thema', title: { de: 'Thema', en: 'Topic' }, w: 360 },
  { key: 'von', title: { de: 'Eingebracht von', en: 'Raised by' }, w: 300 },
  { key: 'aufgabe', title: { de: 'Was ist zu tun?', en: 'What is to be done?' }, w: 460 },
  {
    key: 'wer',
    title: { de: 'Wer und bis wann?', en: 'Who, and by when?' },
    prompt: { de: 'Name und Termin, z. B. „Frau K., 15.1.“', en: 'Name and date, e.g. “Ms K., 15 Jan”' },
    w: 400,
  },
  doneColumn(240),
]

export const ProtokollOptions = z.object({
  date: DateOption,
  topics: z.number().int().min(1).max(limits.topics).default(5),
  /** How many rows of notes the meeting's row has grown by, for a long list of those present. */
  attendeeRows: z.number().int().min(0).max(limits.attendeeRows).default(0),
})
export type ProtokollOptions = z.infer<typeof ProtokollOptions>

const size = { topW: 160, meetingH: 300, rowH: 220, gap: 40, attendeeRowH: 210, frameLabelW: 460, frameW: 420 }
const headerScale = 2.2
const width = size.topW + sum(topicColumns.map((c) => c.w))

function layout(options: ProtokollOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  // The meeting's fields span the width of the agenda below them.
  const stretch = width / sum(meetingColumns.map((c) => c.w))
  const meeting = table({
    section: 'sitzung',
    sectionTitle: t(text.meeting),
    rowsTitle: '',
    x: 0,
    y: open.y,
    labelW: 0,
    columns: meetingColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: Math.round(c.w * stretch) })),
    rows: [{ key: 'sitzung', label: t(text.meeting) }],
    rowH: size.meetingH + options.attendeeRows * size.attendeeRowH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  const topics = table({
    section: 'tops',
    sectionTitle: t(text.topics),
    rowsTitle: t(text.top),
    x: 0,
    y: open.y + meeting.h + size.gap,
    labelW: size.topW,
    columns: topicColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: Array.from({ length: options.topics }, (_, i) => ({ key: `top${i + 1}`, label: `${i + 1}` })),
    rowH: size.rowH,
    scale: headerScale,
  })
  const frame = table({
    section: 'rahmen',
    sectionTitle: t(text.frame),
    rowsTitle: t(text.frame),
    x: width + size.gap * 2,
    y: open.y,
    labelW: size.frameLabelW,
    columns: [{ key: 'vereinbart', title: t(text.agreed), w: size.frameW }],
    rows: frameRows.map((r) => ({ key: r.key, label: t(r.title), prompt: t(r.prompt) })),
    rowH: size.rowH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  const h = open.y + meeting.h + size.gap + topics.h
  return { blocks: [...open.blocks, ...meeting.blocks, ...topics.blocks, ...frame.blocks], w: width + size.gap * 2 + size.frameLabelW + size.frameW, h: Math.max(h, open.y + frame.h) }
}

export const protokoll: TemplateDefinition<ProtokollOptions> = {
  name: 'protokoll',
  title: text.title,
  description: text.description,
  options: ProtokollOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(meetingColumns[0].title, locale), value: formatDate(options.date, locale) }] : []),
  // An agenda item with a task or someone to do it; the topic names it where no task is written.
  // „Wer und bis wann?“ is one column: its Zettel's date is the task's Bis-wann (`taskWords.ts`).
  openItemTables: [{ section: 'tops', what: ['aufgabe', 'thema'], who: ['wer'], when: ['wer'], requires: ['aufgabe', 'wer'], done: [doneKey] }],
  actions: [
    {
      id: 'addTopic',
      label: text.addTopic,
      apply: (options) => (options.topics >= limits.topics ? options : { ...options, topics: options.topics + 1 }),
    },
    {
      id: 'growAttendance',
      label: text.growAttendance,
      apply: (options) => (options.attendeeRows >= limits.attendeeRows ? options : { ...options, attendeeRows: options.attendeeRows + 1 }),
    },
  ],
  exportTables(view, locale): ExportTable[] {
    const t = (labels: Labels) => pick(labels, locale)
    const rows = topicRows(view).map((row) => [[row.top], row.thema, row.aufgabe, row.wer])
    const [thema, , aufgabe, wer] = topicColumns
    return [{ title: t(text.openItems), columns: [t(text.top), t(thema.title), t(aufgabe.title), t(wer.title)], rows }]
  },
}

/** Every agenda item with a task or someone to do it: what the next meeting checks. */
function topicRows(view: InstanceView) {
  const notesAt = (row: string, col: string) => view.cells.find((c) => c.ref.section === 'tops' && c.ref.row === row && c.ref.col === col)?.notes ?? []
  return view.cells
    .filter((c) => c.ref.section === 'tops' && c.ref.col === 'thema')
    .sort((a, b) => a.shape.y - b.shape.y)
    .map((c) => c.ref.row!)
    .map((row) => ({ top: row.slice(3), thema: notesAt(row, 'thema'), aufgabe: notesAt(row, 'aufgabe'), wer: notesAt(row, 'wer') }))
    .filter((row) => row.aufgabe.length > 0 || row.wer.length > 0)
}
