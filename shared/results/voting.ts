/**
 * Dot voting: the facilitator starts a vote, everyone with edit rights places up to N dots on
 * the notes in the vote's scope (several on one note allowed), the results stay hidden until the
 * facilitator reveals them.
 *
 * Secret until the reveal: ballots never enter the shared document. Each browser sends its whole
 * ballot to the relay (`PUT /api/boards/:id/vote/ballot`), which keeps it under a voter id
 * derived from the browser's writer secret, the board and the vote (so it names no person, no
 * awareness id, and differs from the browser's author id and between votes). The document only
 * carries what everyone may see:
 *
 *   facilitation.vote: Y.Map {
 *     id: string                 random, new for every vote
 *     dotsPerPerson: number      1–10
 *     scope: VoteScope           plain JSON, see below
 *     state: 'open' | 'revealed' | 'closed'
 *     startedAt: number          ms since 1970, the starter's clock (informational)
 *     participation?: { voters, dots, present? }   written by the relay as ballots arrive;
 *                                present: the most people seen on the board while it was open
 *     results?: { [shapeId]: count }          written by the relay at the reveal, with state
 *     notes?: string[]           the notes in scope at the reveal (relay, with results): the
 *                                ones the result is about, dots or not
 *     hidden?: boolean           the facilitator took the result off everyone's screen; it
 *                                stays in the report (deleting it is removing the whole map)
 *   }
 *
 * At the reveal (`POST /api/boards/:id/vote/reveal`, facilitator) the relay writes the counts per
 * note and deletes the ballots. Starting a new vote replaces the whole `vote` map.
 */
import type { TLShape } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { z } from 'zod'
import { facilitationKeys, facilitationMap } from '../board/facilitation.ts'
import { center, contains, union, type Box } from '../templates/geometry.ts'
import { findInstances } from '../templates/catalogue.ts'
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import type { Locale } from '../locale.ts'
import { csvDocument, csvLine } from '../csv.ts'

export const minDots = 1
export const maxDots = 10
export const defaultDots = 3

export const voteStates = ['open', 'revealed', 'closed'] as const
export type VoteState = (typeof voteStates)[number]

/** A vote on chosen notes takes at most this many. */
export const maxSelectedNotes = 200

/**
 * What may be voted on: notes on the whole board, inside one frame, inside one template, in one
 * column of a template's table, or the notes someone selected.
 */
export const VoteScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board') }),
  z.object({ kind: z.literal('frame'), shapeId: z.string(), pageId: z.string(), label: z.string() }),
  z.object({ kind: z.literal('template'), instance: z.string(), pageId: z.string(), label: z.string() }),
  z.object({ kind: z.literal('column'), instance: z.string(), section: z.string(), col: z.string(), pageId: z.string(), label: z.string() }),
  z.object({ kind: z.literal('selection'), noteIds: z.array(z.string()).min(1).max(maxSelectedNotes), pageId: z.string(), label: z.string() }),
])
export type VoteScope = z.infer<typeof VoteScope>

/** One voter's dots: note shape id → how many dots on it. */
export type Ballot = Readonly<Record<string, number>>

/**
 * The id of a note a vote counts. Any participant may give a note an id of any length; one too
 * long for the result takes no dot and is not among the notes a result is about, so that it can
 * never make the reveal fail.
 */
const VotedNoteId = z.string().max(200)
export const isVotableNoteId = (id: string) => VotedNoteId.safeParse(id).success

const BallotSchema = z.record(VotedNoteId, z.number().int().positive())

export const Participation = z.object({
  voters: z.number().int().min(0),
  dots: z.number().int().min(0),
  /** The most people seen on the board with a link that may vote, while it was open (the relay's count). */
  present: z.number().int().min(0).optional(),
})
export type Participation = z.infer<typeof Participation>
export const Results = z.record(VotedNoteId, z.number().int().positive())
export const VotedNotes = z.array(VotedNoteId)

const VoteSchema = z.object({
  id: z.string().min(1),
  dotsPerPerson: z.number().int().min(minDots).max(maxDots),
  scope: VoteScope,
  state: z.enum(voteStates),
  startedAt: z.number(),
  participation: Participation.optional(),
  results: Results.optional(),
  notes: VotedNotes.optional(),
  hidden: z.boolean().optional(),
})

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
}

/* ------------------------------ ballots ------------------------------ */

export const dotsUsed = (ballot: Ballot | undefined) =>
  Object.values(ballot ?? {}).reduce((sum, count) => sum + count, 0)

export const dotsLeft = (ballot: Ballot | undefined, dotsPerPerson: number) =>
  Math.max(0, dotsPerPerson - dotsUsed(ballot))

/** The ballot with one more dot on the note; undefined when all dots are used. */
export function addDot(ballot: Ballot | undefined, shapeId: string, dotsPerPerson: number): Ballot | undefined {
  if (dotsLeft(ballot, dotsPerPerson) === 0) return undefined
  return { ...ballot, [shapeId]: (ballot?.[shapeId] ?? 0) + 1 }
}

/** The ballot with one dot less on the note (unchanged when it has none). */
export function removeDot(ballot: Ballot | undefined, shapeId: string): Ballot {
  const { [shapeId]: count = 0, ...rest } = ballot ?? {}
  return count > 1 ? { ...rest, [shapeId]: count - 1 } : rest
}

/** The ballot without dots on notes that no longer exist: those dots go back to the voter. */
export function pruneBallot(ballot: Ballot, exists: (shapeId: string) => boolean): Ballot {
  const kept = Object.entries(ballot).filter(([shapeId]) => exists(shapeId))
  return kept.length === Object.keys(ballot).length ? ballot : Object.fromEntries(kept)
}

/** A ballot as a browser sends it, if it keeps the vote's limit. */
export function validBallot(raw: unknown, dotsPerPerson: number): Ballot | undefined {
  const parsed = BallotSchema.safeParse(raw)
  // A ballot over the limit came from no client of ours: it counts not at all, rather than partly.
  return parsed.success && dotsUsed(parsed.data) <= dotsPerPerson ? parsed.data : undefined
}

/* ------------------------------ the document ------------------------------ */

/** The vote in the doc, or undefined when there is none (or it is unreadable). */
export function readVote(doc: Y.Doc): Vote | undefined {
  const raw = facilitationMap(doc).get(facilitationKeys.vote)
  const json = raw instanceof Y.Map ? raw.toJSON() : raw
  const parsed = VoteSchema.safeParse(json)
  if (!parsed.success) return undefined
  const { participation = { voters: 0, dots: 0 }, results, notes, hidden = false, ...info } = parsed.data
  return { ...info, participation, results, notes, hidden }
}

const voteMap = (doc: Y.Doc): Y.Map<unknown> | undefined => {
  const raw = facilitationMap(doc).get(facilitationKeys.vote)
  return raw instanceof Y.Map ? (raw as Y.Map<unknown>) : undefined
}

/** The live vote map if it still is the vote `voteId`. */
const currentVoteMap = (doc: Y.Doc, voteId: string) => {
  const map = voteMap(doc)
  return map && map.get('id') === voteId ? map : undefined
}

export interface NewVote {
  id: string
  dotsPerPerson: number
  scope: VoteScope
  startedAt: number
}

/** Starts a vote, replacing any earlier one. */
export function startVote(doc: Y.Doc, vote: NewVote): void {
  const dotsPerPerson = Math.round(vote.dotsPerPerson)
  if (!(dotsPerPerson >= minDots && dotsPerPerson <= maxDots)) throw new RangeError(`dotsPerPerson ${vote.dotsPerPerson}`)
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    facilitationMap(doc).set(facilitationKeys.vote, map)
    map.set('id', vote.id)
    map.set('dotsPerPerson', dotsPerPerson)
    map.set('scope', VoteScope.parse(vote.scope))
    map.set('state', 'open' satisfies VoteState)
    map.set('startedAt', vote.startedAt)
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

/** Takes the vote `voteId` off the board, and with it its result out of the report. */
export function removeVote(doc: Y.Doc, voteId: string): boolean {
  if (!currentVoteMap(doc, voteId)) return false
  facilitationMap(doc).delete(facilitationKeys.vote)
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

/* ------------------------------ what people see ------------------------------ */

export const canVote = (vote: Vote | undefined): vote is Vote => vote?.state === 'open'

/** Results are for everyone once revealed (and stay so after closing), for no one before. */
export const resultsVisible = (vote: Vote | undefined): vote is Vote =>
  vote?.state === 'revealed' || vote?.state === 'closed'

/** Badges on the canvas: while revealed only; closing (or hiding) returns the board to normal. */
export const badgesVisible = (vote: Vote | undefined) => vote?.state === 'revealed' && !vote.hidden

/** How many people have placed dots, and how many dots: progress that tells nothing per note. */
export const participation = (vote: Vote | undefined): Participation => vote?.participation ?? { voters: 0, dots: 0 }

/**
 * More ballots than people were ever on the board to cast them: someone voted with several
 * writer secrets. The facilitator's panel says so.
 */
export const moreBallotsThanPresent = (vote: Vote | undefined) => {
  const { voters, present } = participation(vote)
  return present !== undefined && voters > present
}

/** All ballots together: dots per note and who took part, as the relay reveals them. */
export function countBallots(ballots: Iterable<Ballot>): { results: Record<string, number>; participation: Participation } {
  const results: Record<string, number> = {}
  let voters = 0
  let dots = 0
  for (const ballot of ballots) {
    if (dotsUsed(ballot) === 0) continue
    voters++
    for (const [shapeId, count] of Object.entries(ballot)) {
      results[shapeId] = (results[shapeId] ?? 0) + count
      dots += count
    }
  }
  return { results, participation: { voters, dots } }
}

export interface TallyEntry {
  shapeId: string
  count: number
  /** 1-based; equal counts share a rank (1, 1, 3). */
  rank: number
}

/**
 * Dots per note, most first. Ties keep a stable order: by `order` if given (e.g. the notes'
 * text), then by shape id. Notes without dots are listed only if passed in `include`.
 */
export function tally(
  ballots: Iterable<Ballot>,
  options: { include?: Iterable<string>; order?: (a: string, b: string) => number } = {},
): TallyEntry[] {
  const counts = new Map<string, number>()
  for (const id of options.include ?? []) counts.set(id, 0)
  for (const ballot of ballots) {
    for (const [shapeId, count] of Object.entries(ballot)) counts.set(shapeId, (counts.get(shapeId) ?? 0) + count)
  }
  const entries = [...counts].map(([shapeId, count]) => ({ shapeId, count }))
  entries.sort(
    (a, b) => b.count - a.count || (options.order?.(a.shapeId, b.shapeId) ?? 0) || (a.shapeId < b.shapeId ? -1 : a.shapeId > b.shapeId ? 1 : 0),
  )
  let rank = 0
  return entries.map((entry, i) => {
    if (i === 0 || entries[i - 1].count !== entry.count) rank = i + 1
    return { ...entry, rank }
  })
}

/**
 * The notes a revealed vote is about: those in scope at the reveal and those with dots. For an
 * older vote that did not keep them, `inScopeNow`. Never notes written after the reveal.
 */
export function votedNotes(vote: Vote, inScopeNow: () => Iterable<string>): Set<string> {
  return new Set([...(vote.notes ?? inScopeNow()), ...Object.keys(vote.results ?? {})])
}

/** The tally, but only when the results are visible: the one way the UI reads others' dots. */
export const visibleTally = (vote: Vote | undefined, options?: Parameters<typeof tally>[1]) =>
  resultsVisible(vote) ? tally([vote.results ?? {}], options) : undefined

/* ------------------------------ scope ------------------------------ */

export interface ScopeWorld {
  /** Every shape on the board (all pages). */
  shapes: readonly TLShape[]
  boundsOf(shape: TLShape): Box | undefined
  /** The page a shape lies on. */
  pageOf(shape: TLShape): string | undefined
}

/** The page area the scope covers; undefined for the whole board, null when its shapes are gone. */
export function scopeArea(scope: VoteScope, world: ScopeWorld): { pageId: string; box: Box } | undefined | null {
  if (scope.kind === 'board' || scope.kind === 'selection') return undefined
  if (scope.kind === 'frame') {
    const frame = world.shapes.find((s) => s.id === scope.shapeId)
    const box = frame && world.boundsOf(frame)
    return box ? { pageId: world.pageOf(frame!) ?? scope.pageId, box } : null
  }
  const instance = findInstances(world.shapes).find((i) => i.instance === scope.instance)
  const inScope = [...(instance?.shapes.values() ?? [])].filter((shape) => {
    if (scope.kind === 'template') return true
    // A column: its cells, which lie beneath each other.
    const cell = scaffoldMeta(shape)?.cell
    return cell?.section === scope.section && cell.col === scope.col
  })
  const box = union(inScope.flatMap((s) => world.boundsOf(s) ?? []))
  return box ? { pageId: world.pageOf(instance!.title) ?? scope.pageId, box } : null
}

/** The notes one may put dots on: sticky notes whose centre lies in the scope, or the chosen ones. */
export function notesInScope(scope: VoteScope, world: ScopeWorld): TLShape[] {
  if (scope.kind === 'selection') {
    const chosen = new Set(scope.noteIds)
    return world.shapes.filter((shape) => shape.type === 'note' && chosen.has(shape.id))
  }
  const area = scopeArea(scope, world)
  if (area === null) return []
  return world.shapes.filter((shape) => {
    if (shape.type !== 'note') return false
    if (!area) return true
    if (world.pageOf(shape) !== area.pageId) return false
    const box = world.boundsOf(shape)
    return !!box && contains(area.box, center(box))
  })
}

/* ------------------------------ CSV ------------------------------ */

/** The vote's words, for its CSV and the board export's vote section. */
export const voteWords = {
  title: { de: 'Punktabfrage', en: 'Dot vote' },
  scope: { de: 'Bereich', en: 'Scope' },
  board: { de: 'Ganzes Board', en: 'Whole board' },
  frame: { de: 'Rahmen', en: 'Frame' },
  template: { de: 'Vorlage', en: 'Template' },
  column: { de: 'Spalte', en: 'Column' },
  selection: { de: 'Ausgewählte Zettel', en: 'Chosen notes' },
  dots: { de: 'Punkte pro Person', en: 'Dots per person' },
  voters: { de: 'Teilgenommen haben', en: 'Voters' },
  started: { de: 'Gestartet', en: 'Started' },
  rank: { de: 'Rang', en: 'Rank' },
  note: { de: 'Zettel', en: 'Note' },
  count: { de: 'Punkte', en: 'Dots' },
  deleted: { de: '(Zettel gelöscht)', en: '(note deleted)' },
} as const

export function scopeLabel(scope: VoteScope, locale: Locale): string {
  if (scope.kind === 'board') return voteWords.board[locale]
  return `${voteWords[scope.kind][locale]}: ${scope.label}`
}

/**
 * The ranked tally as CSV (see `shared/csv.ts`):
 * a few lines naming the vote (scope, dots per person, voters), then rank, note text and dots.
 * `textOf` gives a note's text, undefined for a note that no longer exists.
 */
export function voteCsv(
  vote: Vote,
  entries: readonly TallyEntry[],
  textOf: (shapeId: string) => string | undefined,
  locale: Locale,
  /** The reader's time zone (the browser's, unless given): a spreadsheet shows the time as written. */
  timeZone?: string,
): string {
  const started = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(vote.startedAt)
  const line = csvLine
  const rows = [
    line([voteWords.title[locale]]),
    line([voteWords.scope[locale], scopeLabel(vote.scope, locale)]),
    line([voteWords.dots[locale], vote.dotsPerPerson]),
    line([voteWords.voters[locale], participation(vote).voters]),
    line([voteWords.started[locale], started]),
    '',
    line([voteWords.rank[locale], voteWords.note[locale], voteWords.count[locale]]),
    ...entries.map((e) => line([e.rank, textOf(e.shapeId) ?? voteWords.deleted[locale], e.count])),
  ]
  return csvDocument(rows)
}

export const voteCsvFileName = (vote: Vote, locale: Locale) =>
  `${locale === 'de' ? 'punktabfrage' : 'dot-vote'}-${new Date(vote.startedAt).toISOString().slice(0, 10)}.csv`
