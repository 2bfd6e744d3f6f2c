/**
 * Dot voting: the facilitator starts a vote, everyone with edit rights places up to N dots on
 * the notes in the vote's scope (several on one note allowed), the results stay hidden until the
 * facilitator reveals them.
 *
 * Secret until the reveal: ballots never enter the shared document. Each browser sends its whole
 * ballot to the relay (`PUT /api/boards/:id/vote/ballot`), which keeps it under a voter id
 * derived from the browser's writer secret, the board and the vote (so it names no person, no
 * awareness id, and differs from the browser's author id and between votes). The document only
 * carries what everyone may see: the vote, its key, fields and writers declared in
 * `../board/entries/vote.ts`. Here: ballots, what people see, scopes, tallies and the CSV.
 */
import type { TLShape } from '@tldraw/tlschema'
import { z } from 'zod'
import { VotedNoteId, type Participation, type Vote, type VoteScope } from '../board/entries/vote.ts'
import { center, contains, union, type Box } from '../templates/geometry.ts'
import { findKnownInstances } from '../templates/knownTemplates.ts'
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import { counted, type Labels, type Locale } from '../locale.ts'
import { csvDocument, csvLine } from '../csv.ts'


export const defaultDots = 3

/** One voter's dots: note shape id → how many dots on it. */
export type Ballot = Readonly<Record<string, number>>

export const isVotableNoteId = (id: string) => VotedNoteId.safeParse(id).success

const BallotSchema = z.record(VotedNoteId, z.number().int().positive())

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
  const instance = findKnownInstances(world.shapes).find((i) => i.instance === scope.instance)
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
  withheld: { de: '(Zettel zurückgehalten, bis die Vorlage ihn freigibt)', en: '(note held back until its template releases it)' },
  question: { de: 'Frage', en: 'Question' },
  dotOne: { de: '{n} Punkt', en: '{n} dot' },
  dotOther: { de: '{n} Punkte', en: '{n} dots' },
  personOne: { de: '{n} Person', en: '{n} person' },
  personOther: { de: '{n} Personen', en: '{n} people' },
  given: { de: '{dots} von {people}', en: '{dots} from {people}' },
} as const

const countedAs = (n: number, locale: Locale, one: Labels, other: Labels) => counted({ one, other }, n, locale)

/** How many dots from how many people: „7 Punkte von 3 Personen“. Counts only, never who gave which. */
export const givenText = (dots: number, voters: number, locale: Locale): string =>
  voteWords.given[locale]
    .replace('{dots}', countedAs(dots, locale, voteWords.dotOne, voteWords.dotOther))
    .replace('{people}', countedAs(voters, locale, voteWords.personOne, voteWords.personOther))

/** A kept vote's heading in the Dokumentation: „Punktabfrage 2: Was packen wir zuerst an?“, numbered when there are several. */
export function voteHeading(question: string, index: number, count: number, locale: Locale): string {
  const title = count > 1 ? `${voteWords.title[locale]} ${index + 1}` : voteWords.title[locale]
  return question ? `${title}: ${question}` : title
}

/** A kept vote's line under its heading: where, how many dots each, how many given by how many. */
export const voteFactsLine = (v: { scope: VoteScope; dotsPerPerson: number; voters: number; dots: number }, locale: Locale): string =>
  `${voteWords.scope[locale]}: ${scopeLabel(v.scope, locale)} · ${voteWords.dots[locale]}: ${v.dotsPerPerson} · ${givenText(v.dots, v.voters, locale)}`

export function scopeLabel(scope: VoteScope, locale: Locale): string {
  if (scope.kind === 'board') return voteWords.board[locale]
  // A frame is a part by its name (a document, a group's result): „Rahmen“ is the canvas's word, not the room's.
  if (scope.kind === 'frame') return scope.label
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
