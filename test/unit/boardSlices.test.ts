/**
 * A board applied slice by slice is the board: the same records, clocks and deletions, with
 * nothing left pending, however its writers' edits were interleaved.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createEncoder, toUint8Array, writeAny, writeUint8, writeVarString, writeVarUint } from 'lib0/encoding'
import { applySlices, sliceDocument, sliceWeight } from '../../server/room/boardSlices.ts'
import { restoreHereBelowBytes, restoreOffThread } from '../../server/room/offThreadRestore.ts'
import { restoreDocument } from '../../server/room/restoreDocument.ts'
import type { StoredDocument } from '../../server/storage/Storage.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'

type Op =
  | { kind: 'set'; writer: number; key: number; nested: boolean; value: number }
  | { kind: 'delete'; writer: number; key: number }
  | { kind: 'text'; writer: number; at: number; insert: string; remove: number }
  | { kind: 'array'; writer: number; at: number; remove: boolean }
  | { kind: 'sync'; from: number; to: number }

const writers = 3
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), writer: fc.nat(writers - 1), key: fc.nat(6), nested: fc.boolean(), value: fc.integer() }),
  fc.record({ kind: fc.constant('delete' as const), writer: fc.nat(writers - 1), key: fc.nat(6) }),
  fc.record({ kind: fc.constant('text' as const), writer: fc.nat(writers - 1), at: fc.nat(3), insert: fc.string({ maxLength: 5 }), remove: fc.nat(3) }),
  fc.record({ kind: fc.constant('array' as const), writer: fc.nat(writers - 1), at: fc.nat(10), remove: fc.boolean() }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(writers - 1), to: fc.nat(writers - 1) }),
)

/** The writers' docs after `ops`, all synced into one. */
function boardOf(ops: Op[], gc: boolean): Y.Doc {
  const docs = Array.from({ length: writers }, (_, i) => {
    const doc = new Y.Doc({ gc })
    // Descending ids: a later writer's text lands left of an earlier one's, so inserts at 0 refer rightwards.
    doc.clientID = 30 - 10 * i
    return doc
  })
  for (const o of ops) {
    if (o.kind === 'sync') {
      Y.applyUpdate(docs[o.to]!, Y.encodeStateAsUpdate(docs[o.from]!, Y.encodeStateVector(docs[o.to]!)))
      continue
    }
    const doc = docs[o.writer]!
    const records = doc.getMap<unknown>('records')
    if (o.kind === 'set') {
      if (o.nested) {
        const inner = new Y.Map<unknown>()
        inner.set('v', o.value)
        records.set(`k${o.key}`, inner)
      } else {
        const inner = records.get(`k${o.key}`)
        if (inner instanceof Y.Map) inner.set(`v${o.value & 3}`, o.value)
        else records.set(`k${o.key}`, o.value)
      }
    } else if (o.kind === 'delete') records.delete(`k${o.key}`)
    else if (o.kind === 'text') {
      const text = doc.getText('text')
      const at = Math.min(o.at, text.length)
      text.delete(at, Math.min(o.remove, text.length - at))
      text.insert(at, o.insert)
    } else {
      const array = doc.getArray<number>('array')
      const at = Math.min(o.at, array.length)
      if (o.remove && at < array.length) array.delete(at, 1)
      else array.insert(at, [o.at])
    }
  }
  const board = new Y.Doc({ gc })
  for (const doc of docs) Y.applyUpdate(board, Y.encodeStateAsUpdate(doc))
  return board
}

async function rebuilt(board: Y.Doc, maxStructs: number): Promise<Y.Doc> {
  const doc = new Y.Doc({ gc: board.gc })
  await applySlices(doc, sliceDocument(board, maxStructs), null)
  return doc
}

function expectSameBoard(doc: Y.Doc, board: Y.Doc): void {
  expect(doc.store.pendingStructs).toBeNull()
  expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(board))
  expect(Y.equalDeleteSets(Y.createDeleteSetFromStructStore(doc.store), Y.createDeleteSetFromStructStore(board.store))).toBe(true)
  for (const name of ['records', 'text', 'array']) {
    const json = (d: Y.Doc) => (name === 'text' ? d.getText(name).toString() : name === 'array' ? d.getArray(name).toJSON() : d.getMap(name).toJSON())
    expect(json(doc)).toEqual(json(board))
  }
}

describe('a board applied in slices', () => {
  it('is the board, for interleaved edits of several writers, in slices as small as one struct', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), fc.boolean(), fc.integer({ min: 1, max: 8 }), async (ops, gc, maxStructs) => {
        const board = boardOf(ops, gc)
        const doc = await rebuilt(board, maxStructs)
        expectSameBoard(doc, board)
        // A client of the sliced board gets from it what it would have got from the board.
        expect(Y.encodeStateAsUpdate(doc).byteLength).toBe(Y.encodeStateAsUpdate(board).byteLength)
      }),
      propertyParameters({ gate: 200, full: 2000 }),
    )
  })

  // Two cases the property rarely draws: a struct whose only link to a much later struct of another writer is its right neighbour, or its map.
  it('holds back an insert until the later struct to its right is there', async () => {
    const [early, late] = [new Y.Doc(), new Y.Doc()]
    ;[early.clientID, late.clientID] = [3, 2]
    early.getText('t').insert(0, 'a')
    for (let i = 0; i < 10; i++) late.getMap('m').set(`k${i}`, i)
    late.getText('t').insert(0, 'x')
    Y.applyUpdate(early, Y.encodeStateAsUpdate(late))
    early.getText('t').insert(0, 'y')
    Y.applyUpdate(late, Y.encodeStateAsUpdate(early))
    const doc = await rebuilt(late, 1)
    expect(doc.getText('t').toString()).toBe('yxa')
    expectSameBoard(doc, late)
  })

  it('holds back a new key until the map it goes into is there', async () => {
    const [early, late] = [new Y.Doc(), new Y.Doc()]
    ;[early.clientID, late.clientID] = [3, 2]
    for (let i = 0; i < 10; i++) late.getMap('records').set(`k${i}`, i)
    const inner = new Y.Map<number>()
    late.getMap('records').set('inner', inner)
    inner.set('a', 1)
    Y.applyUpdate(early, Y.encodeStateAsUpdate(late))
    ;(early.getMap('records').get('inner') as Y.Map<number>).set('b', 2)
    Y.applyUpdate(late, Y.encodeStateAsUpdate(early))
    const doc = await rebuilt(late, 1)
    expect(doc.getMap('records').toJSON().inner).toEqual({ a: 1, b: 2 })
    expectSameBoard(doc, late)
  })

  it('cuts a board of notes into many slices that each hold at most their share of structs', async () => {
    const board = new Y.Doc()
    putRecords(board, Array.from({ length: 2_000 }, (_, i) => noteAt(i * 10, 0, `Zettel ${i}`)))
    const slices = sliceDocument(board, 1_000)
    expect(slices.length).toBeGreaterThan(20)
    const doc = new Y.Doc()
    await applySlices(doc, slices, null)
    expect(doc.getMap('tldraw').toJSON()).toEqual(board.getMap('tldraw').toJSON())
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(board))
  })

  it('refuses slices that leave structs pending, rather than build half a board', async () => {
    const board = new Y.Doc()
    putRecords(board, [noteAt(0, 0, 'a'), noteAt(10, 0, 'b')])
    const slices = sliceDocument(board, 1)
    await expect(applySlices(new Y.Doc(), slices.slice(1), null)).rejects.toThrow(/pending/)
  })
})

/** A board of `ids` client ids with one struct each, as an editor may write them (found by the hostile review). */
function boardOfManyIds(ids: number, root = 'records'): Uint8Array {
  const encoder = createEncoder()
  writeVarUint(encoder, ids)
  for (let i = ids - 1; i >= 0; i--) {
    // One struct for id 1000 + i at clock 0: a key of the root map, without origins.
    writeVarUint(encoder, 1)
    writeVarUint(encoder, 1000 + i)
    writeVarUint(encoder, 0)
    writeUint8(encoder, 0x20 | 8)
    writeVarUint(encoder, 1)
    writeVarString(encoder, root)
    writeVarString(encoder, `shape:${i}`)
    writeVarUint(encoder, 1)
    writeAny(encoder, i)
  }
  writeVarUint(encoder, 0)
  return toUint8Array(encoder)
}

describe('a board written under many client ids', () => {
  // Every id's first struct is on level 1: a level as wide as the board's ids. Yjs pays per
  // client of an update as well as per struct, so a slice is bounded in both.
  it('is cut into slices that each stay within their weight of structs and clients', async () => {
    const ids = 20_000
    const board = new Y.Doc()
    Y.applyUpdate(board, boardOfManyIds(ids))
    const slices = sliceDocument(board)
    for (const slice of slices) {
      const { structs } = Y.decodeUpdate(slice)
      const clients = new Set(structs.map((struct) => struct.id.client))
      expect(structs.length + 13 * clients.size).toBeLessThanOrEqual(sliceWeight)
    }
    const doc = await rebuilt(board, sliceWeight)
    expect(doc.getMap('records').size).toBe(ids)
    expectSameBoard(doc, board)
  })
})

describe('a board below 256 KiB written under many client ids', () => {
  // Small in bytes, but restoring it here would cost per id: it goes to the worker like a big one.
  it('is restored in the worker, not on the relay’s thread', async () => {
    const update = boardOfManyIds(9_000, 'tldraw')
    expect(update.byteLength).toBeLessThan(restoreHereBelowBytes)
    const stored: StoredDocument = { snapshot: null, updates: [update], lastSeq: 1 }
    const logger = { debug() {}, info() {}, warn() {}, error() {} } as never
    let asked = 0
    const inWorker = async (_: string, given: StoredDocument) => {
      asked++
      const { doc, skipped } = restoreDocument(given)
      return { slices: sliceDocument(doc), full: Y.encodeStateAsUpdate(doc), skipped }
    }
    const restored = await restoreOffThread('b', stored, { inWorker, reread: async () => stored, logger })
    expect(asked).toBe(1)
    expect(restored.doc.getMap('tldraw').size).toBe(9_000)
  })
})
