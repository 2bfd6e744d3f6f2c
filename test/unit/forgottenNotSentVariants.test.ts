/**
 * Deleted means gone for joiners (`forgottenNotSent.test.ts`), every way words leave a board: the
 * relay keeps a board's encoding for joiners and the updates since (`fullStateCache.ts`) and drops
 * them when a change deletes content with words. Each test takes words away while a joiner's
 * encoding is kept (and shows they were sent before), then asks whether a later joiner is sent
 * any byte of them. Written by a review as leaks of the first fix, which looked at whole entries
 * deleted only.
 */
import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import { decodeMessage, encodeSyncStep1, encodeUpdate } from '../../shared/protocol.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import type { Room, RoomOptions } from '../../server/room/Room.ts'
import { Rooms } from '../../server/room/Rooms.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { getRecordsMap, recordEntry } from '../../shared/board/records.ts'
import { writeRichText } from '../../shared/board/richTextYjs.ts'
import { comments, type Comment } from '../../shared/board/comments.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { authorMetaKey } from '../../shared/board/authorship.ts'
import type { Role } from '../../shared/board/rights.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024 }

const dir = makeDataDir()
const storage = new SqliteStorage(dir)
afterAll(async () => {
  await storage.close()
  removeDataDir(dir)
})

const secret = 'Frau Meier, Schulden bei der Stadtkasse'
const leaked = 'Schulden'
let boards = 0
let connections = 0

/** A board in its room, a browser's copy of it, and a joiner who made the relay keep its encoding. */
async function board(test: (b: {
  room: Room
  local: Y.Doc
  /** A change made on the browser's copy, sent to the room by a writer of `role`; whether it was taken. */
  send: (role: Role, author: string | null, change: (doc: Y.Doc) => void) => Promise<boolean>
  /** Everything a joiner holding `stateVector` is sent, and the doc it builds from it. */
  join: (stateVector?: Uint8Array) => Promise<{ bytes: Buffer; held: Y.Doc }>
}) => Promise<void>): Promise<void> {
  const boardId = `v${++boards}`.padEnd(22, 'x')
  const start = new Y.Doc()
  Y.applyUpdate(start, boardDocument('de'))
  await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(start))
  const rooms = new Rooms(storage, { ...roomOptions, unloadDelayMs: 0 }, createLogger('silent'))
  try {
    const first = new RecordingConnection(++connections, 'facilitator')
    const room = await rooms.join(boardId, first)
    const local = new Y.Doc()
    Y.applyUpdate(local, Y.encodeStateAsUpdate(room.doc))
    const join = async (stateVector = Y.encodeStateVector(new Y.Doc())) => {
      const joiner = new RecordingConnection(++connections, 'observer')
      await rooms.join(boardId, joiner)
      room.receive(joiner, encodeSyncStep1(stateVector))
      await room.idle()
      const held = new Y.Doc()
      for (const frame of joiner.sent) {
        const message = decodeMessage(frame)
        if (message.type === 'sync-step-2' || message.type === 'update') Y.applyUpdate(held, message.update)
      }
      return { bytes: Buffer.concat(joiner.sent.map((frame) => Buffer.from(frame))), held }
    }
    const send = async (role: Role, author: string | null, change: (doc: Y.Doc) => void) => {
      const before = Y.encodeStateVector(local)
      change(local)
      const writer = new RecordingConnection(++connections, role, role, author)
      await rooms.join(boardId, writer)
      room.receive(writer, encodeUpdate(Y.encodeStateAsUpdate(local, before)))
      await room.idle()
      // Sent to those there now: this file follows the kept encoding; a fan-out pending when the next
      // joiner comes is forgottenNotSent.test's last test.
      room.flush()
      return writer.closedWith === null
    }
    // Someone joined before: the relay keeps the board's encoding for the next joiners.
    await join()
    await test({ room, local, send, join })
  } finally {
    await rooms.unloadAll()
  }
}

const paragraph = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
const note = (text: string, id: string, author?: string) => ({ ...noteAt(0, 0, text, id as TLShapeId), meta: author ? { [authorMetaKey]: author } : {} }) as TLShape

it('words gone: a Zettel deleted together with other writes in one update', async () => {
  await board(async ({ room, send, join }) => {
    expect(await send('facilitator', null, (d) => putRecords(d, [note(secret, 'shape:privat'), note('bleibt', 'shape:a')]))).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    expect(
      await send('facilitator', null, (d) =>
        d.transact(() => {
          getRecordsMap(d).delete('shape:privat')
          putRecords(d, [note('bleibt auch', 'shape:b'), { ...note('bleibt', 'shape:a'), x: 500 }])
        }),
      ),
    ).toBe(true)
    expect(getRecordsMap(room.doc).has('shape:privat')).toBe(false)
    const { bytes, held } = await join()
    expect(bytes.includes(Buffer.from(leaked))).toBe(false)
    expect(getRecordsMap(held).has('shape:b')).toBe(true)
  })
})

it('words gone: a participant deletes her own Zettel', async () => {
  await board(async ({ room, send, join }) => {
    expect(await send('participant', 'anna', (d) => putRecords(d, [note(secret, 'shape:privat', 'anna')]))).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    expect(await send('participant', 'anna', (d) => getRecordsMap(d).delete('shape:privat'))).toBe(true)
    expect(getRecordsMap(room.doc).has('shape:privat')).toBe(false)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: the tail merged for a joiner before the deletion is not sent after it', async () => {
  await board(async ({ send, join }) => {
    expect(await send('facilitator', null, (d) => putRecords(d, [note(secret, 'shape:privat')]))).toBe(true)
    // The tail (the Zettel's creation) is merged and cached for this joiner.
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    expect(await send('facilitator', null, (d) => getRecordsMap(d).delete('shape:privat'))).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: a comment deleted', async () => {
  await board(async ({ room, send, join }) => {
    const comment: Comment = { author: 'anna', name: 'Anna', text: secret, at: 1, target: { kind: 'place', pageId: 'page:page', x: 0, y: 0 } }
    expect(await send('participant', 'anna', (d) => comments(d).set('c1', comment))).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    expect(await send('participant', 'anna', (d) => comments(d).delete('c1'))).toBe(true)
    expect(comments(room.doc).has('c1')).toBe(false)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: a reconnecting joiner (a state vector from before the Zettel) is sent no byte of it', async () => {
  await board(async ({ local, send, join }) => {
    const earlier = Y.encodeStateVector(local)
    expect(await send('facilitator', null, (d) => putRecords(d, [note(secret, 'shape:privat')]))).toBe(true)
    expect((await join(earlier)).bytes.includes(Buffer.from(leaked))).toBe(true)
    expect(await send('facilitator', null, (d) => getRecordsMap(d).delete('shape:privat'))).toBe(true)
    expect((await join(earlier)).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: a reconnecting joiner while the encoding is kept (no deletion since) is sent no deleted text', async () => {
  await board(async ({ local, send, join }) => {
    const earlier = Y.encodeStateVector(local)
    expect(await send('facilitator', null, (d) => putRecords(d, [note(secret, 'shape:privat')]))).toBe(true)
    expect(await send('facilitator', null, (d) => putRecords(d, [note('Frau M.', 'shape:privat')]))).toBe(true)
    expect((await join(earlier)).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: words deleted from a Zettel’s text (props.richText) reach a later joiner', async () => {
  await board(async ({ room, send, join }) => {
    expect(await send('participant', 'anna', (d) => putRecords(d, [note(secret, 'shape:privat', 'anna')]))).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    // Anna takes the name and the debts out of her Zettel.
    expect(await send('participant', 'anna', (d) => putRecords(d, [note('Frau M.', 'shape:privat', 'anna')]))).toBe(true)
    expect(JSON.stringify(getRecordsMap(room.doc).toJSON())).not.toContain(leaked)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: words deleted from a Zettel’s text held as a Y.Text (format 3) reach a later joiner', async () => {
  await board(async ({ room, send, join }) => {
    const props = (d: Y.Doc) => (getRecordsMap(d).get('shape:privat') as Y.Map<unknown>).get('props') as Y.Map<unknown>
    expect(await send('participant', 'anna', (d) => putRecords(d, [note('x', 'shape:privat', 'anna')]))).toBe(true)
    expect(
      await send('participant', 'anna', (d) => {
        const text = new Y.Text()
        props(d).set('richText', text)
        writeRichText(text, paragraph(secret))
      }),
    ).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    // Anna deletes all but the name's initial, character by character as a browser does.
    expect(await send('participant', 'anna', (d) => (props(d).get('richText') as Y.Text).delete('Frau M'.length, secret.length - 'Frau M'.length))).toBe(true)
    expect(JSON.stringify(getRecordsMap(room.doc).toJSON())).not.toContain(leaked)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: a Zettel replaced whole under its id (tldraw/<id> set anew) reaches a later joiner with its old words', async () => {
  await board(async ({ room, send, join }) => {
    expect(await send('facilitator', null, (d) => putRecords(d, [note(secret, 'shape:privat')]))).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    expect(await send('facilitator', null, (d) => getRecordsMap(d).set('shape:privat', recordEntry(note('Frau M.', 'shape:privat'))))).toBe(true)
    expect(JSON.stringify(getRecordsMap(room.doc).toJSON())).not.toContain(leaked)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})

it('words gone: a comment’s text edited by its author reaches a later joiner as it was', async () => {
  await board(async ({ room, send, join }) => {
    const comment: Comment = { author: 'anna', name: 'Anna', text: secret, at: 1, target: { kind: 'place', pageId: 'page:page', x: 0, y: 0 } }
    expect(await send('participant', 'anna', (d) => comments(d).set('c1', comment))).toBe(true)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(true)
    expect(await send('participant', 'anna', (d) => comments(d).set('c1', { ...comment, text: 'Frau M.', editedAt: 2 }))).toBe(true)
    expect(JSON.stringify(comments(room.doc).toJSON())).not.toContain(leaked)
    expect((await join()).bytes.includes(Buffer.from(leaked))).toBe(false)
  })
})
