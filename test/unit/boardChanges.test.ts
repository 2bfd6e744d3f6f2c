/**
 * When a board was last changed, for the Fahrplan's „zuletzt bearbeitet am …“: noted after a
 * change someone on the board made, not when someone only opens it; at most once per interval.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from '@tldraw/tlschema'
import { issueTokens } from '../../server/links/access.ts'
import { BoardChanges, changeNoteIntervalMs } from '../../server/room/boardChanges.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { encodeUpdate } from '../../shared/protocol.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'

const roomOptions: RoomOptions = { turnMs: Number.POSITIVE_INFINITY, tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024 }

describe('a board’s last change', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let room: Room | undefined
  afterEach(() => room?.destroy())
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  it('is noted when someone writes a Zettel, and not when someone only opens the board', async () => {
    const boardId = 'c'.repeat(22)
    await storage.createBoard({ id: boardId, title: 't', createdAt: '2026-01-01T00:00:00.000Z' }, issueTokens().hashes, boardDocument('de'))
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    const writer = new RecordingConnection(1)
    room.addConnection(writer)
    await room.idle()
    expect((await storage.getBoard(boardId))?.changedAt).toBeUndefined()

    const before = new Date().toISOString()
    const doc = new Y.Doc()
    putRecords(doc, [noteAt(0, 0, 'Jobcenter fehlt', 'shape:changed' as TLShapeId)])
    room.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(doc)))
    await room.idle()
    await expect.poll(async () => (await storage.getBoard(boardId))?.changedAt).toBeDefined()
    expect((await storage.getBoard(boardId))!.changedAt! >= before).toBe(true)
  })

  it('is written at most once per interval: a busy workshop does not write it per keystroke', async () => {
    const noted: string[] = []
    let now = Date.parse('2026-11-25T10:00:00.000Z')
    const changes = new BoardChanges('b'.repeat(22), { noteBoardChanged: async (_id, at) => void noted.push(at) }, createLogger('silent'), () => now)
    changes.changed()
    now += 60_000
    changes.changed()
    now += changeNoteIntervalMs
    changes.changed()
    expect(noted).toEqual(['2026-11-25T10:00:00.000Z', new Date(Date.parse('2026-11-25T10:01:00.000Z') + changeNoteIntervalMs).toISOString()])
  })
})
