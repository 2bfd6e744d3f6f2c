/**
 * The meeting's votes, kept (`facilitation/voteRecord`): every revealed vote's result by the
 * vote's id, so that a new vote, which replaces `facilitation/vote` (`vote.ts`), takes none of the
 * earlier ones out of the Dokumentation.
 *
 *   facilitation.voteRecord: Y.Map {
 *     [voteId]: { id, question?, dotsPerPerson, scope, startedAt, participation, results }
 *   }
 *
 * Counts only: dots per note and how many dots from how many people; never a ballot. The relay
 * writes each result at the reveal, in the change that reveals it (`revealAndKeep`); nobody else
 * writes a field (the entry declares none), so a result in the record is always the relay's
 * count. The facilitator deletes one (with its vote, „Ergebnis löschen“), or the record whole.
 *
 * Bounded: a board keeps at most `maxKeptVotes`; the relay refuses a reveal beyond them
 * (`votesApi.ts`), and the facilitator is told before starting another vote.
 *
 * A board from before kept its one vote in `facilitation/vote` alone: `readVotes` lists it after
 * the kept ones, and the relay brings it into the record when it opens the board
 * (`server/room/voteKeeping.ts`); so a vote on the board stays in the Dokumentation until it is
 * removed with its result („Ergebnis löschen“), and „Ältestes löschen“ never picks it.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { defineMapEntry, facilitationMap } from '../entry.ts'
import { isFacilitator } from '../rights.ts'
import { Participation, Results, VoteId, VoteScope, VoteStart, maxDots, maxQuestionLength, minDots, readVote, removeVote, voteRecordKey, writeResults, type Vote } from './vote.ts'

/** How many votes a board keeps: a day's votes many times over, and a bound on what they weigh. */
export const maxKeptVotes = 30

/** Counts the relay could have written: no more dots on the notes than were given, nor given than the voters had. */
const possibleCounts = ({ dotsPerPerson, participation, results }: { dotsPerPerson: number; participation: Participation; results: Record<string, number> }) =>
  Object.values(results).reduce((sum, count) => sum + count, 0) <= participation.dots && participation.dots <= participation.voters * dotsPerPerson

const KeptVoteSchema = z
  .object({
    id: VoteId,
    question: z.string().max(maxQuestionLength).optional(),
    dotsPerPerson: z.number().int().min(minDots).max(maxDots),
    scope: VoteScope,
    startedAt: VoteStart,
    participation: Participation,
    results: Results,
  })
  .refine(possibleCounts)

/** A vote's result as the record keeps it: what it asked, where, and the counts. */
export type KeptVote = z.infer<typeof KeptVoteSchema>

/** A kept vote as stored under `key`: read, and under its own id (else „Ergebnis löschen“ would never find it). */
const keptUnder = (key: string, value: unknown): KeptVote | undefined => {
  const parsed = KeptVoteSchema.safeParse(value)
  return parsed.success && parsed.data.id === key ? parsed.data : undefined
}

/** Each kept vote read alone: one unreadable entry drops only itself. */
const readKept = (stored: Record<string, unknown>): KeptVote[] =>
  Object.entries(stored).flatMap(([key, value]) => {
    const kept = keptUnder(key, value)
    return kept ? [kept] : []
  })

export const voteRecordEntry = defineMapEntry({
  key: voteRecordKey,
  // Any object, read entry by entry (`readKept`): a record schema would rebuild it by assignment.
  schema: z.custom<Record<string, unknown>>((stored) => typeof stored === 'object' && stored !== null && !Array.isArray(stored)),
  // Only the relay writes a kept vote; the facilitator's part is deleting.
  fields: {},
  deletesAnyField: true,
  // None until the first reveal: an empty record is one the facilitator cleared.
  default: undefined,
  read: readKept,
  mayWrite: isFacilitator,
})

/** Whether every kept vote reads, and there are no more than a board keeps: an archive's record, judged on import. */
export function keptVotesReadable(doc: Y.Doc): boolean {
  const map = voteRecordEntry.map(doc)
  if (!map) return !facilitationMap(doc).has(voteRecordEntry.key)
  return map.size <= maxKeptVotes && [...map.entries()].every(([key, value]) => keptUnder(key, value) !== undefined)
}

/** A revealed vote as the record keeps it, unchecked (`keepVote` checks it); undefined before its reveal. */
export function keptVote(vote: Vote): KeptVote | undefined {
  if (vote.state === 'open' || !vote.results) return undefined
  const { id, question, dotsPerPerson, scope, startedAt, participation, results } = vote
  return { id, ...(question ? { question } : {}), dotsPerPerson, scope, startedAt, participation: { voters: participation.voters, dots: participation.dots }, results: { ...results } }
}

const byStart = (a: KeptVote, b: KeptVote) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/**
 * A revealed vote's result as the record would keep it, if it could (possible counts): what an
 * archive's or an older relay's vote must be to be read as a result, or imported.
 */
export function keepableVote(vote: Vote): KeptVote | undefined {
  const kept = keptVote(vote)
  const parsed = kept && KeptVoteSchema.safeParse(kept)
  return parsed?.success ? parsed.data : undefined
}

/**
 * The vote on the board with a result the record lacks (a board from before the record), read
 * only as the record would keep it (RULE possibleKeptCounts: an older relay's or an archive's
 * impossible counts are no result).
 */
export function unkeptOldVote(doc: Y.Doc, kept: readonly KeptVote[] = voteRecordEntry.get(doc) ?? []): KeptVote | undefined {
  const current = readVote(doc)
  return current && !kept.some((v) => v.id === current.id) ? keepableVote(current) : undefined
}

/** The meeting's votes with a result, first started first: the kept ones, and a vote of the old shape not yet among them. */
export function readVotes(doc: Y.Doc): KeptVote[] {
  const kept = voteRecordEntry.get(doc) ?? []
  const old = unkeptOldVote(doc, kept)
  return [...kept, ...(old ? [old] : [])].sort(byStart)
}

/**
 * The kept vote „Ältestes löschen“ takes out: the first started, but never the vote still on the
 * board (`currentId`), which `readVotes` would list again and the relay bring back on the next load.
 */
export const oldestForgettable = (kept: readonly KeptVote[], currentId: string | undefined): KeptVote | undefined =>
  kept.filter((v) => v.id !== currentId).sort(byStart)[0]

/** Whether the record has room for one more vote. */
export const recordHasRoom = (doc: Y.Doc): boolean => (voteRecordEntry.get(doc)?.length ?? 0) < maxKeptVotes

/** The record's map, made if there is none (the relay's part). */
function recordMap(doc: Y.Doc): Y.Map<unknown> {
  const existing = voteRecordEntry.map(doc)
  if (existing) return existing
  const made = new Y.Map<unknown>()
  facilitationMap(doc).set(voteRecordEntry.key, made)
  return made
}

/** The relay's part: keeps `vote`'s result in the record (a vote of the old shape, brought in). */
export function keepVote(doc: Y.Doc, vote: KeptVote): void {
  recordMap(doc).set(vote.id, KeptVoteSchema.parse(vote))
}

/**
 * The relay's part at the reveal: the counts in the vote (`writeResults`) and in the record, in
 * one change. False when `voteId` is not the open vote.
 */
export function revealAndKeep(doc: Y.Doc, voteId: string, results: Record<string, number>, participation: Participation, notes?: readonly string[]): boolean {
  let revealed = false
  doc.transact(() => {
    revealed = writeResults(doc, voteId, results, participation, notes)
    const vote = revealed ? readVote(doc) : undefined
    const kept = vote && keptVote(vote)
    if (kept) keepVote(doc, kept)
  })
  return revealed
}

/** Takes a kept vote out of the record, and so out of the Dokumentation. */
export function forgetVote(doc: Y.Doc, voteId: string): void {
  const map = voteRecordEntry.map(doc)
  if (map?.has(voteId)) map.delete(voteId)
}

/** Takes the vote `voteId` off the board and its result out of the record: „Ergebnis löschen“. */
export function removeVoteAndResult(doc: Y.Doc, voteId: string): boolean {
  let removed = false
  doc.transact(() => {
    removed = removeVote(doc, voteId)
    if (removed) forgetVote(doc, voteId)
  })
  return removed
}
