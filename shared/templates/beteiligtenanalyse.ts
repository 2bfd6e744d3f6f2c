/**
 * Beteiligtenanalyse: one row per actual or wished-for partner, seven columns from who they are
 * to how to win them. Done before a network starts and again when relations change.
 */
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import type { Block } from './model.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { typicalPartners } from './organisations.ts'
import { headerRow, promptHeight, titleBlock } from './typography.ts'
import { DateOption, dated, formatDate } from '../dates.ts'

const defaultPartners = [0, 2, 5]
const maxPartners = 40

/**
 * The keys carry routes write into (organisations named elsewhere land in `kandidaten`, to be
 * checked before they get a row): the layout below is built from them.
 */
export const beteiligtenanalyseCells = Object.freeze({
  matrix: Object.freeze({
    section: 'matrix',
    row: (r: number) => `p${r}`,
    /** Block key of partner row r's cell in a column. */
    block: (r: number, col: string) => `cell:p${r}:${col}`,
  }),
  kandidaten: Object.freeze({ section: 'kandidaten', row: 'kandidaten', col: 'kandidaten', block: 'cell:kandidaten' }),
} as const)
const keys = beteiligtenanalyseCells

export const columns: { key: string; title: Labels; prompt: Labels }[] = [
  {
    // How the partner stands to the network, and where: the handbook sorts partners by both.
    // ("Stand" is the analysis' date, nothing else.)
    key: 'status',
    title: { de: 'Verhältnis und Politikfeld', en: 'Relation and policy field' },
    prompt: {
      de: 'Schon dabei oder Wunschpartner? Arbeitsmarkt- oder Familienpolitik? Entscheidungs- oder Arbeitsebene?',
      en: 'Already a partner, or one we want to win? Labour-market or family policy? Decision or operational level?',
    },
  },
  {
    key: 'ziele',
    title: { de: 'Ziele', en: 'Goals' },
    prompt: {
      de: 'Was will die Partnerorganisation für die Zielgruppe erreichen – und was vom Netzwerk?',
      en: 'What does the partner want for the target group, and from the network?',
    },
  },
  {
    key: 'interessen',
    title: { de: 'Interessen', en: 'Interests' },
    prompt: {
      de: 'Was treibt sie an: strategische, fiskalische, politische Interessen?',
      en: 'What drives them: strategic, fiscal, political interests?',
    },
  },
  {
    key: 'ressourcen',
    title: { de: 'Ressourcen', en: 'Resources' },
    prompt: {
      de: 'Was bringt sie mit: Geld, Können, Wissen, Kontakte?',
      en: 'What can they bring: money, skills, knowledge, contacts?',
    },
  },
  {
    key: 'widerstaende',
    title: { de: 'Widerstände', en: 'Resistance' },
    prompt: {
      de: 'Wo zweifelt oder bremst sie?',
      en: 'Where do they doubt or hold back?',
    },
  },
  {
    key: 'konflikte',
    title: { de: 'Konflikte', en: 'Conflicts' },
    prompt: {
      de: 'Offene Zielkonflikte, Konkurrenz, Umbrüche im Haus – manche sind fruchtbar.',
      en: 'Open conflicts of goals, competition, internal change – some are fruitful.',
    },
  },
  {
    key: 'strategien',
    title: { de: 'Strategien', en: 'Strategies' },
    prompt: {
      de: 'Wie gewinnen und beteiligen wir sie?',
      en: 'How do we win them over and involve them?',
    },
  },
  {
    key: 'folgerung',
    title: { de: 'Folgerung', en: 'Conclusion' },
    prompt: {
      de: 'Ins Kernnetzwerk oder in den erweiterten Kreis? Als Akteur mitarbeiten oder als Adressat gewinnen?',
      en: 'Core network or wider ring? A partner who works with us, or one we address?',
    },
  },
]

const partnerColumn = {
  title: { de: 'Beteiligte', en: 'Stakeholders' },
  prompt: { de: 'Wer ist dabei oder soll dazukommen?', en: 'Who takes part, or should join?' },
}

const text = {
  title: { de: 'Beteiligtenanalyse', en: 'Stakeholder analysis' },
  description: {
    de: 'Eine Zeile je Partnerorganisation: Verhältnis und Politikfeld, Ziele, Interessen, Ressourcen, Widerstände, Konflikte, Strategien – und was daraus folgt.',
    en: 'One row per partner: relation and policy field, goals, interests, resources, resistance, conflicts, strategies, and what follows.',
  },
  intro: {
    de: 'Schreiben Sie je Gedanke einen Zettel in das passende Feld. Felder dürfen leer bleiben; ein „?“ markiert, was noch offen ist. Widerstände und Konflikte offen zu notieren ist heikel, wenn Partnerorganisationen mitlesen: Die Analyse ist ein Arbeitsmittel der Stelle, die das Netzwerk initiiert. Wiederholen Sie sie, wenn sich Beziehungen ändern.',
    en: 'Write one note per thought into the matching field. Fields may stay empty; a “?” marks what is still open. Noting resistance and conflicts openly is delicate if partner organisations can read it: the analysis is a working tool of those who initiate the network. Repeat it when relations change.',
  },
  addPartner: { de: 'Partnerorganisation hinzufügen', en: 'Add a partner' },
  partnerName: { de: 'Name der Organisation', en: 'Name of the organisation' },
  date: { de: 'Stand der Analyse', en: 'Analysis as of' },
  organisations: { de: 'Organisationen', en: 'Organisations' },
  candidates: { de: 'Genannt, noch zu prüfen', en: 'Named, still to be checked' },
  candidatesPrompt: {
    de: 'Anderswo genannt: als Partnerorganisation aufnehmen?',
    en: 'Named elsewhere: add as a partner?',
  },
}

export const BeteiligtenanalyseOptions = z.object({
  partners: z.array(z.string().trim().min(1).max(80)).max(maxPartners).default([]),
  /** The day of the analysis: a later repeat is compared with it. */
  date: DateOption,
})
export type BeteiligtenanalyseOptions = z.infer<typeof BeteiligtenanalyseOptions>

const size = { firstW: 380, colW: 400, rowH: 250, gap: 16 }
/** Header type: readable with the whole table in view on a laptop (typography.ts). */
const headerScale = 2.1

export const beteiligtenanalyse: TemplateDefinition<BeteiligtenanalyseOptions> = {
  name: 'beteiligtenanalyse',
  title: text.title,
  description: text.description,
  options: BeteiligtenanalyseOptions,
  prepare: (options, locale) =>
    options.partners.length > 0
      ? options
      : { ...options, partners: defaultPartners.map((i) => pick(typicalPartners[i], locale)) },
  layout(options, locale: Locale) {
    const w = size.firstW + columns.length * size.colW
    const sectionTitle = pick(text.title, locale)
    const title = titleBlock(dated(sectionTitle, options.date, locale), w, headerScale)
    const intro = pick(text.intro, locale)
    const introY = title.h + size.gap
    const blocks: Block[] = [title, { kind: 'prompt', key: 'intro', x: 0, y: introY, w, h: promptHeight(intro, w), text: intro }]
    const head = headerRow(
      [
        { key: 'head:beteiligte', x: 0, w: size.firstW, title: pick(partnerColumn.title, locale), prompt: pick(partnerColumn.prompt, locale) },
        ...columns.map((column, c) => ({
          key: `head:${column.key}`,
          x: size.firstW + c * size.colW,
          w: size.colW,
          title: pick(column.title, locale),
          prompt: pick(column.prompt, locale),
        })),
      ].map((spec) => ({ ...spec, tone: 'blue' as const })),
      introY + blocks[1].h + size.gap,
      headerScale,
    )
    blocks.push(...head.blocks)
    let y = head.blocks[0].y + head.h
    options.partners.forEach((partner, r) => {
      // A long name makes its row taller rather than spill into the next.
      const row = headerRow([{ key: `row:${keys.matrix.row(r)}`, x: 0, w: size.firstW, tone: 'light-blue', title: partner }], y, headerScale, size.rowH)
      blocks.push(...row.blocks)
      columns.forEach((column, c) =>
        blocks.push({
          kind: 'cell',
          key: keys.matrix.block(r, column.key),
          x: size.firstW + c * size.colW,
          y,
          w: size.colW,
          h: row.h,
          tone: 'grey',
          cell: {
            section: keys.matrix.section,
            sectionTitle,
            rowsTitle: pick(partnerColumn.title, locale),
            row: keys.matrix.row(r),
            rowLabel: partner,
            col: column.key,
            colLabel: pick(column.title, locale),
          },
        }),
      )
      y += row.h
    })
    // The last row: names from elsewhere, to check before they get a row of their own.
    const candidates = pick(text.candidates, locale)
    const candidatesRow = headerRow(
      [{ key: 'row:kandidaten', x: 0, w: size.firstW, tone: 'light-violet', title: candidates, prompt: pick(text.candidatesPrompt, locale) }],
      y,
      headerScale,
      size.rowH,
    )
    blocks.push(...candidatesRow.blocks, {
      kind: 'cell',
      key: keys.kandidaten.block,
      x: size.firstW,
      y,
      // As wide as a few columns: on the projector it is shown large enough to read.
      w: Math.min(w - size.firstW, 3 * size.colW),
      h: candidatesRow.h,
      tone: 'light-violet',
      cell: {
        section: keys.kandidaten.section,
        sectionTitle: candidates,
        rowsTitle: pick(partnerColumn.title, locale),
        row: keys.kandidaten.row,
        rowLabel: candidates,
        col: keys.kandidaten.col,
        colLabel: pick(text.organisations, locale),
      },
    })
    y += candidatesRow.h
    return { blocks, w, h: y }
  },
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  actions: [
    {
      id: 'addPartner',
      offersPartners: true,
      label: text.addPartner,
      input: text.partnerName,
      apply: (options, input) => ({ ...options, partners: withName(options.partners, input, maxPartners) }),
    },
  ],
}
