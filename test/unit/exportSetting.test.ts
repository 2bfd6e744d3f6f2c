/**
 * The read-only link's export setting kept beside the board (`server/judge/exportSetting.ts`): which
 * writes change it, and the room writing it before the update that changes it is stored, for a
 * client's write and the relay's own, and again from the board when it loads.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeUpdate } from '../../shared/protocol.ts'
import { exportsEntry } from '../../shared/board/entries/exports.ts'
import { issueTokens } from '../../server/links/access.ts'
import { exportSettingChange, observersMayExportIn } from '../../server/judge/exportSetting.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Rehearsal } from '../../server/judge/rehearsal.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import type { TLShapeId } from '@tldraw/tlschema'

const roomOptions: RoomOptions = { turnMs: Number.POSITIVE_INFINITY, tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024 }

/** An update of `board` that `change` makes, written by a client of its own. */
function changeOf(board: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board))
  const before = Y.encodeStateVector(doc)
  change(doc)
  return Y.encodeStateAsUpdate(doc, before)
}

describe('exportSettingChange', () => {
  it('names the setting a write leaves, only when the write changes it', () => {
    const board = new Y.Doc()
    Y.applyUpdate(board, boardDocument('de'))
    const rehearsal = new Rehearsal(board, () => false)
    const setting = (change: (doc: Y.Doc) => void) => {
      const found = exportSettingChange(board, rehearsal.rehearse(changeOf(board, change)))
      rehearsal.discard()
      return found
    }
    expect(setting((doc) => exportsEntry.set(doc, { observers: true }))).toBe(true)
    expect(setting((doc) => putRecords(doc, [noteAt(0, 0, 'Zettel', 'shape:z' as TLShapeId)]))).toBeUndefined()
    // Written, but to what it was: nothing to keep.
    expect(setting((doc) => exportsEntry.set(doc, { observers: false }))).toBeUndefined()
    exportsEntry.set(board, { observers: true })
    expect(setting((doc) => exportsEntry.set(doc, null))).toBe(false)
    rehearsal.destroy()
    expect(observersMayExportIn(Y.encodeStateAsUpdate(board))).toBe(true)
    expect(observersMayExportIn(boardDocument('de'))).toBe(false)
  })
})

describe('the room keeps the export setting beside the board', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let boards = 0
  let room: Room | undefined
  afterEach(() => room?.destroy())
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })
  const newBoard = async () => {
    const id = `x${String(++boards).padStart(21, '0')}`
    await storage.createBoard({ id, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, boardDocument('de'))
    return id
  }
  const kept = async (boardId: string) => (await storage.getBoard(boardId))?.observersMayExport

  it("fills a board's unknown setting when it loads, and writes a facilitator's change before the update is stored", async () => {
    const boardId = await newBoard()
    expect(await kept(boardId)).toBeUndefined()
    const calls: string[] = []
    const watched = Object.create(storage) as SqliteStorage
    watched.setObserversMayExport = async (id, allowed) => {
      calls.push(`setting ${allowed}`)
      return storage.setObserversMayExport(id, allowed)
    }
    watched.appendUpdate = async (id, update) => {
      calls.push('update')
      return storage.appendUpdate(id, update)
    }
    room = await Room.load(boardId, watched, roomOptions, createLogger('silent'))
    expect(await kept(boardId)).toBe(false)
    calls.length = 0
    const facilitator = new RecordingConnection(1, 'facilitator')
    room.addConnection(facilitator)
    room.receive(facilitator, encodeUpdate(changeOf(room.doc, (doc) => exportsEntry.set(doc, { observers: true }))))
    room.receive(facilitator, encodeUpdate(changeOf(room.doc, (doc) => putRecords(doc, [noteAt(0, 0, 'Zettel', 'shape:z' as TLShapeId)]))))
    await room.idle()
    expect(facilitator.closedWith).toBeNull()
    expect(calls).toEqual(['setting true', 'update', 'update'])
    expect(await kept(boardId)).toBe(true)
  })

  it("writes the relay's own change of the setting too; a setting whose update failed to store is set right by the next load", async () => {
    const boardId = await newBoard()
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    await room.applyOwnChange((doc) => exportsEntry.set(doc, { observers: true }))
    expect(await kept(boardId)).toBe(true)
    room.destroy()

    const failing = Object.create(storage) as SqliteStorage
    failing.appendUpdate = async () => Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))
    room = await Room.load(boardId, failing, roomOptions, createLogger('silent'))
    await expect(room.applyOwnChange((doc) => exportsEntry.set(doc, { observers: false }))).rejects.toThrow('full')
    // Ahead of the board, towards what the facilitator asked for: it refuses, never lets out.
    expect(await kept(boardId)).toBe(false)
    room.destroy()
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    expect(await kept(boardId)).toBe(true)
  })
})
