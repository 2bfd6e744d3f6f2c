/**
 * A board that holds a case keeps no writers' names (`server/room/writerNames.ts`): one that comes
 * with them (an old version, an import) has them forgotten as its room opens. A big board is
 * restored in the load worker, which hands the room its encoding to answer joiners with
 * (`fullStateCache.ts`); that encoding was read before the names were forgotten, so it must not
 * be what a joiner is sent: the name's bytes would reach every joiner, shown or not. Nor may a
 * Zettel's words, once it is deleted, reach those who join after (deleted means gone).
 */
import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { decodeMessage, encodeSyncStep1, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Rooms } from '../../server/room/Rooms.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { boardLoadHere, quietRoomOptions, storeCaseBoardWithNames } from '../helpers/boardLoadHere.ts'
import { writersEntry } from '../../shared/board/entries/writers.ts'

const dir = makeDataDir()
const storage = new SqliteStorage(dir)
afterAll(async () => {
  await storage.close()
  removeDataDir(dir)
})

it('a big case board stored with its writers’ names: a joiner is sent no byte of a name', async () => {
  const boardId = 'c'.repeat(22)
  await storeCaseBoardWithNames(storage, boardId)
  const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, restoreInWorker: boardLoadHere }, createLogger('silent'))
  try {
    const joiner = new RecordingConnection(1, 'observer', 'observer', null, '192.0.2.1')
    const room = await rooms.join(boardId, joiner)
    await room.idle()
    expect(writersEntry.get(room.doc)).toEqual({})
    room.receive(joiner, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await room.idle()
    const sent = Buffer.concat(joiner.sent.map((frame) => Buffer.from(frame)))
    expect(sent.byteLength).toBeGreaterThan(300_000)
    expect(sent.includes(Buffer.from('Anna Beispiel'))).toBe(false)
  } finally {
    await rooms.unloadAll()
  }
})

it('a Zettel deleted: a later joiner is sent no byte of its words', async () => {
  const boardId = 'd'.repeat(22)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de'))
  await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
  const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0 }, createLogger('silent'))
  try {
    const writer = new RecordingConnection(1, 'facilitator')
    const room = await rooms.join(boardId, writer)
    const asks = () => encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))
    // Someone joined before: the relay keeps the board's encoding for the next joiners.
    room.receive(writer, asks())
    const local = new Y.Doc()
    Y.applyUpdate(local, Y.encodeStateAsUpdate(room.doc))
    const before = Y.encodeStateVector(local)
    putRecords(local, [noteAt(0, 0, 'Frau Meier, Schulden bei der Stadtkasse', 'shape:privat' as TLShapeId)])
    room.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(local, before)))
    await room.idle()
    // Sent to those there now: the kept encoding is the path this test follows (the fan-out has its own, below).
    room.flush()
    expect(getRecordsMap(room.doc).has('shape:privat')).toBe(true)
    const beforeDelete = Y.encodeStateVector(local)
    getRecordsMap(local).delete('shape:privat')
    room.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(local, beforeDelete)))
    await room.idle()
    room.flush()
    expect(getRecordsMap(room.doc).has('shape:privat')).toBe(false)
    const late = new RecordingConnection(2, 'participant')
    await rooms.join(boardId, late)
    room.receive(late, asks())
    await room.idle()
    const sent = Buffer.concat(late.sent.map((frame) => Buffer.from(frame)))
    expect(sent.includes(Buffer.from('Schulden'))).toBe(false)
    // What the late joiner holds is the board.
    const held = new Y.Doc()
    for (const frame of late.sent) {
      const message = decodeMessage(frame)
      if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(held, message.update)
    }
    expect([...getRecordsMap(held).keys()].sort()).toEqual([...getRecordsMap(room.doc).keys()].sort())
  } finally {
    await rooms.unloadAll()
  }
})

it('a Zettel written and deleted within one fan-out: a joiner who came after is sent no byte of its words, and gets what was written after it came', async () => {
  const boardId = 'e'.repeat(22)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de'))
  await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
  // A fan-out a tick after the last, and the tick long: the changes below are one fan-out.
  const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, pacing: 'tick' }, createLogger('silent'))
  try {
    const writer = new RecordingConnection(1, 'facilitator')
    const bystander = new RecordingConnection(3, 'participant')
    const room = await rooms.join(boardId, writer)
    await rooms.join(boardId, bystander)
    const asks = () => encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))
    room.receive(writer, asks())
    room.receive(bystander, asks())
    await room.idle()
    room.flush()
    const local = new Y.Doc()
    Y.applyUpdate(local, Y.encodeStateAsUpdate(room.doc))
    const write = async (change: () => void) => {
      const before = Y.encodeStateVector(local)
      change()
      room.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(local, before)))
      await room.idle()
    }
    // Within one tick (the room's fan-out waits for it): written, then deleted.
    await write(() => putRecords(local, [noteAt(0, 0, 'Frau Meier, Schulden bei der Stadtkasse', 'shape:privat' as TLShapeId)]))
    await write(() => getRecordsMap(local).delete('shape:privat'))
    const late = new RecordingConnection(2, 'participant')
    await rooms.join(boardId, late)
    room.receive(late, asks())
    await room.idle()
    // Written after the late joiner had the board, in the same fan-out.
    await write(() => putRecords(local, [noteAt(0, 200, 'Danach', 'shape:danach' as TLShapeId)]))
    room.flush()
    const sent = Buffer.concat(late.sent.map((frame) => Buffer.from(frame)))
    expect(sent.includes(Buffer.from('Schulden'))).toBe(false)
    const held = new Y.Doc()
    for (const frame of late.sent) {
      const message = decodeMessage(frame)
      if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(held, message.update)
    }
    expect([...getRecordsMap(held).keys()].sort()).toEqual([...getRecordsMap(room.doc).keys()].sort())
    expect(getRecordsMap(held).has('shape:danach')).toBe(true)
    // Someone there all along was there when it was written: the fan-out is sent whole.
    const bystanders = Buffer.concat(bystander.sent.map((frame) => Buffer.from(frame)))
    expect([bystanders.includes(Buffer.from('Schulden')), bystanders.includes(Buffer.from('Danach'))]).toEqual([true, true])
  } finally {
    await rooms.unloadAll()
  }
})
