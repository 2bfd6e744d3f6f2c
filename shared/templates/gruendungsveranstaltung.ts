/**
 * Gründungsveranstaltung: the founding event of a network. Every organisation introduces what it
 * offers and what it expects; the plenary then names who is missing, first rules, and the next
 * step (usually a workshop on the goal system).
 */
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { typicalPartners } from './organisations.ts'
import { opening, table } from './table.ts'

const limits = { partners: 40 }
const defaultPartners = [0, 2, 5, 7]

const text = {
  title: { de: 'Gründungsveranstaltung', en: 'Founding event' },
  description: {
    de: 'Vorstellungsrunde mit Angebot und Erwartungen je Organisation, dann im Plenum: wer fehlt, welche Regeln, welcher nächste Schritt.',
    en: 'Introductions with each organisation’s offer and expectations, then in plenary: who is missing, which rules, which next step.',
  },
  intro: {
    de: 'Zuerst stellt sich jede Organisation in ihrer Zeile vor. Danach sammelt das Plenum unten, wer noch fehlt, welche Regeln gelten sollen und wie es weitergeht.',
    en: 'First, each organisation introduces itself in its row. Then the plenary gathers below who is missing, which rules should apply, and what comes next.',
  },
  round: { de: 'Vorstellungsrunde', en: 'Introductions' },
  organisation: { de: 'Organisation', en: 'Organisation' },
  plenary: { de: 'Im Plenum', en: 'In plenary' },
  addPartner: { de: 'Organisation hinzufügen', en: 'Add an organisation' },
  partnerName: { de: 'Name der Organisation', en: 'Name of the organisation' },
}

/**
 * The keys carry routes read (who is missing → Beteiligtenanalyse): the plenary below is built
 * from them.
 */
export const gruendungsveranstaltungCells = Object.freeze({
  round: Object.freeze({ section: 'runde', row: (i: number) => `p${i}` }),
  plenum: Object.freeze({
    section: 'plenum',
    row: 'plenum',
    col: Object.freeze({ fehlt: 'fehlt', regeln: 'regeln', weiter: 'weiter' }),
  }),
} as const)
const keys = gruendungsveranstaltungCells

const roundColumns: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: 'angebot',
    title: { de: 'Unser Angebot', en: 'What we offer' },
    prompt: {
      de: 'Welche Unterstützung bieten Sie der Zielgruppe an?',
      en: 'Which support do you offer the target group?',
    },
  },
  {
    key: 'zielgruppe',
    title: { de: 'Erwartungen für die Zielgruppe', en: 'Expectations for the target group' },
    prompt: {
      de: 'Was soll sich durch das Netzwerk für die Menschen ändern?',
      en: 'What should the network change for the people it serves?',
    },
  },
  {
    key: 'einrichtung',
    title: { de: 'Erwartungen für unsere Organisation', en: 'Expectations for our organisation' },
    prompt: {
      de: 'Was erhofft sich Ihre Organisation vom Netzwerk?',
      en: 'What does your organisation hope to gain from the network?',
    },
  },
]

const plenaryColumns: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: keys.plenum.col.fehlt,
    title: { de: 'Wer fehlt noch?', en: 'Who is missing?' },
    prompt: {
      de: 'Welche Organisationen braucht die Zielgruppe, die heute noch nicht am Tisch sitzen?',
      en: 'Which organisations does the target group need that are not at the table today?',
    },
  },
  {
    key: keys.plenum.col.regeln,
    title: { de: 'Regeln für das Netzwerk', en: 'Rules for the network' },
    prompt: {
      de: 'Wie entscheiden wir? Wie arbeiten Arbeitsgruppen? Wann prüfen wir die Ziele? Wer dokumentiert? Was wird veröffentlicht?',
      en: 'How do we decide? How do working groups work? When do we review our goals? Who keeps records? What is published?',
    },
  },
  {
    key: keys.plenum.col.weiter,
    title: { de: 'Nächster Schritt', en: 'Next step' },
    prompt: {
      de: 'Meist ein gemeinsamer Workshop zum Zielsystem: Termin, Ort, wer lädt ein?',
      en: 'Usually a joint workshop on the goal system: date, place, who invites?',
    },
  },
]

export const GruendungsveranstaltungOptions = z.object({
  partners: z.array(z.string().trim().min(1).max(80)).max(limits.partners).default([]),
})
export type GruendungsveranstaltungOptions = z.infer<typeof GruendungsveranstaltungOptions>

const size = { labelW: 420, colW: 480, rowH: 220, plenaryH: 440, gap: 60 }
const headerScale = 2.1
const width = size.labelW + roundColumns.length * size.colW

function layout(options: GruendungsveranstaltungOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  const round = table({
    section: keys.round.section,
    sectionTitle: t(text.round),
    rowsTitle: t(text.organisation),
    x: 0,
    y: open.y,
    labelW: size.labelW,
    columns: roundColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: t(c.prompt), w: size.colW })),
    rows: options.partners.map((partner, i) => ({ key: keys.round.row(i), label: partner })),
    rowH: size.rowH,
    scale: headerScale,
  })
  const plenaryW = width / plenaryColumns.length
  const plenary = table({
    section: keys.plenum.section,
    sectionTitle: t(text.plenary),
    rowsTitle: '',
    x: 0,
    y: open.y + round.h + size.gap,
    labelW: 0,
    columns: plenaryColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: t(c.prompt), w: plenaryW })),
    rows: [{ key: keys.plenum.row, label: t(text.plenary) }],
    rowH: size.plenaryH,
    scale: headerScale,
    headTone: 'green',
    cellTone: 'light-green',
  })
  return { blocks: [...open.blocks, ...round.blocks, ...plenary.blocks], w: width, h: open.y + round.h + size.gap + plenary.h }
}

export const gruendungsveranstaltung: TemplateDefinition<GruendungsveranstaltungOptions> = {
  name: 'gruendungsveranstaltung',
  title: text.title,
  description: text.description,
  options: GruendungsveranstaltungOptions,
  prepare: (options, locale) =>
    options.partners.length > 0 ? options : { ...options, partners: defaultPartners.map((i) => pick(typicalPartners[i], locale)) },
  layout,
  actions: [
    {
      id: 'addPartner',
      offersPartners: true,
      label: text.addPartner,
      input: text.partnerName,
      apply: (options, input) => ({ ...options, partners: withName(options.partners, input, limits.partners) }),
    },
  ],
}

