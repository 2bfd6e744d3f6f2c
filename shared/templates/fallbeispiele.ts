/**
 * Fallbeispiele erstellen (H 4.3.5, 4.3.6): the safe alternative to real cases. A typical case is
 * invented (inspired by practice, but no real client and no member of staff recognisable), fitted
 * to the local situation or kept general, and without a solution. Then what working through it
 * shows, along H 4.3.6's uses. The invented case is what the Planspiel plays (H 4.3.4): carried
 * into a Planspiel with „Eigenes Fallbeispiel“ once its checks are confirmed
 * (`results/routes/fallbeispiele.ts`); its Schnittstellen go to the service chain.
 */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'
import { pick, type Labels, type Locale } from '../locale.ts'
import { DateOption, dated, formatDate } from '../dates.ts'
import { opening, sum, table } from './table.ts'

/** The cells other parts of the app read (routes). Stored boards find their cells by these keys: add, never rename. */
export const fallbeispieleCells = Object.freeze({
  case: Object.freeze({ section: 'fall', col: 'text', rows: Object.freeze(['lage', 'geld', 'arbeit', 'kinder', 'gesundheit', 'umfeld', 'stellen'] as const) }),
  checks: Object.freeze({
    section: 'pruefung',
    row: 'geprueft',
    col: Object.freeze({ erfunden: 'erfunden', niemand: 'niemand', lokal: 'lokal', ohneLoesung: 'ohneLoesung' }),
  }),
  uses: Object.freeze({
    section: 'einsatz',
    rows: Object.freeze({ akteure: 'akteure', zugaenge: 'zugaenge', ablaeufe: 'ablaeufe', ansaetze: 'ansaetze', schnittstellen: 'schnittstellen' }),
    col: Object.freeze({ erkenntnis: 'erkenntnis', folgt: 'folgt' }),
  }),
} as const)
const keys = fallbeispieleCells

const text = {
  title: { de: 'Fallbeispiele erstellen', en: 'Writing case examples' },
  description: {
    de: 'Ein typischer Fall, erfunden statt echt: niemand erkennbar, ohne Lösung. Daran Akteure, Zugänge, Abläufe und Schnittstellen erkennen – und ihn im Planspiel spielen.',
    en: 'A typical case, invented rather than real: nobody recognisable, no solution. Use it to see actors, ways in, processes and hand-overs – and play it in the Planspiel.',
  },
  intro: {
    de: 'Echte Fälle gehören nicht auf ein Board. Erfinden Sie einen typischen Fall, gern angeregt von dem, was Sie erleben – aber so, dass weder Klientinnen und Klienten noch Mitarbeitende erkennbar sind: keine echten Namen, Orte oder Daten. Schreiben Sie keine Lösung dazu; Lücken zu entdecken ist der Sinn. Der fertige Fall kann als „Eigenes Fallbeispiel“ ins Planspiel.',
    en: 'Real cases do not belong on a board. Invent a typical case, inspired by what you see if you like, but so that neither clients nor staff can be recognised: no real names, places or dates. Write no solution; finding the gaps is the point. The finished case can go into the Planspiel as “Your own case”.',
  },
  case: { de: 'Der erfundene Fall', en: 'The invented case' },
  aspect: { de: 'Was zum Fall gehört', en: 'What the case covers' },
  caseCol: { de: 'So ist es im Fall (erfunden)', en: 'How it is in the case (invented)' },
  checks: { de: 'Prüfung vor dem Einsatz', en: 'Checks before use' },
  checkRow: { de: 'Geprüft? (Datum, Kürzel)', en: 'Checked? (date, initials)' },
  uses: { de: 'Was der Fall zeigt', en: 'What the case shows' },
  use: { de: 'Einsatz', en: 'Use' },
  date: { de: 'Datum', en: 'Date' },
}

type Row = { key: string; label: Labels; prompt: Labels }

/** What H's Anlage cases tell of a person, as fields of an invented one. */
const caseRows: Row[] = [
  { key: keys.case.rows[0], label: { de: 'Lebenslage', en: 'Situation' }, prompt: { de: 'Alter, Kinder und ihr Alter, Wohnen – ausgedacht, ohne echte Namen', en: 'Age, children and their ages, housing – made up, no real names' } },
  { key: keys.case.rows[1], label: { de: 'Trennung und Geld', en: 'Separation and money' }, prompt: { de: 'Unterhalt, Leistungen, Schulden, Miete', en: 'Maintenance, benefits, debts, rent' } },
  { key: keys.case.rows[2], label: { de: 'Schule, Beruf, Arbeit', en: 'School, training, work' }, prompt: { de: 'Abschluss, Ausbildung, letzte Arbeit, Wünsche', en: 'Qualifications, training, last job, wishes' } },
  { key: keys.case.rows[3], label: { de: 'Kinder und Betreuung', en: 'Children and childcare' }, prompt: { de: 'Kita, Schule, Betreuungszeiten, besonderer Bedarf', en: 'Nursery, school, care hours, special needs' } },
  { key: keys.case.rows[4], label: { de: 'Gesundheit und Belastung', en: 'Health and strain' }, prompt: { de: 'Körperlich, seelisch, Sucht, Gewalt', en: 'Physical, mental, addiction, violence' } },
  { key: keys.case.rows[5], label: { de: 'Umfeld und Wege', en: 'Surroundings and travel' }, prompt: { de: 'Familie, Nachbarschaft, Mobilität, Stadt oder Land', en: 'Family, neighbours, mobility, town or country' } },
  { key: keys.case.rows[6], label: { de: 'Stellen, die sie schon kennt', en: 'Services she already knows' }, prompt: { de: 'Wo ist sie schon angebunden – und wo nicht?', en: 'Where is she known already, and where not?' } },
]

const checkRows: Row[] = [
  { key: keys.checks.col.erfunden, label: { de: 'Erfunden', en: 'Invented' }, prompt: { de: 'Kein realer Fall, auch kein leicht veränderter', en: 'No real case, not even a slightly changed one' } },
  {
    key: keys.checks.col.niemand,
    label: { de: 'Niemand erkennbar', en: 'Nobody recognisable' },
    prompt: { de: 'Weder Klientinnen und Klienten noch Mitarbeitende der Partner', en: 'Neither clients nor the partners’ staff' },
  },
  {
    key: keys.checks.col.lokal,
    label: { de: 'Lokal oder allgemein', en: 'Local or general' },
    prompt: { de: 'Spiegelt er die Lage vor Ort – oder ist er offen und wird erst angepasst?', en: 'Does it mirror the local situation, or is it open and adapted first?' },
  },
  { key: keys.checks.col.ohneLoesung, label: { de: 'Ohne Lösung', en: 'Without a solution' }, prompt: { de: 'Der Fall enthält keine Lösung', en: 'The case contains no solution' } },
]

/** Each check's title, by its column key (a route names the checks a case still lacks). */
export const fallbeispieleCheckTitles: Readonly<Record<string, Labels>> = Object.freeze(Object.fromEntries(checkRows.map((r) => [r.key, r.label])))

/** H 4.3.6's uses of a case. */
const useRows: Row[] = [
  {
    key: keys.uses.rows.akteure,
    label: { de: 'Akteure erkennen', en: 'Seeing the actors' },
    prompt: { de: 'Wer ist beteiligt, wer fehlt, wer ist zuständig? Welche Bedarfe hat niemand im Blick?', en: 'Who is involved, who is missing, who is responsible? Which needs does nobody see?' },
  },
  {
    key: keys.uses.rows.zugaenge,
    label: { de: 'Zugänge erkennen', en: 'Seeing the ways in' },
    prompt: { de: 'Wo tritt sie ins Netz der Hilfen ein – über die Grundsicherung, über ein Familienangebot?', en: 'Where does she enter the web of help: through basic income support, through a family service?' },
  },
  {
    key: keys.uses.rows.ablaeufe,
    label: { de: 'Abläufe rekonstruieren', en: 'Tracing the processes' },
    prompt: { de: 'Die Partner erklären einander ihre Abläufe und internen Zugzwänge.', en: 'Partners explain their processes and internal constraints to each other.' },
  },
  {
    key: keys.uses.rows.ansaetze,
    label: { de: 'Arbeitsansätze herausarbeiten', en: 'Bringing out ways of working' },
    prompt: { de: 'Wie sieht jede Organisation die Zielgruppe, wie arbeitet sie, wie sieht sie die anderen?', en: 'How does each organisation see the target group, how does it work, how does it see the others?' },
  },
  {
    key: keys.uses.rows.schnittstellen,
    label: { de: 'Schnittstellen und Übergabepunkte', en: 'Interfaces and hand-over points' },
    prompt: { de: 'Wo reißt der Weg ab, wo fehlt Wissen über Angebote der anderen?', en: 'Where does the path break off, where is knowledge of the others’ offers missing?' },
  },
]

export const FallbeispieleOptions = z.object({ date: DateOption })
export type FallbeispieleOptions = z.infer<typeof FallbeispieleOptions>

const size = { caseLabelW: 600, caseW: 1000, useLabelW: 700, useW: 650, checkLabelW: 420, rowH: 190, gap: 50 }
const headerScale = 3
const useColumns = [
  { key: keys.uses.col.erkenntnis, title: { de: 'Was zeigt der Fall?', en: 'What does the case show?' }, w: size.useW },
  { key: keys.uses.col.folgt, title: { de: 'Was folgt daraus?', en: 'What follows?' }, w: size.useW },
]
const rightW = size.useLabelW + sum(useColumns.map((c) => c.w))
const width = size.caseLabelW + size.caseW + size.gap + rightW

function layout(options: FallbeispieleOptions, locale: Locale) {
  const t = (labels: Labels) => pick(labels, locale)
  const open = opening(dated(t(text.title), options.date, locale), t(text.intro), width, headerScale)
  const rowsOf = (rows: Row[]) => rows.map((r) => ({ key: r.key, label: t(r.label), prompt: t(r.prompt) }))
  // The case on the left; what it shows on the right, and below that the checks before it is used.
  const story = table({
    section: keys.case.section,
    sectionTitle: t(text.case),
    rowsTitle: t(text.aspect),
    x: 0,
    y: open.y,
    labelW: size.caseLabelW,
    columns: [{ key: keys.case.col, title: t(text.caseCol), w: size.caseW }],
    rows: rowsOf(caseRows),
    rowH: size.rowH,
    scale: headerScale,
  })
  const rightX = size.caseLabelW + size.caseW + size.gap
  const uses = table({
    section: keys.uses.section,
    sectionTitle: t(text.uses),
    rowsTitle: t(text.use),
    x: rightX,
    y: open.y,
    labelW: size.useLabelW,
    columns: useColumns.map((c) => ({ key: c.key, title: t(c.title), w: c.w })),
    rows: rowsOf(useRows),
    rowH: size.rowH,
    scale: headerScale,
    headTone: 'violet',
    rowTone: 'light-violet',
  })
  const checksY = open.y + uses.h + size.gap
  // One row, a column per check: short enough to sit under the uses.
  const checkW = (rightW - size.checkLabelW) / checkRows.length
  const checks = table({
    section: keys.checks.section,
    sectionTitle: t(text.checks),
    rowsTitle: t(text.checks),
    x: rightX,
    y: checksY,
    labelW: size.checkLabelW,
    columns: checkRows.map((r) => ({ key: r.key, title: t(r.label), prompt: t(r.prompt), w: checkW })),
    rows: [{ key: keys.checks.row, label: t(text.checkRow) }],
    rowH: size.rowH,
    scale: headerScale,
    headTone: 'green',
    rowTone: 'light-green',
  })
  return { blocks: [...open.blocks, ...story.blocks, ...uses.blocks, ...checks.blocks], w: width, h: Math.max(open.y + story.h, checksY + checks.h) }
}

export const fallbeispiele: TemplateDefinition<FallbeispieleOptions> = {
  name: 'fallbeispiele',
  title: text.title,
  description: text.description,
  options: FallbeispieleOptions,
  layout,
  exportFacts: (options, locale) => (options.date ? [{ label: pick(text.date, locale), value: formatDate(options.date, locale) }] : []),
  actions: [],
}
