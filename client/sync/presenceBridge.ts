/**
 * Cursors, selections and names through Yjs awareness, never through the Y.Doc.
 *
 * Our presence is tldraw's own derivation (cursor, selection, camera, name, colour), published
 * as one awareness field. Every peer's field becomes an `instance_presence` record in our store,
 * keyed by their awareness client id, and is removed when the peer leaves.
 */
import type { Awareness } from 'y-protocols/awareness'
import {
  createPresenceStateDerivation,
  InstancePresenceRecordType,
  react,
  unsafe__withoutCapture,
  type TLInstancePresence,
  type TLStore,
} from 'tldraw'
import { presenceField } from './presenceField.ts'

export { presenceField }

/** Well under the relay's default MAX_AWARENESS_BYTES (32 KiB): past that it closes the socket. */
export const maxPresenceBytes = 16 * 1024
/** Others see the outline of what we selected; after a select-all, a few hundred say enough. */
export const maxSharedSelection = 200

/** Our presence, trimmed so that a select-all on a big board or a long scribble stays small. */
export function boundedPresence(presence: TLInstancePresence | null): TLInstancePresence | null {
  if (!presence) return presence
  let bounded = presence
  if (bounded.selectedShapeIds.length > maxSharedSelection) {
    bounded = { ...bounded, selectedShapeIds: bounded.selectedShapeIds.slice(0, maxSharedSelection) }
  }
  if (JSON.stringify(bounded).length > maxPresenceBytes) bounded = { ...bounded, selectedShapeIds: [], scribbles: [] }
  return bounded
}

export interface PresenceOptions {
  /** Minimum time between two awareness updates; pointer moves in between are coalesced. */
  throttleMs?: number
  now?: () => number
  /** False: hears everyone's presence and publishes none of its own (the Beamer, which is nobody). */
  publish?: boolean
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

export function presenceIdFor(clientId: number): TLInstancePresence['id'] {
  return InstancePresenceRecordType.createId(String(clientId))
}

export function bridgePresence(
  store: TLStore,
  awareness: Awareness,
  { throttleMs = 40, now = Date.now, publish = true }: PresenceOptions = {},
): () => void {
  const stopPublishing = publish ? publishLocalPresence(store, awareness, throttleMs, now) : () => {}

  // Peers' clocks differ from ours, and tldraw hides collaborators whose last activity looks
  // old; so we note *when we saw* their activity change, in our own clock.
  const activity = new Map<number, { theirs: unknown; ours: number }>()
  const localActivity = (clientId: number, theirs: unknown) => {
    const seen = activity.get(clientId)
    if (seen && seen.theirs === theirs) return seen.ours
    const ours = now()
    activity.set(clientId, { theirs, ours })
    return ours
  }

  const apply = (clientIds: number[], removedIds: number[]) => {
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue
      const id = presenceIdFor(clientId)
      const state = awareness.getStates().get(clientId)?.[presenceField]
      if (typeof state !== 'object' || state === null) {
        if (store.has(id)) toRemove.push(id)
        continue
      }
      const existing = store.get(id) ?? null
      try {
        const candidate = {
          ...state,
          id,
          typeName: 'instance_presence',
          lastActivityTimestamp: localActivity(clientId, (state as TLInstancePresence).lastActivityTimestamp),
        } as TLInstancePresence
        const phase = existing ? 'updateRecord' : 'createRecord'
        toPut.push(store.schema.validateRecord(store, candidate, phase, existing) as TLInstancePresence)
      } catch (error) {
        console.warn(`netzwerkstatt: ignored invalid presence from client ${clientId}`, error)
      }
    }
    for (const clientId of removedIds) {
      activity.delete(clientId)
      const id = presenceIdFor(clientId)
      if (store.has(id)) toRemove.push(id)
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  }

  const onChange = ({ added, updated, removed }: AwarenessChange) => {
    apply([...added, ...updated], removed)
  }
  awareness.on('change', onChange)
  apply([...awareness.getStates().keys()], [])

  return () => {
    awareness.off('change', onChange)
    stopPublishing()
    const ids = store.query.ids('instance_presence').get()
    if (ids.size > 0) store.mergeRemoteChanges(() => store.remove([...ids]))
  }
}

function publishLocalPresence(
  store: TLStore,
  awareness: Awareness,
  throttleMs: number,
  now: () => number,
): () => void {
  const $presence = createPresenceStateDerivation(store.props.users.currentUser, {
    instanceId: presenceIdFor(awareness.clientID),
  })(store)

  let timer: ReturnType<typeof setTimeout> | undefined
  let lastSent = -Infinity
  const publish = () => {
    timer = undefined
    lastSent = now()
    // Awareness compares states deeply and sends nothing when the presence did not change.
    awareness.setLocalStateField(presenceField, boundedPresence($presence.get()))
  }

  const stop = react('netzwerkstatt presence', () => {
    $presence.get()
    // Publishing can reach other stores synchronously (same-tab peers, tests); their reads must
    // not become dependencies of this effect.
    if (throttleMs <= 0) return unsafe__withoutCapture(publish)
    if (timer !== undefined) return
    timer = setTimeout(publish, Math.max(0, lastSent + throttleMs - now()))
  })

  return () => {
    stop()
    if (timer !== undefined) clearTimeout(timer)
    // Peers drop our cursor at once instead of after awareness's 30 s timeout.
    if (awareness.getLocalState() !== null) awareness.setLocalStateField(presenceField, null)
  }
}
