/**
 * Experteninterviews und Gruppendiskussionen (H 2.3.3 and its Anlage „Vorbereitung, Durchführung
 * und Auswertung …“): how the coordination learns early what the actors know about single parents
 * and how they see the network's aims. Before the talks, what to settle (own groundwork, the
 * guiding questions, who counts as an expert, what is agreed about the information); then the
 * talks, one row each (with whom, one person or a body's discussion, who leads it by when: an
 * open item until held and written up); then the comparing evaluation, whose „Was folgt für das
 * Netzwerk?“ goes on to the goals.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { taskCols, taskItems, taskTail } from './taskTable.ts'
import { checklistLayout, settleColumns, settleItems, type ChecklistColumn, type ChecklistRow, type ChecklistSection } from './checklist.ts'

const limits = { talks: 16 }

/** The keys of the three tables. Stored boards find their cells by these keys: add, never rename. */
export const experteninterviewsCells = Object.freeze({
  vorbereitung: Object.freeze({ section: 'vorbereitung', rows: Object.freeze({ vorarbeit: 'vorarbeit', leitfragen: 'leitfragen', experten: 'experten', vereinbarung: 'vereinbarung' }) }),
  gespraeche: Object.freeze({ section: 'gespraeche', row: (n: number) => `g${n}`, col: Object.freeze({ mit: 'mit', form: 'form', ...taskCols }) }),
  auswertung: Object.freeze({
    section: 'auswertung',
    rows: Object.freeze({ zielgruppe: 'zielgruppe', sichtweisen: 'sichtweisen', konsens: 'konsens' }),
    col: Object.freeze({ gehoert: 'gehoert', unterschiede: 'unterschiede', folgt: 'folgt' }),
  }),
} as const)
const keys = experteninterviewsCells

const text = {
  title: { de: 'Experteninterviews und Gruppendiskussionen', en: 'Expert interviews and group discussions' },
  description: {
    de: 'Früh erfahren, was die Akteure über Alleinerziehende wissen und wie sie das Netzwerk sehen: die Gespräche vorbereiten, führen und vergleichend auswerten.',
    en: 'Learn early what the actors know about single parents and how they see the network: prepare the talks, hold them and evaluate them side by side.',
  },
  intro: {
    de: 'Am besten nach der ersten Auswahl der Akteure, vor dem Auftakt; später für neue Themen oder Partner. Einzeln fragen, wenn es um das Wissen einer Person in ihrer Funktion geht; eine Gruppendiskussion, wenn ein Gremium gefragt ist. Vorsicht: unkundige Fragen führen ins Leere, zu viel Rücksicht auf Erwartungen weg vom Thema. Aufs Board gehört die Auswertung, nicht das Wortprotokoll.',
    en: 'Best after a first choice of actors, before the kick-off; later for new topics or partners. Ask one by one when it is about what a person knows in their role; a group discussion when a body is asked. Beware: uninformed questions lead nowhere, too much regard for expectations away from the subject. The evaluation belongs on the board, not the transcript.',
  },
  vorbereitung: { de: 'Vorbereitung', en: 'Preparation' },
  gespraeche: { de: 'Die Gespräche', en: 'The talks' },
  number: { de: 'Nr.', en: 'No.' },
  auswertung: { de: 'Vergleichende Auswertung', en: 'Comparing evaluation' },
  question: { de: 'Worum es geht', en: 'About' },
  date: { de: 'Datum', en: 'Date' },
  addTalk: { de: 'Gespräch hinzufügen', en: 'Add a talk' },
}

const vorbereitungRows: ChecklistRow[] = [
  {
    key: keys.vorbereitung.rows.vorarbeit,
    label: { de: 'Eigene Vorarbeit', en: 'Own groundwork' },
    prompt: {
      de: 'Handlungsfelder, Auftrag und Aufbau der Gesprächspartner in Grundzügen kennen – und dabei neugierig bleiben.',
      en: 'Know the partners’ fields, remit and structure in outline – and stay curious.',
    },
  },
  {
    key: keys.vorbereitung.rows.leitfragen,
    label: { de: 'Leitfragen', en: 'Guiding questions' },
    prompt: {
      de: 'Wenige offene Fragen und Erzählanstöße: Was wollen wir über die Zielgruppe wissen, was über Sichtweisen, Ziele und Wünsche der Akteure?',
      en: 'A few open questions and prompts to tell: what do we want to know about the target group, and about the actors’ views, aims and wishes?',
    },
  },
  {
    key: keys.vorbereitung.rows.experten,
    label: { de: 'Wer ist Expertin, Experte?', en: 'Who is an expert?' },
    prompt: {
      de: 'Nicht jede, die im Feld arbeitet: wer lange dabei ist, Fachwissen und Erfahrungswissen über die Strukturen hat. Wer gewinnt sie für ein Gespräch?',
      en: 'Not everyone who works in the field: those long in it, with expertise and experience of its structures. Who wins them for a talk?',
    },
  },
  {
    key: keys.vorbereitung.rows.vereinbarung,
    label: { de: 'Umgang mit dem Gesagten', en: 'Handling what is said' },
    prompt: {
      de: 'Vorher vereinbaren: anonymisiert? Stichworte oder Aufnahme (Technik bereit)? Bekommen die Gesprächspartner die Niederschrift?',
      en: 'Agree beforehand: anonymised? Notes or a recording (equipment ready)? Do the partners get the write-up?',
    },
  },
]

const talkColumns: ChecklistColumn[] = [
  {
    key: keys.gespraeche.col.mit,
    title: { de: 'Mit wem?', en: 'With whom?' },
    prompt: { de: 'Stelle und Funktion oder Gremium', en: 'Body and role, or committee' },
    w: 620,
  },
  {
    key: keys.gespraeche.col.form,
    title: { de: 'Einzeln oder Gruppe?', en: 'One person or a group?' },
    prompt: { de: 'Interview oder Gruppendiskussion', en: 'Interview or group discussion' },
    w: 420,
  },
  ...taskTail.map((c) => (c.key === taskCols.erledigt ? { ...c, prompt: { de: 'Datum, wenn geführt und niedergeschrieben', en: 'The date once held and written up' } } : c)),
]

const auswertungRows: ChecklistRow[] = [
  { key: keys.auswertung.rows.zielgruppe, label: { de: 'Wissen über die Zielgruppe', en: 'Knowledge of the target group' } },
  { key: keys.auswertung.rows.sichtweisen, label: { de: 'Sichtweisen, Ziele und Wünsche der Akteure', en: 'The actors’ views, aims and wishes' } },
  { key: keys.auswertung.rows.konsens, label: { de: 'Wo Konsens möglich ist, wie Kompromisse entstehen', en: 'Where consensus is possible, how compromises come about' } },
]

const auswertungColumns: ChecklistColumn[] = [
  { key: keys.auswertung.col.gehoert, title: { de: 'Was wir gehört haben', en: 'What we heard' }, w: 520 },
  { key: keys.auswertung.col.unterschiede, title: { de: 'Wo sie sich unterscheiden', en: 'Where they differ' }, w: 500 },
  {
    key: keys.auswertung.col.folgt,
    title: { de: 'Was folgt für das Netzwerk?', en: 'What follows for the network?' },
    prompt: { de: 'Handlungsansätze', en: 'Ways to act' },
    w: 540,
  },
]

const preparationColumns = settleColumns(520)

export const ExperteninterviewsOptions = z.object({
  talks: z.number().int().min(1).max(limits.talks).default(4),
  date: DateOption,
})
export type ExperteninterviewsOptions = z.infer<typeof ExperteninterviewsOptions>

const size = { labelW: 680, numberW: 200, rowH: 170, gap: 50, scale: 3, columnGap: 100 }

/** Preparing on the left; the talks and, below them, their evaluation on the right (a laptop reads it at 14 px). */
function stacks(options: ExperteninterviewsOptions): ChecklistSection[][] {
  const talks: ChecklistRow[] = Array.from({ length: options.talks }, (_, i) => ({ key: keys.gespraeche.row(i + 1), label: { de: `${i + 1}`, en: `${i + 1}` } }))
  const vorbereitung: ChecklistSection = { key: keys.vorbereitung.section, title: text.vorbereitung, rows: vorbereitungRows, columns: preparationColumns, tone: 'blue' }
  const gespraeche: ChecklistSection = { key: keys.gespraeche.section, title: text.gespraeche, rowsTitle: text.number, labelW: size.numberW, rows: talks, columns: talkColumns, tone: 'violet' }
  const auswertung: ChecklistSection = { key: keys.auswertung.section, title: text.auswertung, rowsTitle: text.question, rows: auswertungRows, columns: auswertungColumns, tone: 'green' }
  return [[vorbereitung, gespraeche], [auswertung]]
}

const layout = (options: ExperteninterviewsOptions, locale: Locale) =>
  checklistLayout(dated(pick(text.title, locale), options.date, locale), pick(text.intro, locale), stacks(options), size, locale)

export const experteninterviews: TemplateDefinition<ExperteninterviewsOptions> = {
  name: 'experteninterviews',
  title: text.title,
  description: text.description,
  options: ExperteninterviewsOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  openItemTables: [settleItems(keys.vorbereitung.section), taskItems(keys.gespraeche.section, [keys.gespraeche.col.mit])],
  actions: [
    {
      id: 'addTalk',
      label: text.addTalk,
      apply: (options) => (options.talks >= limits.talks ? options : { ...options, talks: options.talks + 1 }),
    },
  ],
}
