/**
 * Decisions in the documents: a Beschluss's terms in words (who decided, what it binds), the
 * „Entscheidungsbedarf“ a board holds (the notes in the cells its templates declare as
 * `decisionNeeds`, those not marked as Beschluss), and a release's Verteiler and the rule it rests
 * on. The Dokumentation and the steering group's pack both print them from here.
 */
import type { Bindewirkung, ReadTerms } from '../board/entries/beschluesse.ts'
import type { Locale } from '../locale.ts'
import { formatDate } from '../dates.ts'
import { antworten, type Antwort } from '../board/roundAnswer.ts'
import { bodyLabel } from '../networkBodies.ts'
import type { Catalogue } from '../templates/definition.ts'
import { netzwerkregelnCells } from '../templates/netzwerkregeln.ts'
import { templates } from '../templates/registry.ts'
import type { NotePlace } from './export.ts'
import { answeredNeeds } from './beschlussLife.ts'

export const decisionWords = {
  gremium: { de: 'Gremium', en: 'Body' },
  bindewirkung: { de: 'Bindewirkung', en: 'Binding force' },
  noGremium: { de: 'Gremium nicht angegeben', en: 'Body not given' },
  noBindewirkung: { de: 'Bindewirkung nicht angegeben', en: 'Binding force not given' },
  entscheidungsbedarf: { de: 'Entscheidungsbedarf', en: 'Decisions needed' },
  entscheidungsbedarfHint: {
    de: 'Was die Vorlagen als zu entscheiden festhalten und noch nicht als Beschluss markiert ist.',
    en: 'What the templates record as to be decided and is not yet marked as a decision.',
  },
  consentPending: { de: 'Zustimmung ausstehend', en: 'consent pending' },
  consentGiven: { de: 'zugestimmt', en: 'agreed' },
  consentAll: { de: 'alle Häuser haben zugestimmt', en: 'all organisations have agreed' },
  consentHeading: { de: 'Ausstehende Zustimmungen der Häuser', en: 'Consent pending from member organisations' },
  consentHint: {
    de: 'Beschlüsse vorbehaltlich der Zustimmung der Häuser: eine Zeile je Haus, das noch nicht zugestimmt hat. Haben alle zugestimmt, gilt der Beschluss.',
    en: 'Decisions subject to the member organisations’ consent: one row for each organisation that has not agreed yet. Once all have agreed, the decision applies.',
  },
  consentSince: { de: 'Ausstehend seit', en: 'Pending since' },
  haus: { de: 'Haus', en: 'Organisation' },
  roundAsked: { de: 'Einverstanden? am {day}', en: 'Agreed? on {day}' },
  verteiler: { de: 'Verteiler', en: 'Distribution' },
  rule: { de: 'Grundlage der Freigabe', en: 'Basis of the release' },
  ruleShort: { de: 'Grundlage', en: 'Basis' },
}

/** What a Beschluss binds, in full (documents) and short (the canvas's mark). */
export const bindewirkungWords: Record<Bindewirkung, { de: string; en: string; short: { de: string; en: string } }> = {
  gilt: { de: 'gilt', en: 'applies', short: { de: 'gilt', en: 'applies' } },
  vorbehaltlich: {
    de: 'vorbehaltlich der Zustimmung der Häuser',
    en: 'subject to the member organisations’ consent',
    short: { de: 'vorbehaltlich', en: 'subject to consent' },
  },
  empfehlung: { de: 'Empfehlung', en: 'recommendation', short: { de: 'Empfehlung', en: 'recommendation' } },
}

export const gremiumLabel = (gremium: string, locale: Locale): string => (gremium.trim() ? bodyLabel(gremium, locale) : decisionWords.noGremium[locale])

export const bindewirkungLabel = (bindewirkung: Bindewirkung | null, locale: Locale): string =>
  bindewirkung ? bindewirkungWords[bindewirkung][locale] : decisionWords.noBindewirkung[locale]

/** The Bindewirkung with its Häuser: who still has to agree, who has („vorbehaltlich … – Zustimmung ausstehend: Jobcenter“). */
export function bindewirkungWithConsent(terms: ReadTerms, locale: Locale): string {
  const label = bindewirkungLabel(terms.bindewirkung, locale)
  const haeuser = terms.haeuser ?? []
  if (haeuser.length === 0 || (terms.bindewirkung !== 'vorbehaltlich' && terms.bindewirkung !== 'gilt')) return label
  const names = (agreed: boolean) => haeuser.filter((h) => h.zugestimmt === agreed).map((h) => h.haus)
  if (terms.bindewirkung === 'gilt') return `${label} – ${decisionWords.consentAll[locale]} (${names(true).join(', ')})`
  const parts = [[decisionWords.consentPending[locale], names(false)], [decisionWords.consentGiven[locale], names(true)]] as const
  return [label, ...parts.filter(([, list]) => list.length > 0).map(([word, list]) => `${word}: ${list.join(', ')}`)].join(' – ')
}

/** The four answers of an „Einverstanden?“ round (`zustimmung.ts`), in the order they are offered. */
export const antwortWords: Record<Antwort, { de: string; en: string }> = {
  ja: { de: 'Ja', en: 'Yes' },
  enthaltung: { de: 'Enthaltung', en: 'Abstention' },
  nein: { de: 'Nein', en: 'No' },
  ruecksprache: { de: 'Rücksprache im Haus', en: 'Consulting at home' },
}

/**
 * What each Haus answered when the Beschluss was asked, grouped by answer in the order they are
 * offered: „Einverstanden? am 28.11.2026: Ja – Jobcenter, Jugendamt; Rücksprache im Haus – Caritas“.
 */
export function roundLine(round: { day: string; haeuser: ReadonlyArray<{ haus: string; antwort: Antwort }> }, locale: Locale): string {
  const groups = antworten.flatMap((antwort) => {
    const haeuser = round.haeuser.filter((h) => h.antwort === antwort).map((h) => h.haus)
    return haeuser.length > 0 ? [`${antwortWords[antwort][locale]} – ${haeuser.join(', ')}`] : []
  })
  return `${decisionWords.roundAsked[locale].replace('{day}', formatDate(round.day, locale))}: ${groups.join('; ')}`
}

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
