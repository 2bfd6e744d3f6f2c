/**
 * A hostile reviewer's attacks on the format 3 upgrade (issue 59): a format 2 relay judged a
 * shape's `richText` by tldraw's validator (`{ type: string, content: unknown[] }`) and the word
 * budget (`shapeText.ts`), which set aside what is no node; so a client other than tldraw's editor
 * could store rich text whose parts are no nodes (`null`, a number), whose text is no string or
 * whose marks are no list. The upgrade turns every such value into a Y.Text when the board opens.
 */
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShapeId } from 'tldraw'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getMetaMap, getRecordsMap, readRecord, upgradeFormat } from '../../shared/board/records.ts'
import { readRichText } from '../../shared/board/richTextYjs.ts'
import { formatVersionKey } from '../../shared/board/ydoc.ts'
import { createLogger } from '../../server/base/logger.ts'
import { issueTokens } from '../../server/links/access.ts'
import { Room } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { encodeUpdate } from '../../shared/protocol.ts'
import { archiveBoard } from '../../server/boardArchive/moves.ts'
import { judgeState } from '../../server/boardArchive/importCheck.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'

const roomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024, maxRefusalsPerMinute: 1000 }

const words = (text: string) => ({ type: 'text', text })
/** Rich texts tldraw's validator took and the format 2 relay stored, beside the words a reader read in them. */
const odd: [name: string, richText: unknown, reads: string][] = [
  ['a part that is null', { type: 'doc', content: [null, { type: 'paragraph', content: [words('danach')] }] }, 'danach'],
  ['a text that is a number', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 5 }, words('Wort')] }] }, 'Wort'],
  ['marks that are a number', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'fett', marks: 5 }] }] }, 'fett'],
  ['a mark that is null', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'fett', marks: [null, { type: 'bold' }] }] }] }, 'fett'],
  ['content that is a string', { type: 'doc', content: [{ type: 'paragraph', content: 'abc' }, { type: 'paragraph', content: [words('zwei')] }] }, 'zwei'],
]

/** A Planspiel board as a format 2 relay stored it, with one note per odd text. */
function formatTwoState(): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, templateDocument({ template: 'planspiel', locale: 'de' }))
  putRecords(doc, odd.map((_, i) => ({ ...noteAt(100 * i, 0, '', `shape:odd${i}` as TLShapeId), meta: { [authorMetaKey]: 'anna' } })))
  doc.transact(() => {
    odd.forEach(([, richText], i) => ((getRecordsMap(doc).get(`shape:odd${i}`) as Y.Map<unknown>).get('props') as Y.Map<unknown>).set('richText', richText))
    getMetaMap(doc).set(formatVersionKey, 2)
  })
  return Y.encodeStateAsUpdate(doc)
}

const plain = (node: unknown): string => {
  if (!node || typeof node !== 'object') return ''
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown }
  return (type === 'text' && typeof text === 'string' ? text : '') + (Array.isArray(content) ? content.map(plain).join('') : '')
}

describe('a format 2 board whose rich texts hold what is no node', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  // Was broken: records.ts upgradeFormat → normalizeRichText/marksOf read `null.type`, `(5).split`,
  // `for of 5`; the throw in boardLoad.ts kept the board from opening, for everyone, every time.
  it('opens upgraded: every text a Y.Text with the words it had, and Anna types on in each', async () => {
    const id = 'seltsamzwei'.padEnd(22, 'x')
    await storage.createBoard({ id, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, formatTwoState())
    const room = await Room.load(id, storage, roomOptions, createLogger('silent'))
    try {
      odd.forEach(([name, , reads], i) => {
        const text = ((getRecordsMap(room.doc).get(`shape:odd${i}`) as Y.Map<unknown>).get('props') as Y.Map<unknown>).get('richText')
        expect(text, name).toBeInstanceOf(Y.Text)
        expect(plain(readRichText(text as Y.Text)), name).toBe(reads)
      })
      for (const [name, , reads] of odd) {
        const i = odd.findIndex(([n]) => n === name)
        const anna = new Y.Doc()
        Y.applyUpdate(anna, Y.encodeStateAsUpdate(room.doc))
        const sv = Y.encodeStateVector(anna)
        const text = ((getRecordsMap(anna).get(`shape:odd${i}`) as Y.Map<unknown>).get('props') as Y.Map<unknown>).get('richText') as Y.Text
        text.insert(text.toString().indexOf(reads) + reads.length, '!')
        const connection = new RecordingConnection(100 + i, 'participant', 'participant', 'anna')
        room.addConnection(connection)
        room.receive(connection, encodeUpdate(Y.encodeStateAsUpdate(anna, sv)))
        await room.idle()
        room.removeConnection(connection)
        expect(connection.closedWith, name).toBe(null)
        expect(plain(readRecord(room.doc, `shape:odd${i}`)?.props && (readRecord(room.doc, `shape:odd${i}`)!.props as { richText: unknown }).richText), name).toBe(`${reads}!`)
      }
    } finally {
      room.destroy()
    }
  })

  // Was broken with it: the archive (its document and versions upgraded) and an old archive's import threw the same way.
  it('is archived, its versions too, and may become a new board', async () => {
    const id = 'seltsamarchiv'.padEnd(22, 'x')
    const state = formatTwoState()
    await storage.createBoard({ id, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, state)
    await storage.putVersion(id, { id: 'v1', createdAt: new Date().toISOString(), name: 'Stand' }, state)
    const { archived } = await archiveBoard(storage, id, 64 * 1024 * 1024)
    for (const part of [archived.document, ...archived.versions.map((v) => v.state)]) {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, part)
      odd.forEach(([name, , reads], i) => expect(plain((readRecord(doc, `shape:odd${i}`)?.props as { richText: unknown }).richText), name).toBe(reads))
    }
    expect(judgeState(state).refusal).toBeNull()
  })

  it('each odd text upgrades alone, reading its words', () => {
    odd.forEach(([name, , reads], i) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, formatTwoState())
      for (const id of [...getRecordsMap(doc).keys()]) if (id.startsWith('shape:odd') && id !== `shape:odd${i}`) getRecordsMap(doc).delete(id)
      expect(() => upgradeFormat(doc), name).not.toThrow()
      expect(plain((readRecord(doc, `shape:odd${i}`)?.props as { richText: unknown }).richText), name).toBe(reads)
    })
  })
})
