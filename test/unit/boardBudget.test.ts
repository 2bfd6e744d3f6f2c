import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardSize, deletesOnly, WorkBudget } from '../../server/judge/boardBudget.ts'
import { TokenBucket } from '../../server/judge/tokenBucket.ts'

describe('WorkBudget', () => {
  it('cuts off the writer that used the most of the spent budget, not the one that spent it last', () => {
    const budget = new WorkBudget<string>({ maxBytesPerSecond: 1000, maxUpdatesPerSecond: 100 })
    expect(budget.charge('heavy', 900, 0)).toBeNull()
    expect(budget.charge('light', 50, 10)).toBeNull()
    expect(budget.charge('light', 100, 20)).toBe('heavy')
    // The heavy writer's use no longer counts: the light one goes on in the same second.
    expect(budget.charge('light', 100, 30)).toBeNull()
  })

  it('forgets what writers already cut off used before it cuts off anyone: a stream of them leaves the light writer alone', () => {
    const cutOff = new Set<string>()
    const budget = new WorkBudget<string>({ maxBytesPerSecond: 1_000_000, maxUpdatesPerSecond: 4 }, (writer) => cutOff.has(writer))
    expect(budget.charge('honest', 1, 0)).toBeNull()
    expect(budget.charge('honest', 1, 1)).toBeNull()
    // Each flooding socket is cut off for its first update, as the room does for one the rules reject.
    for (const [i, flooder] of ['f1', 'f2', 'f3', 'f4'].entries()) {
      expect(budget.charge(flooder, 1, 2 + i)).toBeNull()
      cutOff.add(flooder)
    }
    // Writers still sending are over the budget by themselves: the heaviest of them goes.
    expect(budget.charge('heavy', 1, 10)).toBeNull()
    expect(budget.charge('heavy', 1, 11)).toBeNull()
    expect(budget.charge('heavy', 1, 12)).toBe('heavy')
  })

  it('weighs count and bytes each against their own limit, and starts afresh each second', () => {
    const budget = new WorkBudget<string>({ maxBytesPerSecond: 1_000_000, maxUpdatesPerSecond: 3 })
    expect(budget.charge('chatty', 1, 0)).toBeNull()
    expect(budget.charge('chatty', 1, 1)).toBeNull()
    expect(budget.charge('big', 600_000, 2)).toBeNull()
    expect(budget.charge('chatty', 1, 3)).toBe('chatty')
    expect(budget.charge('other', 1, 1003)).toBeNull()
  })
})

describe('TokenBucket', () => {
  it('passes a burst of its capacity, then only its rate', () => {
    // Small whole times: a large clock reading would make half a second 4.999… tokens.
    const start = 0
    const bucket = new TokenBucket(10, 20, start)
    expect(bucket.take(20, start)).toBe(true)
    expect(bucket.take(1, start)).toBe(false)
    expect(bucket.take(5, start + 500)).toBe(true)
    expect(bucket.take(1, start + 500)).toBe(false)
  })
})

describe('deletesOnly', () => {
  it('tells an update that only deletes from one that adds', () => {
    const doc = new Y.Doc()
    const map = doc.getMap('tldraw')
    map.set('a', 1)
    const before = Y.encodeStateVector(doc)
    const adding = Y.encodeStateAsUpdate(doc)
    const deleting: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => deleting.push(update))
    map.delete('a')
    expect(deletesOnly(adding)).toBe(false)
    expect(deletesOnly(deleting[0])).toBe(true)
    expect(Y.encodeStateVector(doc)).toEqual(before)
    expect(deletesOnly(Uint8Array.of())).toBe(false)
  })
})

describe('BoardSize', () => {
  const bytes = (n: number) => new Uint8Array(n).fill(1)
  it('counts what is stored, and compacts before refusing only when that may free something', () => {
    const size = new BoardSize(1600, { snapshot: bytes(1000), updates: [bytes(90)] })
    expect(size.bytes).toBe(1090)
    expect(size.fits(bytes(510))).toBe(true)
    expect(size.fits(bytes(511))).toBe(false)
    // 90 bytes written since the snapshot: under a sixteenth of the budget, nothing deleted.
    expect(size.worthCompacting).toBe(false)
    size.stored(bytes(10))
    expect(size.worthCompacting).toBe(true)
    size.compacted(900)
    expect(size.bytes).toBe(900)
    expect(size.worthCompacting).toBe(false)
    // Deleting fits even past the budget, and makes compacting worth it.
    const deleting = Uint8Array.of(0, 1, 5, 1, 0, 1)
    expect(deletesOnly(deleting)).toBe(true)
    size.stored(bytes(700))
    expect(size.fits(deleting)).toBe(true)
    size.compacted(1590)
    size.stored(deleting)
    expect(size.worthCompacting).toBe(true)
  })
})
