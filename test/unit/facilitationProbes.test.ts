/**
 * A hostile client's writes into `facilitation`, judged by the relay's real update rules and
 * declaration: keys that every object has, writes deeper than an entry goes, a map where a value
 * is declared and the other way round, the relay's own vote fields, the private round's one way.
 * Imports only the relay's judgement and Yjs, so the same file runs against any version of the
 * declaration (it was run against 832859f, the hand table before issue 27: same verdicts but the
 * vote scope's, which the entries now check against VoteScope).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeUpdate } from '../../server/judge/judgeUpdate.ts'
import { Rehearsal } from '../../server/judge/rehearsal.ts'
import { checkUpdate } from '../../server/judge/updateRules.ts'

type Role = 'facilitator' | 'participant' | 'observer'
const facilitation = (doc: Y.Doc) => doc.getMap<unknown>('facilitation')

const vote = { id: 'v1', dotsPerPerson: 3, scope: { kind: 'board' }, state: 'open', startedAt: 1 }
/** A board with an open vote, the relay's participation included. */
function boardWithVote(doc: Y.Doc) {
  const map = new Y.Map<unknown>()
  facilitation(doc).set('vote', map)
  for (const [field, value] of Object.entries(vote)) map.set(field, value)
  map.set('participation', { voters: 2, dots: 5 })
}
const voteMap = (doc: Y.Doc) => facilitation(doc).get('vote') as Y.Map<unknown>

/** Whether the relay takes `change`, made by a client of `role` holding the board after `setup`. */
function taken(role: Role, change: (doc: Y.Doc) => void, setup: (doc: Y.Doc) => void = () => {}): boolean {
  const board = new Y.Doc()
  setup(board)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(board))
  const before = Y.encodeStateVector(client)
  change(client)
  const update = Y.encodeStateAsUpdate(client, before)
  if (!checkUpdate(board, update).ok) return false
  const rehearsal = new Rehearsal(board, () => true)
  try {
    return judgeUpdate(board, rehearsal, update, { role, author: null }) === null
  } finally {
    rehearsal.destroy()
  }
}

describe("a hostile client's facilitation writes", () => {
  it('keys every object has are no entries, neither as facilitation keys nor as vote fields', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(taken('facilitator', (doc) => facilitation(doc).set(key, { unlocked: true })), key).toBe(false)
      expect(taken('facilitator', (doc) => facilitation(doc).set(key, new Y.Map())), key).toBe(false)
      expect(taken('facilitator', (doc) => voteMap(doc).set(key, true), boardWithVote), key).toBe(false)
    }
  })

  it('a map where a value is declared, a value where a map is, and nothing deeper than a vote field', () => {
    const timerMap = (doc: Y.Doc) => {
      const map = new Y.Map<unknown>()
      facilitation(doc).set('timer', map)
      map.set('durationMs', 60_000)
    }
    expect(taken('facilitator', timerMap)).toBe(false)
    expect(taken('facilitator', (doc) => facilitation(doc).set('scaffold', new Y.Map()))).toBe(false)
    expect(taken('facilitator', (doc) => facilitation(doc).set('vote', vote))).toBe(false)
    const scopeAsMap = (doc: Y.Doc) => {
      const scope = new Y.Map<unknown>()
      voteMap(doc).set('scope', scope)
      scope.set('kind', 'board')
    }
    expect(taken('facilitator', scopeAsMap, boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).set('scope', new Y.Map()), boardWithVote)).toBe(false)
  })

  it("the vote's relay fields and its state revealed are no client's, the facilitator's included", () => {
    expect(taken('facilitator', (doc) => voteMap(doc).set('participation', { voters: 0, dots: 0 }), boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).set('results', { 'shape:a': 3 }), boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).set('notes', ['shape:a']), boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).set('state', 'revealed'), boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).set('state', 'closed'), boardWithVote)).toBe(true)
    expect(taken('facilitator', (doc) => voteMap(doc).set('hidden', 'ja'), boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).set('id', 'x'.repeat(201)), boardWithVote)).toBe(false)
    // Nor in a vote map made afresh: each field of the new map is judged as one written alone.
    const freshVote = (extra: Record<string, unknown>) => (doc: Y.Doc) => {
      const map = new Y.Map<unknown>()
      facilitation(doc).set('vote', map)
      for (const [field, value] of Object.entries({ ...vote, ...extra })) map.set(field, value)
    }
    expect(taken('facilitator', freshVote({}), boardWithVote)).toBe(true)
    expect(taken('facilitator', freshVote({ results: { 'shape:a': 9 } }), boardWithVote)).toBe(false)
    expect(taken('facilitator', freshVote({ state: 'revealed' }))).toBe(false)
  })

  it("deleting: the facilitator deletes the whole vote, or a field she writes that a vote may lack; nobody else anything", () => {
    // Since h60-hostile2 (832859f took any deletion in the vote map): a deletion is judged as the
    // field written undefined, so the relay's fields stay the relay's (a revealed vote's results).
    expect(taken('facilitator', (doc) => voteMap(doc).delete('participation'), boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).delete('dotsPerPerson'), boardWithVote)).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).delete('question'), (doc) => (boardWithVote(doc), voteMap(doc).set('question', 'q')))).toBe(true)
    expect(taken('facilitator', (doc) => facilitation(doc).delete('vote'), boardWithVote)).toBe(true)
    expect(taken('participant', (doc) => voteMap(doc).delete('participation'), boardWithVote)).toBe(false)
    expect(taken('participant', (doc) => facilitation(doc).delete('vote'), boardWithVote)).toBe(false)
    expect(taken('observer', (doc) => facilitation(doc).delete('vote'), boardWithVote)).toBe(false)
  })

  it('a round of private writing opens once and is not deleted while open', () => {
    const open = (doc: Y.Doc) => facilitation(doc).set('private', { id: 'r1', startedAt: 1 })
    expect(taken('facilitator', open)).toBe(true)
    expect(taken('participant', open)).toBe(false)
    expect(taken('facilitator', (doc) => facilitation(doc).set('private', { id: 'r2', startedAt: 2 }), open)).toBe(false)
    expect(taken('facilitator', (doc) => facilitation(doc).delete('private'), open)).toBe(false)
    // Opening and ending in one update ends as nothing: the board had no round, and has none.
    expect(taken('facilitator', (doc) => doc.transact(() => { open(doc); facilitation(doc).delete('private') }))).toBe(true)
  })

  it('the roles entry takes any map of people, but not a key too long or a list', () => {
    expect(taken('facilitator', (doc) => facilitation(doc).set('roles', { 'user:a': { kind: 'client' }, 'user:b': 'anything' }))).toBe(true)
    // An own `__proto__` key is no bounded JSON to the update rules, before any entry is asked.
    expect(taken('facilitator', (doc) => facilitation(doc).set('roles', JSON.parse('{"__proto__": {"kind": "client"}}')))).toBe(false)
    expect(taken('facilitator', (doc) => facilitation(doc).set('roles', { ['u'.repeat(201)]: { kind: 'client' } }))).toBe(false)
    expect(taken('facilitator', (doc) => facilitation(doc).set('roles', [{ kind: 'client' }]))).toBe(false)
    expect(taken('participant', (doc) => facilitation(doc).set('roles', {}))).toBe(false)
  })

  it('huge values: an agenda of 31 items, a vote of 11 dots, and one value past the update rules', () => {
    const items = Array.from({ length: 31 }, (_, i) => ({ id: `a${i}`, text: 'x' }))
    expect(taken('facilitator', (doc) => facilitation(doc).set('agenda', { items }))).toBe(false)
    expect(taken('facilitator', (doc) => facilitation(doc).set('agenda', { items: items.slice(0, 30) }))).toBe(true)
    expect(taken('facilitator', (doc) => voteMap(doc).set('dotsPerPerson', 11), boardWithVote)).toBe(false)
    const huge = { 'user:a': { kind: 'custom', text: 'x'.repeat(1100 * 1024) } }
    expect(taken('facilitator', (doc) => facilitation(doc).set('roles', huge))).toBe(false)
  })

  it('an empty agenda written whole is taken, as before (the client now deletes instead)', () => {
    expect(taken('facilitator', (doc) => facilitation(doc).set('agenda', { items: [] }))).toBe(true)
  })

  it("the vote's scope is checked against the scopes there are (tighter since issue 27), and fixed from the vote's start (since h60-hostile2)", () => {
    // In a vote map made afresh (the facilitator's fields only).
    const fresh = (scope: unknown) => (doc: Y.Doc) => {
      const map = new Y.Map<unknown>()
      facilitation(doc).set('vote', map)
      for (const [field, value] of Object.entries({ ...vote, scope })) map.set(field, value)
    }
    expect(taken('facilitator', fresh({ kind: 'frame', shapeId: 's', pageId: 'p', label: 'l' }))).toBe(true)
    expect(taken('facilitator', fresh({ kind: 'everything' }))).toBe(false)
    expect(taken('facilitator', (doc) => voteMap(doc).set('scope', { kind: 'frame', shapeId: 's', pageId: 'p', label: 'l' }), boardWithVote)).toBe(false)
  })
})
