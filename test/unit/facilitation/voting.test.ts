import type { TLShape } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { facilitationKeys, facilitationMap } from '../../../shared/board/facilitation.ts'
import { addDot, badgesVisible, canVote, countBallots, dotsLeft, votedNotes, dotsUsed, notesInScope, participation, pruneBallot, removeDot, resultsVisible, tally, visibleTally, validBallot, voteCsv, scopeLabel, type Ballot, type ScopeWorld } from '../../../shared/results/voting.ts'
import { closeVote, hideVote, readVote, removeVote, startVote, writeParticipation, writeResults, maxSelectedNotes, VoteScope } from '../../../shared/board/entries/vote.ts'
import { recordBounds } from '../../../shared/board/shapeBounds.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { build, cellCentre, noteAt } from '../templates/helpers.ts'

const board: VoteScope = { kind: 'board' }
const start = (doc: Y.Doc, dotsPerPerson = 3, scope: VoteScope = board, id = 'v1') =>
  startVote(doc, { id, dotsPerPerson, scope, startedAt: Date.UTC(2025, 2, 14, 9, 30) })

describe('a ballot', () => {
  it('takes dots up to the limit, several on one note', () => {
    let ballot: Ballot | undefined = {}
    ballot = addDot(ballot, 'shape:a', 3)
    ballot = addDot(ballot, 'shape:a', 3)
    expect(ballot).toEqual({ 'shape:a': 2 })
    expect(dotsLeft(ballot, 3)).toBe(1)
    ballot = addDot(ballot, 'shape:b', 3)
    expect(ballot).toEqual({ 'shape:a': 2, 'shape:b': 1 })
    expect(dotsLeft(ballot, 3)).toBe(0)
    expect(addDot(ballot, 'shape:c', 3)).toBeUndefined()
  })

  it('gives dots back one at a time and forgets notes without dots', () => {
    const ballot = { 'shape:a': 2, 'shape:b': 1 }
    expect(removeDot(ballot, 'shape:a')).toEqual({ 'shape:a': 1, 'shape:b': 1 })
    expect(removeDot(ballot, 'shape:b')).toEqual({ 'shape:a': 2 })
    expect(removeDot(ballot, 'shape:none')).toEqual(ballot)
    expect(removeDot(undefined, 'shape:a')).toEqual({})
    expect(dotsUsed(undefined)).toBe(0)
  })
})

/** What the relay does with the secret ballots: participation while open, counts at the reveal. */
function relayCounts(doc: Y.Doc, ballots: Ballot[], reveal: boolean, voteId = 'v1') {
  const { results, participation } = countBallots(ballots)
  return reveal ? writeResults(doc, voteId, results, participation) : writeParticipation(doc, voteId, participation)
}

describe('the vote in the doc', () => {
  it('is stored in the documented format, without a single ballot', () => {
    const doc = new Y.Doc()
    start(doc, 4, { kind: 'frame', shapeId: 'shape:f', pageId: 'page:page', label: 'Ideen' })
    expect(relayCounts(doc, [{ 'shape:n1': 2, 'shape:n2': 1 }], false)).toBe(true)
    const stored = facilitationMap(doc).get(facilitationKeys.vote)
    expect(stored).toBeInstanceOf(Y.Map)
    expect((stored as Y.Map<unknown>).toJSON()).toEqual({
      id: 'v1',
      dotsPerPerson: 4,
      scope: { kind: 'frame', shapeId: 'shape:f', pageId: 'page:page', label: 'Ideen' },
      state: 'open',
      startedAt: Date.UTC(2025, 2, 14, 9, 30),
      participation: { voters: 1, dots: 3 },
    })
    expect(JSON.stringify((stored as Y.Map<unknown>).toJSON())).not.toContain('shape:n1')
  })

  it('takes counts only for the open vote it names; a new vote starts from nothing', () => {
    const doc = new Y.Doc()
    start(doc, 2)
    expect(relayCounts(doc, [{ 'shape:a': 2 }], false, 'old')).toBe(false)
    expect(relayCounts(doc, [{ 'shape:a': 2 }], true)).toBe(true)
    expect(readVote(doc)).toMatchObject({ state: 'revealed', results: { 'shape:a': 2 }, participation: { voters: 1, dots: 2 } })
    expect(relayCounts(doc, [{ 'shape:a': 1 }], true)).toBe(false)
    start(doc, 2, board, 'v2')
    expect(readVote(doc)).toMatchObject({ id: 'v2', results: undefined, participation: { voters: 0, dots: 0 } })
    expect(closeVote(doc, 'v1')).toBe(false)
    expect(removeVote(doc, 'v1')).toBe(false)
    expect(removeVote(doc, 'v2')).toBe(true)
    expect(readVote(doc)).toBeUndefined()
  })

  it('rejects a start with dots outside 1–10', () => {
    const doc = new Y.Doc()
    expect(() => start(doc, 0)).toThrow(RangeError)
    expect(() => start(doc, 11)).toThrow(RangeError)
    expect(readVote(doc)).toBeUndefined()
  })

  it('counts only real dots: an emptied ballot is no voter; a ballot over the limit is refused', () => {
    expect(countBallots([{}, { 'shape:a': 1 }])).toEqual({ results: { 'shape:a': 1 }, participation: { voters: 1, dots: 1 } })
    expect(validBallot({ 'shape:a': 4 }, 3)).toBeUndefined()
    expect(validBallot({ 'shape:a': -2 }, 3)).toBeUndefined()
    expect(validBallot('lots', 3)).toBeUndefined()
    expect(validBallot({ 'shape:a': 1, 'shape:b': 2 }, 3)).toEqual({ 'shape:a': 1, 'shape:b': 2 })
  })

  it('reads a vote written as plain JSON too, and nothing unreadable', () => {
    const doc = new Y.Doc()
    facilitationMap(doc).set(facilitationKeys.vote, { id: 'p', dotsPerPerson: 2, scope: board, state: 'revealed', startedAt: 0, results: { 'shape:x': 2 } })
    expect(visibleTally(readVote(doc))).toEqual([{ shapeId: 'shape:x', count: 2, rank: 1 }])
    facilitationMap(doc).set(facilitationKeys.vote, { id: 'x', state: 'weird' })
    expect(readVote(doc)).toBeUndefined()
  })
})

describe('what people see', () => {
  const vote = (state: 'open' | 'revealed' | 'closed') => {
    const doc = new Y.Doc()
    start(doc)
    relayCounts(doc, [{ 'shape:a': 1 }, { 'shape:b': 3 }], state !== 'open')
    if (state === 'closed') closeVote(doc, 'v1')
    return readVote(doc)!
  }

  it('before the reveal: no counts, no badges, only how many took part', () => {
    const open = vote('open')
    expect(canVote(open)).toBe(true)
    expect(resultsVisible(open)).toBe(false)
    expect(badgesVisible(open)).toBe(false)
    expect(visibleTally(open)).toBeUndefined()
    expect(open.results).toBeUndefined()
    // Progress without a word about which notes.
    expect(participation(open)).toEqual({ voters: 2, dots: 4 })
  })

  it('after the reveal: everyone sees the counts; closing keeps the list, drops the badges', () => {
    const revealed = vote('revealed')
    expect(canVote(revealed)).toBe(false)
    expect(badgesVisible(revealed)).toBe(true)
    expect(visibleTally(revealed)?.map((e) => [e.shapeId, e.count])).toEqual([
      ['shape:b', 3],
      ['shape:a', 1],
    ])
    const closed = vote('closed')
    expect(canVote(closed)).toBe(false)
    expect(badgesVisible(closed)).toBe(false)
    expect(visibleTally(closed)).toHaveLength(2)
    expect(canVote(undefined)).toBe(false)
    expect(resultsVisible(undefined)).toBe(false)
  })

  it('a result is about the notes in scope at the reveal and those with dots, never a later one', () => {
    const doc = new Y.Doc()
    start(doc)
    const { results, participation } = countBallots([{ 'shape:a': 2 }])
    expect(writeResults(doc, 'v1', results, participation, ['shape:a', 'shape:b'])).toBe(true)
    const revealed = readVote(doc)!
    expect(revealed.notes).toEqual(['shape:a', 'shape:b'])
    expect([...votedNotes(revealed, () => ['shape:a', 'shape:b', 'shape:later'])].sort()).toEqual(['shape:a', 'shape:b'])
    // A vote revealed before the notes were kept: the notes in scope now, as before.
    const older = { ...revealed, notes: undefined }
    expect([...votedNotes(older, () => ['shape:b', 'shape:later'])].sort()).toEqual(['shape:a', 'shape:b', 'shape:later'])
  })

  it('a hidden result: off the canvas and ended, its counts kept (for the report); shown again on request', () => {
    const doc = new Y.Doc()
    start(doc)
    expect(hideVote(doc, 'v1', true)).toBe(false) // nothing to hide before the reveal
    relayCounts(doc, [{ 'shape:a': 2 }], true)
    expect(hideVote(doc, 'v2', true)).toBe(false)
    expect(hideVote(doc, 'v1', true)).toBe(true)
    const hidden = readVote(doc)!
    expect([hidden.state, hidden.hidden, badgesVisible(hidden)]).toEqual(['closed', true, false])
    expect(visibleTally(hidden)?.map((e) => [e.shapeId, e.count])).toEqual([['shape:a', 2]])
    expect(hideVote(doc, 'v1', false)).toBe(true)
    expect(readVote(doc)).toMatchObject({ state: 'closed', hidden: false })
  })
})

describe('the tally', () => {
  it('ranks by dots, equal counts share a rank, notes without dots last', () => {
    const entries = tally(
      [
        { 'shape:a': 2, 'shape:b': 1 },
        { 'shape:c': 3 },
        { 'shape:b': 1, 'shape:a': 1 },
      ],
      { include: ['shape:z', 'shape:a'] },
    )
    expect(entries).toEqual([
      { shapeId: 'shape:a', count: 3, rank: 1 },
      { shapeId: 'shape:c', count: 3, rank: 1 },
      { shapeId: 'shape:b', count: 2, rank: 3 },
      { shapeId: 'shape:z', count: 0, rank: 4 },
    ])
  })

  it('breaks ties by the given order (e.g. the notes’ text)', () => {
    const text: Record<string, string> = { 'shape:a': 'Zeit', 'shape:b': 'Austausch' }
    const entries = tally([{ 'shape:a': 1, 'shape:b': 1 }], { order: (x, y) => text[x].localeCompare(text[y], 'de') })
    expect(entries.map((e) => e.shapeId)).toEqual(['shape:b', 'shape:a'])
  })
})

describe('the scope', () => {
  const world = (shapes: TLShape[], pages: Record<string, string> = {}): ScopeWorld => {
    const byId = new Map(shapes.map((s) => [s.id as string, s]))
    return { shapes, boundsOf: (s) => recordBounds(s, byId), pageOf: (s) => pages[s.id] ?? 'page:page' }
  }

  it('of a template holds the notes lying in it, not those beside it', () => {
    const { shapes } = build('beteiligtenanalyse', {})
    const instance = scaffoldMeta(shapes[0])!.instance
    const cell = shapes.find((s) => scaffoldMeta(s)?.kind === 'cell')!
    const { x, y } = cellCentre(shapes, scaffoldMeta(cell)!.key)
    const inside = noteAt(x, y, 'inside')
    const outside = noteAt(x - 5000, y, 'outside')
    const elsewhere = noteAt(x, y, 'other page')
    const w = world([...shapes, inside, outside, elsewhere], { [elsewhere.id]: 'page:two' })
    const scope: VoteScope = { kind: 'template', instance, pageId: 'page:page', label: 'Beteiligtenanalyse' }
    expect(notesInScope(scope, w).map((n) => n.id)).toEqual([inside.id])
    expect(notesInScope(board, w).map((n) => n.id).sort()).toEqual([inside.id, outside.id, elsewhere.id].sort())
    // Scaffold shapes themselves are never voted on.
    expect(notesInScope(board, w).every((n) => !scaffoldMeta(n))).toBe(true)
    expect(notesInScope({ ...scope, instance: 'gone' }, w)).toEqual([])
  })

  it('of a frame holds its notes, children or merely lying on it', () => {
    const frame = {
      ...noteAt(0, 0, ''),
      id: 'shape:frame',
      type: 'frame',
      x: 0,
      y: 0,
      props: { w: 600, h: 400, name: 'Ideen', color: 'black' },
    } as unknown as TLShape
    const child = { ...noteAt(200, 200, 'child'), parentId: 'shape:frame' } as TLShape
    const onTop = noteAt(300, 150, 'on top')
    const away = noteAt(900, 150, 'away')
    const scope: VoteScope = { kind: 'frame', shapeId: 'shape:frame', pageId: 'page:page', label: 'Ideen' }
    expect(notesInScope(scope, world([frame, child, onTop, away])).map((n) => n.id)).toEqual([child.id, onTop.id])
  })
})

describe('a vote on a column or on chosen notes', () => {
  const world = (shapes: TLShape[]): ScopeWorld => {
    const byId = new Map(shapes.map((s) => [s.id as string, s]))
    return { shapes, boundsOf: (s) => recordBounds(s, byId), pageOf: () => 'page:page' }
  }

  it('of a column holds the notes in that column’s cells, in every row, and none beside it', () => {
    const { shapes } = build('planspiel', {})
    const instance = scaffoldMeta(shapes[0])!.instance
    const at = (key: string, text: string) => {
      const { x, y } = cellCentre(shapes, key)
      return noteAt(x, y, text)
    }
    const missing1 = at('scene:s1:fehlt', 'Kein Rückruf')
    const missing4 = at('scene:s4:fehlt', 'Keine Kita')
    const good = at('scene:s1:gut', 'Freundlich')
    const w = world([...shapes, missing1, missing4, good])
    const scope = VoteScope.parse({ kind: 'column', instance, section: 'scenes', col: 'fehlt', pageId: 'page:page', label: 'Was fehlt?' })
    expect(notesInScope(scope, w).map((n) => n.id).sort()).toEqual([missing1.id, missing4.id].sort())
    expect(scopeLabel(scope, 'de')).toBe('Spalte: Was fehlt?')
  })

  it('of chosen notes holds exactly those still on the board; an empty or oversized choice is refused', () => {
    const a = noteAt(0, 0, 'a')
    const b = noteAt(500, 0, 'b')
    const c = noteAt(900, 0, 'c')
    const scope = VoteScope.parse({ kind: 'selection', noteIds: [a.id, c.id, 'shape:gone'], pageId: 'page:page', label: '2' })
    expect(notesInScope(scope, world([a, b, c])).map((n) => n.id)).toEqual([a.id, c.id])
    expect(VoteScope.safeParse({ ...scope, noteIds: [] }).success).toBe(false)
    const tooMany = Array.from({ length: maxSelectedNotes + 1 }, (_, i) => `shape:n${i}`)
    expect(VoteScope.safeParse({ ...scope, noteIds: tooMany }).success).toBe(false)
  })
})

describe('the CSV', () => {
  it('names the vote, ranks the notes, and is safe for spreadsheets', () => {
    const doc = new Y.Doc()
    start(doc, 5, { kind: 'template', instance: 'i', pageId: 'page:page', label: 'Zukunftskonferenz' })
    relayCounts(doc, [{ 'shape:a': 3, 'shape:b': 1 }, { 'shape:b': 2, 'shape:c': 1 }], true)
    const vote = readVote(doc)!
    const texts: Record<string, string> = { 'shape:a': 'Mehr Zeit; weniger Hetze', 'shape:b': '=HYPERLINK("x")' }
    const csv = voteCsv(vote, visibleTally(vote)!, (id) => texts[id], 'de', 'Europe/Berlin')
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Punktabfrage',
      'Bereich;Vorlage: Zukunftskonferenz',
      'Punkte pro Person;5',
      'Teilgenommen haben;2',
      'Gestartet;14.03.2025, 10:30',
      '',
      'Rang;Zettel;Punkte',
      '1;"Mehr Zeit; weniger Hetze";3',
      `1;"'=HYPERLINK(""x"")";3`,
      '3;(Zettel gelöscht);1',
      '',
    ])
    const english = voteCsv(vote, visibleTally(vote)!, (id) => texts[id], 'en')
    expect(english).toContain('Scope;Template: Zukunftskonferenz\r\nDots per person;5')
  })
})

describe('a ballot after notes were deleted', () => {
  it('gives the dots on deleted notes back', () => {
    const ballot = { 'shape:a': 2, 'shape:gone': 1 }
    expect(pruneBallot(ballot, (id) => id !== 'shape:gone')).toEqual({ 'shape:a': 2 })
    expect(pruneBallot(ballot, () => true)).toBe(ballot)
  })
})
