import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  applyAwarenessUpdate,
  Awareness,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness'
import { TLPOINTER_ID, type TLInstancePresence, type TLStore } from 'tldraw'
import { startBoardSync, type BoardSync } from '../../client/sync/boardSync.ts'
import { getRecordsMap } from '../../client/sync/boardDoc.ts'
import {
  boundedPresence,
  maxPresenceBytes,
  maxSharedSelection,
  presenceField,
  presenceIdFor,
} from '../../client/sync/presenceBridge.ts'
import { linkedDocs, makeStore } from '../helpers/boardStores.ts'

const cleanup: Array<() => void> = []
afterEach(() => {
  cleanup.splice(0).forEach((fn) => fn())
  vi.restoreAllMocks()
})

/** Two awareness instances wired like two browsers behind a relay. */
function linkedAwareness(docA: Y.Doc, docB: Y.Doc): [Awareness, Awareness] {
  const a = new Awareness(docA)
  const b = new Awareness(docB)
  const relay = Symbol('relay')
  const forward = (from: Awareness, to: Awareness) =>
    from.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === relay) return
      applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), relay)
    })
  forward(a, b)
  forward(b, a)
  cleanup.push(() => {
    a.destroy()
    b.destroy()
  })
  return [a, b]
}

function peer(store: TLStore, doc: Y.Doc, awareness: Awareness, now?: () => number): BoardSync {
  const sync = startBoardSync(store, doc, { awareness, presence: { throttleMs: 0, now } })
  cleanup.push(() => sync.dispose())
  return sync
}

function setup() {
  const [docA, docB] = linkedDocs()
  const [awA, awB] = linkedAwareness(docA, docB)
  const storeA = makeStore('Anna')
  const storeB = makeStore('Ben')
  const syncA = peer(storeA, docA, awA)
  peer(storeB, docB, awB)
  return { docA, awA, awB, storeA, storeB, syncA }
}

const presenceOf = (store: TLStore, awareness: Awareness) =>
  store.get(presenceIdFor(awareness.clientID)) as TLInstancePresence | undefined

describe('presence bridge', () => {
  it("shows each peer's name, colour and cursor as a presence record in the other store", () => {
    const { awA, awB, storeA, storeB } = setup()
    expect(presenceOf(storeB, awA)).toMatchObject({ userName: 'Anna', color: '#39B178' })
    expect(presenceOf(storeA, awB)).toMatchObject({ userName: 'Ben' })
    // Our own presence is never a collaborator in our own store.
    expect(presenceOf(storeA, awA)).toBeUndefined()

    storeA.update(TLPOINTER_ID, (p) => ({ ...p, x: 42, y: 7 }))
    expect(presenceOf(storeB, awA)?.cursor).toMatchObject({ x: 42, y: 7 })
  })

  it('removes the record when the peer leaves', () => {
    const { awA, storeB, syncA } = setup()
    expect(presenceOf(storeB, awA)).toBeDefined()
    syncA.dispose()
    expect(presenceOf(storeB, awA)).toBeUndefined()
  })

  it('removes the record when the peer times out or disconnects', () => {
    const { awA, awB, storeB } = setup()
    removeAwarenessStates(awB, [awA.clientID], 'timeout')
    expect(presenceOf(storeB, awA)).toBeUndefined()
  })

  it('publishes nothing for the wall (the Beamer), which still sees everyone', () => {
    const [docA, docB] = linkedDocs()
    const [wall, awB] = linkedAwareness(docA, docB)
    wall.setLocalState(null)
    const wallStore = makeStore('Listige Amsel')
    const storeB = makeStore('Ben')
    const sync = startBoardSync(wallStore, docA, { awareness: wall, presence: { throttleMs: 0, publish: false } })
    cleanup.push(() => sync.dispose())
    peer(storeB, docB, awB)
    wallStore.update(TLPOINTER_ID, (p) => ({ ...p, x: 42, y: 7 }))
    expect(awB.getStates().has(wall.clientID)).toBe(false)
    // Presenting from the wall, it holds a state for its summons: still no presence in it.
    wall.setLocalState({ workshop: { role: 'facilitator' } })
    wallStore.update(TLPOINTER_ID, (p) => ({ ...p, x: 50, y: 9 }))
    expect(awB.getStates().get(wall.clientID)).toEqual({ workshop: { role: 'facilitator' } })
    expect(presenceOf(storeB, wall)).toBeUndefined()
    expect(presenceOf(wallStore, awB)).toMatchObject({ userName: 'Ben' })
  })

  it('never writes presence or names into the doc', () => {
    const { docA, storeA } = setup()
    storeA.update(TLPOINTER_ID, (p) => ({ ...p, x: 5 }))
    const json = JSON.stringify(docA.toJSON())
    expect(json).not.toContain('Anna')
    expect(JSON.stringify(getRecordsMap(docA).toJSON())).not.toContain('instance_presence')
    expect([...getRecordsMap(docA).keys()].every((k) => !k.startsWith('instance'))).toBe(true)
  })

  it('ignores an invalid presence state from a peer', () => {
    const { awA, awB, storeB } = setup()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    awA.setLocalStateField(presenceField, { userName: 42 })
    expect(warn).toHaveBeenCalled()
    // The last good presence stays rather than breaking the store.
    expect(presenceOf(storeB, awA)?.userName).toBe('Anna')
    void awB
  })

  it("stamps a peer's activity with our clock, not theirs", () => {
    const [docA, docB] = linkedDocs()
    const [awA, awB] = linkedAwareness(docA, docB)
    const storeA = makeStore('Anna')
    const storeB = makeStore('Ben')
    peer(storeA, docA, awA)
    peer(storeB, docB, awB, () => 1_000_000)
    expect(presenceOf(storeB, awA)?.lastActivityTimestamp).toBe(1_000_000)
  })
})

describe('presence size', () => {
  it('stays under the relay limit after a select-all on a big board or a long scribble', () => {
    const base = { selectedShapeIds: [], scribbles: [] } as unknown as TLInstancePresence
    const ids = Array.from({ length: 3000 }, (_, i) => `shape:${i}`) as TLInstancePresence['selectedShapeIds']
    const selected = boundedPresence({ ...base, selectedShapeIds: ids })!
    expect(selected.selectedShapeIds).toEqual(ids.slice(0, maxSharedSelection))
    const points = Array.from({ length: 2000 }, (_, i) => ({ x: i, y: i, z: 0.5 }))
    const scribbling = { ...base, scribbles: [{ id: 's', points }] } as unknown as TLInstancePresence
    expect(JSON.stringify(boundedPresence(scribbling)).length).toBeLessThan(maxPresenceBytes)
  })
})
