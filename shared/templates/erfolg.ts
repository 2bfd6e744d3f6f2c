/**
 * Erfolg und Reflexion: the network looks at what it has achieved and what lasts. The handbook's
 * checklist for sustainability, each area rated by everyone with one note on a traffic light;
 * then the shared indicators of success (with the target group's view) and a round of feedback.
 */
import { z } from 'zod'
import type { ExportTable, TemplateDefinition } from './definition.ts'
import type { Block, Tone } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const limits = { indicators: 12 }

/** The cells other parts of the app may read (the indicators, for a goal system). */
export const erfolgCells = {
  checklist: 'checkliste',
  lights: ['gruen', 'gelb', 'rot'],
  /** What a rating rests on („Woran machen wir das fest?“): a shaky area's may be a goal's assumption. */
  basis: 'woran',
  indicators: 'indikatoren',
  indicator: (n: number) => `i${n}`,
  round: 'runde',
  /** H 4.3.2's Rückmelderunde on working together. */
  together: 'miteinander',
  col: { indikator: 'indikator', quelle: 'quelle', sicht: 'sicht', stand: 'stand' },
} as const

const cells = erfolgCells

const text = {
  title: { de: 'Erfolg und Reflexion', en: 'Success and reflection' },
  description: {
    de: 'Was trägt, was wackelt, was fehlt? Die Checkliste Nachhaltigkeit als Ampel, gemeinsame Erfolgsindikatoren und eine Rückmelderunde.',
    en: 'What holds, what is shaky, what is missing? The sustainability checklist as traffic lights, shared indicators of success and a feedback round.',
  },
  intro: {
    de: 'Erfolg ist ein festes Thema jedes Treffens. Jede Person klebt je Bereich einen Zettel mit ihrem Kürzel unter Grün, Gelb oder Rot; danach sprechen Sie darüber, woran Sie das festmachen und was als Nächstes geschieht; ist ein Schritt getan, kommt unter „Erledigt?“ ein ✓. Rechts halten Sie fest, woran das Netzwerk gemeinsam Erfolg misst – auch aus Sicht der Alleinerziehenden – und zum Schluss, wie Sie miteinander umgehen und was sich ändern soll.',
    en: 'Success is a standing item of every meeting. For each area everyone places one note with their initials under green, yellow or red; then talk about what you base it on and what happens next; once a step is done, put a ✓ under “Done?”. On the right, note how the network measures success together, from the single parents’ point of view too – and, to close, how you treat each other and what should change.',
  },
  checklist: { de: 'Checkliste Nachhaltigkeit', en: 'Sustainability checklist' },
  area: { de: 'Bereich', en: 'Area' },
  indicators: { de: 'Gemeinsame Erfolgsindikatoren', en: 'Shared indicators of success' },
  number: { de: 'Nr.', en: 'No.' },
  round: { de: 'Rückmelderunde', en: 'Feedback round' },
  together: { de: 'Rückmeldung zur Zusammenarbeit', en: 'Feedback on working together' },
  lights: { de: 'Ampel je Bereich', en: 'Traffic lights per area' },
  date: { de: 'Datum', en: 'Date' },
  addIndicator: { de: 'Indikator hinzufügen', en: 'Add an indicator' },
}

type Row = { key: string; title: Labels; prompt: Labels }
type Column = { key: string; title: Labels; prompt?: Labels; w: number; head?: Tone; tone?: Tone }

/** The handbook's areas of sustainability, in its words' sense. */
export const areas: Row[] = [
  {
    key: 'strukturen',
    title: { de: 'Dauerhafte Strukturen', en: 'Lasting structures' },
    prompt: { de: 'Sind Gremien, Treffen und Abläufe auf Dauer angelegt?', en: 'Are bodies, meetings and processes set up to last?' },
  },
  {
    key: 'produkte',
    title: { de: 'Gemeinsame Produkte', en: 'Joint products' },
    prompt: { de: 'Gibt es Angebote, die nur gemeinsam entstanden sind?', en: 'Are there services that only exist because we made them together?' },
  },
  {
    key: 'akteure',
    title: { de: 'Relevante Akteure', en: 'The right partners' },
    prompt: {
      de: 'Sind beide Felder (Arbeitsmarkt- und Familienpolitik) und beide Ebenen (Entscheidung und Arbeit) dabei?',
      en: 'Are both fields (labour-market and family policy) and both levels (decision-makers and practitioners) involved?',
    },
  },
  {
    key: 'ressourcen',
    title: { de: 'Dauerhafte Ressourcen', en: 'Lasting resources' },
    prompt: { de: 'Sind Zeit, Geld und Koordination über die Förderung hinaus gesichert?', en: 'Are time, money and coordination secured beyond the funding?' },
  },
  {
    key: 'kommune',
    title: { de: 'Verankert in der Kommune', en: 'Rooted in the municipality' },
    prompt: { de: 'Kennen Politik und Verwaltung das Netzwerk und seine Produkte und tragen sie mit?', en: 'Do politics and administration know the network and its products, and back them?' },
  },
  {
    key: 'flexibel',
    title: { de: 'Flexibel', en: 'Adaptable' },
    prompt: { de: 'Kann das Netzwerk auf neue Anforderungen reagieren?', en: 'Can the network respond to new demands?' },
  },
  {
    key: 'reflexion',
    title: { de: 'Ziele im Blick', en: 'Goals in sight' },
    prompt: { de: 'Prüfen wir regelmäßig, ob wir den übergeordneten Zielen näherkommen?', en: 'Do we regularly check whether we are getting closer to our overall goals?' },
  },
]

const checklistColumns: Column[] = [
  { key: 'gruen', title: { de: 'Grün: trägt', en: 'Green: holds' }, w: 300, head: 'green', tone: 'light-green' },
  { key: 'gelb', title: { de: 'Gelb: wackelt', en: 'Yellow: shaky' }, w: 300, head: 'yellow', tone: 'yellow' },
  { key: 'rot', title: { de: 'Rot: fehlt', en: 'Red: missing' }, w: 300, head: 'red', tone: 'light-red' },
  { key: cells.basis, title: { de: 'Woran machen wir das fest?', en: 'What do we base it on?' }, w: 300 },
  { key: 'schritt', title: { de: 'Nächster Schritt', en: 'Next step' }, w: 330 },
  { key: 'wer', title: { de: 'Wer?', en: 'Who?' }, w: 240 },
  { key: 'bisWann', title: { de: 'Bis wann?', en: 'By when?' }, w: 260 },
  // The next steps close like every task (issue 61): H 4.2.1 takes success up at every meeting.
  doneColumn(320),
]

const indicatorColumns: Column[] = [
  {
    key: cells.col.indikator,
    title: { de: 'Indikator', en: 'Indicator' },
    prompt: { de: 'Woran erkennen alle Partner gemeinsam, dass es wirkt?', en: 'How do all partners see, together, that it works?' },
    w: 1,
  },
  {
    key: cells.col.quelle,
    title: { de: 'Woran ablesen?', en: 'Where do we read it?' },
    prompt: { de: 'Zahl, Befragung, Rückmeldung – und wer sie erhebt', en: 'A figure, a survey, feedback – and who collects it' },
    w: 1,
  },
  {
    key: cells.col.sicht,
    title: { de: 'Sicht der Zielgruppe', en: 'Target group’s view' },
    prompt: { de: 'Was wäre für Alleinerziehende ein Erfolg?', en: 'What would success be for single parents?' },
    w: 1.2,
  },
  // Short titles, narrower: the checklist's „Erledigt?“ took the room (issue 61).
  { key: cells.col.stand, title: { de: 'Stand heute', en: 'Where we are' }, w: 0.85 },
]

/** H 4.3.2's feedback at the end of a meeting: how we deal with each other, and what should change. */
const togetherColumns: Column[] = [
  { key: 'umgang', title: { de: 'Wie gehen wir miteinander um?', en: 'How do we treat each other?' }, w: 1 },
  { key: 'veraenderung', title: { de: 'Wo gibt es Veränderungsbedarf?', en: 'What needs to change?' }, w: 1 },
]

const roundColumns: Column[] = [
  { key: 'weiter', title: { de: 'Was hat uns weitergebracht?', en: 'What moved us forward?' }, w: 1 },
  { key: 'schwer', title: { de: 'Was war schwer?', en: 'What was hard?' }, w: 1 },
  { key: 'wunsch', title: { de: 'Was brauche ich vom Netzwerk?', en: 'What do I need from the network?' }, w: 1 },
]

export const ErfolgOptions = z.object({
  indicators: z.number().int().min(1).max(limits.indicators).default(4),
  date: DateOption,
})
export type ErfolgOptions = z.infer<typeof ErfolgOptions>

// Two columns, so that the whole reflection fits a screen: the checklist on the left, the
// indicators and the feedback round on the right.
const size = { labelW: 540, numberW: 200, rightW: 1550, rowH: 200, indicatorRowH: 200, roundH: 280, gap: 50, columnGap: 100 }
const headerScale = 3
const leftW = size.labelW + sum(checklistColumns.map((c) => c.w))
const width = leftW + size.columnGap + size.rightW

/** Columns stretched to `w`, in their proportions. */
const spread = (columns: Column[], w: number, locale: Locale) => {
  const total = sum(columns.map((c) => c.w))
  return columns.map((c) => ({ key: c.key, title: pick(c.title, locale), prompt: c.prompt && pick(c.prompt, locale), w: (c.w * w) / total }))
}

function layout(options: ErfolgOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const checklist = table({
    section: cells.checklist,
    sectionTitle: t(text.checklist),
    rowsTitle: t(text.area),
    x: 0,
    y: open.y,
    labelW: size.labelW,
    columns: checklistColumns.map((c) => ({ key: c.key, title: t(c.title), w: c.w })),
    rows: areas.map((a) => ({ key: a.key, label: t(a.title), prompt: t(a.prompt) })),
    rowH: size.rowH,
    scale: headerScale,
  })
  // The lights in their colours, header and cells alike.
  const lit = checklist.blocks.map((block): Block => {
    const column = checklistColumns.find((c) => c.tone && (block.key === `${cells.checklist}:head:${c.key}` || (block.kind === 'cell' && block.cell.col === c.key)))
    if (!column) return block
    if (block.kind === 'header') return { ...block, tone: column.head! }
    if (block.kind === 'cell') return { ...block, tone: column.tone! }
    return block
  })
  const rightX = leftW + size.columnGap
  const indicators = table({
    section: cells.indicators,
    sectionTitle: t(text.indicators),
    rowsTitle: t(text.number),
    x: rightX,
    y: open.y,
    labelW: size.numberW,
    columns: spread(indicatorColumns, size.rightW - size.numberW, locale),
    rows: Array.from({ length: options.indicators }, (_, i) => ({ key: cells.indicator(i + 1), label: `${i + 1}` })),
    rowH: size.indicatorRowH,
    scale: headerScale,
    headTone: 'violet',
    cellTone: 'light-violet',
  })
  const roundY = open.y + indicators.h + size.gap
  const round = table({
    section: cells.round,
    sectionTitle: t(text.round),
    rowsTitle: '',
    x: rightX,
    y: roundY,
    labelW: 0,
    columns: spread(roundColumns, size.rightW, locale),
    rows: [{ key: cells.round, label: t(text.round) }],
    rowH: size.roundH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  // H 4.3.2's two questions, below the round: a meeting ends with them.
  const togetherY = roundY + round.h + size.gap
  const together = table({
    section: cells.together,
    sectionTitle: t(text.together),
    rowsTitle: '',
    x: rightX,
    y: togetherY,
    labelW: 0,
    columns: spread(togetherColumns, size.rightW, locale),
    rows: [{ key: cells.together, label: t(text.together) }],
    rowH: size.roundH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  return { blocks: [...open.blocks, ...lit, ...indicators.blocks, ...round.blocks, ...together.blocks], w: width, h: Math.max(open.y + checklist.h, togetherY + together.h) }
}

export const erfolg: TemplateDefinition<ErfolgOptions> = {
  name: 'erfolg',
  title: text.title,
  description: text.description,
  options: ErfolgOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [{ section: cells.checklist, what: ['schritt'], who: ['wer'], when: ['bisWann'], requires: ['schritt', 'wer'], rowLabel: true, done: [doneKey] }],
  actions: [
    {
      id: 'addIndicator',
      label: text.addIndicator,
      apply: (options) => (options.indicators >= limits.indicators ? options : { ...options, indicators: options.indicators + 1 }),
    },
  ],
  exportTables(view, locale): ExportTable[] {
    const t = (labels: Labels) => pick(labels, locale)
    const count = (row: string, col: string) =>
      String(view.cells.find((c) => c.ref.section === cells.checklist && c.ref.row === row && c.ref.col === col)?.notes.length ?? 0)
    const lights = checklistColumns.filter((c) => c.tone)
    return [
      {
        title: t(text.lights),
        columns: [t(text.area), ...lights.map((c) => t(c.title))],
        rows: areas.map((a) => [[t(a.title)], ...lights.map((c) => [count(a.key, c.key)])]),
      },
    ]
  },
}
