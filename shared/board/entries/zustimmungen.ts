/**
 * The meeting's „Einverstanden?“ rounds, kept (`facilitation/zustimmungen`), as the record of votes
 * keeps the dot votes (`voteRecord.ts`): every closed round by its id, so that the next round, which
 * replaces `facilitation/zustimmung`, takes none of the earlier answers out of the Dokumentation.
 *
 *   facilitation.zustimmungen: Y.Map {
 *     [roundId]: { id, note, question, gremium, bindewirkung, day, outcome, haeuser: [{ haus, antwort }] }
 *   }
 *
 * Per Haus, as the round is asked (`zustimmungTally.ts`): the record of a Beschluss names the
 * organisations and what each answered, not the people. Only the relay writes a kept round, in the
 * change that closes it; nobody else writes a field (the entry declares none); the facilitator
 * deletes one, or the record whole. Bounded like the record of votes.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { Day } from '../../dates.ts'
import { NetworkBodyName } from '../../networkBodies.ts'
import { defineMapEntry, facilitationMap } from '../entry.ts'
import { isFacilitator } from '../rights.ts'
import { bindewirkungen } from './beschluesse.ts'
import { VoteId, maxQuestionLength } from './vote.ts'
import { antworten, maxAnswers, maxHausLength, roundOutcomes } from './zustimmung.ts'

/** A day's rounds many times over, and a bound on what they weigh. */
export const maxKeptRounds = 40

export const KeptHaus = z.object({ haus: z.string().trim().min(1).max(maxHausLength), antwort: z.enum(antworten) })
export type KeptHaus = z.infer<typeof KeptHaus>

export const KeptRound = z.object({
  id: VoteId,
  note: z.string().startsWith('shape:').max(200),
  question: z.string().max(maxQuestionLength),
  gremium: NetworkBodyName,
  bindewirkung: z.enum(bindewirkungen),
  day: Day,
  outcome: z.enum(roundOutcomes),
  haeuser: z.array(KeptHaus).max(maxAnswers),
  /** The order the relay kept it in (`keepRound`): rounds of one day read in it everywhere; older rounds have none. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
})
export type KeptRound = z.infer<typeof KeptRound>

const keptUnder = (key: string, value: unknown): KeptRound | undefined => {
  const parsed = KeptRound.safeParse(value)
  return parsed.success && parsed.data.id === key ? parsed.data : undefined
}

export const zustimmungenEntry = defineMapEntry({
  key: 'zustimmungen',
  // Any object, read round by round: one unreadable entry drops only itself.
  schema: z.custom<Record<string, unknown>>((stored) => typeof stored === 'object' && stored !== null && !Array.isArray(stored)),
  fields: {},
  deletesAnyField: true,
  // None until the first round closes: an empty record is one the facilitator cleared.
  default: undefined,
  read: (stored) => Object.entries(stored).flatMap(([key, value]) => keptUnder(key, value) ?? []),
  mayWrite: isFacilitator,
})

/**
 * The kept rounds, first closed first: by day, then in the order the relay kept them (a map's own
 * order may differ between two readers), rounds without one first and by id.
 */
export const readRounds = (doc: Y.Doc): KeptRound[] =>
  [...(zustimmungenEntry.get(doc) ?? [])].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : (a.seq ?? 0) - (b.seq ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))

/** Whether every kept round reads, and there are no more than a board keeps: an archive's record, judged on import. */
export function keptRoundsReadable(doc: Y.Doc): boolean {
  const map = zustimmungenEntry.map(doc)
  if (!map) return !facilitationMap(doc).has(zustimmungenEntry.key)
  return map.size <= maxKeptRounds && [...map.entries()].every(([key, value]) => keptUnder(key, value) !== undefined)
}

export const roundRecordHasRoom = (doc: Y.Doc): boolean => (zustimmungenEntry.map(doc)?.size ?? 0) < maxKeptRounds

/** The relay's part: keeps a closed round, after every round kept before it. */
export function keepRound(doc: Y.Doc, round: KeptRound): void {
  let map = zustimmungenEntry.map(doc)
  if (!map) {
    map = new Y.Map<unknown>()
    facilitationMap(doc).set(zustimmungenEntry.key, map)
  }
  const seq = 1 + Math.max(0, ...(zustimmungenEntry.get(doc) ?? []).map((kept) => kept.seq ?? 0))
  map.set(round.id, KeptRound.parse({ ...round, seq }))
}
