/**
 * Everyone connected to the board, for the people list. tldraw's own list (`usePeerIds`) leaves
 * out whoever has not moved for a minute: in a workshop that is the person reading, who still
 * needs a Planspiel role. Presence records leave the store when a peer disconnects, so "in the
 * store" means "connected".
 */
import { useSyncExternalStore } from 'react'
import { useComputed, useEditor, useValue, type Editor, type TLInstancePresence, type TLUserId } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { roleOfUser, type RoomPeer } from './facilitation/roomPeers.ts'

export interface PresentPerson {
  name: string
  /** The access role their client publishes; null from a client that publishes none. */
  role: Role | null
}

/** Everyone connected with their access role, this person first; each name once, empty names left out. */
export function presentPeople(editor: Editor, peers: readonly RoomPeer[], ownRole: Role): PresentPerson[] {
  const people: PresentPerson[] = [
    { name: editor.user.getName(), role: ownRole },
    ...editor.getCollaborators().map((p) => ({ name: p.userName, role: roleOfUser(peers, p.userId) })),
  ]
  const seen = new Set<string>()
  return people
    .map((p) => ({ ...p, name: p.name.trim() }))
    .filter((p) => p.name && !seen.has(p.name) && seen.add(p.name))
}

/** The names of everyone connected, this person first; each once, empty names left out. */
export function presentNames(editor: Editor): string[] {
  return presentPeople(editor, [], 'participant').map((p) => p.name)
}

/**
 * Who small groups are drawn from: the participants. The facilitator (on any of her devices)
 * and observers are not drawn; the facilitator can still put anyone into a group by hand.
 */
export const participantNames = (editor: Editor, peers: readonly RoomPeer[], ownRole: Role): string[] =>
  presentPeople(editor, peers, ownRole)
    .filter((p) => p.role === 'participant' || p.role === null)
    .map((p) => p.name)

/** tldraw's own threshold for an inactive collaborator, so the list and the cursors agree. */
export const idleAfterMs = 60_000

export function useConnectedPeerIds(): TLUserId[] {
  const editor = useEditor()
  const ids = useComputed(
    'connected peers',
    () => [...new Set(editor.getCollaborators().map((p) => p.userId))].sort(),
    { isEqual: (a: TLUserId[], b: TLUserId[]) => a.length === b.length && a.every((id, i) => id === b[i]) },
    [editor],
  )
  return useValue(ids)
}

export const isIdle = (presence: Pick<TLInstancePresence, 'lastActivityTimestamp'>, now: number) =>
  presence.lastActivityTimestamp !== null && presence.lastActivityTimestamp > 0 && now - presence.lastActivityTimestamp > idleAfterMs

/**
 * The time, renewed every few seconds, so idle marks appear without other changes. One timer for
 * every row of the list: a plenary of 300 must not run 300 intervals.
 */
const clockPeriodMs = 5000
const listeners = new Set<() => void>()
let clockNow = Date.now()
let clockTimer: ReturnType<typeof setInterval> | undefined

function subscribeClock(listener: () => void): () => void {
  listeners.add(listener)
  if (!clockTimer) {
    clockNow = Date.now()
    clockTimer = setInterval(() => {
      clockNow = Date.now()
      for (const notify of listeners) notify()
    }, clockPeriodMs)
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0) {
      clearInterval(clockTimer)
      clockTimer = undefined
    }
  }
}

export const useClock = (): number => useSyncExternalStore(subscribeClock, () => clockNow)
