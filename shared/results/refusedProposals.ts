/**
 * The proposals a meeting's „Einverstanden?“ round refused: no Beschluss (`beschluesseOf` leaves
 * them out), but part of the record, for a steering group's decision rests on what each Haus said
 * (H 4.3.1); in the Dokumentation and the steering group's pack. A proposal counts as refused
 * while its last round refused it and nobody marked it a Beschluss since; one whose Zettel is gone
 * is no longer listed (its words went with it).
 */
import type { Locale } from '../locale.ts'
import type { Beschluesse } from '../board/entries/beschluesse.ts'
import type { KeptHaus, KeptRound } from '../board/entries/zustimmungen.ts'
import type { NotePlace } from './export.ts'
import { decisionWords, gremiumLabel, roundLine } from './decisions.ts'
import type { LayoutBlock } from './layout.ts'
import { isStandingBody } from '../networkBodies.ts'

export interface RefusedProposal {
  text: string
  gremium: string
  /** The refusing round: its day and each Haus' answer. */
  runde: { day: string; haeuser: KeptHaus[] }
  where: string | null
}

export const refusedWords = {
  heading: { de: 'Nicht beschlossen', en: 'Not decided' },
  proposal: { de: 'Vorschlag', en: 'Proposal' },
  answers: { de: 'Antworten der Häuser', en: 'Answers of the organisations' },
  where: { de: 'Wo', en: 'Where' },
  onTheBoard: { de: 'Frei auf dem Board', en: 'On the board' },
}

/** Each proposal whose last round refused it, with that round (the latest round has the last word). */
export function refusingRounds(rounds: readonly KeptRound[]): Map<string, KeptRound> {
  const last = new Map<string, KeptRound>()
  for (const round of rounds) last.set(round.note, round)
  for (const [note, round] of last) if (round.outcome !== 'nicht-beschlossen') last.delete(note)
  return last
}

/** `shownName`: the Häuser and a typed Gremium read as the board's other typed names (`heldBackReading`). */
export function refusedProposals(
  places: ReadonlyMap<string, NotePlace>,
  marked: Beschluesse,
  rounds: readonly KeptRound[],
  placeName: (place: NotePlace) => string | null,
  shownName: (name: string) => string = (name) => name,
): RefusedProposal[] {
  return [...refusingRounds(rounds).values()].flatMap((round) => {
    const place = places.get(round.note)
    if (!place || place.held || marked.notes.includes(round.note)) return []
    return [
      {
        text: place.text,
        gremium: isStandingBody(round.gremium) || !round.gremium.trim() ? round.gremium : shownName(round.gremium),
        runde: { day: round.day, haeuser: round.haeuser.map((h) => ({ ...h, haus: shownName(h.haus) })) },
        where: placeName(place),
      },
    ]
  })
}

/** A section of its own after the Beschlüsse; nothing while no proposal was refused. */
export function refusedBlocks(refused: ReadonlyArray<RefusedProposal & { board?: string }>, locale: Locale): LayoutBlock[] {
  if (refused.length === 0) return []
  const w = refusedWords
  return [
    { kind: 'heading', level: 2, text: w.heading[locale] },
    {
      kind: 'table',
      columns: [w.proposal[locale], decisionWords.gremium[locale], w.answers[locale], w.where[locale]],
      rows: refused.map((r) => [[r.text], [gremiumLabel(r.gremium, locale)], [roundLine(r.runde, locale)], [[r.board, r.where ?? w.onTheBoard[locale]].filter(Boolean).join(' · ')]]),
    },
  ]
}
