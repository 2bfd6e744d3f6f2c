/**
 * A board whose doc holds shapes that tldraw cannot show (a shape that is its own parent, a
 * cycle, a missing parent: a walk up such a chain never ends) opens without them, and without
 * bindings to them; they stay in the doc, whatever the client does, and come back when a
 * change repairs them.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { TLShape, TLStore } from 'tldraw'
import { startBoardSync, type BoardSync } from '../../client/sync/boardSync.ts'
import type { LeftOutCount } from '../../client/sync/leftOutRecords.ts'
import { getRecordsMap } from '../../client/sync/boardDoc.ts'
import { makeStore, linkedDocs } from '../helpers/boardStores.ts'
import { arrowBinding, arrowShape, putRecords } from '../helpers/records.ts'
import { readRecord } from '../../shared/board/records.ts'
import { badIds, brokenParentRecords, brokenParentsUpdate } from '../fixtures/brokenParents.ts'

const syncs: BoardSync[] = []
afterEach(() => {
  syncs.splice(0).forEach((s) => s.dispose())
  vi.restoreAllMocks()
})

function open(doc: Y.Doc, store: TLStore = makeStore(), counts: number[] = []) {
  const sync = startBoardSync(store, doc, { onLeftOut: (count) => counts.push(count.shapes) })
  syncs.push(sync)
  return { store, sync, counts }
}

const brokenDoc = () => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, brokenParentsUpdate())
  return doc
}
const shapeIds = (store: TLStore) => store.query.records('shape').get().map((s) => s.id).sort()
const docIds = (doc: Y.Doc) => [...getRecordsMap(doc).keys()].sort()

describe('records tldraw cannot show', () => {
  it('are left out of the store on load, counted, and stay in the doc through local edits', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const doc = brokenDoc()
    const before = docIds(doc)
    const { store, sync, counts } = open(doc)
    expect(sync.load.ok).toBe(true)
    expect(shapeIds(store)).toEqual(['shape:frame', 'shape:framed', 'shape:good'])
    expect(store.query.records('binding').get()).toEqual([])
    // Shapes only: a binding is not something people see as missing.
    expect(counts.at(-1)).toBe(5)

    store.update('shape:good' as TLShape['id'], (s) => ({ ...s, x: 999 }))
    store.remove(['shape:framed' as TLShape['id']])
    expect(readRecord(doc, 'shape:good')?.x).toBe(999)
    expect(docIds(doc)).toEqual(before.filter((id) => id !== 'shape:framed'))
    for (const id of badIds) expect(readRecord(doc, id)).toBeDefined()
  })

  it('arriving from another client are left out, and come back once a change repairs them', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const [docA, docB] = linkedDocs()
    const good = brokenParentRecords.filter((r) => !badIds.includes((r as { id: string }).id))
    putRecords(docA, good)
    const { store, counts } = open(docB)
    expect(shapeIds(store)).toEqual(['shape:frame', 'shape:framed', 'shape:good'])

    // Another client (an old one, or a hostile one) writes the broken records.
    putRecords(docA, brokenParentRecords.filter((r) => badIds.includes((r as { id: string }).id)))
    expect(shapeIds(store)).toEqual(['shape:frame', 'shape:framed', 'shape:good'])
    expect(store.query.records('binding').get()).toEqual([])
    expect(counts.at(-1)).toBe(5)

    // A good shape is turned into its own parent: it leaves the store, and its child with it.
    putRecords(docA, [{ ...readRecord(docA, 'shape:frame')!, parentId: 'shape:frame' }])
    expect(shapeIds(store)).toEqual(['shape:good'])
    expect(counts.at(-1)).toBe(7)
    expect(readRecord(docB, 'shape:framed')).toBeDefined()

    // The cycle is broken and the missing parent arrives: those shapes come back.
    const page = 'page:page'
    putRecords(docA, [
      { ...readRecord(docA, 'shape:frame')!, parentId: page },
      { ...readRecord(docA, 'shape:cycleA')!, parentId: page },
      { ...readRecord(docA, 'shape:self')!, parentId: page },
    ])
    expect(shapeIds(store)).toEqual(
      ['shape:cycleA', 'shape:cycleB', 'shape:frame', 'shape:framed', 'shape:good', 'shape:inCycle', 'shape:self'].sort(),
    )
    // Its binding goes from a note, which tldraw never binds (`bindsAsTldraw`): it stays out.
    expect(store.query.records('binding').get().map((b) => b.id)).toEqual([])
    expect(counts.at(-1)).toBe(1)
    expect(docIds(docA)).toEqual(docIds(docB))

    // A shape with a binding goes wrong again: the binding leaves the store with it.
    putRecords(docA, [{ ...readRecord(docA, 'shape:self')!, parentId: 'shape:self' }])
    expect(store.get('shape:self' as TLShape['id'])).toBeUndefined()
    expect(store.query.records('binding').get()).toEqual([])
    expect(counts.at(-1)).toBe(2)
    // And a frame removed by a client that left its child behind takes the child out of view.
    docA.transact(() => getRecordsMap(docA).delete('shape:frame'))
    expect(shapeIds(store)).not.toContain('shape:framed')
    expect(readRecord(docB, 'shape:framed')).toBeDefined()
    expect(docIds(docA)).toEqual(docIds(docB))
  })
  it('leave out an arrow bound to itself or to another arrow: the arrows show unbound, the bindings stay in the doc', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const doc = new Y.Doc()
    Y.applyUpdate(doc, brokenParentsUpdate())
    putRecords(doc, [
      arrowShape('shape:p'), arrowShape('shape:q'),
      arrowBinding('binding:self', 'shape:p', 'shape:p'),
      arrowBinding('binding:pq', 'shape:p', 'shape:q', 'start'), arrowBinding('binding:qp', 'shape:q', 'shape:p', 'start'),
      arrowBinding('binding:good', 'shape:q', 'shape:good'),
    ])
    const all: LeftOutCount[] = []
    const sync = startBoardSync(makeStore(), doc, { onLeftOut: (count) => all.push(count) })
    syncs.push(sync)
    expect(sync.load.ok).toBe(true)
    expect(all.at(-1)).toEqual({ shapes: 5, bindings: 4 })
    for (const id of ['binding:self', 'binding:pq', 'binding:qp']) expect(sync.leftOut.has(id), id).toBe(true)
    expect(sync.leftOut.has('binding:good')).toBe(false)
    expect(readRecord(doc, 'binding:self')).toBeDefined()
  })
})
