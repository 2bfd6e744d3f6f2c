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

const limits = { name: 80, categories: 16, organisations: 10 }

/** The cells other parts of the app read (gaps, carried to the service chain). */
export const angebotsuebersichtCells = {
  offers: 'angebote',
  category: (i: number) => `k${i}`,
  organisation: (i: number) => `o${i}`,
  col: { luecke: 'luecke', doppelt: 'doppelt' },
  upkeep: 'pflege',
} as const

const cells = angebotsuebersichtCells

const text = {
  title: { de: 'Angebotsübersicht', en: 'Overview of services' },
  description: {
    de: 'Die Angebote aller Partner, sortiert nach dem, was Alleinerziehende suchen: ein Zettel je Angebot. So zeigen sich Lücken und Doppelungen.',
    en: 'Every partner’s services, sorted by what single parents look for: one note per service. Gaps and duplicates show up.',
  },
  intro: {
    de: 'Jede Einrichtung klebt ihre eigenen Angebote in ihre Spalte, ein Zettel je Angebot: Name, wann und wo, was es kostet, wer kommen kann, Kontakt. Die Zeilen sind so benannt, wie Alleinerziehende suchen. Wo nichts steht oder etwas doppelt ist, kommt ein Zettel in „Lücke?“ oder „Doppelt?“.',
    en: 'Each organisation places its own services in its column, one note per service: name, when and where, cost, who may come, contact. The rows are named the way single parents search. Where nothing is offered or something is offered twice, put a note in “Gap?” or “Twice?”.',
  },
  offers: { de: 'Angebote', en: 'Services' },
  category: { de: 'Kategorie', en: 'Category' },
  categoryPrompt: { de: 'So, wie Alleinerziehende suchen', en: 'As single parents search' },
  gap: { de: 'Lücke?', en: 'Gap?' },
  gapPrompt: { de: 'Was fehlt hier?', en: 'What is missing here?' },
  duplicate: { de: 'Doppelt?', en: 'Twice?' },
  duplicatePrompt: { de: 'Was gibt es mehrfach?', en: 'What is offered twice?' },
  upkeep: { de: 'Pflege der Übersicht', en: 'Keeping it up to date' },
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

// Short titles, their questions in the prompts: room for „Erledigt?“ in the width the three had.
const upkeepColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  {
    key: 'aufgabe',
    title: { de: 'Was?', en: 'What?' },
    prompt: {
      de: 'Die Übersicht aktuell halten: Wie melden die Einrichtungen Änderungen, wo erscheint sie?',
      en: 'Keeping the overview current: how do organisations report changes, where is it published?',
    },
    w: 260,
  },
  { key: 'wer', title: { de: 'Wer pflegt sie?', en: 'Who keeps it?' }, prompt: { de: 'Wer hält die Übersicht aktuell?', en: 'Who keeps the overview up to date?' }, w: 250 },
  { key: 'bisWann', title: { de: 'Bis wann?', en: 'By when?' }, prompt: { de: 'Die nächste Aktualisierung', en: 'The next update' }, w: 265 },
  doneColumn(355),
]

export const AngebotsuebersichtOptions = z.object({
  categories: z.array(z.string().trim().min(1).max(limits.name)).max(limits.categories).default([]),
  organisations: z.array(z.string().trim().min(1).max(limits.name)).max(limits.organisations).default([]),
  audience: z.enum(['alleinerziehende', 'fachkraefte']).default('alleinerziehende'),
})
export type AngebotsuebersichtOptions = z.infer<typeof AngebotsuebersichtOptions>

// Who keeps the overview up to date stands beside the table: below it, the whole would be too
// tall to read on one screen.
const size = { labelW: 540, orgW: 560, markW: 340, rowH: 200, upkeepH: 300, columnGap: 50 }
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
  const upkeep = table({
    section: cells.upkeep,
    sectionTitle: t(text.upkeep),
    rowsTitle: '',
    x: tableW + size.columnGap,
    y: open.y,
    labelW: 0,
    columns: upkeepColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: [{ key: cells.upkeep, label: t(text.upkeep) }],
    rowH: size.upkeepH,
    scale: headerScale,
    headTone: 'grey',
    cellTone: 'light-blue',
  })
  return { blocks: [...open.blocks, ...marked, ...upkeep.blocks], w: width, h: open.y + Math.max(offers.h, upkeep.h) }
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
  openItemTables: [{ section: cells.upkeep, what: ['aufgabe', 'wer'], who: ['wer'], when: ['bisWann'], requires: ['aufgabe', 'wer', 'bisWann'], done: [doneKey] }],
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
