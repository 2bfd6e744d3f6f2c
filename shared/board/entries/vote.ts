/**
 * The dot vote in the document (`facilitation/vote`): what everyone may see of it. The ballots
 * stay on the relay; counting, scopes and what people see are `shared/results/voting.ts`.
 *
 *   facilitation.vote: Y.Map {
 *     id: string                 random (base64url, as `randomKey` or tldraw's `uniqueId`), new for every vote
 *     dotsPerPerson: number      1–10
 *     scope: VoteScope           plain JSON, see below
 *     state: 'open' | 'revealed' | 'closed'
 *     startedAt: number          ms since 1970, the starter's clock (informational), a date JS can name
 *     question?: string          what the room is asked (the facilitator's words; may be none)
 *     participation?: { voters, dots, present? }   written by the relay as ballots arrive;
 *                                present: the most people seen on the board while it was open
 *     results?: { [shapeId]: count }          written by the relay at the reveal, with state
 *     notes?: string[]           the notes in scope at the reveal (relay, with results): the
 *                                ones the result is about, dots or not
 *     hidden?: boolean           the facilitator took the result off everyone's screen; it
 *                                stays in the report (deleting it is removing the whole map)
 *     onWall?: boolean           the facilitator shows the ranked result on the wall
 *   }
 *
 * At the reveal (`POST /api/boards/:id/vote/reveal`, facilitator) the relay writes the counts per
 * note and deletes the ballots, and keeps the result in the meeting's record of votes
 * (`voteRecord.ts`). Starting a new vote replaces the whole `vote` map; the record keeps the last.
 *
 * Only the facilitator starts, closes, hides and removes a vote, field by field as
 * `facilitatorVoteFields` allows; `participation`, `results` and `notes`, and with them the state
 * `revealed`, are written only by the relay itself. Its id, dots and scope are fixed from its start
 * (the ballots were cast for them); once revealed, what a vote asked stays and it is not opened
 * again; a new vote never takes a kept vote's id (`voteFieldRefusal`).
 */
import * as Y from 'yjs'
import { z } from 'zod'
import { defineMapEntry, facilitationMap, type FieldWrite } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

export const minDots = 1
export const maxDots = 10

export const voteStates = ['open', 'revealed', 'closed'] as const
export type VoteState = (typeof voteStates)[number]

/** A vote's question is a line, not a text. */
export const maxQuestionLength = 300

/** A vote on chosen notes takes at most this many. */
export const maxSelectedNotes = 200

/** A scope's label (a frame's name, a template's title) is a line like the question: every kept vote copies it. */
export const maxScopeLabelLength = maxQuestionLength

/**
 * The id of a note a vote counts. Any participant may give a note an id of any length; one too
 * long for the result takes no dot and is not among the notes a result is about, so that it can
 * never make the reveal fail.
 */
export const VotedNoteId = z.string().max(200)

/** An id in a scope (a shape's, a page's, a template's part): bounded like a note's. */
const scopeId = VotedNoteId
const label = z.string().max(maxScopeLabelLength)

/**
 * What may be voted on: notes on the whole board, inside one frame, inside one template, in one
 * column of a template's table, or the notes someone selected. Bounded in every string: the
 * record of votes copies it into each kept vote.
 */
export const VoteScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board') }),
  z.object({ kind: z.literal('frame'), shapeId: scopeId, pageId: scopeId, label }),
  z.object({ kind: z.literal('template'), instance: scopeId, pageId: scopeId, label }),
  z.object({ kind: z.literal('column'), instance: scopeId, section: scopeId, col: scopeId, pageId: scopeId, label }),
  z.object({ kind: z.literal('selection'), noteIds: z.array(scopeId).min(1).max(maxSelectedNotes), pageId: scopeId, label }),
])
export type VoteScope = z.infer<typeof VoteScope>

/** The scope with its label cut to the bound (a frame may have a long name). */
export const boundedScope = <Scope,>(scope: Scope): Scope => {
  const label = typeof scope === 'object' && scope !== null ? (scope as { label?: unknown }).label : undefined
  return typeof label === 'string' && label.length > maxScopeLabelLength ? { ...scope, label: label.slice(0, maxScopeLabelLength) } : scope
}

/**
 * A vote's id: in the form of the random keys clients make (base64url), so never a name of
 * `Object.prototype` (`__proto__`) a plain object would read the record's entry as.
 */
export const VoteId = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/)

/** Dates JavaScript can name (±8.64e15 ms): a vote's start is printed (CSV, Dokumentation), and past them that throws. */
export const VoteStart = z.number().min(-8.64e15).max(8.64e15)

/** A stored scope as readers take it: a vote from before the bound reads with its label cut. */
const readableScope = z.preprocess(boundedScope, VoteScope)

export const Participation = z.object({
  voters: z.number().int().min(0),
  dots: z.number().int().min(0),
  /** The most people seen on the board with a link that may vote, while it was open (the relay's count). */
  present: z.number().int().min(0).optional(),
})
export type Participation = z.infer<typeof Participation>
export const Results = z.record(VotedNoteId, z.number().int().positive())
export const VotedNotes = z.array(VotedNoteId)

/** The vote as everyone reads it, the relay's fields included. */
const VoteSchema = z.object({
  id: z.string().min(1),
  dotsPerPerson: z.number().int().min(minDots).max(maxDots),
  scope: readableScope,
  state: z.enum(voteStates),
  startedAt: VoteStart,
  participation: Participation.optional(),
  results: Results.optional(),
  notes: VotedNotes.optional(),
  hidden: z.boolean().optional(),
  question: z.string().max(maxQuestionLength).optional(),
  onWall: z.boolean().optional(),
})

/**
 * The fields the facilitator writes, each alone, as the relay takes them: the vote's own, with an
 * id of bounded length and every state but `revealed`, which comes only with the relay's results.
 */
export const facilitatorVoteFields = {
  id: VoteId,
  dotsPerPerson: VoteSchema.shape.dotsPerPerson,
  scope: VoteScope,
  state: VoteSchema.shape.state.exclude(['revealed']),
  startedAt: VoteSchema.shape.startedAt,
  hidden: VoteSchema.shape.hidden.unwrap(),
  question: VoteSchema.shape.question.unwrap(),
  onWall: VoteSchema.shape.onWall.unwrap(),
}

/** Where the record of votes is kept (`voteRecord.ts`): a new vote takes none of its ids. */
export const voteRecordKey = 'voteRecord'

/** What a vote asked and of whom: fixed once the relay has revealed it (the record keeps it so). */
const askedFields = new Set(['id', 'dotsPerPerson', 'scope', 'startedAt', 'question'])

/**
 * What the ballots were cast for: fixed from the vote's start. Fewer dots after ballots of more
 * would be counts no reveal can keep (`possibleCounts`, voteRecord.ts); another scope or id, a
 * vote no ballot was cast in. Changing them is starting a new vote (a new map).
 */
const startFields = new Set(['id', 'dotsPerPerson', 'scope'])

/** The fields every vote has: deleting one leaves a vote nobody can read (removing the vote is deleting the map). */
const requiredFields = new Set(['id', 'dotsPerPerson', 'scope', 'state', 'startedAt'])

/** Whether the relay has revealed the stored vote map (it has results, or is no longer open). */
const revealedMap = (stored: unknown) => stored instanceof Y.Map && (stored.has('results') || stored.get('state') !== 'open')

/**
 * The rule of a revealed vote: what it asked stays as the relay counted it, and it is not opened
 * again (the next reveal would replace the kept result); a new vote is a new map with an id of its
 * own, never a kept vote's (its reveal would overwrite that result in the record).
 */
export function voteFieldRefusal({ field, value, stored, replaced, facilitation }: FieldWrite): string | null {
  // RULE voteFieldsDeletedOnlyOptional: a deletion (value undefined) keeps a readable vote.
  if (value === undefined && requiredFields.has(field)) return 'a vote keeps its id, dots, scope, state and start: remove the whole vote'
  // RULE voteStartFieldsFixed: what the ballots were cast for stays while they count.
  if (!replaced && stored instanceof Y.Map && startFields.has(field)) return 'a vote’s id, dots and scope are fixed from its start: start a new vote'
  if (field === 'id') {
    const record = facilitation(voteRecordKey)
    if (record instanceof Y.Map && typeof value === 'string' && record.has(value)) return 'a new vote takes an id of its own, not a kept vote’s'
  }
  if (replaced || !revealedMap(stored)) return null
  if (askedFields.has(field)) return 'a revealed vote keeps what it asked: start a new vote'
  return field === 'state' && value === 'open' ? 'a revealed vote is not opened again' : null
}

export interface Vote {
  id: string
  dotsPerPerson: number
  scope: VoteScope
  state: VoteState
  startedAt: number
  participation: Participation
  /** Dots per note, once revealed. */
  results: Readonly<Record<string, number>> | undefined
  /** The notes in scope at the reveal; undefined for a vote revealed before they were kept. */
  notes: readonly string[] | undefined
  /** Off everyone's screen (the facilitator may still look), but kept for the report. */
  hidden: boolean
  /** What the room is asked; '' when the facilitator gave no question. */
  question: string
  /** The ranked result shown on the wall (while it is visible). */
  onWall: boolean
}

export const voteEntry = defineMapEntry({
  key: 'vote',
  schema: VoteSchema,
  fields: facilitatorVoteFields,
  default: undefined,
  read: ({ participation = { voters: 0, dots: 0 }, results, notes, hidden = false, question = '', onWall = false, ...info }): Vote => ({
    ...info,
    participation,
    results,
    notes,
    hidden,
    question,
    onWall,
  }),
  mayWrite: isFacilitator,
  refusesField: voteFieldRefusal,
})

/** The vote in the doc, or undefined when there is none (or it is unreadable). */
export const readVote = (doc: Y.Doc): Vote | undefined => voteEntry.get(doc)

/** The live vote map if it still is the vote `voteId`. */
const currentVoteMap = (doc: Y.Doc, voteId: string) => {
  const map = voteEntry.map(doc)
  return map && map.get('id') === voteId ? map : undefined
}

export interface NewVote {
  id: string
  dotsPerPerson: number
  scope: VoteScope
  startedAt: number
  question?: string
}

/** Starts a vote, replacing any earlier one. */
export function startVote(doc: Y.Doc, vote: NewVote): void {
  const dotsPerPerson = Math.round(vote.dotsPerPerson)
  if (!(dotsPerPerson >= minDots && dotsPerPerson <= maxDots)) throw new RangeError(`dotsPerPerson ${vote.dotsPerPerson}`)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    facilitationMap(doc).set(voteEntry.key, map)
    map.set('id', vote.id)
    map.set('dotsPerPerson', dotsPerPerson)
    map.set('scope', VoteScope.parse(boundedScope(vote.scope)))
    map.set('state', 'open' satisfies VoteState)
    map.set('startedAt', vote.startedAt)
    const question = vote.question?.trim().slice(0, maxQuestionLength)
    if (question) map.set('question', question)
  })
}

/** Closes the vote `voteId` (after its reveal); false when that vote is no longer the current one. */
export function closeVote(doc: Y.Doc, voteId: string): boolean {
  const map = currentVoteMap(doc, voteId)
  if (!map) return false
  if (map.get('state') !== 'closed') map.set('state', 'closed' satisfies VoteState)
  return true
}

/**
 * Takes the result of `voteId` off everyone's screen (ending the vote, if it was revealed), or
 * shows it again; it stays in the report either way. False unless that vote has a result.
 */
export function hideVote(doc: Y.Doc, voteId: string, hidden: boolean): boolean {
  const map = currentVoteMap(doc, voteId)
  const state = map?.get('state')
  if (!map || (state !== 'revealed' && state !== 'closed')) return false
  doc.transact(() => {
    if (hidden && state !== 'closed') map.set('state', 'closed' satisfies VoteState)
    if (map.get('hidden') !== hidden) map.set('hidden', hidden)
  })
  return true
}

/** Shows the ranked result of `voteId` on the wall, or takes it off; false unless that vote has a result. */
export function showVoteOnWall(doc: Y.Doc, voteId: string, on: boolean): boolean {
  const map = currentVoteMap(doc, voteId)
  const state = map?.get('state')
  if (!map || (state !== 'revealed' && state !== 'closed')) return false
  if (map.get('onWall') !== on) map.set('onWall', on)
  return true
}

/** Takes the vote `voteId` off the board (its kept result: `voteRecord.ts`). */
export function removeVote(doc: Y.Doc, voteId: string): boolean {
  if (!currentVoteMap(doc, voteId)) return false
  facilitationMap(doc).delete(voteEntry.key)
  return true
}

/** The relay's part: how many have voted so far. False when `voteId` is not the open vote. */
export function writeParticipation(doc: Y.Doc, voteId: string, participation: Participation): boolean {
  const map = currentVoteMap(doc, voteId)
  if (!map || map.get('state') !== 'open') return false
  map.set('participation', Participation.parse(participation))
  return true
}

/**
 * The relay's part: the counts per note and the reveal, in one change; with `notes`, the notes in
 * scope at that moment (those the result is about).
 */
export function writeResults(
  doc: Y.Doc,
  voteId: string,
  results: Record<string, number>,
  participation: Participation,
  notes?: readonly string[],
): boolean {
  const map = currentVoteMap(doc, voteId)
  if (!map || map.get('state') !== 'open') return false
  doc.transact(() => {
    map.set('participation', Participation.parse(participation))
    map.set('results', Results.parse(results))
    if (notes) map.set('notes', VotedNotes.parse(notes))
    map.set('state', 'revealed' satisfies VoteState)
  })
  return true
}
