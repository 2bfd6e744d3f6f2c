/**
 * Angebotsübersicht: every partner's offers for single parents, sorted by what the addressees
 * look for rather than by who runs them. Working on it shows gaps and duplicates, which the
 * partners mark as such; the overview is only worth something while someone keeps it up to date.
 */
import { z } from 'zod'
import { withName, type ExportTable, type TemplateDefinition } from './definition.ts'
import type { Block, Tone } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { typicalPartners } from './organisations.ts'
import { opening, sum, table } from './table.ts'
import { doneColumn, doneKey } from './doneColumn.ts'
import { checklistSections, type ChecklistSection } from './checklist.ts'
import { taskCols, taskItems, taskTail } from './taskTable.ts'

const limits = { name: 80, categories: 16, organisations: 10 }

/**
 * The cells other parts of the app read (gaps, carried to the service chain). Stored boards find
 * their cells by these keys: add, never rename.
 */
export const angebotsuebersichtCells = {
  offers: 'angebote',
  category: (i: number) => `k${i}`,
  organisation: (i: number) => `o${i}`,
  col: { luecke: 'luecke', doppelt: 'doppelt' },
  upkeep: 'pflege',
  /** The Anlage „Checkliste Broschüre“ as steps, each with Wer / Bis wann / Erledigt? (`taskCols`). */
  brochure: {
    section: 'broschuere',
    rows: { leitung: 'leitung', adressaten: 'adressaten', sammeln: 'sammeln', eintrag: 'eintrag', pruefen: 'pruefen', verteilen: 'verteilen', kosten: 'kosten' },
  },
} as const

const cells = angebotsuebersichtCells

const text = {
  title: { de: 'Angebotsübersicht', en: 'Overview of services' },
  description: {
    de: 'Die Angebote aller Partner, sortiert nach dem, was Alleinerziehende suchen: ein Zettel je Angebot. So zeigen sich Lücken und Doppelungen.',
    en: 'Every partner’s services, sorted by what single parents look for: one note per service. Gaps and duplicates show up.',
  },
  intro: {
    de: 'Jede Einrichtung klebt ihre eigenen Angebote in ihre Spalte, ein Zettel je Angebot: Name, wann und wo, was es kostet, wer kommen kann, Kontakt. Die Zeilen sind so benannt, wie Alleinerziehende suchen. Wo nichts steht oder etwas doppelt ist, kommt ein Zettel in „Lücke?“ oder „Doppelt?“. Rechts die Schritte bis zur fertigen Broschüre: wer sie bis wann erledigt.',
    en: 'Each organisation places its own services in its column, one note per service: name, when and where, cost, who may come, contact. The rows are named the way single parents search. Where nothing is offered or something is offered twice, put a note in “Gap?” or “Twice?”. On the right, the steps to the finished brochure: who does them by when.',
  },
  offers: { de: 'Angebote', en: 'Services' },
  category: { de: 'Kategorie', en: 'Category' },
  categoryPrompt: { de: 'So, wie Alleinerziehende suchen', en: 'As single parents search' },
  gap: { de: 'Lücke?', en: 'Gap?' },
  gapPrompt: { de: 'Was fehlt hier?', en: 'What is missing here?' },
  duplicate: { de: 'Doppelt?', en: 'Twice?' },
  duplicatePrompt: { de: 'Was gibt es mehrfach?', en: 'What is offered twice?' },
  upkeep: { de: 'Pflege der Übersicht', en: 'Keeping it up to date' },
  brochure: { de: 'Broschüre oder Wegweiser', en: 'Brochure or guide' },
  step: { de: 'Schritt', en: 'Step' },
  perCategory: { de: 'Angebote je Kategorie', en: 'Services per category' },
  count: { de: 'Anzahl Angebote', en: 'Number of services' },
  from: { de: 'Von wem', en: 'From whom' },
  audience: { de: 'Für wen', en: 'For whom' },
  audiences: {
    alleinerziehende: { de: 'Alleinerziehende', en: 'Single parents' },
    fachkraefte: { de: 'Fachkräfte, die weitervermitteln', en: 'Practitioners who refer' },
  },
  addCategory: { de: 'Kategorie hinzufügen', en: 'Add a category' },
  categoryName: { de: 'Name der Kategorie', en: 'Name of the category' },
  addOrganisation: { de: 'Organisation hinzufügen', en: 'Add an organisation' },
  organisationName: { de: 'Name der Organisation', en: 'Name of the organisation' },
}

/** The handbook's categories for a brochure, as the addressees look for help. */
export const defaultCategories: Labels[] = [
  { de: 'Recht', en: 'Legal matters' },
  { de: 'Kinder und Kinderbetreuung', en: 'Children and childcare' },
  { de: 'Beratung', en: 'Counselling' },
  { de: 'Finanzen', en: 'Money' },
  { de: 'Gesundheit', en: 'Health' },
  { de: 'Bildung, Ausbildung, Arbeit', en: 'Education, training, work' },
  { de: 'Kostenlose Angebote', en: 'Free of charge' },
  { de: 'Freizeit und Ferien', en: 'Leisure and holidays' },
  { de: 'Treffpunkte für Alleinerziehende', en: 'Meeting places for single parents' },
]

// Jobcenter, Jugendamt, Beratungsstellen, Familienzentrum.
const defaultOrganisations = [0, 2, 5, 12]

/**
 * H 5.3.2's Anlage „Checkliste zur Erstellung einer Broschüre“, in the order a network goes
 * through it: who leads (and whether one exists already), for whom and in which form, every
 * organisation entering its own offers on one form, what an entry holds, the proofreading, the
 * ways it reaches single parents, who pays. Its last step, keeping it current, is the upkeep
 * table beneath. One-word labels and two-line questions: the column beside the offers has no
 * more room, and a taller one would cost the template its zoom.
 */
const brochureRows: ChecklistSection['rows'] = [
  { key: cells.brochure.rows.leitung, label: { de: 'Leitung', en: 'Lead' }, prompt: { de: 'Wer führt die Feder? Gibt es schon eine?', en: 'Who holds the pen? Is there one already?' } },
  { key: cells.brochure.rows.adressaten, label: { de: 'Für wen?', en: 'For whom?' }, prompt: { de: 'Alleinerziehende, Profis? Papier, online?', en: 'Single parents or pros? Print, online?' } },
  { key: cells.brochure.rows.sammeln, label: { de: 'Sammeln', en: 'Collect' }, prompt: { de: 'Jede Einrichtung trägt ihre Angebote selbst ein.', en: 'Each organisation enters its own offers.' } },
  { key: cells.brochure.rows.eintrag, label: { de: 'Eintrag', en: 'Entry' }, prompt: { de: 'Adresse, Kontakt, Zeiten, Voraussetzung, Kosten', en: 'Address, contact, times, who may come, cost' } },
  { key: cells.brochure.rows.pruefen, label: { de: 'Prüfen', en: 'Check' }, prompt: { de: 'Jede Einrichtung gibt ihren Eintrag frei.', en: 'Each organisation approves its entry.' } },
  { key: cells.brochure.rows.verteilen, label: { de: 'Verteilen', en: 'Distribute' }, prompt: { de: 'Presse, Auslage, Download', en: 'Press, display, download' } },
  { key: cells.brochure.rows.kosten, label: { de: 'Kosten', en: 'Costs' }, prompt: { de: 'Wer zahlt: Projekt, Partner, Sponsoren?', en: 'Who pays: project, partner, sponsors?' } },
]

// The steps' and the upkeep's columns line up: the upkeep reads as the last step. Widths: each
// title's longest word whole at the header scale (in both languages), together no wider than the
// upkeep alone was: the template's width sets its zoom.
const rightW = { label: 348, wer: 212, bisWann: 240, erledigt: 330 }
const [werTitle, bisWannTitle] = taskTail.map((c) => c.title)

const brochureSection: ChecklistSection = {
  key: cells.brochure.section,
  title: text.brochure,
  rowsTitle: text.step,
  rows: brochureRows,
  labelW: rightW.label,
  columns: [
    { key: taskCols.wer, title: werTitle, w: rightW.wer },
    { key: taskCols.bisWann, title: bisWannTitle, w: rightW.bisWann },
    doneColumn(rightW.erledigt),
  ],
  tone: 'green',
}

// Keeping it current: how changes come in and where it appears, who does it, the next update.
const upkeepColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  {
    key: 'aufgabe',
    title: { de: 'Aktuell halten', en: 'Keep it current' },
    prompt: {
      de: 'Wie kommen Änderungen an? Papier: jährlich neu',
      en: 'How do changes come in? Print: revised yearly',
    },
    w: rightW.label,
  },
  { key: 'wer', title: werTitle, w: rightW.wer },
  { key: 'bisWann', title: bisWannTitle, w: rightW.bisWann },
  doneColumn(rightW.erledigt),
]

export const AngebotsuebersichtOptions = z.object({
  categories: z.array(z.string().trim().min(1).max(limits.name)).max(limits.categories).default([]),
  organisations: z.array(z.string().trim().min(1).max(limits.name)).max(limits.organisations).default([]),
  audience: z.enum(['alleinerziehende', 'fachkraefte']).default('alleinerziehende'),
})
export type AngebotsuebersichtOptions = z.infer<typeof AngebotsuebersichtOptions>

// The brochure's steps and who keeps the overview up to date stand beside the table: below it,
// the whole would be too tall to read on one screen.
const size = { labelW: 540, orgW: 560, markW: 340, rowH: 200, stepH: 170, upkeepH: 240, columnGap: 50, rightGap: 40 }
const headerScale = 3
const marks: { key: string; title: Labels; prompt: Labels; head: Tone; tone: Tone }[] = [
  { key: cells.col.luecke, title: text.gap, prompt: text.gapPrompt, head: 'red', tone: 'light-red' },
  { key: cells.col.doppelt, title: text.duplicate, prompt: text.duplicatePrompt, head: 'orange', tone: 'yellow' },
]

function layout(options: AngebotsuebersichtOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  // Never narrower than four organisations: the introduction needs the room.
  const tableW = size.labelW + Math.max(4, options.organisations.length) * size.orgW + marks.length * size.markW
  const width = tableW + size.columnGap + sum(upkeepColumns.map((c) => c.w))
  const orgW = (tableW - size.labelW - marks.length * size.markW) / Math.max(1, options.organisations.length)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const offers = table({
    section: cells.offers,
    sectionTitle: t(text.offers),
    rowsTitle: t(text.category),
    rowsPrompt: t(text.categoryPrompt),
    x: 0,
    y: open.y,
    labelW: size.labelW,
    columns: [
      ...options.organisations.map((name, i) => ({ key: cells.organisation(i), title: name, w: orgW })),
      ...marks.map((m) => ({ key: m.key, title: t(m.title), prompt: t(m.prompt), w: size.markW })),
    ],
    rows: options.categories.map((name, i) => ({ key: cells.category(i), label: name })),
    rowH: size.rowH,
    scale: headerScale,
  })
  // The marker columns in their colours: red for gaps, orange for duplicates.
  const marked = offers.blocks.map((block): Block => {
    const mark = marks.find((m) => block.key === `${cells.offers}:head:${m.key}` || (block.kind === 'cell' && block.cell.col === m.key))
    if (!mark) return block
    if (block.kind === 'header') return { ...block, tone: mark.head }
    if (block.kind === 'cell') return { ...block, tone: mark.tone }
    return block
  })
  const rightX = tableW + size.columnGap
  const brochure = checklistSections([brochureSection], open.y, { labelW: rightW.label, rowH: size.stepH, gap: 0, scale: headerScale }, locale, rightX)
  const upkeep = table({
    section: cells.upkeep,
    sectionTitle: t(text.upkeep),
    rowsTitle: '',
    x: rightX,
    y: open.y + brochure.h + size.rightGap,
    labelW: 0,
    columns: upkeepColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: [{ key: cells.upkeep, label: t(text.upkeep) }],
    rowH: size.upkeepH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  return { blocks: [...open.blocks, ...marked, ...brochure.blocks, ...upkeep.blocks], w: width, h: open.y + Math.max(offers.h, brochure.h + size.rightGap + upkeep.h) }
}

export const angebotsuebersicht: TemplateDefinition<AngebotsuebersichtOptions> = {
  name: 'angebotsuebersicht',
  title: text.title,
  description: text.description,
  options: AngebotsuebersichtOptions,
  prepare: (options, locale) => ({
    ...options,
    categories: options.categories.length > 0 ? options.categories : defaultCategories.map((c) => pick(c, locale)),
    organisations: options.organisations.length > 0 ? options.organisations : defaultOrganisations.map((i) => pick(typicalPartners[i], locale)),
  }),
  layout,
  exportFacts: (options, locale) => [{ label: pick(text.audience, locale), value: pick(text.audiences[options.audience], locale) }],
  openItemTables: [
    { section: cells.upkeep, what: ['aufgabe', 'wer'], who: ['wer'], when: ['bisWann'], requires: ['aufgabe', 'wer', 'bisWann'], done: [doneKey] },
    // A step is a task once someone is named for it; the step's name says which.
    taskItems(cells.brochure.section, [], { requires: [taskCols.wer], rowLabel: true }),
  ],
  actions: [
    {
      id: 'addCategory',
      label: text.addCategory,
      input: text.categoryName,
      apply: (options, input) => ({ ...options, categories: withName(options.categories, input, limits.categories) }),
    },
    {
      id: 'addOrganisation',
      label: text.addOrganisation,
      input: text.organisationName,
      offersPartners: true,
      apply: (options, input) => ({ ...options, organisations: withName(options.organisations, input, limits.organisations) }),
    },
  ],
  exportTables(view, locale): ExportTable[] {
    const t = (labels: Labels) => pick(labels, locale)
    const options = view.instance.options as AngebotsuebersichtOptions
    const notes = (row: string, col: string) =>
      view.cells.find((c) => c.ref.section === cells.offers && c.ref.row === row && c.ref.col === col)?.notes ?? []
    const rows = options.categories.map((name, k) => {
      const row = cells.category(k)
      const offering = options.organisations.map((org, o) => ({ org, count: notes(row, cells.organisation(o)).length })).filter((o) => o.count > 0)
      const count = sum(offering.map((o) => o.count))
      // A gap is what someone marked: an empty row may only mean nobody has added their offers yet.
      return [[name], [String(count)], offering.map((o) => o.org), notes(row, cells.col.luecke), notes(row, cells.col.doppelt)]
    })
    return [{ title: t(text.perCategory), columns: [t(text.category), t(text.count), t(text.from), t(text.gap), t(text.duplicate)], rows }]
  },
}
