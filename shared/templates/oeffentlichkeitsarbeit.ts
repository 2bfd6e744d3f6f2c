/**
 * Öffentlichkeitsarbeit und Spruchreife (H 5.3.3, 4.3.2, 4.3.3): what the network says outside,
 * only once the network has agreed it is ready (spruchreif), who speaks for it, to whom
 * (Verteiler), and a press release drafted together. The occasions carry who prepares them by
 * when and whether it is done (open items).
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import { taskCols, taskItems, taskTail, type TaskColumn } from './taskTable.ts'

const limits = { occasions: 16 }

/** The keys of the template's cells. Stored boards find their cells by these keys: add, never rename. */
export const oeffentlichkeitsarbeitCells = Object.freeze({
  sprecher: Object.freeze({ section: 'sprecher', row: 'sprecher', col: Object.freeze({ wer: 'sprecher', abstimmung: 'abstimmung', nachfragen: 'nachfragen' }) }),
  anlaesse: Object.freeze({
    section: 'anlaesse',
    row: (n: number) => `n${n}`,
    col: Object.freeze({ was: 'was', spruchreif: 'spruchreif', wie: 'wie', ...taskCols }),
  }),
  verteiler: Object.freeze({
    section: 'verteiler',
    rows: Object.freeze({ zielgruppe: 'zielgruppe', fachwelt: 'fachwelt', politik: 'politik', presse: 'presse' }),
    col: Object.freeze({ kontakte: 'kontakte', pflege: 'pflege' }),
  }),
  presse: Object.freeze({ section: 'pressemitteilung', row: 'pressemitteilung', col: Object.freeze({ anlass: 'anlass', entwurf: 'entwurf', freigabe: 'freigabe' }) }),
} as const)
const keys = oeffentlichkeitsarbeitCells

const text = {
  title: { de: 'Öffentlichkeitsarbeit und Spruchreife', en: 'Public relations and readiness to publish' },
  description: {
    de: 'Was wann nach außen geht – nur, was das Netzwerk gemeinsam freigegeben hat –, wer für das Netzwerk spricht, an wen es geht (Verteiler) und ein gemeinsamer Entwurf der Pressemitteilung.',
    en: 'What goes out when (only what the network has agreed together), who speaks for the network, to whom it goes (distribution list), and a press release drafted together.',
  },
  intro: {
    de: 'Was im Netzwerk besprochen wird, bleibt vertraulich, bis das Netzwerk es für spruchreif erklärt. Halten Sie fest, wer nach außen spricht, welche Anlässe anstehen und wann sie freigegeben sind, an wen Sie sich wenden – und entwerfen Sie die Pressemitteilung gemeinsam, mit einer Ansprechperson für Nachfragen.',
    en: 'What is discussed in the network stays confidential until the network declares it ready to publish. Note who speaks outside, which occasions are coming and when they were released, whom you address, and draft the press release together, with a contact person for questions.',
  },
  sprecher: { de: 'Wer spricht für das Netzwerk?', en: 'Who speaks for the network?' },
  anlaesse: { de: 'Was geht wann nach außen?', en: 'What goes out when?' },
  number: { de: 'Nr.', en: 'No.' },
  verteiler: { de: 'Verteiler', en: 'Distribution list' },
  audience: { de: 'An wen?', en: 'To whom?' },
  presse: { de: 'Pressemitteilung (Entwurf)', en: 'Press release (draft)' },
  date: { de: 'Datum', en: 'Date' },
  addOccasion: { de: 'Anlass hinzufügen', en: 'Add an occasion' },
}

type Column = TaskColumn

const speakerColumns: Column[] = [
  {
    key: keys.sprecher.col.wer,
    title: { de: 'Wer spricht?', en: 'Who speaks?' },
    prompt: { de: 'Koordination, Steuerungsgruppe, eine Arbeitsgruppe?', en: 'The coordination, the steering group, a working group?' },
    w: 1,
  },
  {
    key: keys.sprecher.col.abstimmung,
    title: { de: 'Wie wird abgestimmt?', en: 'How is it agreed?' },
    prompt: { de: 'Nach welcher Netzwerkregel, mit wem, in welcher Frist?', en: 'By which network rule, with whom, within what time?' },
    w: 1,
  },
  {
    key: keys.sprecher.col.nachfragen,
    title: { de: 'Ansprechperson für Nachfragen', en: 'Contact for questions' },
    prompt: { de: 'Name, Organisation, Telefon', en: 'Name, organisation, phone' },
    w: 1,
  },
]

const occasionColumns: Column[] = [
  {
    key: keys.anlaesse.col.was,
    title: { de: 'Was?', en: 'What?' },
    prompt: { de: 'Anlass, Ergebnis, Produkt', en: 'Occasion, result, product' },
    w: 480,
  },
  {
    key: keys.anlaesse.col.spruchreif,
    title: { de: 'Spruchreif?', en: 'Ready to publish?' },
    prompt: { de: 'Vom Netzwerk freigegeben am … durch …', en: 'Released by the network on … by …' },
    w: 420,
  },
  {
    key: keys.anlaesse.col.wie,
    title: { de: 'Wie?', en: 'How?' },
    prompt: { de: 'Pressemitteilung, Fachtag, Broschüre, Website', en: 'Press release, conference, brochure, website' },
    w: 380,
  },
  ...taskTail,
]

type Row = { key: string; label: Labels; prompt: Labels }

const audienceRows: Row[] = [
  {
    key: keys.verteiler.rows.zielgruppe,
    label: { de: 'Zielgruppe', en: 'Target group' },
    prompt: { de: 'Die Alleinerziehenden selbst', en: 'The single parents themselves' },
  },
  {
    key: keys.verteiler.rows.fachwelt,
    label: { de: 'Fachöffentlichkeit', en: 'Professionals' },
    prompt: { de: 'Akteure der Familien- und Arbeitsmarktpolitik', en: 'Family and labour-market policy actors' },
  },
  {
    key: keys.verteiler.rows.politik,
    label: { de: 'Politik und Wirtschaft', en: 'Politics and business' },
    prompt: { de: 'Wer vor Ort entscheidet', en: 'Local decision makers' },
  },
  {
    key: keys.verteiler.rows.presse,
    label: { de: 'Presse', en: 'Press' },
    prompt: { de: 'Lokale Redaktionen, Kontakte', en: 'Local newsrooms, contacts' },
  },
]

const audienceColumns: Column[] = [
  { key: keys.verteiler.col.kontakte, title: { de: 'Wer steht darauf?', en: 'Who is on it?' }, w: 3 },
  { key: keys.verteiler.col.pflege, title: { de: 'Wer pflegt ihn?', en: 'Who keeps it?' }, w: 2 },
]

const pressColumns: Column[] = [
  { key: keys.presse.col.anlass, title: { de: 'Anlass', en: 'Occasion' }, w: 2 },
  {
    key: keys.presse.col.entwurf,
    title: { de: 'Entwurf', en: 'Draft' },
    prompt: { de: 'Als Artikel geschrieben, mit Foto und Ansprechperson', en: 'Written as an article, with a photo and a contact person' },
    w: 4,
  },
  {
    key: keys.presse.col.freigabe,
    title: { de: 'Freigegeben?', en: 'Released?' },
    prompt: { de: 'Mit dem Netzwerk abgestimmt am …', en: 'Agreed with the network on …' },
    w: 3,
  },
]

export const OeffentlichkeitsarbeitOptions = z.object({
  date: DateOption,
  occasions: z.number().int().min(1).max(limits.occasions).default(4),
})
export type OeffentlichkeitsarbeitOptions = z.infer<typeof OeffentlichkeitsarbeitOptions>

// Two columns: who speaks and what goes out when on the left; the distribution list and the
// press release on the right.
const size = { numberW: 200, speakerH: 220, occasionH: 190, audienceLabelW: 520, audienceH: 170, pressH: 520, gap: 50, columnGap: 100, rightW: 1500 }
const headerScale = 3
const leftW = size.numberW + sum(occasionColumns.map((c) => c.w))
const width = leftW + size.columnGap + size.rightW

/** Columns stretched to `w`, in their proportions. */
const spread = (columns: Column[], w: number, locale: Locale) => {
  const total = sum(columns.map((c) => c.w))
  return columns.map((c) => ({ key: c.key, title: pick(c.title, locale), prompt: c.prompt && pick(c.prompt, locale), w: Math.round((c.w * w) / total) }))
}

function layout(options: OeffentlichkeitsarbeitOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const speaker = table({
    section: keys.sprecher.section,
    sectionTitle: t(text.sprecher),
    rowsTitle: '',
    x: 0,
    y: open.y,
    labelW: 0,
    columns: spread(speakerColumns, leftW, locale),
    rows: [{ key: keys.sprecher.row, label: t(text.sprecher) }],
    rowH: size.speakerH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  const occasionsY = open.y + speaker.h + size.gap
  const occasions = table({
    section: keys.anlaesse.section,
    sectionTitle: t(text.anlaesse),
    rowsTitle: t(text.number),
    x: 0,
    y: occasionsY,
    labelW: size.numberW,
    columns: occasionColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: Array.from({ length: options.occasions }, (_, i) => ({ key: keys.anlaesse.row(i + 1), label: `${i + 1}` })),
    rowH: size.occasionH,
    scale: headerScale,
    headTone: 'orange',
    cellTone: 'yellow',
  })
  const rightX = leftW + size.columnGap
  const audience = table({
    section: keys.verteiler.section,
    sectionTitle: t(text.verteiler),
    rowsTitle: t(text.audience),
    x: rightX,
    y: open.y,
    labelW: size.audienceLabelW,
    columns: spread(audienceColumns, size.rightW - size.audienceLabelW, locale),
    rows: audienceRows.map((r) => ({ key: r.key, label: t(r.label), prompt: t(r.prompt) })),
    rowH: size.audienceH,
    scale: headerScale,
    headTone: 'violet',
    rowTone: 'light-violet',
  })
  const pressY = open.y + audience.h + size.gap
  const press = table({
    section: keys.presse.section,
    sectionTitle: t(text.presse),
    rowsTitle: '',
    x: rightX,
    y: pressY,
    labelW: 0,
    columns: spread(pressColumns, size.rightW, locale),
    rows: [{ key: keys.presse.row, label: t(text.presse) }],
    rowH: size.pressH,
    scale: headerScale,
    headTone: 'green',
    cellTone: 'light-green',
  })
  return {
    blocks: [...open.blocks, ...speaker.blocks, ...occasions.blocks, ...audience.blocks, ...press.blocks],
    w: width,
    h: Math.max(occasionsY + occasions.h, pressY + press.h),
  }
}

export const oeffentlichkeitsarbeit: TemplateDefinition<OeffentlichkeitsarbeitOptions> = {
  name: 'oeffentlichkeitsarbeit',
  title: text.title,
  description: text.description,
  options: OeffentlichkeitsarbeitOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [taskItems(keys.anlaesse.section, [keys.anlaesse.col.was])],
  actions: [
    {
      id: 'addOccasion',
      label: text.addOccasion,
      apply: (options) => (options.occasions >= limits.occasions ? options : { ...options, occasions: options.occasions + 1 }),
    },
  ],
}
