/**
 * A big board stored as a snapshot its relay checked (`checkedSnapshots.ts`) is sent to joiners as
 * soon as it is read, before the worker has restored it: the first join storm after a board loads
 * waits for a storage read, not for the restore. Any other stored board goes the long way.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { decodeMessage } from '../../shared/protocol.ts'
import { getMetaMap, getRecordsMap } from '../../shared/board/records.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room } from '../../server/room/Room.ts'
import { CheckedSnapshots } from '../../server/room/checkedSnapshots.ts'
import type { RestoreInWorker } from '../../server/room/offThreadRestore.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { asksHoldingNothing, boardLoadHere, encodeHere, quietRoomOptions } from '../helpers/boardLoadHere.ts'

const notesIn = (doc: Y.Doc) => recordsIn(doc).filter((r) => r.typeName === 'shape').map((r) => r.id).sort()

function held(message: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  const decoded = decodeMessage(message)
  if (decoded.type !== 'sync-step-2') throw new Error(`not the board: ${decoded.type}`)
  Y.applyUpdate(doc, decoded.update)
  return doc
}

/** An update adding a Zettel to what `base` holds. */
function addedZettel(base: Uint8Array, id: string): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, base)
  const before = Y.encodeStateVector(doc)
  putRecords(doc, [noteAt(300, 0, 'Nachtrag', id as TLShapeId)])
  return Y.encodeStateAsUpdate(doc, before)
}

describe('a board stored as a snapshot its relay checked', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  const logger = createLogger('silent')
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  /** The template and a Zettel of 300,000 characters: restored in the worker. Returns the stored state. */
  async function bigBoard(id: string, older = false): Promise<Uint8Array> {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, [noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId)])
    if (older) getMetaMap(doc).delete('formatVersion')
    const state = Y.encodeStateAsUpdate(doc)
    await storage.createBoard({ id, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, state)
    doc.destroy()
    return state
  }

  /**
   * Loads the board with a worker that restores only once the test says so; `early`: the board
   * as joiners were sent it by the time the worker started.
   */
  async function loadHeldAtTheWorker(boardId: string, checkedSnapshots: CheckedSnapshots): Promise<{ early: Uint8Array | null; room: Room }> {
    let early: Uint8Array | null = null
    let atWorker: Uint8Array | null | undefined
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const restoreInWorker: RestoreInWorker = async (id, stored, readable) => {
      atWorker = early
      await released
      return boardLoadHere(id, stored, readable)
    }
    const options = { ...quietRoomOptions, restoreInWorker, encodeInWorker: encodeHere, checkedSnapshots, readable: (answer: Uint8Array) => (early ??= answer) }
    const loading = Room.load(boardId, storage, options, logger)
    // The worker is reached after the storage read; whatever was sent by then did not wait for it.
    while (atWorker === undefined) await new Promise((resolve) => setImmediate(resolve))
    release()
    const room = await loading
    return { early: atWorker, room }
  }

  it('is sent to joiners as it is read once its room compacted it, and the room continues from the very board they were sent', async () => {
    const boardId = 'k'.repeat(22)
    const stored = await bigBoard(boardId)
    await storage.appendUpdate(boardId, addedZettel(stored, 'shape:nachtrag'))
    const checked = new CheckedSnapshots()

    // Snapshot and an update: restored the long way, and the room compacts it to one snapshot.
    const first = await loadHeldAtTheWorker(boardId, checked)
    expect(first.early).toBeNull()
    await first.room.compact()
    first.room.destroy()

    const second = await loadHeldAtTheWorker(boardId, checked)
    try {
      expect(second.early).not.toBeNull()
      expect(notesIn(held(second.early!))).toEqual(['shape:gross', 'shape:nachtrag'])
      expect(Y.encodeStateVector(held(second.early!))).toEqual(Y.encodeStateVector(second.room.doc))
      // The room continues from that message: a joiner sent it gets neither the board again nor anything else.
      const joiner = new RecordingConnection(1, 'observer', 'observer')
      second.room.addConnection(joiner, second.early!)
      await second.room.idle()
      expect(joiner.sent.map((frame) => decodeMessage(frame).type).filter((type) => type === 'sync-step-2' || type === 'update')).toEqual([])
    } finally {
      second.room.destroy()
    }
  })

  it('that was opened from that snapshot alone is sent as it is read the next time; an update stored after it, or another snapshot, makes the next load go the long way', async () => {
    const boardId = 'm'.repeat(22)
    const stored = await bigBoard(boardId)
    const checked = new CheckedSnapshots()
    const first = await loadHeldAtTheWorker(boardId, checked)
    expect(first.early).toBeNull()
    first.room.destroy()
    const again = await loadHeldAtTheWorker(boardId, checked)
    expect(again.early).not.toBeNull()
    again.room.destroy()

    // Another relay of the group stores a write meanwhile.
    const seq = await storage.appendUpdate(boardId, addedZettel(stored, 'shape:anderswo'))
    const afterWrite = await loadHeldAtTheWorker(boardId, checked)
    expect(afterWrite.early).toBeNull()
    afterWrite.room.destroy()

    // And compacts it into a snapshot this relay never checked.
    const doc = new Y.Doc()
    for (const update of (await storage.loadDocument(boardId)).updates) Y.applyUpdate(doc, update)
    Y.applyUpdate(doc, stored)
    await storage.compact(boardId, Y.encodeStateAsUpdate(doc), seq)
    const afterCompaction = await loadHeldAtTheWorker(boardId, checked)
    try {
      expect(afterCompaction.early).toBeNull()
      expect(notesIn(afterCompaction.room.doc)).toEqual(['shape:anderswo', 'shape:gross'])
    } finally {
      afterCompaction.room.destroy()
    }
  })

  it('that its room upgrades on opening is never sent ahead', async () => {
    const boardId = 'u'.repeat(22)
    await bigBoard(boardId, true)
    const before = await storage.loadDocument(boardId)
    const checked = new CheckedSnapshots()
    const { early, room } = await loadHeldAtTheWorker(boardId, checked)
    room.destroy()
    expect(early).toBeNull()
    // Opened from that snapshot alone, but opening changed it: not remembered.
    expect(checked.opensAsIs(boardId, before)).toBe(false)
  })

  /** Loads the board twice: the first load checks its snapshot, the second may send it ahead. */
  async function sentAheadOnSecondLoad(boardId: string): Promise<{ early: Uint8Array | null; room: Room }> {
    const checked = new CheckedSnapshots()
    const first = await loadHeldAtTheWorker(boardId, checked)
    first.room.destroy()
    return loadHeldAtTheWorker(boardId, checked)
  }

  const holdsBytes = (message: Uint8Array, text: string) => Buffer.from(message).includes(Buffer.from(text))

  it('deleted means gone: a stored snapshot still holding deleted words (written without garbage collection) is never sent as it is stored', async () => {
    const boardId = 'g'.repeat(22)
    // A version, an archive or another relay's writer may encode a doc that keeps deleted content.
    const doc = new Y.Doc({ gc: false })
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, [noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId), noteAt(300, 0, 'Geheimnis der Klientin', 'shape:weg' as TLShapeId)])
    getRecordsMap(doc).delete('shape:weg')
    const state = Y.encodeStateAsUpdate(doc)
    expect(holdsBytes(state, 'Geheimnis der Klientin')).toBe(true)
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, state)

    const { early, room } = await sentAheadOnSecondLoad(boardId)
    try {
      // The room holds no trace of the words; nor may what joiners were sent.
      expect(holdsBytes(Y.encodeStateAsUpdate(room.doc), 'Geheimnis der Klientin')).toBe(false)
      if (early) expect(holdsBytes(early, 'Geheimnis der Klientin')).toBe(false)
    } finally {
      room.destroy()
    }
  })

  it('content the room drops on opening (structs left pending) is never sent ahead', async () => {
    const boardId = 'p'.repeat(22)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, boardDocument('de'))
    putRecords(doc, [noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId)])
    // A writer's later change without the change it builds on: restored, it stays pending and is dropped.
    const writer = new Y.Doc()
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc))
    putRecords(writer, [noteAt(300, 0, 'erst', 'shape:erst' as TLShapeId)])
    const middle = Y.encodeStateVector(writer)
    putRecords(writer, [noteAt(600, 0, 'Name der Schreiberin', 'shape:danach' as TLShapeId)])
    const state = Y.mergeUpdates([Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(writer, middle)])
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, state)

    const { early, room } = await sentAheadOnSecondLoad(boardId)
    try {
      expect(holdsBytes(Y.encodeStateAsUpdate(room.doc), 'Name der Schreiberin')).toBe(false)
      if (early) expect(holdsBytes(early, 'Name der Schreiberin')).toBe(false)
    } finally {
      room.destroy()
    }
  })

  it('a joiner sent the board early is brought to the board as the room holds it, when the worker failed and the board was read again', async () => {
    const boardId = 'r'.repeat(22)
    const stored = await bigBoard(boardId)
    const checked = new CheckedSnapshots()
    const first = await loadHeldAtTheWorker(boardId, checked)
    first.room.destroy()

    // The worker fails (busy, timed out) after the snapshot was sent ahead; meanwhile a write was stored (another relay of the group).
    let early: Uint8Array | null = null
    let earlyAtWorker: Uint8Array | null = null
    const restoreInWorker: RestoreInWorker = async () => {
      earlyAtWorker = early
      await storage.appendUpdate(boardId, addedZettel(stored, 'shape:inzwischen'))
      throw new Error('board-load worker busy')
    }
    const options = { ...quietRoomOptions, restoreInWorker, encodeInWorker: encodeHere, checkedSnapshots: checked, readable: (answer: Uint8Array) => (early ??= answer) }
    const room = await Room.load(boardId, storage, options, logger)
    try {
      expect(earlyAtWorker).not.toBeNull()
      expect(notesIn(room.doc)).toEqual(['shape:gross', 'shape:inzwischen'])
      const sentEarly = new RecordingConnection(1, 'observer', 'observer')
      room.addConnection(sentEarly, early!)
      const later = new RecordingConnection(2, 'observer', 'observer')
      room.addConnection(later)
      room.receive(later, asksHoldingNothing)
      await room.idle()
      const holds = (sent: Uint8Array | null, frames: Uint8Array[]) => {
        const doc = new Y.Doc()
        if (sent) Y.applyUpdate(doc, (decodeMessage(sent) as { update: Uint8Array }).update)
        for (const frame of frames) {
          const message = decodeMessage(frame)
          if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(doc, message.update)
        }
        return notesIn(doc)
      }
      // The joiner sent the board early, and a joiner after it, hold what the room holds.
      expect({ sentEarly: holds(early, sentEarly.sent), later: holds(null, later.sent) }).toEqual({
        sentEarly: ['shape:gross', 'shape:inzwischen'],
        later: ['shape:gross', 'shape:inzwischen'],
      })
    } finally {
      room.destroy()
    }
  })
})
