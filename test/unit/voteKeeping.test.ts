/**
 * The relay and the record of votes (`shared/board/entries/voteRecord.ts`), on a real Room over
 * SQLite: a board from before, holding its one revealed vote in the old shape, gets it into the
 * record when it opens (stored: a restart reads it from there), and no client, the facilitator
 * included, writes a result into the record; the facilitator may only delete one.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdate } from '../../shared/protocol.ts'
import { readVote, startVote, writeResults } from '../../shared/board/entries/vote.ts'
import { forgetVote, readVotes, voteRecordEntry } from '../../shared/board/entries/voteRecord.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'

const roomOptions: RoomOptions = { turnMs: Number.POSITIVE_INFINITY, tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024 }

/** An update of `board` that `change` makes, written by a client of its own. */
function changeOf(board: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board))
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('the relay keeps the meeting’s votes', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let boards = 0
  let room: Room | undefined
  afterEach(() => room?.destroy())
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })
  /** A board as a relay before the record left it: one vote, revealed into `facilitation/vote` alone. */
  const oldBoard = async () => {
    const id = `v${String(++boards).padStart(21, '0')}`
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    startVote(doc, { id: 'old', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1, question: 'Was zuerst?' })
    writeResults(doc, 'old', { 'shape:a': 2 }, { voters: 1, dots: 2 })
    await storage.createBoard({ id, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
    return id
  }

  it('brings a vote of the old shape into the record when the board opens, stored, so the next vote takes nothing from the Dokumentation', async () => {
    const boardId = await oldBoard()
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    expect(voteRecordEntry.get(room.doc)?.map((v) => [v.id, v.question, v.results])).toEqual([['old', 'Was zuerst?', { 'shape:a': 2 }]])
    const facilitator = new RecordingConnection(1, 'facilitator')
    room.addConnection(facilitator)
    room.receive(facilitator, encodeUpdate(changeOf(room.doc, (doc) => startVote(doc, { id: 'next', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 2 }))))
    await room.idle()
    expect(facilitator.closedWith).toBeNull()
    expect(readVote(room.doc)?.id).toBe('next')
    room.destroy()
    // A restart reads it from storage, and writes nothing more.
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    expect(readVotes(room.doc).map((v) => v.id)).toEqual(['old'])
  })

  it('refuses a result written into the record by a client, the facilitator’s included; the facilitator may delete one', async () => {
    const boardId = await oldBoard()
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    const forged = (doc: Y.Doc) => voteRecordEntry.map(doc)!.set('forged', { id: 'forged', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 3, participation: { voters: 40, dots: 120 }, results: { 'shape:b': 120 } })
    const facilitator = new RecordingConnection(1, 'facilitator')
    const participant = new RecordingConnection(2, 'participant')
    room.addConnection(facilitator)
    room.addConnection(participant)
    room.receive(participant, encodeUpdate(changeOf(room.doc, (doc) => forgetVote(doc, 'old'))))
    await room.idle()
    expect(participant.closedWith).not.toBeNull()
    room.receive(facilitator, encodeUpdate(changeOf(room.doc, forged)))
    await room.idle()
    expect(facilitator.closedWith).not.toBeNull()
    expect(readVotes(room.doc).map((v) => v.id)).toEqual(['old'])

    const again = new RecordingConnection(3, 'facilitator')
    room.addConnection(again)
    room.receive(again, encodeUpdate(changeOf(room.doc, (doc) => forgetVote(doc, 'old'))))
    await room.idle()
    expect(again.closedWith).toBeNull()
    expect(facilitationMap(room.doc).has('voteRecord')).toBe(true)
    expect(voteRecordEntry.get(room.doc)).toEqual([])
  })
})
