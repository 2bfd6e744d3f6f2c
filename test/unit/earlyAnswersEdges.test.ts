/**
 * Early answers (`earlyAnswers.ts`) at their edges, found by a hostile review: what the room's door
 * refuses must not have been sent the board before the room opened; what the room takes away on
 * opening must never have been sent; a worker failing after the board went ahead; and the room's
 * catch-up for early joiners costs what a crowd's answers cost on the normal path.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { encodeSyncStep2 } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Rooms } from '../../server/room/Rooms.ts'
import { PendingSession } from '../../server/room/BoardSession.ts'
import { Refused } from '../../server/room/seats.ts'
import { FullStateCache } from '../../server/room/fullStateCache.ts'
import { runBoardLoadJob } from '../../server/documents/boardLoadJobs.ts'
import type { RestoreInWorker } from '../../server/room/offThreadRestore.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { asksHoldingNothing, boardLoadHere, quietRoomOptions, storeCaseBoardWithNames } from '../helpers/boardLoadHere.ts'
import { decodeMessage } from '../../shared/protocol.ts'
import { writersEntry } from '../../shared/board/entries/writers.ts'
import { getRecordsMap } from '../../shared/board/records.ts'

describe('the room’s door and early answers', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  it('a joiner whose seat is counted after the board became readable (the address count in Redis answering) is not sent a board the room then refuses it', async () => {
    const boardId = 'r'.repeat(22)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    // Past what the relay restores on its own thread: restored in the worker, sent early.
    putRecords(doc, [noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId)])
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, maxConnectionsPerBoard: 1, restoreInWorker: boardLoadHere }, createLogger('silent'))
    try {
      const first = new RecordingConnection(1, 'observer', 'observer', null, '192.0.2.1')
      const late = new RecordingConnection(2, 'observer', 'observer', null, '192.0.2.2')
      // As `app.ts`: the first socket's address count answered, it waits for the room.
      const firstJoin = rooms.join(boardId, first)
      // The second's count (`addressSeats.ts`, Redis) is still on its way: `rooms.join` is not called
      // yet, but its pending session, with its early asker, is there and holds its request.
      const lateSession = new PendingSession(quietRoomOptions.maxWaitingBytes, { tooMuchWaiting() {}, failed() {} }, rooms.earlyAsker(boardId, late))
      lateSession.receive(asksHoldingNothing)
      await firstJoin
      // Its count came: the board's one seat is taken.
      await expect(rooms.join(boardId, late)).rejects.toBeInstanceOf(Refused)
      // Refused at the door, so it must have been sent nothing of the board.
      expect(late.sent).toEqual([])
    } finally {
      await rooms.unloadAll()
    }
  })
})

describe('what a room’s policies take away on opening', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  it('a big case board stored with its writers’ names: no early joiner ever holds a name (`writerNames.ts` forgets them on opening)', async () => {
    const boardId = 'c'.repeat(22)
    await storeCaseBoardWithNames(storage, boardId)
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, restoreInWorker: boardLoadHere }, createLogger('silent'))
    try {
      const joiner = new RecordingConnection(1, 'observer', 'observer', null, '192.0.2.1')
      const joined = rooms.join(boardId, joiner)
      const session = new PendingSession(quietRoomOptions.maxWaitingBytes, { tooMuchWaiting() {}, failed() {} }, rooms.earlyAsker(boardId, joiner))
      session.receive(asksHoldingNothing)
      const room = await joined
      await room.idle()
      expect(writersEntry.get(room.doc)).toEqual({})
      // The joiner's doc as each message arrives: a name never shows.
      const held = new Y.Doc()
      const names: unknown[] = []
      for (const frame of joiner.sent) {
        const message = decodeMessage(frame)
        if (message.type !== 'sync-step-2' && message.type !== 'update') continue
        Y.applyUpdate(held, message.update)
        names.push(...Object.values(writersEntry.get(held)))
      }
      expect(writersEntry.get(held)).toEqual({})
      expect(names).toEqual([])
    } finally {
      await rooms.unloadAll()
    }
  })
})

describe('the worker fails after the board went ahead', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  it('an early joiner ends up holding the room’s board, restored here after the worker failed (held)', async () => {
    const boardId = 'w'.repeat(22)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, [noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId)])
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
    // A note written after the snapshot, and the big one deleted: stored as updates.
    const before = Y.encodeStateVector(doc)
    putRecords(doc, [noteAt(200, 0, 'Später', 'shape:spaeter' as TLShapeId)])
    getRecordsMap(doc).delete('shape:gross')
    await storage.appendUpdate(boardId, Y.encodeStateAsUpdate(doc, before))
    // The worker posts the board, then dies while slicing it.
    const diesAfterPosting: RestoreInWorker = async (_boardId, stored, readable) => {
      runBoardLoadJob({ kind: 'slices', stored }, (board) => readable?.(board))
      throw new Error('the document worker failed')
    }
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, restoreInWorker: diesAfterPosting }, createLogger('silent'))
    try {
      const joiners = [1, 2].map((id) => new RecordingConnection(id, 'observer', 'observer', null, '192.0.2.1'))
      const joining = joiners.map((joiner) => rooms.join(boardId, joiner))
      const sessions = joiners.map((joiner) => new PendingSession(quietRoomOptions.maxWaitingBytes, { tooMuchWaiting() {}, failed() {} }, rooms.earlyAsker(boardId, joiner)))
      for (const session of sessions) session.receive(asksHoldingNothing)
      const [room] = await Promise.all(joining)
      await room!.idle()
      for (const joiner of joiners) {
        // Sent early: the board came before the room's own sync request.
        expect(decodeMessage(joiner.sent[0]!).type).toBe('sync-step-2')
        const held = new Y.Doc()
        for (const frame of joiner.sent) {
          const message = decodeMessage(frame)
          if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(held, message.update)
        }
        expect(Y.encodeStateVector(held)).toEqual(Y.encodeStateVector(room!.doc))
        expect(getRecordsMap(held).toJSON()).toEqual(getRecordsMap(room!.doc).toJSON())
        expect([...getRecordsMap(held).keys()]).not.toContain('shape:gross')
      }
    } finally {
      await rooms.unloadAll()
    }
  })
})

describe('the room’s catch-up for early joiners', () => {
  it('walks the board once between changes however many early joiners it catches up, when the kept encoding is gone', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>('records')
    for (let i = 0; i < 200; i++) records.set(`r${i}`, { text: 'Zettel '.repeat(i % 10) })
    for (let i = 0; i < 200; i += 3) records.delete(`r${i}`)
    // What the worker's restore sent early; the room kept no encoding of it (the worker failed after
    // posting it and the board was restored here, or its policies wrote past the tail on opening).
    const sent = encodeSyncStep2(Y.encodeStateAsUpdate(doc))
    const boardBytes = 5_000_000
    const cache = new FullStateCache(doc, () => boardBytes, null)
    const crowd = Array.from({ length: 3 }, () => cache.since(sent))
    // The first walks the board for its deletions; the others share that walk, as `answer` does.
    expect(crowd.map(({ workBytes }) => workBytes >= boardBytes)).toEqual([true, false, false])
  })
})
