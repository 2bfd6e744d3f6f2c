/**
 * An „Einverstanden?“ round counted by Haus, and what it makes of the proposal (`entries/zustimmung.ts`).
 * Pure: the relay closes a round with it, and the board shows the answers with it as they arrive.
 *
 * A Haus answers once, whoever of it speaks: its people's answers are one answer when they agree;
 * when they differ, the Haus is not of one mind and settles it at home („Rücksprache im Haus“).
 * Organisations are compared as the Fallkonferenz compares Stellen (`normalStelle`): „JC“ and
 * „Jobcenter“ are one Haus.
 *
 * The proposal becomes a Beschluss when no Haus objects and one at least agrees. Where a Haus
 * consults at home first, it is a Beschluss „vorbehaltlich der Zustimmung der Häuser“ (H 4.3.9):
 * the Häuser that agreed are recorded as agreed, each that consults is asked from the round's day,
 * and so becomes an open item for that Haus (`pendingConsents`, beschlussLife.ts) until it agrees.
 * An abstaining Haus neither carries nor blocks it.
 */
import { HausConsent, maxBeschluesse, toggleBeschluesse, withBeschlussTerms, type Beschluesse, type BeschlussTerms } from './entries/beschluesse.ts'
import { hausKey, type Answer, type Antwort, type Round, type RoundOutcome } from './entries/zustimmung.ts'
import type { KeptHaus, KeptRound } from './entries/zustimmungen.ts'

/** One Haus' answer, with the people who gave it; `uneinig`: its people answered differently. */
export interface HausAnswer {
  haus: string
  antwort: Antwort
  names: string[]
  uneinig?: true
}

/** The answers by Haus, in alphabetical order of the Häuser (as the first to answer for each wrote it). */
export function tallyByHaus(answers: Iterable<Answer>): HausAnswer[] {
  const byHaus = new Map<string, { haus: string; answers: Set<Antwort>; names: string[] }>()
  for (const answer of answers) {
    const key = hausKey(answer.haus)
    const entry = byHaus.get(key) ?? { haus: answer.haus.trim(), answers: new Set<Antwort>(), names: [] }
    entry.answers.add(answer.antwort)
    if (!entry.names.includes(answer.name.trim())) entry.names.push(answer.name.trim())
    byHaus.set(key, entry)
  }
  return [...byHaus.values()]
    .map(({ haus, answers, names }): HausAnswer => (answers.size === 1 ? { haus, antwort: [...answers][0], names } : { haus, antwort: 'ruecksprache', names, uneinig: true }))
    .sort((a, b) => a.haus.localeCompare(b.haus, 'de'))
}

/** What the Häuser' answers make of the proposal. */
export function roundOutcome(haeuser: ReadonlyArray<{ antwort: Antwort }>): RoundOutcome {
  if (haeuser.some((h) => h.antwort === 'nein')) return 'nicht-beschlossen'
  if (!haeuser.some((h) => h.antwort === 'ja' || h.antwort === 'ruecksprache')) return 'nicht-beschlossen'
  return haeuser.some((h) => h.antwort === 'ruecksprache') ? 'vorbehaltlich' : 'beschlossen'
}

/**
 * The Beschluss a round makes, with its Gremium and Bindewirkung; null when it makes none. A
 * Haus consulting at home makes it „vorbehaltlich“ whatever was asked; a „vorbehaltlich“ one all
 * Häuser agreed to records them as agreed (and so reads „gilt“, `settled`).
 */
export function roundBeschluss(asked: Pick<Round, 'gremium' | 'bindewirkung'>, haeuser: readonly KeptHaus[], day: string): BeschlussTerms | null {
  const outcome = roundOutcome(haeuser)
  if (outcome === 'nicht-beschlossen') return null
  const bindewirkung = outcome === 'vorbehaltlich' ? 'vorbehaltlich' : asked.bindewirkung
  if (bindewirkung !== 'vorbehaltlich') return { gremium: asked.gremium, bindewirkung }
  const asks = haeuser.filter((h) => h.antwort === 'ja' || h.antwort === 'ruecksprache')
  return { gremium: asked.gremium, bindewirkung, haeuser: asks.map((h) => HausConsent.parse({ haus: h.haus, zugestimmt: h.antwort === 'ja', seit: day })) }
}

/** The round as the record keeps it: per Haus, not per person. */
export function keptRound(round: Round, day: string): KeptRound {
  const haeuser = tallyByHaus(Object.values(round.answers)).map(({ haus, antwort }) => ({ haus, antwort }))
  const { id, note, question, gremium, bindewirkung } = round
  return { id, note, question, gremium, bindewirkung, day, outcome: roundOutcome(haeuser), haeuser }
}

/** The Häuser that answered „Rücksprache im Haus“: each an open item until it agrees. */
export const consultingHaeuser = (round: Pick<KeptRound, 'haeuser'>): string[] => round.haeuser.filter((h) => h.antwort === 'ruecksprache').map((h) => h.haus)

/**
 * The marks after a round on its proposal, the round having the last word on it: with its
 * Beschluss marked (its terms the round's); refused (`terms` null), marked no more. Null when the
 * Beschluss would be one more than a board keeps.
 */
export function markedByRound(current: Beschluesse, note: string, terms: BeschlussTerms | null): Beschluesse | null {
  const marked = current.notes.includes(note)
  if (!terms) return marked ? toggleBeschluesse(current, [note]) : current
  if (marked) return withBeschlussTerms(current, [note], terms)
  return current.notes.length < maxBeschluesse ? toggleBeschluesse(current, [note], terms) : null
}
