/**
 * Undo and redo on the canvas are Yjs's undo manager's changes to a Zettel's text
 * (`client/sync/ownTextSteps.ts`): removing what one inserted, restoring what one deleted, marks
 * included. The relay must take them as the edits they are, with others' words typed between.
 * Against a real Room, as `richTextJudged.test.ts`.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { readRichText, writeRichText } from '../../shared/board/richTextYjs.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024, maxRefusalsPerMinute: 1000 }
const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

describe('undo and redo of one’s own typing, judged by the relay', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let connections = 0
  let room: Room
  afterEach(() => room?.destroy())
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  const props = (d: Y.Doc, id: string) => (getRecordsMap(d).get(id) as Y.Map<unknown>).get('props') as Y.Map<unknown>
  const text = (d: Y.Doc, id: string) => props(d, id).get('richText') as Y.Text

  async function send(role: Role, update: Uint8Array, author: string): Promise<boolean> {
    const connection = new RecordingConnection(++connections, role, role, author)
    room.addConnection(connection)
    room.receive(connection, encodeUpdate(update))
    await room.idle()
    room.removeConnection(connection)
    if (connection.closedWith !== null) expect(connection.closedWith).toBe(CloseCode.notAllowed)
    return connection.closedWith === null
  }
  /** A change made on `doc` (a browser's copy), sent to the room; whether the room took it. */
  async function sent(doc: Y.Doc, role: Role, author: string, change: () => void): Promise<boolean> {
    const sv = Y.encodeStateVector(doc)
    change()
    return send(role, Y.encodeStateAsUpdate(doc, sv), author)
  }
  const richOf = (id: string) => (readRecord(room.doc, id)?.props as { richText: unknown }).richText
  const pull = (doc: Y.Doc) => Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(doc)), 'room')

  it('takes Anna’s undos and redos of her typing, marks and deletions in her Zettel, and keeps Lea’s words', async () => {
    await storage.createBoard({ id: 'undo'.padEnd(22, 'x'), title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, templateDocument({ template: 'planspiel', locale: 'de' }))
    room = await Room.load('undo'.padEnd(22, 'x'), storage, roomOptions, createLogger('silent'))
    const note = { ...noteAt(3000, 3000, 'nicht einverstanden'), meta: { [authorMetaKey]: 'anna' } } as TLShape
    const anna = new Y.Doc()
    pull(anna)
    expect(await sent(anna, 'participant', 'anna', () => putRecords(anna, [note]))).toBe(true)
    expect(
      await sent(anna, 'participant', 'anna', () => {
        const t = new Y.Text()
        props(anna, note.id).set('richText', t)
        writeRichText(t, paragraph('nicht einverstanden'))
      }),
    ).toBe(true)

    const local = { bridge: 'anna' }
    const steps = new Y.UndoManager(text(anna, note.id), { trackedOrigins: new Set([local]), captureTimeout: 0 })
    const own = (change: (t: Y.Text) => void) => sent(anna, 'participant', 'anna', () => anna.transact(() => change(text(anna, note.id)), local))
    expect(await own((t) => t.insert(t.length - 1, ' heute', {}))).toBe(true)
    expect(await own((t) => t.format(0, 5, { bold: true }))).toBe(true)
    expect(await own((t) => t.delete(6, 'einverstanden '.length))).toBe(true)

    const lea = new Y.Doc()
    pull(lea)
    expect(await sent(lea, 'facilitator', 'lea', () => text(lea, note.id).insert(0, 'Lea: ', {}))).toBe(true)
    pull(anna)
    const before = readRichText(text(anna, note.id))

    for (let i = 0; i < 3; i++) expect(await sent(anna, 'participant', 'anna', () => steps.undo())).toBe(true)
    expect(plainText(richOf(note.id) as never)).toBe('Lea: nicht einverstanden')
    expect(richOf(note.id)).toEqual(readRichText(text(anna, note.id)))
    for (let i = 0; i < 3; i++) expect(await sent(anna, 'participant', 'anna', () => steps.redo())).toBe(true)
    expect(readRichText(text(anna, note.id))).toEqual(before)
    expect(richOf(note.id)).toEqual(before)
    // A mark taken off and put back by undo.
    expect(await own((t) => t.format(5, 5, { bold: null }))).toBe(true)
    expect(await sent(anna, 'participant', 'anna', () => steps.undo())).toBe(true)
    expect(richOf(note.id)).toEqual(before)
    expect(await sent(anna, 'participant', 'anna', () => steps.redo())).toBe(true)
    expect(plainText(richOf(note.id) as never)).toBe('Lea: nicht heute')
    expect(richOf(note.id)).toEqual(readRichText(text(anna, note.id)))
  })
})
