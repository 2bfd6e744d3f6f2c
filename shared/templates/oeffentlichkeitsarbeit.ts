/**
 * Öffentlichkeitsarbeit und Spruchreife (H 5.3.3, 4.3.2, 4.3.3): what the network's public
 * relations is for (the strategy H 5.3.3 asks the coordination to agree with the partners), what
 * the network says outside, only once the network has agreed it is ready (spruchreif), who speaks
 * for it, to whom (Verteiler), and a press release drafted together. The occasions carry who
 * prepares them by when and whether it is done (open items).
 *
 * One Freigabe: „Spruchreif?“ is the authority for each Anlass, „Freigegeben?“ for the draft; the
 * board's release (`entries/release.ts`) passes the Dokumentation on, and with it only what these
 * cells mark released (`exportGate`). The internal Dokumentation, for the network itself, keeps all.
 */
import { z } from 'zod'
import type { ExportCell, ExportGate, InstanceView, TemplateDefinition } from './definition.ts'
import { counted, pick, type CountedLabels, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import type { Block } from './model.ts'
import { taskCols, taskItems, taskTail, type TaskColumn } from './taskTable.ts'
import { saysNo, saysReleased } from './answers.ts'
import { readRelease } from '../board/entries/release.ts'

const limits = { occasions: 16 }

/** The keys of the template's cells. Stored boards find their cells by these keys: add, never rename. */
export const oeffentlichkeitsarbeitCells = Object.freeze({
  /** H 5.3.3: what the public relations is for, before who speaks and what goes out. */
  strategie: Object.freeze({ section: 'strategie', row: 'strategie', col: Object.freeze({ wozu: 'wozu' }) }),
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
    de: 'Was im Netzwerk besprochen wird, bleibt vertraulich, bis das Netzwerk es für spruchreif erklärt. Klären Sie zuerst, wozu Ihre Öffentlichkeitsarbeit dient. Halten Sie fest, wer nach außen spricht, welche Anlässe anstehen und wann sie freigegeben sind, an wen Sie sich wenden – und entwerfen Sie die Pressemitteilung gemeinsam, mit einer Ansprechperson für Nachfragen. Wird das Board freigegeben, geht nur weiter, was hier als spruchreif oder freigegeben eingetragen ist.',
    en: 'What is discussed in the network stays confidential until the network declares it ready to publish. First settle what your public relations is for. Note who speaks outside, which occasions are coming and when they were released, whom you address, and draft the press release together, with a contact person for questions. When the board is released, only what is marked here as ready to publish or released is passed on.',
  },
  strategie: { de: 'Wozu Öffentlichkeitsarbeit?', en: 'What is our public relations for?' },
  sprecher: { de: 'Wer spricht für das Netzwerk?', en: 'Who speaks for the network?' },
  anlaesse: { de: 'Was geht wann nach außen?', en: 'What goes out when?' },
  number: { de: 'Nr.', en: 'No.' },
  verteiler: { de: 'Verteiler', en: 'Distribution list' },
  audience: { de: 'An wen?', en: 'To whom?' },
  presse: { de: 'Pressemitteilung (Entwurf)', en: 'Press release (draft)' },
  date: { de: 'Datum', en: 'Date' },
  addOccasion: { de: 'Anlass hinzufügen', en: 'Add an occasion' },
  notPassedOn: { de: 'Nicht weitergegeben', en: 'Not passed on' },
  draftHeld: { de: 'Pressemitteilung noch nicht freigegeben', en: 'press release not yet released' },
}

const occasionsHeld: CountedLabels = {
  one: { de: '{n} Anlass noch nicht spruchreif', en: '{n} occasion not yet ready to publish' },
  other: { de: '{n} Anlässe noch nicht spruchreif', en: '{n} occasions not yet ready to publish' },
}

type Column = TaskColumn

const strategyColumns: Column[] = [
  {
    key: keys.strategie.col.wozu,
    title: text.strategie,
    prompt: {
      de: 'Das Netzwerk bei Alleinerziehenden, Politik und Wirtschaft bekannt machen? Das Thema Alleinerziehende vor Ort verankern? Unterstützung für das Netzwerk sichern? Mit den Partnern abgestimmt.',
      en: 'Make the network known to single parents, politics and business? Anchor the topic of single parents locally? Secure support for the network? Agreed with the partners.',
    },
    w: 1,
  },
]

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
    prompt: {
      de: 'Vom Netzwerk freigegeben am … durch … Nur was hier steht, geht mit der Freigabe des Boards weiter.',
      en: 'Released by the network on … by … Only what is marked here goes out with the board’s release.',
    },
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

// Two columns: what it is for and who speaks, then what goes out when on the left; the
// distribution list and the press release on the right. The aim stands beside who speaks, not
// above across the column: a cell that wide is shown on the projector too small to read its notes.
const size = { numberW: 200, strategyW: 820, speakerH: 220, occasionH: 190, audienceLabelW: 520, audienceH: 170, pressH: 520, gap: 50, columnGap: 100, rightW: 1500 }
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
  // What it is for, and who speaks, side by side: one row of fields, their cells lined up.
  const speakerX = size.strategyW + size.gap
  const fields = ({ section, row }: { section: string; row: string }, title: Labels, columns: Column[], x: number, w: number, headH?: number) =>
    table({
      section,
      sectionTitle: t(title),
      rowsTitle: '',
      x,
      y: open.y,
      labelW: 0,
      columns: spread(columns, w, locale),
      rows: [{ key: row, label: t(title) }],
      rowH: size.speakerH,
      scale: headerScale,
      headTone: 'grey',
      cellTone: 'light-blue',
      headH,
    })
  const band = (headH?: number) => ({
    strategy: fields(keys.strategie, text.strategie, strategyColumns, 0, size.strategyW, headH),
    speaker: fields(keys.sprecher, text.sprecher, speakerColumns, speakerX, leftW - speakerX, headH),
  })
  const headOf = (part: { blocks: Block[] }) => part.blocks.find((b) => b.kind === 'header')?.h ?? 0
  const first = band()
  const { strategy, speaker } = band(Math.max(headOf(first.strategy), headOf(first.speaker)))
  const occasionsY = open.y + Math.max(strategy.h, speaker.h) + size.gap
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
    blocks: [...open.blocks, ...strategy.blocks, ...speaker.blocks, ...occasions.blocks, ...audience.blocks, ...press.blocks],
    w: width,
    h: Math.max(occasionsY + occasions.h, pressY + press.h),
  }
}

/**
 * Marked released: a Zettel in the cell with a positive mark, as the column's prompt asks
 * („freigegeben am … durch …“, ja, ✓, a date; `saysReleased`), and none saying no or not yet.
 */
const marked = (cell: ExportCell | undefined) => !!cell && cell.notes.some(saysReleased) && !cell.notes.some(saysNo)

/**
 * What a released board passes on without the network having released it here: each Anlass
 * someone wrote in whose „Spruchreif?“ is not marked, the draft whose „Freigegeben?“ is not. The
 * board's release sends the Dokumentation on; it cannot release what the network has not agreed
 * (H 4.3.2, 5.3.3: „alle Presseinformationen … mit dem Netzwerk abgestimmt“).
 */
function exportGate(view: InstanceView, locale: Locale): ExportGate | undefined {
  if (!readRelease(view.release).released) return undefined
  const rows = new Map<string, ExportCell[]>()
  for (const cell of view.cells) {
    if (cell.ref.section !== keys.anlaesse.section && cell.ref.section !== keys.presse.section) continue
    const key = `${cell.ref.section}\u0000${cell.ref.row ?? ''}`
    rows.set(key, [...(rows.get(key) ?? []), cell])
  }
  const notes: string[] = []
  let occasions = 0
  let draft = false
  for (const cells of rows.values()) {
    const section = cells[0].ref.section
    const mark = section === keys.anlaesse.section ? keys.anlaesse.col.spruchreif : keys.presse.col.freigabe
    const written = cells.filter((c) => c.ref.col !== mark && c.notes.length > 0)
    if (written.length === 0 || marked(cells.find((c) => c.ref.col === mark))) continue
    if (section === keys.anlaesse.section) occasions++
    else draft = true
    notes.push(...cells.flatMap((c) => (c.noteShapes ?? []).map((shape) => shape.id)))
  }
  if (notes.length === 0) return undefined
  const parts = [...(occasions > 0 ? [counted(occasionsHeld, occasions, locale)] : []), ...(draft ? [pick(text.draftHeld, locale)] : [])]
  const value = parts.join('; ')
  return { sections: [], notes, reason: { label: pick(text.notPassedOn, locale), value: `${value.charAt(0).toUpperCase()}${value.slice(1)}.` } }
}

export const oeffentlichkeitsarbeit: TemplateDefinition<OeffentlichkeitsarbeitOptions> = {
  name: 'oeffentlichkeitsarbeit',
  title: text.title,
  description: text.description,
  options: OeffentlichkeitsarbeitOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [taskItems(keys.anlaesse.section, [keys.anlaesse.col.was])],
  exportGate,
  actions: [
    {
      id: 'addOccasion',
      label: text.addOccasion,
      apply: (options) => (options.occasions >= limits.occasions ? options : { ...options, occasions: options.occasions + 1 }),
    },
  ],
}
