/**
 * A real Room on a Planspiel board, for hostile tests of „Zettel anderer schützen“: a person
 * writes one update (made on a copy of the board, as their browser would) and the test learns
 * whether the relay took it. A refused update must leave the board exactly as it was.
 */
import { afterAll, afterEach, expect } from 'vitest'
import * as Y from 'yjs'
import type { Role } from '../../shared/access.ts'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { putRecords } from './records.ts'
import { makeDataDir, removeDataDir } from './relay.ts'
import { RecordingConnection } from './roomClients.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024, maxRefusalsPerMinute: 1000 }

export interface ProtectedRoom {
  readonly room: Room
  /** A fresh Planspiel board (protection on, the default); `records` written by `author` as a participant. */
  board(records: object[], author?: string): Promise<void>
  /** A fresh Planspiel board holding `records` as a board of an older relay holds them: judged by no one. */
  boardHolding(records: object[]): Promise<void>
  /** A fresh Planspiel board as `write` leaves it, judged by no one (what an older relay stored). */
  boardWritten(write: (doc: Y.Doc) => void): Promise<void>
  /** The same board in a new room, loaded from storage: a restart. */
  reload(): Promise<void>
  /** Whether the relay took `change`, written by `role` with the author id `author`. */
  attempt(role: Role, change: (doc: Y.Doc) => void, author?: string | null): Promise<boolean>
  /** Whether the relay took a hand-made update. */
  send(role: Role, update: Uint8Array, author: string | null): Promise<boolean>
  record(doc: Y.Doc, id: string): Y.Map<unknown>
  props(doc: Y.Doc, id: string): Y.Map<unknown>
  stored(id: string): Record<string, unknown> | undefined
}

/** One per describe block: rooms are destroyed after each test, the data directory after all. */
export function protectedRoom(): ProtectedRoom {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let boards = 0
  let connections = 0
  let room: Room | undefined
  afterEach(() => room?.destroy())
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  const send = async (role: Role, update: Uint8Array, author: string | null) => {
    const connection = new RecordingConnection(++connections, role, role, author)
    room!.addConnection(connection)
    const before = Y.encodeStateAsUpdate(room!.doc)
    room!.receive(connection, encodeUpdate(update))
    await room!.idle()
    room!.removeConnection(connection)
    if (connection.closedWith === null) return true
    expect(connection.closedWith).toBe(CloseCode.notAllowed)
    expect(Y.encodeStateAsUpdate(room!.doc)).toEqual(before)
    return false
  }
  const attempt = (role: Role, change: (doc: Y.Doc) => void, author: string | null = `${role}-browser`) => {
    const d = new Y.Doc()
    Y.applyUpdate(d, Y.encodeStateAsUpdate(room!.doc))
    const sv = Y.encodeStateVector(d)
    change(d)
    return send(role, Y.encodeStateAsUpdate(d, sv), author)
  }
  const record = (d: Y.Doc, id: string) => getRecordsMap(d).get(id) as Y.Map<unknown>
  const load = async (stored: object[], write?: (doc: Y.Doc) => void) => {
    const boardId = `p${++boards}`.padEnd(22, 'x')
    const initial = new Y.Doc()
    Y.applyUpdate(initial, templateDocument({ template: 'planspiel', locale: 'de' }))
    putRecords(initial, stored)
    write?.(initial)
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(initial))
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
  }
  return {
    get room() {
      return room!
    },
    async board(records, author = 'anna') {
      await load([])
      if (records.length > 0) expect(await attempt('participant', (d) => putRecords(d, records), author)).toBe(true)
    },
    boardHolding: (records) => load(records),
    boardWritten: (write) => load([], write),
    async reload() {
      const boardId = room!.boardId
      room!.destroy()
      room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    },
    attempt,
    send,
    record,
    props: (d, id) => record(d, id).get('props') as Y.Map<unknown>,
    stored: (id) => readRecord(room!.doc, id),
  }
}
