/**
 * When "last here" is: the tracker (`client/board/sinceLastVisit.ts`) with real Y.Docs, a page
 * whose visibility the test switches, and a clock the test moves.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { trackSinceLastVisit, unseenLifetimeMs, type SinceLastVisit } from '../../client/board/sinceLastVisit.ts'
import { sinceKey } from '../../client/sinceMemory.ts'
import { getRecordsMap, writeRecord, type StoredRecord } from '../../shared/board/records.ts'

const note = (id: string, x = 0): StoredRecord => ({ id: `shape:${id}`, typeName: 'shape', type: 'note', parentId: 'page:1', x, y: 0, props: { richText: id }, meta: {} })

let visibility: 'visible' | 'hidden' = 'visible'
const listeners = new Map<string, () => void>()
let clock = 0
const storage = new Map<string, string>()
const fakeStorage = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) } as Storage
const pages: SinceLastVisit[] = []

beforeEach(() => {
  visibility = 'visible'
  clock = 1_000_000
  storage.clear()
  listeners.clear()
  const events = { addEventListener: (name: string, fn: () => void) => listeners.set(name, fn), removeEventListener: () => {} }
  vi.stubGlobal('document', { ...events, get visibilityState() { return visibility } })
  vi.stubGlobal('window', events)
})
afterEach(() => {
  pages.splice(0).forEach((p) => p.dispose())
  vi.unstubAllGlobals()
})

/** The relay's doc, and a page opening it: a fresh doc synced from the relay, as after a load. */
const relay = () => new Y.Doc()
async function openPage(board: Y.Doc) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board))
  board.on('update', (u: Uint8Array) => Y.applyUpdate(doc, u))
  const page = trackSinceLastVisit('b1', doc, Promise.resolve(), { storage: fakeStorage, now: () => clock })
  pages.push(page)
  await vi.waitUntil(() => page.compared.get())
  return page
}
const close = (page: SinceLastVisit) => {
  listeners.get('pagehide')?.()
  page.dispose()
}
const switchTo = (state: 'visible' | 'hidden') => {
  visibility = state
  listeners.get('visibilitychange')?.()
}
const ids = (page: SinceLastVisit) => page.unseen.get()?.shapes.map((s) => s.id).sort() ?? []

describe('since the last visit: when one was last here', () => {
  it('says nothing on a first visit, nor about what one watched arrive', async () => {
    const board = relay()
    writeRecord(getRecordsMap(board), note('a'))
    const first = await openPage(board)
    expect(first.unseen.get()).toBeNull()
    writeRecord(getRecordsMap(board), note('watched'))
    close(first)
    expect((await openPage(board)).unseen.get()).toBeNull()
  })

  it('shows what changed while away, keeps it over a reload until seen, then nothing', async () => {
    const board = relay()
    writeRecord(getRecordsMap(board), note('a'))
    close(await openPage(board))
    writeRecord(getRecordsMap(board), note('b'))
    writeRecord(getRecordsMap(board), note('a', 300))
    const back = await openPage(board)
    expect(ids(back)).toEqual(['shape:a', 'shape:b'])
    close(back)
    const reloaded = await openPage(board)
    expect(ids(reloaded)).toEqual(['shape:a', 'shape:b'])
    reloaded.markSeen(['shape:b'])
    expect(ids(reloaded)).toEqual(['shape:a'])
    reloaded.markSeen(['shape:a'])
    expect(reloaded.unseen.get()).toBeNull()
    close(reloaded)
    expect((await openPage(board)).unseen.get()).toBeNull()
  })

  it('counts a tab hidden for long as away, a short glance elsewhere not', async () => {
    const board = relay()
    const page = await openPage(board)
    switchTo('hidden')
    writeRecord(getRecordsMap(board), note('brief'))
    clock += 60_000
    switchTo('visible')
    expect(page.unseen.get()).toBeNull()
    switchTo('hidden')
    writeRecord(getRecordsMap(board), note('long'))
    clock += 10 * 60_000
    switchTo('visible')
    expect(ids(page)).toEqual(['shape:long'])
  })

  it('drops unseen changes a few days after they were first shown', async () => {
    const board = relay()
    close(await openPage(board))
    writeRecord(getRecordsMap(board), note('b'))
    close(await openPage(board))
    clock += unseenLifetimeMs + 1
    expect((await openPage(board)).unseen.get()).toBeNull()
  })

  it('forgets a deleted shape it was keeping as unseen', async () => {
    const board = relay()
    close(await openPage(board))
    writeRecord(getRecordsMap(board), note('b'))
    writeRecord(getRecordsMap(board), note('c'))
    close(await openPage(board))
    getRecordsMap(board).delete('shape:b')
    const page = await openPage(board)
    expect(ids(page)).toEqual(['shape:c'])
  })

  it('opens the board as a first visit whatever a poisoned entry in this browser holds', async () => {
    const board = relay()
    writeRecord(getRecordsMap(board), note('a'))
    const poisons = [
      'not json {',
      '{"seen": 12}',
      '{"seen": "!!! not base64"}',
      JSON.stringify({ seen: btoa(String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))) }),
      // A state vector naming clocks the board never reached: another document.
      JSON.stringify({ seen: btoa('\xff\xff\xff\xff\x0f' + '\xff'.repeat(10_000)) }),
      JSON.stringify({ seen: '', unseen: { shownAt: clock, deletedShapes: -5, shapes: [], comments: [] } }),
      JSON.stringify({ seen: '', unseen: { shownAt: 'x', deletedShapes: 3, shapes: [{ id: 'shape:a', kind: 'new' }], comments: [] } }),
    ]
    for (const poison of poisons) {
      storage.set(sinceKey('b1'), poison)
      const page = await openPage(board)
      expect(page.unseen.get(), poison.slice(0, 40)).toBeNull()
      close(page)
    }
    // Kept "for ever" by a first-shown time in the future: dropped like any other after the lifetime.
    storage.set(sinceKey('b1'), JSON.stringify({ seen: '', unseen: { shownAt: clock + 1e12, deletedShapes: 0, shapes: [{ id: 'shape:a', kind: 'new', note: true, moved: false, text: false }], comments: [] } }))
    close(await openPage(board))
    clock += unseenLifetimeMs + 1
    expect((await openPage(board)).unseen.get()).toBeNull()
  })
})

