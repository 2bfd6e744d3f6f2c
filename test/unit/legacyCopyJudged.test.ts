/**
 * Anna's browser held a format-2 copy with edits not yet sent while the relay upgraded the
 * board and Ben typed into her Zettel; it comes back and merges (`client/sync/legacyCopy.ts`).
 * What it sends goes through a real Room's judge: nothing is refused (a refusal, 4403, would
 * clear her copy) and the relay holds both people's words. The upgrade is simulated as the
 * relay's will run it, in the room's own doc.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap, readRecord, type StoredRecord } from '../../shared/board/records.ts'
import { writeRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { applyRichTextEdit, textBase } from '../../shared/board/richTextEdit.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { mergeLegacyCopy } from '../../client/sync/legacyCopy.ts'
import { noteAt, writeFormat2Record } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024, maxRefusalsPerMinute: 1000 }

const annasNote = (x: number, text: string, id: string) => ({ ...noteAt(x, 3000, text, id as TLShapeId), meta: { [authorMetaKey]: 'anna' } }) as TLShape
const textOf = (doc: Y.Doc, id: string) => ((getRecordsMap(doc).get(id) as Y.Map<unknown>).get('props') as Y.Map<unknown>).get('richText')
const wordsOf = (doc: Y.Doc, id: string) => plainText((readRecord(doc, id)!.props as { richText: unknown }).richText)

describe('a format-2 offline copy merged after the relay’s upgrade, through the judge', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let room: Room
  let connections = 0
  beforeAll(async () => {
    const boardId = 'legacy'.padEnd(22, 'x')
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, templateDocument({ template: 'planspiel', locale: 'de' }))
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
  })
  afterAll(async () => {
    room?.destroy()
    await storage.close()
    removeDataDir(dir)
  })

  async function send(from: Y.Doc, role: 'participant' | 'facilitator', author: string): Promise<string | null> {
    const connection = new RecordingConnection(++connections, role, role, author)
    room.addConnection(connection)
    room.receive(connection, encodeUpdate(Y.encodeStateAsUpdate(from, Y.encodeStateVector(room.doc))))
    await room.idle()
    room.removeConnection(connection)
    return connection.closedWith === null ? null : `${connection.closedWith} ${connection.closedBecause}`
  }
  const pull = (to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(room.doc, Y.encodeStateVector(to)))
  const replica = (clientID: number, gc = true) => {
    const doc = new Y.Doc({ gc })
    doc.clientID = clientID
    pull(doc)
    return doc
  }

  it('refuses nothing, and the relay holds Anna’s offline words, Ben’s words, her move and her new Zettel', async () => {
    // As `localCopyPersistence.ts` reads it: deleted values kept.
    const copy = replica(7_001, false)
    writeFormat2Record(getRecordsMap(copy), annasNote(400, 'Hallo Welt', 'shape:anna1') as unknown as StoredRecord)
    expect(await send(copy, 'participant', 'anna')).toBeNull()

    // Offline: Anna rewrites her Zettel whole (format 2), moves it, writes a new one.
    const edited = annasNote(640, 'Hallo schöne Welt', 'shape:anna1') as unknown as StoredRecord
    writeFormat2Record(getRecordsMap(copy), edited, [['props', 'richText'], ['x']])
    writeFormat2Record(getRecordsMap(copy), annasNote(900, 'Neu im Zug', 'shape:anna2') as unknown as StoredRecord)

    // The relay upgrades her Zettel's text; Ben, facilitating, types into it.
    room.doc.transact(() => {
      const props = (getRecordsMap(room.doc).get('shape:anna1') as Y.Map<unknown>).get('props') as Y.Map<unknown>
      const json = props.get('richText') as RichTextNode
      const text = new Y.Text()
      props.set('richText', text)
      writeRichText(text, json)
    })
    const ben = replica(7_002)
    const bens = textOf(ben, 'shape:anna1') as Y.Text
    const base = textBase(bens)
    applyRichTextEdit(bens, base, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hallo Welt (nur mit Bildungsträger)' }] }] })
    expect(await send(ben, 'facilitator', 'ben')).toBeNull()

    // Anna is back: a new live doc, the relay's state first, then her copy.
    const live = replica(7_003)
    mergeLegacyCopy(copy, live, 'local copy')
    expect(await send(live, 'participant', 'anna')).toBeNull()

    expect(textOf(room.doc, 'shape:anna1')).toBeInstanceOf(Y.Text)
    expect(wordsOf(room.doc, 'shape:anna1')).toBe('Hallo schöne Welt (nur mit Bildungsträger)')
    expect(readRecord(room.doc, 'shape:anna1')).toMatchObject({ x: 540 })
    expect(textOf(room.doc, 'shape:anna2')).toBeInstanceOf(Y.Text)
    expect(wordsOf(room.doc, 'shape:anna2')).toBe('Neu im Zug')
  })
})
