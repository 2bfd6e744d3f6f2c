/**
 * Early answers (`earlyAnswers.ts`) and the room's door, from a second hostile review: joiners whose
 * address was counted late (Redis), a link replaced and sockets closed while the board loads, what
 * the relay keeps of the board sent early, and the catch-up of a crowd when the worker failed.
 * Run against a real SQLite store and the board-load job in this thread, as `earlyAnswersEdges.test.ts` does.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { decodeMessage, encodeSyncStep2 } from '../../shared/protocol.ts'
import { Closing } from '../../shared/closeReasons.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Rooms, linkSockets } from '../../server/room/Rooms.ts'
import { PendingSession } from '../../server/room/BoardSession.ts'
import { LeftWhileOpening } from '../../server/room/seats.ts'
import { EarlyAnswers } from '../../server/room/earlyAnswers.ts'
import { FullStateCache } from '../../server/room/fullStateCache.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { asksHoldingNothing, boardLoadHere, quietRoomOptions } from '../helpers/boardLoadHere.ts'

const boardMessages = (sent: Uint8Array[]) => sent.map((frame) => decodeMessage(frame).type).filter((type) => type === 'sync-step-2' || type === 'update')

describe('early answers and the room’s door', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  /** A board past what the relay restores on its own thread: restored in the worker, readable early. */
  async function bigBoard(boardId: string): Promise<void> {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, [noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId)])
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
    doc.destroy()
  }

  it('the first storm is answered early with address counts in Redis: a joiner whose pending session came before any joiner of its board was taken in is sent the board once it is readable', async () => {
    const boardId = 'q'.repeat(22)
    await bigBoard(boardId)
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, restoreInWorker: boardLoadHere }, createLogger('silent'))
    try {
      const joiner = new RecordingConnection(1, 'observer', 'observer', null, '192.0.2.1')
      // As `app.ts` with shared address seats (`addressSeats.ts`): the socket opens, its pending
      // session and early asker are made at once, its request comes; `rooms.join` only once Redis counted it.
      const session = new PendingSession(quietRoomOptions.maxWaitingBytes, { tooMuchWaiting() {}, failed() {} }, rooms.earlyAsker(boardId, joiner))
      session.receive(asksHoldingNothing)
      const room = await rooms.join(boardId, joiner)
      await room.idle()
      // Answered while the room opened: the board came before the room's own sync request.
      expect(decodeMessage(joiner.sent[0]!).type).toBe('sync-step-2')
    } finally {
      await rooms.unloadAll()
    }
  })

  it('a participant whose link was replaced while the board loads is sent nothing of the board', async () => {
    const boardId = 'l'.repeat(22)
    await bigBoard(boardId)
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, restoreInWorker: boardLoadHere }, createLogger('silent'))
    try {
      const joiner = new RecordingConnection(1, 'participant', 'old-link', null, '192.0.2.1')
      const joining = rooms.join(boardId, joiner)
      const session = new PendingSession(quietRoomOptions.maxWaitingBytes, { tooMuchWaiting() {}, failed() {} }, rooms.earlyAsker(boardId, joiner))
      session.receive(asksHoldingNothing)
      // The facilitator renews the link (`boardsApi.ts` renewLink → `closeBoard`) while the board is read.
      rooms.disconnect(boardId, linkSockets('old-link'), Closing.linkReplaced.code, Closing.linkReplaced.reason)
      await joining.catch(() => undefined)
      expect(boardMessages(joiner.sent)).toEqual([])
      expect(joiner.closedWith).toBe(Closing.linkReplaced.code)
    } finally {
      await rooms.unloadAll()
    }
  })

  it('a participant whose link was replaced while Redis counted its address is sent nothing of the board (review 3)', async () => {
    const boardId = 'r'.repeat(22)
    await bigBoard(boardId)
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, restoreInWorker: boardLoadHere }, createLogger('silent'))
    try {
      const joiner = new RecordingConnection(1, 'participant', 'old-link', null, '192.0.2.1')
      // As `app.ts` with shared address seats: the socket is open (admitted with the old link), its
      // pending session waits; `rooms.join` comes once Redis counted the address (`addressSeats.ts`).
      const session = new PendingSession(quietRoomOptions.maxWaitingBytes, { tooMuchWaiting() {}, failed() {} }, rooms.earlyAsker(boardId, joiner))
      session.receive(asksHoldingNothing)
      // The facilitator renews the link meanwhile: the socket is at neither the room nor its door.
      rooms.disconnect(boardId, linkSockets('old-link'), Closing.linkReplaced.code, Closing.linkReplaced.reason)
      const room = await rooms.join(boardId, joiner).catch(() => undefined)
      await room?.idle()
      expect(boardMessages(joiner.sent)).toEqual([])
      expect(joiner.closedWith).toBe(Closing.linkReplaced.code)
    } finally {
      await rooms.unloadAll()
    }
  })

  it('a socket closed before its address was counted (Redis) opens no room: a deleted or big board is not read for nobody (review 3)', async () => {
    const boardId = 'c'.repeat(22)
    await bigBoard(boardId)
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 60_000, restoreInWorker: boardLoadHere }, createLogger('silent'))
    try {
      // Opened and closed again while Redis counted its address: `addressSeats.ts` joins all the same.
      const gone = new RecordingConnection(1, 'participant', 'participant', null, '192.0.2.66')
      gone.close(1000, 'gone')
      await expect(rooms.join(boardId, gone)).rejects.toBeInstanceOf(LeftWhileOpening)
      // Read (in the worker, for a big board) and kept for UNLOAD_DELAY_MS, on a board that may be deleted by now.
      expect(rooms.get(boardId)).toBeUndefined()
    } finally {
      await rooms.unloadAll()
    }
  })

  it('the board’s seats go to joiners still there: sockets that opened and closed while the board loads do not take them', async () => {
    const boardId = 's'.repeat(22)
    await bigBoard(boardId)
    const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, maxConnectionsPerBoard: 2, restoreInWorker: boardLoadHere }, createLogger('silent'))
    try {
      // One address opens and closes sockets while the board is read: its seat (`addressSeats.ts`)
      // is freed at each close, so it may queue as many as it likes ahead of the class.
      const gone = [1, 2, 3].map((id) => new RecordingConnection(id, 'participant', 'participant', null, '192.0.2.66'))
      const goneJoins = gone.map((joiner) => rooms.join(boardId, joiner).catch(() => undefined))
      for (const joiner of gone) joiner.close(1000, 'gone')
      const present = new RecordingConnection(4, 'participant', 'participant', null, '192.0.2.1')
      const presentSession = new PendingSession(quietRoomOptions.maxWaitingBytes, { tooMuchWaiting() {}, failed() {} }, rooms.earlyAsker(boardId, present))
      presentSession.receive(asksHoldingNothing)
      const joining = rooms.join(boardId, present)
      await Promise.all(goneJoins)
      await expect(joining).resolves.toBeDefined()
      // And it was answered while the room opened: closed sockets do not count as seated.
      expect(decodeMessage(present.sent[0]!).type).toBe('sync-step-2')
    } finally {
      await rooms.unloadAll()
    }
  })
})

describe('memory of early answers', () => {
  it('the board sent early is handed to the room once and not held for the joiner after: a seated early joiner must not keep the board’s encoding alive for its whole session', () => {
    const boardId = 'm'.repeat(22)
    const early = new EarlyAnswers({})
    const joiner = new RecordingConnection(1, 'observer', 'observer')
    early.waiting(boardId, joiner, true)
    early.readable(boardId, Uint8Array.of(0, 1, 2, 0, 0))
    expect(early.asker(boardId, joiner).answer(asksHoldingNothing)).toBe(true)
    early.waiting(boardId, joiner, false)
    early.done(boardId)
    // `Rooms.join` takes it for `Room.addConnection`; the room's cache drops its copy at the first
    // change that deletes words, `sent` (a WeakMap on the seated connection) would keep it for hours.
    expect(early.sentTo(joiner)).toBeDefined()
    expect(early.sentTo(joiner)).toBeUndefined()
  })
})

describe('the room’s catch-up of an early crowd when the worker failed after posting the board', () => {
  it('a relay thread is not held per joiner: the crowd, sent the same board, is caught up with one message made once', () => {
    const doc = new Y.Doc()
    const records = doc.getMap<unknown>('records')
    for (let i = 0; i < 200; i++) records.set(`r${i}`, { text: 'Zettel '.repeat(i % 10) })
    // What the worker posted; the room restored the board itself and keeps no encoding of it.
    const sent = encodeSyncStep2(Y.encodeStateAsUpdate(doc))
    const cache = new FullStateCache(doc, () => 5_000_000, null)
    const crowd = Array.from({ length: 3 }, () => cache.since(sent).messages)
    // Each `since` decodes the whole board it was sent (`encodeStateVectorFromUpdate`) and builds its
    // own message, deflated apart: 9.4 MB, 15,000 Zettel: 0.5 s of the relay's thread per joiner,
    // 107 s for a crowd of 200, charged as one walk. One decode and one message serve them all.
    expect(crowd[1]![0]).toBe(crowd[0]![0])
    expect(crowd[2]![0]).toBe(crowd[0]![0])
  })
})
