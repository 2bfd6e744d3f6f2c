/**
 * Decisions in the documents: a Beschluss's terms in words (`decisionWords.ts`), the
 * „Entscheidungsbedarf“ a board holds (the notes in the cells its templates declare as
 * `decisionNeeds`, those not marked as Beschluss), and a release's Verteiler and the rule it rests
 * on. The Dokumentation and the steering group's pack both print them from here.
 */
import type { Locale } from '../locale.ts'
import type { Catalogue } from '../templates/definition.ts'
import { netzwerkregelnCells } from '../templates/netzwerkregelnCells.ts'
import { templates } from '../templates/registry.ts'
import type { NotePlace } from './export.ts'
import { answeredNeeds } from './beschlussLife.ts'

export { antwortWords, bindewirkungLabel, bindewirkungWithConsent, bindewirkungWords, decisionWords, gremiumLabel, roundLine } from './decisionWords.ts'
import { decisionWords } from './decisionWords.ts'

/** A note that asks for a decision: its text, where it lies, and its template instance (a pack keeps only the reports it takes). */
export interface DecisionNeed {
  text: string
  where: string
  template: string
  instance: string
}

/** Whether a template declares this cell's notes as „Entscheidungsbedarf“. */
function asksForDecision(place: NotePlace): boolean {
  const definition = place.template && (templates as Catalogue)[place.template.name]
  const cell = place.cell
  if (!definition?.decisionNeeds || !cell) return false
  return definition.decisionNeeds.some((need) => need.section === cell.section && !!cell.col && need.what.includes(cell.col))
}

/** The board's open decision needs in reading order: not held back, not marked as Beschluss, not answered by one. */
export function decisionNeedsOf(places: ReadonlyMap<string, NotePlace>, marked: readonly string[], where: (place: NotePlace) => string | null): DecisionNeed[] {
  const needs: DecisionNeed[] = []
  // A Beschluss that names the question by its number settles it.
  const answered = answeredNeeds(places, marked)
  for (const [id, place] of places) {
    if (place.held || marked.includes(id) || answered.has(id) || !place.template || !asksForDecision(place)) continue
    needs.push({ text: place.text, where: where(place) ?? place.template.title, template: place.template.name, instance: place.template.instance })
  }
  return needs
}

/** A release's Verteiler and rule as facts; none while not given. */
export function publicationFacts(release: { verteiler?: readonly string[]; rule?: string }, locale: Locale, short = false): Array<{ label: string; value: string }> {
  const facts: Array<{ label: string; value: string }> = []
  if (release.verteiler && release.verteiler.length > 0) facts.push({ label: decisionWords.verteiler[locale], value: release.verteiler.join(', ') })
  if (release.rule) facts.push({ label: (short ? decisionWords.ruleShort : decisionWords.rule)[locale], value: release.rule })
  return facts
}

/** The board's Netzwerkregeln on publication, confidentiality and documentation, as a release's rule to choose („Netzwerkregeln · Öffentlichkeit: …“). */
export function publicationRules(places: ReadonlyMap<string, NotePlace>): string[] {
  const { section, rows, col } = netzwerkregelnCells.regeln
  const wanted: readonly string[] = [rows.oeffentlichkeit, rows.vertraulichkeit, rows.dokumentation]
  const rules: string[] = []
  for (const place of places.values()) {
    const cell = place.cell
    if (place.held || place.template?.name !== 'netzwerkregeln' || !cell || cell.section !== section || cell.col !== col.regel || !wanted.includes(cell.row ?? '')) continue
    const text = place.text.replace(/\s+/g, ' ').trim()
    rules.push(`${[place.template.title, cell.rowLabel].filter(Boolean).join(' · ')}: ${text}`)
  }
  return [...new Set(rules)]
}
