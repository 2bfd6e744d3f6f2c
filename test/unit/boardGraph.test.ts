/**
 * The graph checks' own bounds and index: a move that would make the relay walk more than
 * `maxGraphWalk` shapes is refused, not walked; the index the relay judges with follows every
 * kind of change of the doc (a move, a record replaced whole, a deletion) as a scan would see it.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { maxGraphWalk, scannedGraph, subtreeProblem, type GraphView } from '../../shared/board/boardGraph.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { graphIndex, prepareGraphIndex } from '../../server/judge/graphIndex.ts'
import { arrowBinding, arrowShape, frameShape, noteAt, putRecords } from '../helpers/records.ts'

describe('the board graph checks', () => {
  it('refuse a move that would walk more than maxGraphWalk shapes, and walk one that does not', () => {
    const wide = (count: number): GraphView => ({
      referrers: () => [],
      children: (id) => (id === 'shape:frame' ? Array.from({ length: count }, (_, i) => `shape:${i}`) : []),
      node: () => ({ typeName: 'shape' }),
    })
    expect(subtreeProblem('shape:frame', 1, wide(maxGraphWalk), () => false, { shapes: 0 })).toBeNull()
    expect(subtreeProblem('shape:frame', 1, wide(maxGraphWalk + 1), () => false, { shapes: 0 })).toBe('too many shapes moved at once')
  })

  it('keep an index that answers as a scan of the doc does, through moves, replacements and deletions', () => {
    const doc = new Y.Doc()
    putRecords(doc, [
      { id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} },
      frameShape('shape:frame'),
      { ...noteAt(0, 0, 'A', 'shape:a' as never), parentId: 'shape:frame' },
      arrowShape('shape:p'),
      arrowBinding('binding:pa', 'shape:p', 'shape:a'),
    ])
    const index = graphIndex(doc)
    const scan = () => {
      const records = [...getRecordsMap(doc).values()].map((entry) => (entry as Y.Map<unknown>).toJSON() as Record<string, unknown> & { id: string })
      const byId = new Map(records.map((r) => [r.id, r]))
      return scannedGraph(records.map((r) => ({ id: r.id, parentId: r.parentId, fromId: r.fromId, toId: r.toId, assetId: undefined })), (id) => byId.get(id) as never)
    }
    const same = () => {
      const scanned = scan()
      for (const id of ['page:page', 'shape:frame', 'shape:a', 'shape:p', 'binding:pa']) {
        expect(new Set(index.referrers(id)), id).toEqual(new Set(scanned.referrers(id)))
        expect(new Set(index.children(id)), id).toEqual(new Set(scanned.children(id)))
      }
    }
    same()
    ;(getRecordsMap(doc).get('shape:a') as Y.Map<unknown>).set('parentId', 'page:page')
    same()
    putRecords(doc, [{ ...noteAt(0, 0, 'A', 'shape:a' as never), parentId: 'shape:frame' }])
    same()
    doc.transact(() => ['binding:pa', 'shape:p'].forEach((id) => getRecordsMap(doc).delete(id)))
    same()
    expect([...index.referrers('shape:a')]).toEqual([])
    expect(index.pages?.()).toBe(1)
  })
  it('is the same when prepared a batch per turn while the board changes meanwhile', async () => {
    const doc = new Y.Doc()
    const notes = Array.from({ length: 5_000 }, (_, i) => ({ ...noteAt(i, 0, `Z${i}`, `shape:n${i}` as never), parentId: i % 2 ? 'shape:frame' : 'page:page' }))
    putRecords(doc, [{ id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} }, frameShape('shape:frame'), ...notes])
    const prepared = prepareGraphIndex(doc)
    // Between the batches: a note moves out of the frame, one goes, a new one comes into it.
    await new Promise((resolve) => setImmediate(resolve))
    ;(getRecordsMap(doc).get('shape:n4999') as Y.Map<unknown>).set('parentId', 'page:page')
    getRecordsMap(doc).delete('shape:n1')
    putRecords(doc, [{ ...noteAt(0, 0, 'neu', 'shape:neu' as never), parentId: 'shape:frame' }])
    await prepared
    const index = graphIndex(doc)
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc))
    const once = graphIndex(fresh)
    for (const id of ['page:page', 'shape:frame']) {
      expect(new Set(index.children(id)), id).toEqual(new Set(once.children(id)))
    }
    expect(new Set(index.children('shape:frame')).has('shape:neu')).toBe(true)
    expect(new Set(index.children('shape:frame')).has('shape:n4999')).toBe(false)
    expect(new Set(index.children('shape:frame')).has('shape:n1')).toBe(false)
  })
})
