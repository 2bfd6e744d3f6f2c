/**
 * A Beschluss's life (H 4.3.9; issue 61): one model of what a board decided, whether the
 * facilitator marked a Zettel or the Steuerungsgruppe wrote it into its „Beschlüsse“ table (the
 * row's „Verbindlichkeit“ is what the group said, so it wins over a mark's); the questions for
 * decision a Beschluss answers by number („Zu Frage Nr.“), which are no longer open; and where the
 * Beschluss dialog starts: the board's Gremium and the Bindewirkung the network's rule
 * „Wer entscheidet über was?“ names for it, never simply the strongest. Pure.
 */
import { beschlussTerms, type Beschluesse, type Bindewirkung, type HausConsent, type ReadTerms } from '../board/entries/beschluesse.ts'
import { isStandingBody, type StandingBody } from '../networkBodies.ts'
import { netzwerkregelnCells } from '../templates/netzwerkregelnCells.ts'
import { steuerungsgruppeCells } from '../templates/steuerungsgruppeCells.ts'
import type { NotePlace } from './export.ts'

/** The Bindewirkung a written text names (a row's „Verbindlichkeit“, a clause of a rule); null: none. */
export function bindewirkungIn(text: string): Bindewirkung | null {
  const s = text.toLowerCase()
  if (/vorbehalt|zustimmung|zustimmen/.test(s)) return 'vorbehaltlich'
  // Before „verbindlich“: „unverbindlich“ recommends.
  if (/empfehl|empfiehlt|vorschl|schlägt|schlagen|unverbindlich/.test(s)) return 'empfehlung'
  if (/\bgilt\b|\bgelten\b|verbindlich|bindend|beschlie(ß|ss)|beschluss|entscheid/.test(s)) return 'gilt'
  return null
}

type BodyKind = StandingBody | 'fachgruppe'
const kindOf = (gremium: string): BodyKind => (isStandingBody(gremium) ? gremium : 'fachgruppe')

/** How a rule names each body. */
const bodyWords: Record<BodyKind, RegExp> = {
  steuerungsgruppe: /steuerungs(gruppe|kreis|runde)|lenkungs/i,
  fachgruppe: /fach(gruppe|-?ag)|arbeitsgruppe|arbeitskreis|\bags?\b|teilnetzwerk/i,
  gesamtnetzwerk: /gesamtnetzwerk|netzwerktreffen|plenum|vollversammlung|netzwerkkonferenz/i,
}

/** A Gremium's Bindewirkung where no rule names one: a group recommends, the whole network needs the Häuser. */
const unruled: Record<BodyKind, Bindewirkung> = { fachgruppe: 'empfehlung', steuerungsgruppe: 'gilt', gesamtnetzwerk: 'vorbehaltlich' }

/** The network's rules on decisions, as its Netzwerkregeln on the board write them (H 4.3.9 „Wer entscheidet über was?“). */
export function decisionRules(places: ReadonlyMap<string, NotePlace>): string[] {
  const { section, rows, col } = netzwerkregelnCells.regeln
  const wanted: readonly string[] = [rows.entscheidungen, rows.arbeitsgruppen]
  const rules: string[] = []
  for (const place of places.values()) {
    const cell = place.cell
    if (place.held || place.template?.name !== 'netzwerkregeln' || !cell || cell.section !== section || cell.col !== col.regel || !wanted.includes(cell.row ?? '')) continue
    rules.push(place.text.replace(/\s+/g, ' ').trim())
  }
  return rules
}

/** What the rules say a Gremium's decisions bind: the first clause naming it that names a Bindewirkung; null: none does. */
export function ruleBindewirkung(rules: readonly string[], gremium: string): Bindewirkung | null {
  const named = bodyWords[kindOf(gremium)]
  // Clauses: sentences, and the relative clause that often names the other body („…, über die die Steuerungsgruppe entscheidet“).
  const clauses = rules.flatMap((rule) => rule.split(/[.;:\n]|,\s*(?=(?:die|der|das|über|wobei|aber|während|und)\b)/i))
  for (const clause of clauses) {
    if (!clause || !named.test(clause)) continue
    const said = bindewirkungIn(clause)
    if (said) return said
  }
  return null
}

/** A Fachgruppe marking „gilt“ where the rule gives groups less: the dialog says so. */
export function againstRule(terms: { gremium: string; bindewirkung: Bindewirkung | null }, rules: readonly string[]): boolean {
  if (kindOf(terms.gremium) !== 'fachgruppe' || !terms.gremium.trim() || terms.bindewirkung !== 'gilt') return false
  const ruled = ruleBindewirkung(rules, terms.gremium)
  return ruled !== null && ruled !== 'gilt'
}

/** The Bindewirkung the dialog proposes for a Gremium: the board's last Beschluss of that Gremium, else the rule, else its kind's. */
export function bindewirkungFor(gremium: string, marked: Beschluesse, rules: readonly string[]): Bindewirkung | null {
  if (!gremium.trim()) return null
  const last = [...marked.notes].reverse().map((id) => beschlussTerms(marked, id)).find((terms) => terms.gremium === gremium && terms.bindewirkung)
  return last?.bindewirkung ?? ruleBindewirkung(rules, gremium) ?? unruled[kindOf(gremium)]
}

/**
 * Where the Beschluss dialog starts. Editing marks: their own terms. Marking: the board's Gremium,
 * else that of its last Beschluss with terms, else the whole network; the Bindewirkung for that Gremium
 * (`bindewirkungFor`). A row that states its Verbindlichkeit (`row`) overrides the Bindewirkung.
 */
export function beschlussStart(input: {
  marked: Beschluesse
  ids: readonly string[]
  boardBody: string
  rules: readonly string[]
  row: Bindewirkung | null
  /** The Zettel lie in a Steuerungsgruppen-Sitzung (the template): its Gremium, unless the board names another. */
  steering?: boolean
}): {
  gremium: string
  bindewirkung: Bindewirkung | null
} {
  const { marked, ids, boardBody, rules, row } = input
  const own = ids.map((id) => beschlussTerms(marked, id)).find((terms) => terms.bindewirkung !== null)
  if (own) return { gremium: own.gremium, bindewirkung: row ?? own.bindewirkung }
  const last = [...marked.notes].reverse().map((id) => beschlussTerms(marked, id)).find((terms) => terms.bindewirkung !== null)
  const gremium = boardBody.trim() || (input.steering ? 'steuerungsgruppe' : '') || last?.gremium || 'gesamtnetzwerk'
  return { gremium, bindewirkung: row ?? bindewirkungFor(gremium, marked, rules) }
}

/** The Häuser a „vorbehaltlich“ Beschluss still waits for (H 4.3.9); none for any other. */
export const pendingHaeuser = (terms: ReadTerms): HausConsent[] =>
  terms.bindewirkung === 'vorbehaltlich' ? (terms.haeuser ?? []).filter((h) => !h.zugestimmt) : []

/** A Haus whose consent a Beschluss waits for: which Haus, which Beschluss, since when (`YYYY-MM-DD`, '' unknown), where the Beschluss lies. */
export interface PendingConsent {
  haus: string
  beschluss: string
  since: string
  where: string | null
}

/**
 * One entry per Haus a board's Beschlüsse still wait for, in the Beschlüsse's order: the open
 * items of consent, apart from the tasks. A Haus named before the day was kept waits since the
 * meeting (`meetingDay`, '' when the board names none).
 */
export const pendingConsents = (beschluesse: ReadonlyArray<ReadTerms & { text: string; where: string | null }>, meetingDay: string): PendingConsent[] =>
  beschluesse.flatMap((b) => pendingHaeuser(b).map((h) => ({ haus: h.haus, beschluss: b.text, since: h.seit ?? meetingDay, where: b.where })))

/** A „vorbehaltlich“ Beschluss every named Haus has agreed to applies: it reads „gilt“, its Häuser kept. */
export function settled(terms: ReadTerms): ReadTerms {
  const haeuser = terms.haeuser ?? []
  return terms.bindewirkung === 'vorbehaltlich' && haeuser.length > 0 && haeuser.every((h) => h.zugestimmt) ? { ...terms, bindewirkung: 'gilt' } : terms
}

const { beschluesse: decisionTable, bedarf } = steuerungsgruppeCells

interface DecisionRow {
  beschluesse: string[]
  bindewirkung: Bindewirkung | null
  /** The Verbindlichkeit as written where it says more than the bare word (`writtenCondition`). */
  condition?: string
  answers: number[]
}

/** The bare words of a Verbindlichkeit: said again by the Bindewirkung, nothing to add. */
const bareWords =
  /^(gilt|verbindlich|bindend|beschlossen|empfehlung|empfohlen|unverbindlich|vorbehaltlich((,| der| zustimmung| durch)* (häuser|organisationen))?|binding|recommendation|subject to (the )?(consent|organisations))[.!]?$/i

/** A row's „Verbindlichkeit“ as written, when it names more than its Bindewirkung („vorbehaltlich Zustimmung Kreistag 03/2027“); undefined otherwise. */
export function writtenCondition(text: string): string | undefined {
  const line = text.replace(/\s+/g, ' ').trim()
  return line && !bareWords.test(line) ? line : undefined
}

/** The Steuerungsgruppe's „Beschlüsse“ rows, by template instance and row key. */
function decisionRows(places: ReadonlyMap<string, NotePlace>): Map<string, DecisionRow> {
  const rows = new Map<string, DecisionRow>()
  for (const [id, place] of places) {
    const cell = place.cell
    if (place.held || place.template?.name !== 'steuerungsgruppe' || cell?.section !== decisionTable.section || cell.row === undefined) continue
    const key = `${place.template.instance}\u0000${cell.row}`
    const row = rows.get(key) ?? { beschluesse: [], bindewirkung: null, answers: [] }
    if (cell.col === decisionTable.col.beschluss) row.beschluesse.push(id)
    else if (cell.col === decisionTable.col.verbindlichkeit) {
      row.bindewirkung ??= bindewirkungIn(place.text)
      const condition = writtenCondition(place.text)
      if (condition) row.condition = row.condition ? `${row.condition}; ${condition}` : condition
    }
    else if (cell.col === decisionTable.col.frage) row.answers.push(...(place.text.match(/\d+/g) ?? []).map(Number))
    rows.set(key, row)
  }
  return rows
}

const rowKeyOf = (place: NotePlace | undefined) =>
  place?.template?.name === 'steuerungsgruppe' && place.cell?.section === decisionTable.section && place.cell.col === decisionTable.col.beschluss
    ? `${place.template.instance}\u0000${place.cell.row}`
    : undefined

/** The Verbindlichkeit written in the row of the Steuerungsgruppe's table a Zettel lies in; null: not in one, or none written. */
export function rowBindewirkung(places: ReadonlyMap<string, NotePlace>, id: string): Bindewirkung | null {
  const key = rowKeyOf(places.get(id))
  return key ? (decisionRows(places).get(key)?.bindewirkung ?? null) : null
}

/**
 * The board's Beschlüsse, once each: the marked Zettel in the order they were marked, then those
 * written in a Steuerungsgruppe's „Beschlüsse“ table and not marked (decided by the steering group).
 * In such a row, its Verbindlichkeit is the Bindewirkung; a „vorbehaltlich“ one all of whose Häuser
 * agreed applies (`settled`); held Zettel are left out.
 */
export function boardBeschluesse(places: ReadonlyMap<string, NotePlace>, marked: Beschluesse): Array<{ id: string; place: NotePlace; terms: ReadTerms; condition?: string }> {
  const rows = decisionRows(places)
  const rowOf = (place: NotePlace) => {
    const key = rowKeyOf(place)
    return key ? rows.get(key) : undefined
  }
  const out: Array<{ id: string; place: NotePlace; terms: ReadTerms; condition?: string }> = []
  // What the row wrote as its condition goes with the Beschluss into every record (issue 62).
  const conditionOf = (row: DecisionRow | undefined) => (row?.condition ? { condition: row.condition } : {})
  for (const id of marked.notes) {
    const place = places.get(id)
    if (!place || place.held) continue
    const terms = beschlussTerms(marked, id)
    const row = rowOf(place)
    out.push({ id, place, terms: settled(row ? { ...terms, gremium: terms.gremium || 'steuerungsgruppe', bindewirkung: row.bindewirkung ?? terms.bindewirkung } : terms), ...conditionOf(row) })
  }
  for (const row of rows.values()) {
    for (const id of row.beschluesse) {
      if (marked.notes.includes(id)) continue
      out.push({ id, place: places.get(id)!, terms: { gremium: 'steuerungsgruppe', bindewirkung: row.bindewirkung }, ...conditionOf(row) })
    }
  }
  return out
}

/**
 * The questions for decision a Beschluss answers: those in the rows of „Entscheidungsbedarf“ its
 * row names by number („Zu Frage Nr.“), and those whose own row's Vorschlag became a Beschluss
 * (`marked`: by the facilitator or an „Einverstanden?“ round).
 */
export function answeredNeeds(places: ReadonlyMap<string, NotePlace>, marked: readonly string[] = []): Set<string> {
  const answered = new Set<string>()
  const rows = new Set<string>()
  for (const id of marked) {
    const place = places.get(id)
    if (place?.template?.name === 'steuerungsgruppe' && place.cell?.section === bedarf.section && place.cell.col === bedarf.col.vorschlag) {
      rows.add(`${place.template.instance}\u0000${place.cell.row}`)
    }
  }
  for (const [key, row] of decisionRows(places)) {
    if (row.beschluesse.length === 0) continue
    const instance = key.split('\u0000')[0]
    for (const n of row.answers) rows.add(`${instance}\u0000${bedarf.row(n)}`)
  }
  for (const [id, place] of places) {
    if (place.template?.name === 'steuerungsgruppe' && place.cell?.section === bedarf.section && rows.has(`${place.template.instance}\u0000${place.cell.row}`)) answered.add(id)
  }
  return answered
}
