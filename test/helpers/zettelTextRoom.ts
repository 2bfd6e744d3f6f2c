/**
 * A real Room on a Planspiel board in SQLite, with Anna's Zettel „nicht einverstanden“ whose
 * text is a Y.Text she made, for tests that send updates into a Zettel's text as browsers of
 * several roles would (`richTextJudged`, `richTextHostile`).
 */
import { afterAll, afterEach, expect } from 'vitest'
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { writeRichText } from '../../shared/board/richTextYjs.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { noteAt, putRecords } from './records.ts'
import { makeDataDir, removeDataDir } from './relay.ts'
import { RecordingConnection } from './roomClients.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024, maxRefusalsPerMinute: 1000 }

export const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

export const propsOf = (d: Y.Doc, id: string) => (getRecordsMap(d).get(id) as Y.Map<unknown>).get('props') as Y.Map<unknown>

export class ZettelTextRoom {
  room!: Room
  boardId = ''
  /** What the room reported to `onFailure` since the board was made. */
  readonly failures: unknown[] = []
  refusedWith: number | null = null
  private boards = 0
  private connections = 0

  constructor(
    readonly storage: SqliteStorage,
    private readonly prefix: string,
  ) {}

  /** (Re)loads the room from storage, as a restart does. */
  async load(): Promise<Room> {
    this.room = await Room.load(this.boardId, this.storage, { ...roomOptions, onFailure: (_room: unknown, error: unknown) => this.failures.push(error) } as RoomOptions, createLogger('silent'))
    return this.room
  }

  /** A fresh board with Anna's note, its text a Y.Text she made. */
  async board(): Promise<TLShape> {
    this.boardId = `${this.prefix}${++this.boards}`.padEnd(22, 'x')
    this.failures.length = 0
    await this.storage.createBoard({ id: this.boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, templateDocument({ template: 'planspiel', locale: 'de' }))
    await this.load()
    const note = { ...noteAt(3000, 3000, 'nicht einverstanden'), meta: { [authorMetaKey]: 'anna' } } as TLShape
    expect(await this.attempt('participant', (d) => putRecords(d, [note]), 'anna')).toBe(true)
    const toText = (d: Y.Doc) => {
      const text = new Y.Text()
      propsOf(d, note.id).set('richText', text)
      writeRichText(text, paragraph('nicht einverstanden'))
    }
    expect(await this.attempt('participant', toText, 'anna')).toBe(true)
    expect(propsOf(this.room.doc, note.id).get('richText')).toBeInstanceOf(Y.Text)
    return note
  }

  /** A browser that holds the board as the room does makes `change` and sends it: taken? */
  attempt(role: Role, change: (doc: Y.Doc) => void, author: string | null = `${role}-browser`): Promise<boolean> {
    const d = new Y.Doc()
    Y.applyUpdate(d, Y.encodeStateAsUpdate(this.room.doc))
    const sv = Y.encodeStateVector(d)
    change(d)
    return this.send(role, Y.encodeStateAsUpdate(d, sv), author)
  }

  /**
   * Sends `update` on a connection of its own: true if taken; a refusal (4403 by the judge, 1007 by
   * the update rules) changes nothing. `refusedWith` holds the last refusal's close code.
   */
  async send(role: Role, update: Uint8Array, author: string | null): Promise<boolean> {
    const connection = this.connection(role, author)
    this.room.addConnection(connection)
    const before = Y.encodeStateAsUpdate(this.room.doc)
    this.room.receive(connection, encodeUpdate(update))
    await this.room.idle()
    this.room.removeConnection(connection)
    if (connection.closedWith === null) return true
    this.refusedWith = connection.closedWith
    expect([CloseCode.notAllowed, CloseCode.malformed]).toContain(connection.closedWith)
    expect(Y.encodeStateAsUpdate(this.room.doc)).toEqual(before)
    return false
  }

  /** A connection not yet added to the room. */
  connection(role: Role, author: string | null): RecordingConnection {
    return new RecordingConnection(++this.connections, role, role, author)
  }
}

/** One SQLite store for the describe block, a Room per test (destroyed after it). */
export function zettelTextRooms(prefix: string): ZettelTextRoom {
  const dir = makeDataDir()
  const rooms = new ZettelTextRoom(new SqliteStorage(dir), prefix)
  afterEach(() => rooms.room?.destroy())
  afterAll(async () => {
    await rooms.storage.close()
    removeDataDir(dir)
  })
  return rooms
}
