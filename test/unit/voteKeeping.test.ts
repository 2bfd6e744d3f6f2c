/**
 * The relay and the record of votes (`shared/board/entries/voteRecord.ts`), on a real Room over
 * SQLite: a board from before, holding its one revealed vote in the old shape, gets it into the
 * record when it opens (stored: a restart reads it from there), and no client, the facilitator
 * included, writes a result into the record; the facilitator may only delete one.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { readVote, startVote, voteEntry, writeResults } from '../../shared/board/entries/vote.ts'
import { forgetVote, readVotes, voteRecordEntry } from '../../shared/board/entries/voteRecord.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { protectedRoom } from '../helpers/protectedRoom.ts'

/** A board as a relay before the record left it: one vote, revealed into `facilitation/vote` alone. */
const oldVote = (doc: Y.Doc) => {
  startVote(doc, { id: 'old', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1, question: 'Was zuerst?' })
  writeResults(doc, 'old', { 'shape:a': 2 }, { voters: 1, dots: 2 })
}

describe('the relay keeps the meeting’s votes', () => {
  const relay = protectedRoom()

  it('brings a vote of the old shape into the record when the board opens, stored, so the next vote takes nothing from the Dokumentation', async () => {
    await relay.boardWritten(oldVote)
    expect(voteRecordEntry.get(relay.room.doc)?.map((v) => [v.id, v.question, v.results])).toEqual([['old', 'Was zuerst?', { 'shape:a': 2 }]])
    expect(await relay.attempt('facilitator', (doc) => startVote(doc, { id: 'next', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 2 }))).toBe(true)
    expect(readVote(relay.room.doc)?.id).toBe('next')
    // A restart reads it from storage.
    await relay.reload()
    expect(readVotes(relay.room.doc).map((v) => v.id)).toEqual(['old'])
  })

  it('brings in a vote from before the scope’s bound, its long frame name cut to the bound (the migration holds the rule)', async () => {
    await relay.boardWritten((doc) => {
      oldVote(doc)
      voteEntry.map(doc)!.set('scope', { kind: 'frame', shapeId: 'shape:f', pageId: 'page:page', label: 'L'.repeat(1000) })
    })
    expect(readVotes(relay.room.doc).map((v) => [v.id, v.scope.kind === 'frame' && v.scope.label.length])).toEqual([['old', 300]])
    expect(voteRecordEntry.get(relay.room.doc)?.map((v) => v.id)).toEqual(['old'])
  })

  it('refuses a result written into the record by a client, the facilitator’s included; the facilitator may delete one', async () => {
    await relay.boardWritten(oldVote)
    const forged = (doc: Y.Doc) =>
      voteRecordEntry.map(doc)!.set('forged', { id: 'forged', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 3, participation: { voters: 40, dots: 120 }, results: { 'shape:b': 120 } })
    expect(await relay.attempt('participant', (doc) => forgetVote(doc, 'old'))).toBe(false)
    expect(await relay.attempt('facilitator', forged)).toBe(false)
    expect(readVotes(relay.room.doc).map((v) => v.id)).toEqual(['old'])
    expect(await relay.attempt('facilitator', (doc) => forgetVote(doc, 'old'))).toBe(true)
    expect(facilitationMap(relay.room.doc).has('voteRecord')).toBe(true)
    expect(voteRecordEntry.get(relay.room.doc)).toEqual([])
  })
})
