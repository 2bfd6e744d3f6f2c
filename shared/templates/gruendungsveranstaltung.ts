/**
 * Gründungsveranstaltung: the founding event of a network. Every organisation introduces what it
 * offers and what it expects; the plenary then names who is missing, first rules, and the next
 * step (usually a workshop on the goal system).
 */
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { typicalPartners } from './organisations.ts'
import { opening, sum, table } from './table.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const limits = { partners: 40 }
const defaultPartners = [0, 2, 5, 7]

const text = {
  title: { de: 'Gründungsveranstaltung', en: 'Founding event' },
  description: {
    de: 'Anlass und Ziele, Vorstellungsrunde mit Angebot, Vorerfahrungen und Erwartungen, dann im Plenum: wer fehlt, wer verbindlich dabei ist, erste Regeln, nächste Schritte.',
    en: 'Occasion and aims, introductions with offer, experience and expectations, then in plenary: who is missing, who takes part for good, first rules, next steps.',
  },
  intro: {
    de: 'Links oben stellt die Koordination Anlass und Ziele vor. Rechts stellt sich jede Organisation in ihrer Zeile vor – mit dem, was sie für die Zielgruppe tut. Darunter hält das Plenum fest, wer fehlt und wer verbindlich mitmacht; links unten stehen die ersten Regeln und wer bis wann was erledigt.',
    en: 'Top left, the coordination presents the occasion and aims. On the right, each organisation introduces itself in its row, by what it does for the target group. Below, the plenary records who is missing and who commits to taking part; bottom left, the first rules and who does what by when.',
  },
  anlass: { de: 'Anlass und Ziele (aus Sicht der Koordination)', en: 'Occasion and aims (as the coordination sees them)' },
  anlassPrompt: {
    de: 'Warum gründen wir das Netzwerk, was soll es für Alleinerziehende vor Ort erreichen? Zahlen und Fakten zur Lage.',
    en: 'Why are we founding the network, what should it achieve for single parents here? Facts and figures on their situation.',
  },
  rules: { de: 'Erste Regeln', en: 'First rules' },
  rulesPrompt: {
    de: 'Was gilt vorerst? Die Regeln werden später in der Vorlage „Netzwerkregeln“ ausgearbeitet.',
    en: 'What applies for now? The rules are worked out later in the “Network rules” template.',
  },
  rule: { de: 'Regel', en: 'Rule' },
  next: { de: 'Nächste Schritte', en: 'Next steps' },
  number: { de: 'Nr.', en: 'No.' },
  round: { de: 'Vorstellungsrunde', en: 'Introductions' },
  organisation: { de: 'Organisation', en: 'Organisation' },
  plenary: { de: 'Im Plenum', en: 'In plenary' },
  addPartner: { de: 'Organisation hinzufügen', en: 'Add an organisation' },
  partnerName: { de: 'Name der Organisation', en: 'Name of the organisation' },
}

/**
 * The keys carry routes read (who is missing → Beteiligtenanalyse, the first rules →
 * Netzwerkregeln, whose rule rows have the same keys) and the report's open items: the layout
 * below is built from them.
 */
export const gruendungsveranstaltungCells = Object.freeze({
  anlass: Object.freeze({ section: 'anlass', row: 'anlass', col: 'anlass' }),
  round: Object.freeze({
    section: 'runde',
    row: (i: number) => `p${i}`,
    col: Object.freeze({ angebot: 'angebot', zielgruppe: 'zielgruppe', vorerfahrungen: 'vorerfahrungen', einrichtung: 'einrichtung' }),
  }),
  plenum: Object.freeze({
    section: 'plenum',
    row: 'plenum',
    col: Object.freeze({
      fehlt: 'fehlt',
      regeln: 'regeln',
      weiter: 'weiter',
      verbindlichkeit: 'verbindlichkeit',
      folgetermine: 'folgetermine',
      presse: 'presse',
    }),
  }),
  regeln: Object.freeze({
    section: 'regeln',
    rows: Object.freeze({ treffen: 'treffen', architektur: 'architektur', vertraulichkeit: 'vertraulichkeit', bindung: 'bindung' }),
    col: Object.freeze({ vereinbart: 'vereinbart' }),
  }),
  naechste: Object.freeze({
    section: 'naechste',
    row: (n: number) => `n${n}`,
    col: Object.freeze({ was: 'was', wer: 'wer', bisWann: 'bisWann', erledigt: doneKey }),
  }),
} as const)
const keys = gruendungsveranstaltungCells

const roundColumns: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: keys.round.col.angebot,
    title: { de: 'Unser Angebot', en: 'What we offer' },
    prompt: {
      de: 'Welche Unterstützung bieten Sie der Zielgruppe an?',
      en: 'Which support do you offer the target group?',
    },
  },
  {
    key: keys.round.col.zielgruppe,
    title: { de: 'Erwartungen für die Zielgruppe', en: 'Expectations for the target group' },
    prompt: {
      de: 'Was soll sich durch das Netzwerk für die Menschen ändern?',
      en: 'What should the network change for the people it serves?',
    },
  },
  {
    key: keys.round.col.vorerfahrungen,
    title: { de: 'Vorerfahrungen mit der Zielgruppe', en: 'Experience with the target group' },
    prompt: {
      de: 'Was wissen und erleben Sie in der Arbeit mit Alleinerziehenden?',
      en: 'What do you know and see in your work with single parents?',
    },
  },
  {
    key: keys.round.col.einrichtung,
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
    title: { de: 'Weitere Absprachen', en: 'Further agreements' },
    prompt: {
      de: 'Was wurde sonst noch vereinbart (Dokumentation, Arbeitsgruppen)?',
      en: 'What else was agreed (records, working groups)?',
    },
  },
  {
    key: keys.plenum.col.weiter,
    title: { de: 'Workshop zum Zielsystem', en: 'Goal system workshop' },
    prompt: {
      de: 'Der nächste Arbeitsschritt: Wie gehen wir vor, wann, wo, wer lädt ein?',
      en: 'The next step of work: how do we go about it, when, where, who invites?',
    },
  },
  {
    key: keys.plenum.col.verbindlichkeit,
    title: { de: 'Wer ist fest dabei?', en: 'Who commits?' },
    prompt: {
      de: 'Wer ist dauerhaft dabei? Muss das noch mit der eigenen Organisation geklärt werden?',
      en: 'Who takes part for good? Does that still need clearing with their own organisation?',
    },
  },
  {
    key: keys.plenum.col.folgetermine,
    title: { de: 'Folgetermine', en: 'Follow-up dates' },
    prompt: { de: 'Wann treffen sich alle wieder?', en: 'When does everyone meet again?' },
  },
  {
    key: keys.plenum.col.presse,
    title: { de: 'Presse', en: 'Press' },
    prompt: {
      de: 'Eine Pressemitteilung zur Gründung? Wer schreibt, wer gibt frei, ab wann ist was spruchreif?',
      en: 'A press release on the founding? Who writes it, who approves it, from when may what be said?',
    },
  },
]

/** H 3.3.3's topics for the first rules; Netzwerkregeln has rows of the same keys. */
const ruleRows: { key: string; label: Labels }[] = [
  {
    key: keys.regeln.rows.treffen,
    label: { de: 'Häufigkeit der Treffen', en: 'How often we meet' },
  },
  {
    key: keys.regeln.rows.architektur,
    label: { de: 'Vorläufige Netzwerkarchitektur', en: 'Provisional structure of the network' },
  },
  {
    key: keys.regeln.rows.vertraulichkeit,
    label: { de: 'Vertraulicher Umgang mit Informationen', en: 'Handling information in confidence' },
  },
  {
    key: keys.regeln.rows.bindung,
    label: { de: 'Bindewirkung von Entscheidungen', en: 'How binding decisions are' },
  },
]

const ruleColumn = {
  key: keys.regeln.col.vereinbart,
  title: { de: 'Vorerst vereinbart', en: 'Agreed for now' },
}

const nextColumns: { key: string; title: Labels; w: number }[] = [
  // „Wer?“ narrower, so that „Erledigt?“ fits the left column's width at header size without a header wrapping.
  { key: keys.naechste.col.was, title: { de: 'Was?', en: 'What?' }, w: 430 },
  { key: keys.naechste.col.wer, title: { de: 'Wer?', en: 'Who?' }, w: 180 },
  { key: keys.naechste.col.bisWann, title: { de: 'Bis wann?', en: 'By when?' }, w: 240 },
  doneColumn(250),
]

export const GruendungsveranstaltungOptions = z.object({
  partners: z.array(z.string().trim().min(1).max(80)).max(limits.partners).default([]),
})
export type GruendungsveranstaltungOptions = z.infer<typeof GruendungsveranstaltungOptions>

const size = {
  leftW: 1100,
  labelW: 420,
  colW: 400,
  rowH: 200,
  anlassH: 200,
  plenaryH: 300,
  ruleLabelW: 520,
  ruleH: 130,
  nextRows: 3,
  nextRowH: 120,
  gap: 60,
  gapY: 30,
}
const headerScale = 2.1
/** The round and the plenary on the right, what the coordination brings and settles on the left. */
const rightX = size.leftW + size.gap
const rightW = size.labelW + roundColumns.length * size.colW
const width = rightX + rightW
const nextScale = size.leftW / sum(nextColumns.map((c) => c.w))

function layout(options: GruendungsveranstaltungOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(t(text.title), t(text.intro), width, headerScale)
  // Left, top to bottom: the occasion that opens the event, the first rules, the next steps.
  const anlass = table({
    section: keys.anlass.section,
    sectionTitle: t(text.anlass),
    rowsTitle: '',
    x: 0,
    y: open.y,
    labelW: 0,
    columns: [{ key: keys.anlass.col, title: t(text.anlass), prompt: t(text.anlassPrompt), w: size.leftW }],
    rows: [{ key: keys.anlass.row, label: t(text.anlass) }],
    rowH: size.anlassH,
    scale: headerScale,
    headTone: 'violet',
    cellTone: 'light-violet',
  })
  const rules = table({
    section: keys.regeln.section,
    sectionTitle: t(text.rules),
    rowsTitle: t(text.rules),
    x: 0,
    y: open.y + anlass.h + size.gapY,
    labelW: size.ruleLabelW,
    columns: [{ key: ruleColumn.key, title: t(ruleColumn.title), prompt: t(text.rulesPrompt), w: size.leftW - size.ruleLabelW }],
    rows: ruleRows.map((row) => ({ key: row.key, label: t(row.label) })),
    rowH: size.ruleH,
    scale: headerScale,
    headTone: 'green',
    rowTone: 'light-green',
    cellTone: 'light-green',
  })
  const nextY = open.y + anlass.h + size.gapY + rules.h + size.gapY
  const next = table({
    section: keys.naechste.section,
    sectionTitle: t(text.next),
    rowsTitle: t(text.number),
    x: 0,
    y: nextY,
    labelW: 0,
    columns: nextColumns.map((c, i) => ({ key: c.key, title: i === 0 ? `${t(text.next)}: ${t(c.title)}` : t(c.title), w: c.w * nextScale })),
    rows: Array.from({ length: size.nextRows }, (_, i) => ({ key: keys.naechste.row(i + 1), label: `${i + 1}` })),
    rowH: size.nextRowH,
    scale: headerScale,
    headTone: 'orange',
    cellTone: 'yellow',
  })
  // Right: every organisation's row, then what the plenary settles.
  const round = table({
    section: keys.round.section,
    sectionTitle: t(text.round),
    rowsTitle: t(text.organisation),
    x: rightX,
    y: open.y,
    labelW: size.labelW,
    columns: roundColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: t(c.prompt), w: size.colW })),
    rows: options.partners.map((partner, i) => ({ key: keys.round.row(i), label: partner })),
    rowH: size.rowH,
    scale: headerScale,
  })
  const plenaryW = rightW / plenaryColumns.length
  const plenary = table({
    section: keys.plenum.section,
    sectionTitle: t(text.plenary),
    rowsTitle: '',
    x: rightX,
    y: open.y + round.h + size.gapY,
    labelW: 0,
    columns: plenaryColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: t(c.prompt), w: plenaryW })),
    rows: [{ key: keys.plenum.row, label: t(text.plenary) }],
    rowH: size.plenaryH,
    scale: headerScale,
    headTone: 'green',
    cellTone: 'light-green',
  })
  return {
    blocks: [...open.blocks, ...anlass.blocks, ...round.blocks, ...plenary.blocks, ...rules.blocks, ...next.blocks],
    w: width,
    h: Math.max(nextY + next.h, open.y + round.h + size.gapY + plenary.h),
  }
}

export const gruendungsveranstaltung: TemplateDefinition<GruendungsveranstaltungOptions> = {
  name: 'gruendungsveranstaltung',
  title: text.title,
  description: text.description,
  options: GruendungsveranstaltungOptions,
  prepare: (options, locale) =>
    options.partners.length > 0 ? options : { ...options, partners: defaultPartners.map((i) => pick(typicalPartners[i], locale)) },
  layout,
  openItemTables: [
    { section: keys.naechste.section, what: [keys.naechste.col.was], who: [keys.naechste.col.wer], when: [keys.naechste.col.bisWann], done: [doneKey] },
  ],
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

