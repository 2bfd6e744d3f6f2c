/**
 * Fallkonferenz: the services involved in one complex case think it through together, under a
 * pseudonym. Consent comes first (the person agreed, confidentiality released, pseudonym only,
 * moderation by someone other than the service bringing the case); then the case, the ways
 * agreed (with who backs each in the Stelle's own house), and what the case teaches the service
 * chain, its cooperation included. Beside them the network's procedure (H 5.3.5): the Frist for
 * the written case, how often and on what occasion, the conferences that exist already. The
 * facilitator records the confirmations (`board/entries/consent.ts`); until the record is
 * complete the relay keeps the case cells shut and every export holds the case back
 * (`fallkonferenzConsent.ts`). The confirmation cells are for remarks only: nothing written there
 * releases anything.
 */
import { z } from 'zod'
import type { ExportGate, InstanceView, TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'
import { nextPseudonym } from './caseNames.ts'
import { caseHold } from './fallkonferenzHold.ts'
import { caseSections as lockedSections } from '../board/entries/consent.ts'
import { missingText } from './fallkonferenzConsent.ts'
import { doneColumn, doneKey } from './doneColumn.ts'

const limits = { pseudonym: 40, organisation: 80, solutions: 12 }

/** The cells other parts of the app read (carry routes to the chain and the Fallmatrix). */
export const fallkonferenzCells = {
  consent: 'einverstaendnis',
  consentRows: ['einverstaendnis', 'entbindung', 'pseudonym', 'moderation'],
  confirmed: 'bestaetigt',
  case: 'fall',
  solutions: 'loesungen',
  solution: (n: number) => `l${n}`,
  findings: 'erkenntnisse',
  findingsRow: 'erkenntnisse',
  /** „Was hat die Konferenz an der Zusammenarbeit gezeigt?“: the name-free lesson that may go on to the chain. */
  col: { luecke: 'luecke', schnittstelle: 'schnittstelle', thema: 'thema', verfahren: 'verfahren', zusammenarbeit: 'zusammenarbeit' },
  /** A way forward's columns besides the way itself: „Im Haus abgesichert durch?“ beside „Wer?“. */
  solutionCol: { wer: 'wer', abgesichert: 'abgesichert' },
  /** The network's procedure for its conferences, one row: not the case (see `heldSections`). */
  frame: 'rahmen',
  frameRow: 'rahmen',
  frameCol: { frist: 'frist', haeufigkeit: 'haeufigkeit', bestehende: 'bestehende' },
} as const

const cells = fallkonferenzCells

/**
 * What the export keeps back until consent is recorded, and name-checks after: the sections that
 * hold the case itself (the relay keeps those shut), and the procedure. The procedure is not the
 * case: the network fixes its Frist, rhythm and existing conferences before any case is brought,
 * often before anyone has consented to anything, so its cells stay open for typing. But a board
 * holding a case is a case board, whole (`results/caseBoardHold.ts`): what is typed there
 * („Herr B. sammelt die Fälle“) leaves the board by the case's rule, as every other text on it.
 */
const heldSections = [...lockedSections, cells.frame]

const text = {
  title: { de: 'Fallkonferenz', en: 'Case conference' },
  description: {
    de: 'Ein schwieriger Fall, gemeinsam beraten: erst die Bestätigungen (Einverständnis, Schweigepflicht, Pseudonym, Moderation) und das Verfahren (Frist, Häufigkeit, bestehende Konferenzen), dann Fall, Lösungswege und was die Kette und die Zusammenarbeit daraus lernen.',
    en: 'One complex case, discussed together: first the confirmations (consent, confidentiality, pseudonym, moderation) and the procedure (deadline, frequency, existing conferences), then the case, the agreed ways forward and what the chain and the cooperation learn.',
  },
  intro: {
    de: 'Nur für Fälle, die eine Stelle allein nicht lösen kann. Zuerst hält die Moderation die Bestätigungen fest („Bestätigungen festhalten“ bei den Vorlagen); bis alle vorliegen, bleiben Fall, Lösungswege und Erkenntnisse für alle gesperrt. Dann den Fall nur mit dem Pseudonym beschreiben, ohne Namen, Adressen oder Einzelheiten, an denen man die Person erkennt.',
    en: 'Only for cases one service cannot solve alone. First the facilitator records the confirmations (“Record confirmations” with the templates); until all are in, the case, the ways forward and the lessons stay locked for everyone. Then describe the case by its pseudonym alone, without names, addresses or details that would identify the person.',
  },
  consent: { de: 'Vor dem Gespräch', en: 'Before the conference' },
  condition: { de: 'Voraussetzung', en: 'Condition' },
  confirmed: { de: 'Anmerkung', en: 'Remark' },
  confirmedPrompt: { de: 'Bestätigt wird im Dialog „Bestätigungen festhalten“, nicht hier', en: 'Confirmations are recorded in “Record confirmations”, not here' },
  case: { de: 'Fallbeschreibung', en: 'The case' },
  // The case sections say on the board that they wait for the confirmations (the export enforces it).
  caseColumn: { de: 'Erst nach den Bestätigungen ausfüllen', en: 'Fill in only after the confirmations' },
  pseudonymOnly: { de: 'Nur das Pseudonym, nichts, woran man die Person erkennt.', en: 'The pseudonym only, nothing that identifies the person.' },
  afterConsent: {
    de: 'Erst ausfüllen, wenn alle vier Bestätigungen stehen. Nur das Pseudonym, nichts, woran man die Person erkennt.',
    en: 'Fill in only once all four confirmations are there. The pseudonym only, nothing that identifies the person.',
  },
  solutions: { de: 'Vereinbarte Lösungswege', en: 'Agreed ways forward' },
  number: { de: 'Nr.', en: 'No.' },
  findings: { de: 'Erkenntnisse für die Dienstleistungskette', en: 'What the service chain learns' },
  frame: { de: 'Unser Verfahren für Fallkonferenzen', en: 'Our procedure for case conferences' },
  pseudonym: { de: 'Pseudonym', en: 'Pseudonym' },
  defaultPseudonym: { de: 'Fall A', en: 'Case A' },
  organisation: { de: 'Bringt den Fall ein', en: 'Case brought by' },
  date: { de: 'Datum', en: 'Date' },
  addSolution: { de: 'Lösungsweg hinzufügen', en: 'Add a way forward' },
  withheld: { de: 'Fall, Lösungswege, Erkenntnisse, Bestätigungen, Pseudonym und Kommentare', en: 'Case, ways forward, lessons, confirmations, pseudonym and comments' },
  missing: {
    de: 'Nicht ausgegeben – es fehlen noch Bestätigungen vor dem Gespräch',
    en: 'Not exported – confirmations before the conference are still missing',
  },
}

type Row = { key: string; title: Labels; prompt: Labels }
type Column = { key: string; title: Labels; prompt?: Labels; w: number }

const consentRows: Row[] = [
  {
    key: 'einverstaendnis',
    title: { de: 'Einverständnis', en: 'Consent' },
    prompt: {
      de: 'Die Person weiß von der Konferenz und ist einverstanden, dass ihr Fall hier beraten wird.',
      en: 'The person knows about the conference and agrees that their case is discussed here.',
    },
  },
  {
    key: 'entbindung',
    title: { de: 'Schweigepflichtsentbindung', en: 'Release from confidentiality' },
    prompt: {
      de: 'Sie hat die Stellen, die heute am Tisch sitzen, von der Schweigepflicht entbunden.',
      en: 'They have released the services at the table today from their duty of confidentiality.',
    },
  },
  {
    key: 'pseudonym',
    title: { de: 'Nur Pseudonym', en: 'Pseudonym only' },
    prompt: {
      de: 'Auf dem Board steht nur das Pseudonym – kein Name, keine Adresse, nichts Erkennbares.',
      en: 'The board shows only the pseudonym: no name, no address, nothing recognisable.',
    },
  },
  {
    key: 'moderation',
    title: { de: 'Moderation', en: 'Chair' },
    prompt: {
      de: 'Wer moderiert? Nicht die Stelle, die den Fall einbringt.',
      en: 'Who chairs? Not the service that brings the case.',
    },
  },
]

const caseRows: Row[] = [
  {
    key: 'problem',
    title: { de: 'Problemkonstellation', en: 'The problem' },
    prompt: { de: 'Was kommt zusammen, dass eine Stelle allein nicht weiterkommt?', en: 'What comes together so that one service alone gets stuck?' },
  },
  {
    key: 'verlauf',
    title: { de: 'Bisheriger Verlauf', en: 'So far' },
    prompt: { de: 'Was ist bisher geschehen, in welcher Reihenfolge?', en: 'What has happened so far, in which order?' },
  },
  {
    key: 'hilfen',
    title: { de: 'Bisherige Hilfen', en: 'Help so far' },
    prompt: { de: 'Welche Hilfen und Maßnahmen gab es, von wem, mit welchem Ergebnis?', en: 'Which help and measures, from whom, with what result?' },
  },
  {
    key: 'frage',
    title: { de: 'Fragestellung', en: 'The question' },
    prompt: { de: 'Was soll die Konferenz heute klären?', en: 'What should the conference settle today?' },
  },
  {
    key: 'stellen',
    title: { de: 'Beteiligte Stellen', en: 'Services involved' },
    prompt: { de: 'Wer ist heute beteiligt, wer fehlt?', en: 'Who is involved today, who is missing?' },
  },
]

const solutionColumns: Column[] = [
  { key: 'loesung', title: { de: 'Lösungsweg', en: 'Way forward' }, prompt: text.afterConsent, w: 460 },
  { key: cells.solutionCol.wer, title: { de: 'Wer?', en: 'Who?' }, w: 300 },
  // H 5.3.5: a solution must be backed quickly in each organisation's hierarchy.
  {
    key: cells.solutionCol.abgesichert,
    title: { de: 'Im Haus abgesichert durch?', en: 'Backed in-house by?' },
    prompt: { de: 'Funktion, kein Name (z. B. Teamleitung)', en: 'A role, not a name (e.g. team lead)' },
    w: 400,
  },
  { key: 'bisWann', title: { de: 'Bis wann?', en: 'By when?' }, w: 300 },
  {
    key: 'rueckmeldung',
    title: { de: 'Rückmeldung', en: 'Feedback' },
    prompt: { de: 'Wer erfährt das Ergebnis?', en: 'Who hears how it went?' },
    w: 460,
  },
  doneColumn(340),
]

const findingColumns: Column[] = [
  {
    key: cells.col.luecke,
    title: { de: 'Lücke', en: 'Gap' },
    prompt: { de: 'Welches Angebot hat gefehlt?', en: 'Which service was missing?' },
    w: 380,
  },
  {
    key: cells.col.schnittstelle,
    title: { de: 'Schnittstelle, die hakt', en: 'A hand-over that sticks' },
    prompt: { de: 'Wo ging zwischen zwei Stellen etwas verloren?', en: 'Where did something get lost between two services?' },
    w: 460,
  },
  {
    key: cells.col.thema,
    title: { de: 'Problemthema', en: 'Problem theme' },
    prompt: { de: 'Für die Fallübergreifende Zusammenschau', en: 'For the cross-case overview' },
    w: 490,
  },
  {
    key: cells.col.verfahren,
    title: { de: 'Grundsätzlich klären', en: 'To settle in general' },
    prompt: { de: 'Welches Verfahren regeln wir für alle Fälle?', en: 'Which procedure do we agree for every case?' },
    w: 470,
  },
  // H 5.3.5: the conferences' record shows how the partners' cooperation has changed.
  {
    key: cells.col.zusammenarbeit,
    title: { de: 'Was hat die Konferenz an der Zusammenarbeit gezeigt?', en: 'What did the conference show about working together?' },
    prompt: { de: 'Ohne Namen und ohne den Fall: was lief zwischen den Stellen gut, was hakt?', en: 'Without names or the case: what worked between the services, what sticks?' },
    w: 640,
  },
]

// The network's procedure (H 5.3.5), agreed once for all its conferences; widths as weights of the right column.
const frameColumns: Column[] = [
  {
    key: cells.frameCol.frist,
    title: { de: 'Frist für die Fallbeschreibung', en: 'Deadline for the written case' },
    prompt: {
      de: 'Bis wann gibt die einbringende Stelle den anonymisierten Fall schriftlich an alle (erst nach Einverständnis und Entbindung), damit sie sich vorbereiten können?',
      en: 'By when does the service bringing the case send the anonymised case in writing to all (only after consent and release), so that they can prepare?',
    },
    w: 1.25,
  },
  {
    key: cells.frameCol.haeufigkeit,
    title: { de: 'Häufigkeit und Anlass', en: 'How often, on what occasion' },
    prompt: {
      de: 'Feste Termine (monatlich, viertel- oder halbjährlich) oder nur bei Bedarf einer Stelle – dann drohen Aufschub und Terminnot.',
      en: 'Fixed dates (monthly, quarterly or half-yearly), or only when a service asks – which risks delay and no date found.',
    },
    w: 1,
  },
  {
    key: cells.frameCol.bestehende,
    title: { de: 'Bestehende Konferenzen', en: 'Conferences that exist already' },
    prompt: {
      de: 'Welche gibt es schon, z. B. das Hilfeplanverfahren nach § 36 SGB VIII? Nutzen statt doppeln.',
      en: 'Which exist already, e.g. care planning under § 36 SGB VIII? Use them, do not double them.',
    },
    w: 0.9,
  },
]

export const FallkonferenzOptions = z.object({
  /** Filled in by `prepare` ("Fall A"): never a name. */
  pseudonym: z.string().trim().max(limits.pseudonym).default(''),
  organisation: z.string().trim().max(limits.organisation).default(''),
  date: DateOption,
  solutions: z.number().int().min(1).max(limits.solutions).default(4),
})
export type FallkonferenzOptions = z.infer<typeof FallkonferenzOptions>

// Two columns, so that the whole conference fits a screen: before and the case on the left,
// what was agreed and learnt on the right.
const size = { leftW: 1900, labelW: 700, numberW: 200, consentW: 640, consentRowH: 170, caseRowH: 200, frameH: 200, solutionRowH: 200, findingsH: 280, gap: 50, columnGap: 100 }
const headerScale = 3
const rightW = size.numberW + sum(solutionColumns.map((c) => c.w))
const width = size.leftW + size.columnGap + rightW

function layout(options: FallkonferenzOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const title = dated(`${t(text.title)} · ${options.pseudonym || t(text.defaultPseudonym)}`, options.date, locale)
  const open = opening(title, t(text.intro), width, headerScale)
  const consent = table({
    section: cells.consent,
    sectionTitle: t(text.consent),
    rowsTitle: t(text.consent),
    x: 0,
    y: open.y,
    labelW: size.leftW - size.consentW,
    columns: [{ key: cells.confirmed, title: t(text.confirmed), prompt: t(text.confirmedPrompt), w: size.consentW }],
    rows: consentRows.map((r) => ({ key: r.key, label: t(r.title), prompt: t(r.prompt) })),
    rowH: size.consentRowH,
    scale: headerScale,
    headTone: 'orange',
    rowTone: 'yellow',
    cellTone: 'light-red',
  })
  const caseY = open.y + consent.h + size.gap
  const story = table({
    section: cells.case,
    sectionTitle: t(text.case),
    rowsTitle: t(text.case),
    x: 0,
    y: caseY,
    labelW: size.labelW,
    columns: [{ key: 'inhalt', title: t(text.caseColumn), prompt: t(text.pseudonymOnly), w: size.leftW - size.labelW }],
    rows: caseRows.map((r) => ({ key: r.key, label: t(r.title), prompt: t(r.prompt) })),
    rowH: size.caseRowH,
    scale: headerScale,
  })
  const rightX = size.leftW + size.columnGap
  // The procedure above the ways forward: fixed before the conference, as the confirmations are.
  const frameWeights = sum(frameColumns.map((c) => c.w))
  const frame = table({
    section: cells.frame,
    sectionTitle: t(text.frame),
    rowsTitle: '',
    x: rightX,
    y: open.y,
    labelW: 0,
    columns: frameColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: (rightW * c.w) / frameWeights })),
    rows: [{ key: cells.frameRow, label: t(text.frame) }],
    rowH: size.frameH,
    scale: headerScale,
    headTone: 'orange',
    cellTone: 'light-red',
  })
  const solutionsY = open.y + frame.h + size.gap
  const solutions = table({
    section: cells.solutions,
    sectionTitle: t(text.solutions),
    rowsTitle: t(text.number),
    x: rightX,
    y: solutionsY,
    labelW: size.numberW,
    columns: solutionColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: c.w })),
    rows: Array.from({ length: options.solutions }, (_, i) => ({ key: cells.solution(i + 1), label: `${i + 1}` })),
    rowH: size.solutionRowH,
    scale: headerScale,
    headTone: 'green',
    cellTone: 'light-green',
  })
  const findingsY = solutionsY + solutions.h + size.gap
  // Widths as weights: the findings share the right column's width.
  const findingWeights = sum(findingColumns.map((c) => c.w))
  const findings = table({
    section: cells.findings,
    sectionTitle: t(text.findings),
    rowsTitle: '',
    x: rightX,
    y: findingsY,
    labelW: 0,
    columns: findingColumns.map((c) => ({ key: c.key, title: t(c.title), prompt: c.prompt && t(c.prompt), w: (rightW * c.w) / findingWeights })),
    rows: [{ key: cells.findingsRow, label: t(text.findings) }],
    rowH: size.findingsH,
    scale: headerScale,
    headTone: 'violet',
    cellTone: 'light-violet',
  })
  return {
    blocks: [...open.blocks, ...consent.blocks, ...frame.blocks, ...story.blocks, ...solutions.blocks, ...findings.blocks],
    w: width,
    h: Math.max(caseY + story.h, findingsY + findings.h),
  }
}

/** Holds the case until the facilitator's recorded confirmations release it (`fallkonferenzConsent.ts`). */
function exportGate(view: InstanceView, locale: Locale): ExportGate | undefined {
  const missing = missingText(view, locale)
  const options = FallkonferenzOptions.safeParse(view.instance.options).data ?? FallkonferenzOptions.parse({})
  return caseHold({
    view,
    locale,
    released: missing === undefined,
    reason: { label: pick(text.withheld, locale), value: `${pick(text.missing, locale)}: ${missing ?? ''}.` },
    options: { pseudonym: options.pseudonym ?? '', date: options.date ?? '' },
    caseSections: heldSections,
    consentSection: cells.consent,
    // „Wer?“ is checked too: the person herself is the usual owner of a step (issue 61).
    staffColumns: [],
    title: text.title,
    factsWithout: (l) => facts({ ...options, pseudonym: '' }, l).filter((f) => f.label !== pick(text.pseudonym, l)),
  })
}

const facts = (options: FallkonferenzOptions, locale: Locale) => [
  { label: pick(text.pseudonym, locale), value: options.pseudonym || pick(text.defaultPseudonym, locale) },
  ...(options.organisation ? [{ label: pick(text.organisation, locale), value: options.organisation }] : []),
  ...(options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
]

export const fallkonferenz: TemplateDefinition<FallkonferenzOptions> = {
  name: 'fallkonferenz',
  title: text.title,
  description: text.description,
  options: FallkonferenzOptions,
  // Generated, never typed: the form offers the board's or network's next number (`caseNames.ts`).
  prepare: (options) => ({ ...options, pseudonym: options.pseudonym || nextPseudonym(options.date) }),
  layout,
  exportFacts: facts,
  exportGate,
  // The ways forward are the case's: they stay on the board (H 5.3.5); only what is to be settled for every case goes up.
  openItemTables: [{ section: cells.solutions, what: ['loesung'], who: ['wer'], when: ['bisWann'], requires: ['loesung', 'wer'], staysOnBoard: true, done: [doneKey] }],
  decisionNeeds: [{ section: cells.findings, what: [cells.col.verfahren] }],
  actions: [
    {
      id: 'addSolution',
      label: text.addSolution,
      apply: (options) => (options.solutions >= limits.solutions ? options : { ...options, solutions: options.solutions + 1 }),
    },
  ],
}
