/**
 * Netzwerkregeln und Kooperationsvereinbarung: the rules a network gives itself, written down,
 * agreed by all and looked after (H 4.3.9), revisited with everyone rather than the steering group
 * alone (H 6.2.3); the first of them come from the founding event (H 3.3.3). Beside them, per
 * partner organisation, what it brings in and what not, who its contact is, how information and
 * single cases are exchanged and how conflicts are fed back (L 5.2.4); the form of the agreement
 * is chosen to suit the partners (L 5.2.5).
 */
import { z } from 'zod'
import { withName, type TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { typicalPartners } from './organisations.ts'
import type { Block } from './model.ts'
import { opening, sum, table } from './table.ts'
import { headerRow } from './typography.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { doneColumn, doneKey } from './doneColumn.ts'
import { netzwerkregelnCells } from './netzwerkregelnCells.ts'

export { netzwerkregelnCells }

const limits = { partners: 30, extraRules: 10 }
// Short names, so that three fit beside the rules (a long one is set smaller).
const defaultPartners = [0, 2, 7]

const keys = netzwerkregelnCells

const text = {
  title: { de: 'Netzwerkregeln und Kooperationsvereinbarung', en: 'Network rules and cooperation agreement' },
  description: {
    de: 'Die Regeln der Zusammenarbeit, schriftlich und von allen beschlossen, und je Organisation: was sie einbringt, wer Ansprechperson ist, wie Austausch und Datenschutz laufen.',
    en: 'The rules of working together, written down and agreed by all, and per organisation: what it brings in, who the contact is, how exchange and data protection work.',
  },
  intro: {
    de: 'Regeln gelten nur, wenn alle sie mit ausgehandelt haben: Erarbeiten und beschließen Sie sie im Plenum, nicht nur in der Steuerungsgruppe, und prüfen Sie sie regelmäßig gemeinsam. Links je Bereich, wie Sie es halten wollen; rechts je Organisation, was sie einbringt und wie Sie zusammenarbeiten. Die Koordination achtet auf die Regeln, verantwortlich sind alle.',
    en: 'Rules only hold when everyone has negotiated them: work them out and adopt them in the plenary, not only in the steering group, and review them together regularly. On the left, per area, how you want to handle it; on the right, per organisation, what it brings in and how you work together. The coordination watches over the rules; everyone is responsible for them.',
  },
  rules: { de: 'Regeln für die Zusammenarbeit', en: 'Rules for working together' },
  area: { de: 'Bereich', en: 'Area' },
  areaPrompt: { de: 'Was ist zu regeln?', en: 'What needs a rule?' },
  extraRule: { de: 'Weitere Regel', en: 'Further rule' },
  partners: { de: 'Was jede Organisation einbringt', en: 'What each organisation brings in' },
  partnersHead: { de: 'Je Organisation', en: 'Per organisation' },
  organisation: { de: 'Organisation', en: 'Organisation' },
  adoption: { de: 'Beschluss', en: 'Adoption' },
  // The same word as the rules' column: how firm the whole agreement is.
  form: { de: 'Verbindlichkeit der Vereinbarung', en: 'How firm the agreement is' },
  date: { de: 'Stand', en: 'As of' },
  addRule: { de: 'Regel hinzufügen', en: 'Add a rule' },
  addPartner: { de: 'Organisation hinzufügen', en: 'Add an organisation' },
  partnerName: { de: 'Name der Organisation', en: 'Name of the organisation' },
}

/** The forms an agreement can take (L 5.2.5), from the least binding. */
export const agreementForms = ['muendlich', 'protokoll', 'vereinbarung'] as const
const formLabels: Record<(typeof agreementForms)[number], Labels> = {
  muendlich: { de: 'Mündliche Absprachen', en: 'Spoken agreements' },
  protokoll: { de: 'Im Protokoll festgehalten', en: 'Recorded in the minutes' },
  vereinbarung: { de: 'Schriftliche Kooperationsvereinbarung', en: 'Written cooperation agreement' },
}
export const agreementFormLabel = (form: (typeof agreementForms)[number], locale: Locale) => pick(formLabels[form], locale)
/** The options form's question for it. */
export const agreementFormQuestion: Labels = text.form

/** The areas H 4.3.9 (and H 3.3.3, H 4.3.2) name; each a row. */
const ruleAreas: { key: string; label: Labels; prompt: Labels }[] = [
  {
    key: keys.regeln.rows.teilhabe,
    label: { de: 'Teilhabe', en: 'Membership' },
    prompt: { de: 'Wie kommt man hinzu, wie geht man?', en: 'How does one join, how leave?' },
  },
  {
    key: keys.regeln.rows.entscheidungen,
    label: { de: 'Entscheidungen', en: 'Decisions' },
    // H 4.3.9: how decisions taken inside an organisation reach the network.
    prompt: { de: 'Wer entscheidet was, im Netz, im Haus?', en: 'Who decides what, here and in-house?' },
  },
  {
    key: keys.regeln.rows.arbeitsgruppen,
    label: { de: 'Arbeitsgruppen', en: 'Working groups' },
    prompt: { de: 'Aufträge, Fristen, Rückmeldung?', en: 'Tasks, deadlines, report back?' },
  },
  {
    key: keys.regeln.rows.ziele,
    label: { de: 'Ziele und Berichte', en: 'Goals and reports' },
    prompt: { de: 'Wie oft, wer berichtet wem?', en: 'How often, who reports to whom?' },
  },
  {
    key: keys.regeln.rows.dokumentation,
    label: { de: 'Dokumentation', en: 'Records' },
    prompt: { de: 'Wer schreibt mit, wer verteilt?', en: 'Who takes notes, who sends them?' },
  },
  {
    key: keys.regeln.rows.vertraulichkeit,
    // Konkurrenz beside what stays in the room; H 3.2.8: where partners compete, the network and
    // its coordination see to transparency, so that conditions stay fair.
    label: { de: 'Vertraulichkeit, Konkurrenz', en: 'Confidentiality, competition' },
    prompt: { de: 'Was bleibt im Raum? Wo wir konkurrieren: transparent?', en: 'What stays in the room? Where we compete: open?' },
  },
  {
    key: keys.regeln.rows.oeffentlichkeit,
    label: { de: 'Öffentlichkeit', en: 'Public relations' },
    prompt: { de: 'Wer spricht für das Netzwerk?', en: 'Who speaks for the network?' },
  },
  {
    key: keys.regeln.rows.treffen,
    // Koordination beside the meetings it calls (H 3.3.2); two more rows would not fit a laptop or the projector.
    label: { de: 'Treffen, Koordination', en: 'Meetings, coordination' },
    prompt: { de: 'Wie oft? Wer koordiniert, wer folgt?', en: 'How often? Who coordinates, who follows?' },
  },
  {
    key: keys.regeln.rows.bindung,
    label: { de: 'Bindewirkung', en: 'How binding' },
    // H 4.3.9: and the way back, the network's results into each organisation.
    prompt: { de: 'Sofort oder nach Rücksprache? Wer trägt es ins Haus?', en: 'At once or after checking back? Who takes it home?' },
  },
  {
    key: keys.regeln.rows.architektur,
    label: { de: 'Architektur', en: 'Architecture' },
    prompt: { de: 'Steuerung, Plenum, Gruppen?', en: 'Steering, plenary, groups?' },
  },
]

const ruleColumns: { key: string; title: Labels; prompt?: Labels; w: number }[] = [
  { key: keys.regeln.col.regel, title: { de: 'Regel: so machen wir es', en: 'Rule: how we do it' }, w: 340 },
  { key: keys.regeln.col.vereinbartAm, title: { de: 'Vereinbart am', en: 'Agreed on' }, w: 280 },
  {
    key: keys.regeln.col.verbindlichkeit,
    title: { de: 'Verbindlichkeit', en: 'How firm' },
    prompt: { de: 'Mündlich, im Protokoll oder schriftlich vereinbart?', en: 'Agreed by word, in the minutes or in writing?' },
    w: 370,
  },
  { key: keys.regeln.col.wer, title: { de: 'Wer achtet darauf?', en: 'Who watches over it?' }, w: 250 },
  { key: keys.regeln.col.ueberpruefung, title: { de: 'Überprüfung am', en: 'Review on' }, w: 320 },
]

/** L 5.2.4's questions per partner; on the board each is a row, and each organisation a column. */
const partnerAspects: { key: string; title: Labels }[] = [
  { key: keys.partner.col.bringt, title: { de: 'Bringt ein: Aufgaben, Mittel', en: 'Brings in: tasks, means' } },
  { key: keys.partner.col.bringtNicht, title: { de: 'Bringt nicht ein', en: 'Does not bring in' } },
  { key: keys.partner.col.ansprech, title: { de: 'Ansprechperson', en: 'Contact person' } },
  // H 2.2.2: partners learn each other's work through Hospitationen (and shared training): the
  // exchange named by its forms, in two lines like the aspects around it.
  { key: keys.partner.col.austausch, title: { de: 'Hospitation, Fortbildung?', en: 'Shadowing, training?' } },
  { key: keys.partner.col.datenschutz, title: { de: 'Einzelfälle: wie schützen wir die Daten?', en: 'Single cases: how are data protected?' } },
  { key: keys.partner.col.konflikt, title: { de: 'Rückmeldung bei Konflikten', en: 'Feedback in conflicts' } },
]

const adoptionColumns: { key: string; title: Labels; prompt: Labels }[] = [
  {
    key: keys.beschluss.col.am,
    title: { de: 'Beschlossen: wann, von wem?', en: 'Adopted: when, by whom?' },
    prompt: { de: 'Von allen?', en: 'By everyone?' },
  },
  {
    key: keys.beschluss.col.naechste,
    title: { de: 'Nächste Überprüfung', en: 'Next review' },
    prompt: { de: 'Wann, mit allen?', en: 'When, with everyone?' },
  },
  {
    key: keys.beschluss.col.wer,
    title: { de: 'Wer lädt ein?', en: 'Who invites?' },
    prompt: { de: 'Meist die Koordination', en: 'Usually the coordinator' },
  },
  { ...doneColumn(), prompt: { de: 'Hat sie stattgefunden?', en: 'Has it taken place?' } },
]

export const NetzwerkregelnOptions = z.object({
  partners: z.array(z.string().trim().min(1).max(80)).max(limits.partners).default([]),
  extraRules: z.number().int().min(0).max(limits.extraRules).default(0),
  form: z.enum(agreementForms).default('protokoll'),
  date: DateOption,
})
export type NetzwerkregelnOptions = z.infer<typeof NetzwerkregelnOptions>

const size = { ruleLabelW: 420, ruleH: 152, aspectW: 380, partnerW: 300, partnerH: 150, adoptionH: 180, gapX: 50, gapY: 50 }
const headerScale = 2.2
const rulesW = size.ruleLabelW + sum(ruleColumns.map((c) => c.w))
const partnersX = rulesW + size.gapX

function layout(options: NetzwerkregelnOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const partnersW = size.aspectW + options.partners.length * size.partnerW
  const width = partnersX + partnersW
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const extra = Array.from({ length: options.extraRules }, (_, i) => ({ key: keys.regeln.extra(i + 1), label: `${t(text.extraRule)} ${i + 1}` }))
  const rules = table({
    section: keys.regeln.section,
    sectionTitle: t(text.rules),
    rowsTitle: t(text.area),
    x: 0,
    y: open.y,
    labelW: size.ruleLabelW,
    columns: ruleColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: [...ruleAreas.map((area) => ({ key: area.key, label: t(area.label) })), ...extra],
    rowH: size.ruleH,
    scale: headerScale,
    headTone: 'blue',
  })
  // Each area's question stands where it is answered: in the corner of its rule's cell.
  const questions = new Map(ruleAreas.map((area) => [`${keys.regeln.section}:cell:${area.key}:${keys.regeln.col.regel}`, t(area.prompt)]))
  const ruleBlocks = rules.blocks.map((block) => {
    const question = block.kind === 'cell' ? questions.get(block.key) : undefined
    return question ? { ...block, label: question } : block
  })
  const partners = partnerTable(options.partners, t, open.y)
  const adoptionY = open.y + partners.h + size.gapY
  const adoption = table({
    section: keys.beschluss.section,
    sectionTitle: t(text.adoption),
    rowsTitle: '',
    x: partnersX,
    y: adoptionY,
    labelW: 0,
    columns: adoptionColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: t(c.prompt), w: partnersW / adoptionColumns.length })),
    rows: [{ key: keys.beschluss.row, label: t(text.adoption) }],
    rowH: size.adoptionH,
    scale: headerScale,
    headTone: 'green',
    cellTone: 'light-green',
  })
  return {
    blocks: [...open.blocks, ...ruleBlocks, ...partners.blocks, ...adoption.blocks],
    w: width,
    h: Math.max(open.y + rules.h, adoptionY + adoption.h),
  }
}

/**
 * What each organisation brings in: an organisation per column, L 5.2.4's questions as rows, so
 * that many partners fit beside the rules. Cells name the organisation as their row and the
 * question as their column, as in a table of partners, and export as one.
 */
function partnerTable(names: readonly string[], t: (labels: Labels) => string, y0: number): { blocks: Block[]; h: number } {
  const { section } = keys.partner
  const sectionTitle = t(text.partners)
  const head = headerRow(
    [
      { key: `${section}:head`, x: partnersX, w: size.aspectW, tone: 'violet', title: t(text.partnersHead) },
      ...names.map((name, i) => ({ key: `${section}:row:${keys.partner.row(i)}`, x: partnersX + size.aspectW + i * size.partnerW, w: size.partnerW, tone: 'violet' as const, title: name })),
    ],
    y0,
    headerScale,
  )
  const blocks: Block[] = [...head.blocks]
  let y = y0 + head.h
  for (const aspect of partnerAspects) {
    const title = t(aspect.title)
    const label = headerRow([{ key: `${section}:head:${aspect.key}`, x: partnersX, w: size.aspectW, tone: 'light-violet', title }], y, headerScale, size.partnerH)
    blocks.push(...label.blocks)
    names.forEach((name, i) =>
      blocks.push({
        kind: 'cell',
        key: `${section}:cell:${keys.partner.row(i)}:${aspect.key}`,
        x: partnersX + size.aspectW + i * size.partnerW,
        y,
        w: size.partnerW,
        h: label.h,
        tone: 'grey',
        cell: { section, sectionTitle, rowsTitle: t(text.organisation), row: keys.partner.row(i), rowLabel: name, col: aspect.key, colLabel: title },
      }),
    )
    y += label.h
  }
  return { blocks, h: y - y0 }
}

export const netzwerkregeln: TemplateDefinition<NetzwerkregelnOptions> = {
  name: 'netzwerkregeln',
  title: text.title,
  description: text.description,
  options: NetzwerkregelnOptions,
  prepare: (options, locale) =>
    options.partners.length > 0 ? options : { ...options, partners: defaultPartners.map((i) => pick(typicalPartners[i], locale)) },
  layout,
  actions: [
    {
      id: 'addRule',
      label: text.addRule,
      apply: (options) => (options.extraRules >= limits.extraRules ? options : { ...options, extraRules: options.extraRules + 1 }),
    },
    {
      id: 'addPartner',
      offersPartners: true,
      label: text.addPartner,
      input: text.partnerName,
      apply: (options, input) => ({ ...options, partners: withName(options.partners, input, limits.partners) }),
    },
  ],
  exportFacts: (options, locale) => [
    { label: pick(text.form, locale), value: agreementFormLabel(options.form, locale) },
    ...(options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  ],
  openItemTables: [
    {
      section: keys.regeln.section,
      what: [keys.regeln.col.regel],
      who: [keys.regeln.col.wer],
      when: [keys.regeln.col.ueberpruefung],
      // Watching over a rule is a standing duty; its review on a date is the task.
      requires: [keys.regeln.col.ueberpruefung],
      rowLabel: true,
      // Closed with the day's review, in the Beschluss row below (`reviewDays.ts`).
      reviewDay: 'when',
    },
    // The next joint review is the task: when it is (what was written), and who invites to it.
    { section: keys.beschluss.section, what: [keys.beschluss.col.naechste], who: [keys.beschluss.col.wer], reviewDay: 'what', done: [doneKey] },
  ],
}
