/**
 * The list's presence (client/beitragen/listPresence.ts) as a canvas hears it: a valid
 * instance_presence with the person's name, colour and id, and their access role; on no page a
 * board has (no cursor); renamed at once and gone when the list closes. And this browser's user
 * as the list reads and writes it in tldraw's storage (client/storedUser.ts).
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import type { TLInstancePresence } from 'tldraw'
import { bridgePresence } from '../../client/sync/presenceBridge.ts'
import { readPeer } from '../../client/board/facilitation/roomPeers.ts'
import { activityEveryMs, listPageId, publishListPresence } from '../../client/beitragen/listPresence.ts'
import { storedUser, storeUserName } from '../../client/storedUser.ts'
import { makeStore } from '../helpers/boardStores.ts'

const cleanup: Array<() => void> = []
afterEach(() => cleanup.splice(0).forEach((fn) => fn()))

/** The list's awareness and a canvas's, behind a relay. */
function listAndCanvas() {
  const list = new Awareness(new Y.Doc())
  const canvas = new Awareness(new Y.Doc())
  const relay = Symbol('relay')
  list.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    if (origin !== relay) applyAwarenessUpdate(canvas, encodeAwarenessUpdate(list, [...added, ...updated, ...removed]), relay)
  })
  const store = makeStore('Moderation')
  cleanup.push(bridgePresence(store, canvas, { throttleMs: 0 }), () => list.destroy(), () => canvas.destroy())
  const presences = () => store.query.records('instance_presence').get() as TLInstancePresence[]
  return { list, canvas, store, presences }
}

/** A Map-backed Storage, as localStorage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  }
}

describe('the list’s presence', () => {
  const user = { id: 'abc123', name: 'Yasemin Kaya (Jobcenter)', color: '#02B1CC' }

  it('reaches a canvas as a valid presence with name, colour, id and role, on no page of the board', () => {
    const { list, canvas, presences } = listAndCanvas()
    const published = publishListPresence(list, user, 'participant')
    cleanup.push(published.dispose)
    const [presence] = presences()
    expect(presence).toMatchObject({ userId: 'user:abc123', userName: 'Yasemin Kaya (Jobcenter)', color: '#02B1CC', currentPageId: listPageId })
    expect(readPeer(list.clientID, canvas.getStates().get(list.clientID)!)).toMatchObject({ userId: 'user:abc123', role: 'participant' })
  })

  it('tells a new name at once, activity at most every few seconds, and leaves when closed', () => {
    const { list, presences } = listAndCanvas()
    let now = 1_000_000
    const activity = new EventTarget()
    const published = publishListPresence(list, user, 'observer', { now: () => now, activity })
    const sent = () => (list.getLocalState()!.presence as { lastActivityTimestamp: number }).lastActivityTimestamp
    now += 1000
    activity.dispatchEvent(new Event('keydown'))
    expect(sent()).toBe(1_000_000)
    now += activityEveryMs
    activity.dispatchEvent(new Event('keydown'))
    expect(sent()).toBe(now)

    published.rename({ ...user, name: 'Yasemin' })
    expect(presences().map((p) => p.userName)).toEqual(['Yasemin'])
    published.dispose()
    expect(presences()).toEqual([])
  })
})

describe('this browser’s user, in tldraw’s storage', () => {
  it('is made on a first visit with an id, a colour and a generated name, and stays the same after', () => {
    const storage = memoryStorage()
    const first = storedUser('de', storage)
    expect(first.id).toMatch(/^[\w-]{8,}$/)
    expect(first.color).toMatch(/^#[0-9A-F]{6}$/)
    expect(first.name.split(' ')).toHaveLength(2)
    expect(storedUser('de', storage)).toEqual(first)
    expect(JSON.parse(storage.getItem('TLDRAW_USER_DATA_v3')!).user).toEqual({ id: first.id, color: first.color, name: first.name })
  })

  it('keeps what the canvas stored (id, colour, other preferences) and changes only the name', () => {
    const storage = memoryStorage()
    const canvasData = { version: 13, user: { id: 'canvas-id', color: '#7B66DC', name: 'Kluge Gämse', locale: 'de', isSnapMode: true } }
    storage.setItem('TLDRAW_USER_DATA_v3', JSON.stringify(canvasData))
    const user = storedUser('de', storage)
    expect(user).toEqual({ id: 'canvas-id', color: '#7B66DC', name: 'Kluge Gämse' })
    storeUserName(user, 'Anna Krüger', storage)
    expect(JSON.parse(storage.getItem('TLDRAW_USER_DATA_v3')!)).toEqual({ ...canvasData, user: { ...canvasData.user, name: 'Anna Krüger' } })
  })
})
