/** Variants of the fan-out marks (`Room.caughtUp`): a joiner is sent nothing written and deleted before it came, and misses nothing. Reviewed 2026-11-29: all pass on main. */
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
import { quietRoomOptions } from '../helpers/boardLoadHere.ts'

const dir = makeDataDir()
const storage = new SqliteStorage(dir)
afterAll(async () => {
  await storage.close()
  removeDataDir(dir)
})
const held = (c: RecordingConnection, into = new Y.Doc()) => {
  for (const frame of c.sent) {
    const m = decodeMessage(frame)
    if (m.type === 'sync-step-2' || m.type === 'update') Y.applyUpdate(into, m.update)
  }
  return into
}
const has = (c: RecordingConnection, s: string) => Buffer.concat(c.sent.map((f) => Buffer.from(f))).includes(Buffer.from(s))

async function setup(id: string) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de'))
  await storage.createBoard({ id, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
  const rooms = new Rooms(storage, { ...quietRoomOptions, unloadDelayMs: 0, pacing: 'tick' }, createLogger('silent'))
  const writer = new RecordingConnection(1, 'facilitator')
  const room = await rooms.join(id, writer)
  room.receive(writer, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
  await room.idle()
  room.flush()
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(room.doc))
  const write = async (by: RecordingConnection, d: Y.Doc, change: () => void) => {
    const before = Y.encodeStateVector(d)
    change()
    room.receive(by, encodeUpdate(Y.encodeStateAsUpdate(d, before)))
    await room.idle()
  }
  return { rooms, room, writer, local, write }
}

it('joined while nothing pending, then written+deleted, then answered: no words; board whole', async () => {
  const { rooms, room, writer, local, write } = await setup('f'.repeat(22))
  try {
    const late = new RecordingConnection(2, 'participant')
    await rooms.join(room.boardId, late)
    await write(writer, local, () => putRecords(local, [noteAt(0, 0, 'Schulden A', 'shape:p' as TLShapeId)]))
    await write(writer, local, () => getRecordsMap(local).delete('shape:p'))
    room.receive(late, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await room.idle()
    await write(writer, local, () => putRecords(local, [noteAt(0, 200, 'Danach', 'shape:d' as TLShapeId)]))
    room.flush()
    // It came before the words were written: it may be sent them (it was there). It must miss nothing.
    expect([...getRecordsMap(held(late)).keys()].sort()).toEqual([...getRecordsMap(room.doc).keys()].sort())
  } finally {
    await rooms.unloadAll()
  }
})

it('reconnect naming a state vector: written+deleted before it came are not sent, nothing missed', async () => {
  const { rooms, room, writer, local, write } = await setup('g'.repeat(22))
  try {
    // What the reconnecting client holds: the board before this batch, plus an own edit the relay does not have.
    const mine = new Y.Doc()
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(room.doc))
    await write(writer, local, () => putRecords(local, [noteAt(0, 0, 'Schulden B', 'shape:p' as TLShapeId)]))
    await write(writer, local, () => putRecords(local, [noteAt(0, 100, 'Bleibt', 'shape:b' as TLShapeId)]))
    await write(writer, local, () => getRecordsMap(local).delete('shape:p'))
    const late = new RecordingConnection(2, 'participant')
    await rooms.join(room.boardId, late)
    room.receive(late, encodeSyncStep1(Y.encodeStateVector(mine)))
    await room.idle()
    await write(writer, local, () => putRecords(local, [noteAt(0, 200, 'Danach', 'shape:d' as TLShapeId)]))
    room.flush()
    expect(has(late, 'Schulden')).toBe(false)
    const h = held(late, mine)
    expect([...getRecordsMap(h).keys()].sort()).toEqual([...getRecordsMap(room.doc).keys()].sort())
  } finally {
    await rooms.unloadAll()
  }
})

it('heavy writer with a mark: the joiner writes most of the batch after its answer; everyone ends with the board', async () => {
  const { rooms, room, writer, local, write } = await setup('h'.repeat(22))
  try {
    const bystander = new RecordingConnection(3, 'participant')
    await rooms.join(room.boardId, bystander)
    room.receive(bystander, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await room.idle()
    room.flush()
    const bystanderDoc = held(bystander)
    bystander.sent.length = 0
    await write(writer, local, () => putRecords(local, [noteAt(0, 0, 'Schulden C', 'shape:p' as TLShapeId)]))
    await write(writer, local, () => getRecordsMap(local).delete('shape:p'))
    const late = new RecordingConnection(2, 'facilitator')
    await rooms.join(room.boardId, late)
    room.receive(late, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    await room.idle()
    const lateDoc = new Y.Doc()
    Y.applyUpdate(lateDoc, Y.encodeStateAsUpdate(room.doc))
    await write(writer, local, () => putRecords(local, [noteAt(0, 300, 'Klein', 'shape:k' as TLShapeId)]))
    await write(late, lateDoc, () => putRecords(lateDoc, [noteAt(0, 400, 'Gross '.repeat(1500), 'shape:g' as TLShapeId)]))
    await write(writer, local, () => putRecords(local, [noteAt(0, 500, 'Spaet', 'shape:s' as TLShapeId)]))
    room.flush()
    expect(has(late, 'Schulden')).toBe(false)
    const keys = [...getRecordsMap(room.doc).keys()].sort()
    expect([...getRecordsMap(held(late, lateDoc)).keys()].sort()).toEqual(keys)
    expect(getRecordsMap(held(late)).has('shape:g')).toBe(false) // the heaviest writer is not sent its own back
    expect([...getRecordsMap(held(bystander, bystanderDoc)).keys()].sort()).toEqual(keys)

    expect([...getRecordsMap(held(writer, local)).keys()].sort()).toEqual(keys)
    expect(late.closedWith).toBe(null)
  } finally {
    await rooms.unloadAll()
  }
})
