/**
 * The document log's contract (`server/storage/DocumentLog.ts`): appended updates come back in
 * order, compaction keeps the content, sizes are told without reading, and several instances
 * appending and compacting at once lose nothing.
 * Run against every backend by `test/unit/storage.test.ts`.
 */
import { beforeEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Storage } from '../../../server/storage/Storage.ts'
import { board, docFrom, type StorageContract } from './stores.ts'

/**
 * Stores a doc's updates one after the other, as Room.ts does (each append awaited before the
 * next); `done` waits for the last and gives its sequence number.
 */
function storeUpdates(storage: () => Storage, boardId: string, doc: Y.Doc) {
  let queue: Promise<number> = Promise.resolve(0)
  const seqs: number[] = []
  doc.on('update', (update: Uint8Array) => {
    queue = queue.then(async () => {
      const seq = await storage().appendUpdate(boardId, update)
      seqs.push(seq)
      return seq
    })
  })
  return { seqs, done: () => queue }
}

export function documentLogContract(contract: StorageContract): void {
  let storage: Storage
  beforeEach(() => {
    storage = contract.storage
  })
  const openAnother = () => contract.openAnother()

  it('loads appended updates back in order, across a reopen', async () => {
    const source = new Y.Doc()
    const stored = storeUpdates(() => storage, board.id, source)
    const list = source.getArray<number>('list')
    for (let i = 0; i < 20; i++) list.push([i])
    await stored.done()

    storage = await contract.reopen()
    const loaded = await storage.loadDocument(board.id)
    expect(loaded.snapshot).toBeNull()
    expect(loaded.updates).toHaveLength(20)
    expect(docFrom(loaded).getArray('list').toArray()).toEqual(list.toArray())
  })

  it("a board's document mark stays while nothing is stored and changes with every append and compaction", async () => {
    const source = new Y.Doc()
    const stored = storeUpdates(() => storage, board.id, source)
    const map = source.getMap<string>('notes')
    map.set('a', 'Jobcenter')
    await stored.done()
    const first = await storage.documentMark(board.id)
    expect(await storage.documentMark(board.id)).toBe(first)
    map.set('b', 'Jugendamt')
    const seq = await stored.done()
    const appended = await storage.documentMark(board.id)
    expect(appended).not.toBe(first)
    await storage.compact(board.id, Y.encodeStateAsUpdate(source), seq)
    const compacted = await storage.documentMark(board.id)
    expect(compacted).not.toBe(appended)
    map.set('c', 'Kita-Träger')
    await stored.done()
    expect(await storage.documentMark(board.id)).not.toBe(compacted)
    expect(await storage.documentMark('kein-board-hier')).toBe('')
  })

  it('compaction keeps the content, drops covered updates and keeps later ones', async () => {
    const source = new Y.Doc()
    const stored = storeUpdates(() => storage, board.id, source)
    const map = source.getMap<string>('notes')
    map.set('a', 'Jobcenter')
    map.set('b', 'Jugendamt')
    await storage.compact(board.id, Y.encodeStateAsUpdate(source), await stored.done())
    map.set('c', 'Kita-Träger')
    const lastSeq = await stored.done()

    const loaded = await storage.loadDocument(board.id)
    expect(loaded.snapshot).not.toBeNull()
    expect(loaded.updates).toHaveLength(1)
    expect(loaded.lastSeq).toBe(lastSeq)
    expect(docFrom(loaded).getMap('notes').toJSON()).toEqual({ a: 'Jobcenter', b: 'Jugendamt', c: 'Kita-Träger' })
  })

  it('tells the bytes of what loadDocument returns, before and after compaction, without reading it', async () => {
    expect(await storage.documentBytes(board.id)).toBe(0)
    const first = await storage.appendUpdate(board.id, new Uint8Array(100))
    await storage.appendUpdate(board.id, new Uint8Array(50))
    expect(await storage.documentBytes(board.id)).toBe(150)
    await storage.compact(board.id, new Uint8Array(30), first)
    expect(await storage.documentBytes(board.id)).toBe(30 + 50)
    expect(await storage.documentBytes('nichtda')).toBe(0)
  })

  it('ignores a compaction older than the snapshot it would replace (a room unloading while a new one already compacted)', async () => {
    const first = await storage.appendUpdate(board.id, Uint8Array.of(1))
    const second = await storage.appendUpdate(board.id, Uint8Array.of(2))
    await storage.compact(board.id, Uint8Array.of(9, 2), second)
    await storage.compact(board.id, Uint8Array.of(9, 1), first)
    expect(await storage.loadDocument(board.id)).toEqual({ snapshot: Uint8Array.of(9, 2), updates: [], lastSeq: second })
  })

  it('numbers appends increasingly in call order, and loads snapshot plus later updates after compaction', async () => {
    expect(await storage.loadDocument(board.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
    // Sent all at once, not awaited one by one: still stored in the order of the calls.
    const seqs = await Promise.all(Array.from({ length: 30 }, (_, i) => storage.appendUpdate(board.id, Uint8Array.of(i))))
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)
    let loaded = await storage.loadDocument(board.id)
    expect(loaded.updates.map((u) => u[0])).toEqual(seqs.map((_, i) => i))
    expect(loaded.lastSeq).toBe(seqs.at(-1))

    await storage.compact(board.id, Uint8Array.of(100, 101), seqs[19]!)
    loaded = await storage.loadDocument(board.id)
    expect(loaded.snapshot).toEqual(Uint8Array.of(100, 101))
    expect(loaded.updates.map((u) => u[0])).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29])
    expect(loaded.lastSeq).toBe(seqs.at(-1))

    // Compacting everything: no updates left, lastSeq is the snapshot's.
    await storage.compact(board.id, Uint8Array.of(102), seqs.at(-1)!)
    loaded = await storage.loadDocument(board.id)
    expect(loaded).toEqual({ snapshot: Uint8Array.of(102), updates: [], lastSeq: seqs.at(-1) })
    // Appends go on numbering above what was compacted.
    const next = await storage.appendUpdate(board.id, Uint8Array.of(200))
    expect(next).toBeGreaterThan(seqs.at(-1)!)
    expect((await storage.loadDocument(board.id)).updates).toEqual([Uint8Array.of(200)])
  })

  it('appends from two instances at once (two relay processes) while a third compacts lose nothing', async () => {
    const [first, second, compactor] = [storage, await openAnother(), await openAnother()]
    const count = 60
    const writer = async (instance: Storage, name: string) => {
      const doc = new Y.Doc()
      const stored = storeUpdates(() => instance, board.id, doc)
      for (let i = 0; i < count; i++) {
        doc.getArray<string>('list').push([`${name}${i}`])
        // Let the other writer and the compactor in between.
        if (i % 5 === 0) await new Promise((resolve) => setImmediate(resolve))
      }
      await stored.done()
      return stored.seqs
    }
    let writing = true
    let compactions = 0
    const compacting = (async () => {
      while (writing) {
        const loaded = await compactor.loadDocument(board.id)
        const merged = Y.mergeUpdates([...(loaded.snapshot ? [loaded.snapshot] : []), ...loaded.updates])
        await compactor.compact(board.id, merged, loaded.lastSeq)
        compactions++
        // SQLite's calls resolve at once: let the writers run.
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const [a, b] = await Promise.all([writer(first, 'a'), writer(second, 'b')]).finally(() => (writing = false))
    await compacting

    expect(a).toHaveLength(count)
    expect(b).toHaveLength(count)
    expect(new Set([...a, ...b]).size).toBe(2 * count)
    for (const seqs of [a, b]) for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!)
    expect(compactions).toBeGreaterThan(0)

    const loaded = await storage.loadDocument(board.id)
    expect(loaded.lastSeq).toBe(Math.max(...a, ...b))
    const doc = docFrom(loaded)
    // An update dropped by a compaction would leave its writer's later ones pending, unseen.
    expect(doc.getArray<string>('list').toArray().sort()).toEqual(
      [...Array.from({ length: count }, (_, i) => `a${i}`), ...Array.from({ length: count }, (_, i) => `b${i}`)].sort(),
    )
  })
}
