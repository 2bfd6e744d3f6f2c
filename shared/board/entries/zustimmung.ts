/**
 * The „Einverstanden?“ round (`facilitation/zustimmung`): the facilitator asks whether a proposal
 * stands (a Zettel: one selected, or the draft in a row of the Steuerungsgruppe's „Beschlüsse“),
 * and each person answers for their organisation: Ja, Enthaltung, Nein or „Rücksprache im Haus“.
 * A Steuerungsgruppe's members decide for their Haus or bring its decision about (H 4.3.1), and
 * the network's rules ask how a Haus' own decision reaches the network (H 4.3.9): so the answer is
 * the Haus', and „Rücksprache im Haus“ is an answer of its own, not a Nein.
 *
 * Not secret, unlike the dot vote (`vote.ts`, whose ballots never enter the document): every
 * answer is in the document, with who gave it for which Haus, as it arrives. The same shape and
 * the same rules as the vote's otherwise:
 *
 *   facilitation.zustimmung: Y.Map {
 *     id: string           random (as a vote's id), new for every round
 *     note: shape id       the proposal
 *     question: string     the proposal's words at the start: what was asked stays if the Zettel changes
 *     gremium: string      who decides (a network body, `networkBodies.ts`)
 *     bindewirkung         what the Beschluss binds if the Häuser agree (`beschluesse.ts`)
 *     state: 'open' | 'closed'
 *     startedAt: number    ms since 1970, the starter's clock (informational)
 *     answers?: { [authorId]: { name, haus, antwort } }   the relay's, as answers arrive
 *     outcome?: RoundOutcome                             the relay's, when it closes the round
 *   }
 *
 * The facilitator starts a round (a new map) and removes it; nothing else. A person answers
 * through the relay (`PUT /api/boards/:id/zustimmung/answer`, `server/http/zustimmungApi.ts`),
 * which writes the answer under the author id of the browser that gave it: one answer per
 * browser, nobody answers for another, a link to look only answers not at all. Only the relay
 * closes a round, at the facilitator's request (`POST …/zustimmung/close`): it writes the outcome,
 * keeps the round in the record (`zustimmungen.ts`) and, where the Häuser agreed, marks the
 * proposal as a Beschluss, in one change. A closed round changes no more.
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { NetworkBodyName } from '../../networkBodies.ts'
import { defineMapEntry, facilitationMap, type FieldWrite } from '../entry.ts'
import { isFacilitator } from '../rights.ts'
import { bindewirkungen, maxHaeuser } from './beschluesse.ts'
import { normalStelle } from './consent.ts'
import { VoteId, VoteStart, maxQuestionLength } from './vote.ts'
import { Answer } from '../roundAnswer.ts'

export { Answer, antworten, maxHausLength, maxNameLength, type Antwort } from '../roundAnswer.ts'

export const roundStates = ['open', 'closed'] as const

/**
 * What a closed round came to: `beschlossen` (every Haus that answered agreed or abstained, one
 * at least agreed), `vorbehaltlich` (none objected, some consult at home first), `nicht-beschlossen`
 * (a Haus objected, or none agreed).
 */
export const roundOutcomes = ['beschlossen', 'vorbehaltlich', 'nicht-beschlossen'] as const
export type RoundOutcome = (typeof roundOutcomes)[number]

/** More people than a Steuerungsgruppe or a network meeting has: bounds what one round weighs. */
export const maxAnswers = 80

/** Answers by the author id of the browser that gave each (`shared/author.ts`). */
const Answers = z.record(z.string().min(1).max(200), Answer).refine((answers) => Object.keys(answers).length <= maxAnswers, 'too many answers')

const NoteId = z.string().startsWith('shape:').max(200)

const RoundSchema = z.object({
  id: z.string().min(1),
  note: NoteId,
  question: z.string().max(maxQuestionLength),
  gremium: NetworkBodyName,
  bindewirkung: z.enum(bindewirkungen),
  state: z.enum(roundStates),
  startedAt: VoteStart,
  answers: Answers.optional(),
  outcome: z.enum(roundOutcomes).optional(),
})

/** The fields the facilitator writes (when starting a round): never `closed`, never an answer or the outcome. */
export const facilitatorRoundFields = {
  id: VoteId,
  note: NoteId,
  question: RoundSchema.shape.question,
  gremium: NetworkBodyName,
  bindewirkung: RoundSchema.shape.bindewirkung,
  state: z.literal('open'),
  startedAt: VoteStart,
}

const requiredFields = new Set(['id', 'note', 'question', 'gremium', 'bindewirkung', 'state', 'startedAt'])

/**
 * RULE roundFixedFromStart: what a round asks is fixed from its start (the answers were given to
 * it), and a closed round changes no more; asking again is a new round (a new map).
 */
export function roundFieldRefusal({ field, value, stored, replaced }: FieldWrite): string | null {
  if (value === undefined && requiredFields.has(field)) return 'a round keeps what it asked: remove the whole round'
  if (replaced || !(stored instanceof Y.Map)) return null
  if (stored.get('state') === 'closed') return 'a closed round does not change: start a new one'
  return 'a round’s question is fixed from its start: start a new one'
}

export interface Round {
  id: string
  note: string
  question: string
  gremium: string
  bindewirkung: (typeof bindewirkungen)[number]
  state: (typeof roundStates)[number]
  startedAt: number
  /** By the author id of the browser that answered. */
  answers: Readonly<Record<string, Answer>>
  outcome: RoundOutcome | undefined
}

export const zustimmungEntry = defineMapEntry({
  key: 'zustimmung',
  schema: RoundSchema,
  fields: facilitatorRoundFields,
  default: undefined,
  read: ({ answers = {}, outcome, ...round }): Round => ({ ...round, answers, outcome }),
  mayWrite: isFacilitator,
  refusesField: roundFieldRefusal,
})

export const readRound = (doc: Y.Doc): Round | undefined => zustimmungEntry.get(doc)

export interface NewRound {
  id: string
  note: string
  question: string
  gremium: string
  bindewirkung: Round['bindewirkung']
  startedAt: number
}

/** Starts a round, replacing any earlier one (a closed one is kept in the record). */
export function startRound(doc: Y.Doc, round: NewRound): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    facilitationMap(doc).set(zustimmungEntry.key, map)
    map.set('id', round.id)
    map.set('note', round.note)
    map.set('question', round.question.trim().slice(0, maxQuestionLength))
    map.set('gremium', round.gremium)
    map.set('bindewirkung', round.bindewirkung)
    map.set('state', 'open')
    map.set('startedAt', round.startedAt)
  })
}

/** The live round map if it still is the round `roundId`. */
const currentRoundMap = (doc: Y.Doc, roundId: string) => {
  const map = zustimmungEntry.map(doc)
  return map && map.get('id') === roundId ? map : undefined
}

/** Takes the round `roundId` off the board (its record stays, `zustimmungen.ts`). */
export function removeRound(doc: Y.Doc, roundId: string): boolean {
  if (!currentRoundMap(doc, roundId)) return false
  facilitationMap(doc).delete(zustimmungEntry.key)
  return true
}

/** Which Haus an answer speaks for: „Jobcenter“ and „jobcenter “ are one (`zustimmungTally.ts` groups by it). */
export const hausKey = (haus: string) => normalStelle(haus) || haus.trim().toLowerCase()

/**
 * The relay's part: `author`'s answer (a new one replaces theirs). False unless `roundId` is the
 * open round, and for a person or a Haus more than the round counts: the Beschluss it makes names
 * each Haus (`roundBeschluss`), and a Beschluss waits for at most `maxHaeuser`.
 */
export function writeAnswer(doc: Y.Doc, roundId: string, author: string, answer: Answer): boolean {
  const map = currentRoundMap(doc, roundId)
  if (!map || map.get('state') !== 'open') return false
  const answers = { ...readRound(doc)?.answers }
  if (!Object.hasOwn(answers, author) && Object.keys(answers).length >= maxAnswers) return false
  const given = Answer.parse(answer)
  // The same answer again writes nothing: each write rewrites the round's answers in the board's log.
  const before = answers[author]
  if (before && before.name === given.name && before.haus === given.haus && before.antwort === given.antwort) return true
  answers[author] = given
  if (new Set(Object.values(answers).map((a) => hausKey(a.haus))).size > maxHaeuser) return false
  map.set('answers', Answers.parse(answers))
  return true
}

/** The relay's part: the round closed with its outcome. False unless `roundId` is the open round. */
export function writeClosed(doc: Y.Doc, roundId: string, outcome: RoundOutcome): boolean {
  const map = currentRoundMap(doc, roundId)
  if (!map || map.get('state') !== 'open') return false
  doc.transact(() => {
    map.set('outcome', outcome)
    map.set('state', 'closed')
  })
  return true
}
