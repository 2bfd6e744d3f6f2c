/** Who writes which comment (`shared/board/commentRights.ts`): each rule, allowed and refused. */
import { describe, expect, it } from 'vitest'
import type { Role } from '../../shared/access.ts'
import { commentRefusal, mayDeleteComment } from '../../shared/board/commentRights.ts'
import { maxCommentText, maxComments, type Comment } from '../../shared/board/comments.ts'

const place = { kind: 'place', pageId: 'page:page', x: 1, y: 2 } as const
const start: Comment = { author: 'anna', name: 'Anna', text: 'Wer lädt ein?', at: 1, target: place }
const reply: Comment = { author: 'bert', name: 'Bert', text: 'Die Koordination.', at: 2, replyTo: 't1' }

/** The verdict on writing `after` (undefined: deleting) under `id`, on a board holding `stored`. */
function judge(role: Role, author: string | null, id: string, after: unknown, stored: Record<string, unknown> = { t1: start, r1: reply }, observers = false) {
  const board = new Map(Object.entries(stored))
  const afterAll = new Map(board)
  if (after === undefined) afterAll.delete(id)
  else afterAll.set(id, after)
  return commentRefusal(id, after, { role, author }, { observers }, { before: (key) => board.get(key), after: () => afterAll })
}

describe('who writes which comment', () => {
  it('takes one’s own thread start and reply, from participants and the facilitator', () => {
    expect(judge('participant', 'carla', 't2', { ...start, author: 'carla' })).toBeNull()
    expect(judge('facilitator', 'mod', 'r2', { ...reply, author: 'mod' })).toBeNull()
  })

  it('refuses a comment under another’s author id, or without one', () => {
    expect(judge('participant', 'bert', 't2', start)).toMatch(/author id/)
    expect(judge('participant', null, 't2', start)).toMatch(/author id/)
    expect(judge('facilitator', 'mod', 't2', start)).toMatch(/author id/)
  })

  it('lets observers comment only while the facilitator allows it', () => {
    expect(judge('observer', 'olga', 't2', { ...start, author: 'olga' })).toMatch(/observers/)
    expect(judge('observer', 'olga', 't2', { ...start, author: 'olga' }, undefined, true)).toBeNull()
  })

  it('refuses a reply to a thread that is not there, or to a reply', () => {
    expect(judge('participant', 'bert', 'r2', { ...reply, replyTo: 'fehlt' })).toMatch(/thread that is there/)
    expect(judge('participant', 'bert', 'r2', { ...reply, replyTo: 'r1' })).toMatch(/thread that is there/)
    expect(judge('participant', 'bert', 'r2', { ...reply, target: place })).toMatch(/starts a thread or replies/)
  })

  it('refuses values beyond the bounds, with extra fields, or as a new resolved comment', () => {
    expect(judge('participant', 'anna', 't2', { ...start, text: 'x'.repeat(maxCommentText + 1) })).toMatch(/not a comment/)
    expect(judge('participant', 'anna', 't2', { ...start, text: '' })).toMatch(/not a comment/)
    expect(judge('participant', 'anna', 't2', { ...start, extra: 'x'.repeat(1000) })).toMatch(/not a comment/)
    expect(judge('participant', 'anna', 't2', { ...start, target: { ...place, extra: 1 } })).toMatch(/not a comment/)
    expect(judge('participant', 'anna', 'x'.repeat(65), start)).toMatch(/id/)
    expect(judge('participant', 'anna', 't2', { ...start, resolved: true })).toMatch(/open/)
    const full = Object.fromEntries(Array.from({ length: maxComments }, (_, i) => [`c${i}`, { ...start, at: i }]))
    expect(judge('participant', 'anna', 'one-more', start, full)).toMatch(/as many comments/)
  })

  it('lets only the author change the text; author, target, reply and time stay', () => {
    expect(judge('participant', 'anna', 't1', { ...start, text: 'Wer lädt ein, und wann?', editedAt: 3 })).toBeNull()
    expect(judge('participant', 'bert', 't1', { ...start, text: 'geändert' })).toMatch(/others' comments/)
    expect(judge('facilitator', 'mod', 't1', { ...start, text: 'geändert' })).toMatch(/others' comments/)
    expect(judge('participant', 'anna', 't1', { ...start, author: 'bert' })).toMatch(/stay/)
    expect(judge('participant', 'anna', 't1', { ...start, target: { ...place, x: 9 } })).toMatch(/stay/)
    expect(judge('participant', 'bert', 'r1', { ...reply, replyTo: 't9' })).toMatch(/stay/)
  })

  it('lets only the facilitator resolve and reopen, and only a thread start', () => {
    expect(judge('facilitator', 'mod', 't1', { ...start, resolved: true })).toBeNull()
    expect(judge('facilitator', 'mod', 't1', start, { t1: { ...start, resolved: true } })).toBeNull()
    expect(judge('participant', 'anna', 't1', { ...start, resolved: true })).toMatch(/only the facilitator/)
    expect(judge('facilitator', 'mod', 'r1', { ...reply, resolved: true })).toMatch(/first comment/)
  })

  it('deletes: the facilitator any; an author their reply, and their thread start only without replies', () => {
    expect(judge('facilitator', 'mod', 't1', undefined, { t1: start })).toBeNull()
    expect(judge('facilitator', 'mod', 'r1', undefined)).toBeNull()
    expect(judge('participant', 'bert', 'r1', undefined)).toBeNull()
    expect(judge('participant', 'anna', 'r1', undefined)).toMatch(/others' comments/)
    expect(judge('participant', 'anna', 't1', undefined)).toMatch(/replies stays/)
    expect(judge('participant', 'anna', 't1', undefined, { t1: start })).toBeNull()
    expect(mayDeleteComment('participant', 'anna', start, 1)).toBe(false)
    expect(mayDeleteComment('participant', 'anna', start, 0)).toBe(true)
    expect(mayDeleteComment('facilitator', 'mod', start, 3)).toBe(true)
  })

  it('refuses a reply to a resolved thread (the page offers none), except from an archive', () => {
    const resolved = { t1: { ...start, resolved: true } }
    expect(judge('participant', 'bert', 'r2', { ...reply, author: 'bert' }, resolved)).toMatch(/resolved thread/)
    expect(judge('facilitator', 'mod', 'r2', { ...reply, author: 'mod' }, resolved)).toMatch(/resolved thread/)
    const board = new Map<string, unknown>(Object.entries(resolved))
    const archive = commentRefusal('r2', reply, { role: 'facilitator', author: null, wholeBoard: true }, { observers: false }, {
      before: (key) => board.get(key),
      after: () => new Map([...board, ['r2', reply]]),
    })
    expect(archive).toBeNull()
  })

  it('refuses deleting a thread start that would leave a reply behind, also the facilitator’s: a reply that came meanwhile is never lost unseen', () => {
    // The facilitator's page deletes the replies it knows with the start; one it has not seen yet stays on the board.
    expect(judge('facilitator', 'mod', 't1', undefined)).toMatch(/replies/)
    const board = new Map<string, unknown>([['t1', start], ['r1', reply]])
    const withReplies = commentRefusal('t1', undefined, { role: 'facilitator', author: 'mod' }, { observers: false }, {
      before: (key) => board.get(key),
      after: () => new Map(),
    })
    expect(withReplies).toBeNull()
  })
})
