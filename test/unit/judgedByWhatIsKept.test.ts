/**
 * The relay judges what Yjs will keep, not what an update seems to say: hand-made updates whose
 * items land where an honest Y.Map never puts them (left of the current value, and deleted at
 * once), deletions hidden next to sets, references that lead nowhere, and the document's `meta`.
 * Each runs against a real Room on a Planspiel board; a refused update changes nothing.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createTLSchema, type TLShape } from '@tldraw/tlschema'
import type { Role } from '../../shared/access.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getMetaMap, getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { formatVersion, formatVersionKey, schemaKey } from '../../shared/board/ydoc.ts'
import { issueTokens } from '../../server/links/access.ts'
import { createLogger } from '../../server/base/logger.ts'
import { Room, type RoomOptions } from '../../server/room/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { arrowBinding, arrowShape, noteAt, putRecords } from '../helpers/records.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'
import { RecordingConnection } from '../helpers/roomClients.ts'
import { encodeV1, type Id } from '../helpers/updateFrames.ts'

const roomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024, maxRefusalsPerMinute: 1000 }

describe('the relay judges what Yjs keeps', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  let boards = 0
  let room: Room
  let connections = 0
  afterEach(() => room?.destroy())
  afterAll(async () => {
    await storage.close()
    removeDataDir(dir)
  })

  async function board() {
    const boardId = `k${++boards}`.padEnd(22, 'x')
    await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, templateDocument({ template: 'planspiel', locale: 'de' }))
    room = await Room.load(boardId, storage, roomOptions, createLogger('silent'))
    const annasNote = { ...noteAt(3000, 3000, 'von Anna'), meta: { [authorMetaKey]: 'anna' } } as TLShape
    expect(await send('participant', fromChange((doc) => putRecords(doc, [annasNote])), 'anna')).toBe(true)
    return { annasNote }
  }

  /** What a change makes of the board as it is now, as an honest client would send it. */
  function fromChange(change: (doc: Y.Doc) => void): Uint8Array {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc))
    const before = Y.encodeStateVector(doc)
    change(doc)
    return Y.encodeStateAsUpdate(doc, before)
  }

  /** Sends an update as a client of `role`; true if taken, else checks it was refused and changed nothing. */
  async function send(role: Role, update: Uint8Array, author: string | null = `${role}-browser`): Promise<boolean> {
    const code = await closeCodeOf(role, update, author)
    if (code === null) return true
    expect(code).toBe(CloseCode.notAllowed)
    return false
  }

  /** The code the sender was closed with (null: taken); the board unchanged unless taken. */
  async function closeCodeOf(role: Role, update: Uint8Array, author: string | null = `${role}-browser`): Promise<number | null> {
    const connection = new RecordingConnection(++connections, role, role, author)
    room.addConnection(connection)
    const before = Y.encodeStateAsUpdate(room.doc)
    room.receive(connection, encodeUpdate(update))
    await room.idle()
    room.removeConnection(connection)
    if (connection.closedWith !== null) expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before)
    return connection.closedWith
  }

  /** The item now holding `key` in the map at `path` (a record id, then nested fields). */
  function currentItem(path: string[]): Id {
    let map = getRecordsMap(room.doc) as Y.Map<unknown>
    for (const key of path.slice(0, -1)) map = map.get(key) as Y.Map<unknown>
    const { id } = map._map.get(path.at(-1)!)!
    return [id.client, id.clock]
  }

  const attacker = 0x7fff0001

  it('a value that ends up on the left of the current one and is deleted does not hide the one that wins', async () => {
    const { annasNote } = await board()
    const x = currentItem([annasNote.id, 'x'])
    // The first item lands right of the current value and wins; the second, left of it, is
    // deleted at once: a reader of the update alone takes it as the value.
    const update = encodeV1([{ client: attacker, clock: 0, structs: [{ origin: x, content: { any: ['boom'] } }, { rightOrigin: x, content: { any: [500] } }] }])
    expect(await send('participant', update)).toBe(false)
    expect(readRecord(room.doc, annasNote.id)?.x).toBe(annasNote.x)
  })

  it("another's note keeps its author, whatever phantom says otherwise", async () => {
    const { annasNote } = await board()
    const author = currentItem([annasNote.id, 'meta', authorMetaKey])
    const update = encodeV1([{ client: attacker, clock: 0, structs: [{ origin: author, content: { any: ['ben'] } }, { rightOrigin: author, content: { any: ['anna'] } }] }])
    expect(await send('participant', update, 'ben')).toBe(false)
    expect((readRecord(room.doc, annasNote.id)?.meta as Record<string, unknown>)[authorMetaKey]).toBe('anna')
  })

  it('a deletion next to a set of the same key is judged as the deletion it is', async () => {
    const { annasNote } = await board()
    const x = currentItem([annasNote.id, 'x'])
    const update = encodeV1([{ client: attacker, clock: 0, structs: [{ rightOrigin: x, content: { any: [40] } }] }], [[x[0], [[x[1], 1]]]])
    expect(await send('participant', update)).toBe(false)
    // The whole record likewise: Anna's note deleted behind a "set" of itself.
    const record = currentItem([annasNote.id])
    const hidden = encodeV1([{ client: attacker + 1, clock: 0, structs: [{ rightOrigin: record, content: { type: 1 } }] }], [[record[0], [[record[1], 1]]]])
    expect(await send('participant', hidden, 'ben')).toBe(false)
    expect(readRecord(room.doc, annasNote.id)).toBeDefined()
  })

  it('an honest concurrent write that loses to another is not taken for the value', async () => {
    const { annasNote } = await board()
    const x = currentItem([annasNote.id, 'x'])
    // Two clients set x at once from the same state; Yjs keeps the higher client id's.
    const low = encodeV1([{ client: 5, clock: 0, structs: [{ origin: x, content: { any: ['boom'] } }] }])
    const high = encodeV1([{ client: attacker, clock: 0, structs: [{ origin: x, content: { any: [77] } }] }])
    expect(await send('participant', high)).toBe(true)
    // The loser's value is invalid, but it is not what the board keeps: nothing to refuse.
    expect(await send('participant', low)).toBe(true)
    expect(readRecord(room.doc, annasNote.id)?.x).toBe(77)
  })

  it('an item without a key, which no reader of a map sees, is refused', async () => {
    const { annasNote } = await board()
    const meta = currentItem([annasNote.id, 'meta'])
    const update = encodeV1([{ client: attacker, clock: 0, structs: [{ parent: meta, content: { any: ['unsichtbar'] } }] }])
    expect(await closeCodeOf('participant', update)).toBe(CloseCode.malformed)
  })

  it('keyless items are refused wherever they hide: in a new map, under a new map, at any depth', async () => {
    const { annasNote } = await board()
    const record = currentItem([annasNote.id])
    const A = 0xfffffff0
    // A new meta map for a note, with Anna's author as before, and an item without a key in it.
    const hidden = encodeV1([{ client: A, clock: 0, structs: [
      { parent: record, key: 'meta', content: { type: 1 } },
      { parent: [A, 0], key: authorMetaKey, content: { any: ['anna'] } },
      { parent: [A, 0], content: { any: ['versteckt'] } },
    ] }])
    expect(await closeCodeOf('participant', hidden, 'anna')).toBe(CloseCode.malformed)
    // Under a map of its own without a key, and deeper.
    const under = encodeV1([{ client: A + 1, clock: 0, structs: [
      { parent: record, key: 'meta', content: { type: 1 } },
      { parent: [A + 1, 0], content: { type: 1 } },
      { parent: [A + 1, 1], key: 'tief', content: { any: ['versteckt'] } },
    ] }])
    expect(await closeCodeOf('participant', under, 'anna')).toBe(CloseCode.malformed)
  })

  it('maps nest no deeper than the board uses: a deep chain never reaches Yjs, even one deleted at once', async () => {
    const { annasNote } = await board()
    const meta = currentItem([annasNote.id, 'meta'])
    const A = 0xfffff000
    // Left of the current meta, so deleted at once: changes nothing anyone sees, but deleting
    // and collecting it recurse once per level, in the relay and in every browser.
    const structs: Parameters<typeof encodeV1>[0][0]['structs'] = [{ rightOrigin: meta, content: { type: 1 } }]
    for (let i = 0; i < 6; i++) structs.push({ parent: [A, i], key: 'k', content: { type: 1 } })
    expect(await closeCodeOf('participant', encodeV1([{ client: A, clock: 0, structs }]), 'ben')).toBe(CloseCode.malformed)
  })

  it("inherited names are no schema's sequences and no facilitation keys", async () => {
    await board()
    const known = createTLSchema().serialize()
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const schema = { ...known, sequences: { ...known.sequences, [name]: 0 } }
      expect(await send('participant', fromChange((doc) => getMetaMap(doc).set(schemaKey, schema)))).toBe(false)
      expect(await send('facilitator', fromChange((doc) => doc.getMap('facilitation').set(name, 1)))).toBe(false)
    }
  })

  it("the document's meta is the relay's: no format or schema from the future, none emptied or deleted", async () => {
    await board()
    const known = createTLSchema().serialize()
    for (const role of ['participant', 'facilitator'] as const) {
      expect(await send(role, fromChange((doc) => getMetaMap(doc).set(formatVersionKey, 4)))).toBe(false)
      expect(await send(role, fromChange((doc) => getMetaMap(doc).delete(formatVersionKey)))).toBe(false)
      expect(await send(role, fromChange((doc) => getMetaMap(doc).delete(schemaKey)))).toBe(false)
      const future = { ...known, sequences: { ...known.sequences, 'com.tldraw.shape.note': 999 } }
      expect(await send(role, fromChange((doc) => getMetaMap(doc).set(schemaKey, future)))).toBe(false)
      expect(await send(role, fromChange((doc) => getMetaMap(doc).set(schemaKey, { schemaVersion: 2, sequences: {} })))).toBe(false)
      expect(await send(role, fromChange((doc) => getMetaMap(doc).set('owner', role)))).toBe(false)
    }
    // A client stamping what the board already says changes nothing, and is fine.
    expect(await send('participant', fromChange((doc) => getMetaMap(doc).set(schemaKey, known)))).toBe(true)
    expect(getMetaMap(room.doc).get(formatVersionKey)).toBe(formatVersion)
  })

  it('a shape sits on a page or in a shape that does: no cycle, no missing parent', async () => {
    const { annasNote } = await board()
    const own = noteAt(0, 0, 'eigener Elternteil')
    expect(await send('participant', fromChange((doc) => putRecords(doc, [{ ...own, parentId: own.id }])))).toBe(false)
    const [a, b] = [noteAt(0, 0, 'A'), noteAt(0, 0, 'B')]
    expect(await send('participant', fromChange((doc) => putRecords(doc, [{ ...a, parentId: b.id }, { ...b, parentId: a.id }])))).toBe(false)
    expect(await send('participant', fromChange((doc) => putRecords(doc, [{ ...a, parentId: 'shape:nirgends' }])))).toBe(false)
    expect(await send('participant', fromChange((doc) => putRecords(doc, [{ ...a, parentId: 'page:andere' }])))).toBe(false)
    // Into a cycle with a shape already there: A on the page, then the note into A, then A into the note.
    expect(await send('participant', fromChange((doc) => putRecords(doc, [a])))).toBe(true)
    const into = (id: string, parentId: string) => fromChange((doc) => (getRecordsMap(doc).get(id) as Y.Map<unknown>).set('parentId', parentId))
    expect(await send('participant', into(annasNote.id, a.id))).toBe(true)
    expect(await send('participant', into(a.id, annasNote.id))).toBe(false)
    expect(readRecord(room.doc, a.id)?.parentId).toBe('page:page')
  })

  it('an address refused again and again is turned away before its updates cost a rehearsal', async () => {
    await board()
    room.destroy()
    room = await Room.load(room.boardId, storage, { ...roomOptions, maxRefusalsPerMinute: 2 }, createLogger('silent'))
    const hostile = () => Object.assign(new RecordingConnection(++connections, 'participant', 'participant', null), { address: '203.0.113.9' })
    const bad = fromChange((doc) => getMetaMap(doc).set(formatVersionKey, 4))
    const closes: Array<number | null> = []
    for (let i = 0; i < 3; i++) {
      const connection = hostile()
      room.addConnection(connection)
      room.receive(connection, encodeUpdate(bad))
      await room.idle()
      closes.push(connection.closedWith)
    }
    expect(closes).toEqual([CloseCode.notAllowed, CloseCode.notAllowed, CloseCode.rateLimited])
    // Another address writes on.
    const honest = Object.assign(new RecordingConnection(++connections, 'participant', 'participant', null), { address: '198.51.100.7' })
    room.addConnection(honest)
    room.receive(honest, encodeUpdate(fromChange((doc) => putRecords(doc, [noteAt(0, 0, 'weiter')]))))
    await room.idle()
    expect(honest.closedWith).toBeNull()
  })

  it("an image's asset goes only with the image", async () => {
    await board()
    const asset = { id: 'asset:bild', typeName: 'asset', type: 'image', meta: {}, props: { name: 'bild.png', src: '/api/boards/x/assets/bild', w: 100, h: 100, mimeType: 'image/png', isAnimated: false } }
    const image = { ...noteAt(0, 0, ''), id: 'shape:bild', type: 'image', props: { w: 100, h: 100, assetId: asset.id, playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '' } }
    expect(await send('facilitator', fromChange((doc) => putRecords(doc, [asset, image])))).toBe(true)
    const remove = (...ids: string[]) => fromChange((doc) => doc.transact(() => ids.forEach((id) => getRecordsMap(doc).delete(id))))
    expect(await send('participant', remove(asset.id))).toBe(false)
    expect(await send('facilitator', remove(asset.id, image.id))).toBe(true)
  })

  it('a binding joins shapes that exist; a shape goes only with what refers to it', async () => {
    const { annasNote } = await board()
    const frame = { ...noteAt(0, 0, ''), id: 'shape:rahmen', type: 'frame', props: { w: 400, h: 300, name: 'Rahmen', color: 'black' } } as unknown as TLShape
    const inFrame = { ...noteAt(0, 0, 'im Rahmen'), parentId: frame.id } as TLShape
    // Anna's arrow: tldraw binds arrows, not notes.
    const arrow = { ...arrowShape('shape:pfeil'), meta: annasNote.meta }
    expect(await send('facilitator', fromChange((doc) => putRecords(doc, [frame, inFrame, arrow])))).toBe(true)
    const binding = (toId: string) => arrowBinding('binding:pfeil', arrow.id, toId)
    // Anna binds her own arrow (another's is hers to point, `arrowRights.ts`).
    expect(await send('participant', fromChange((doc) => putRecords(doc, [binding('shape:nirgends')])), 'anna')).toBe(false)
    expect(await send('participant', fromChange((doc) => putRecords(doc, [binding(inFrame.id)])), 'anna')).toBe(true)
    const remove = (...ids: string[]) => fromChange((doc) => doc.transact(() => ids.forEach((id) => getRecordsMap(doc).delete(id))))
    // The frame with its note still in it, or the note with its arrow still bound to it: refused.
    expect(await send('facilitator', remove(frame.id))).toBe(false)
    expect(await send('facilitator', remove(inFrame.id))).toBe(false)
    expect(await send('facilitator', remove(frame.id, inFrame.id, 'binding:pfeil'))).toBe(true)
    expect(readRecord(room.doc, frame.id)).toBeUndefined()
  })
})
