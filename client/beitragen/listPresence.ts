/**
 * The list's presence in the room: the same awareness fields the canvas publishes
 * (`presence`, tldraw's `instance_presence` record, made by `sync/presenceBridge.ts`, and
 * `workshop: { role }`, `facilitation/roomPeers.ts`), written by hand so the list loads no
 * tldraw. So a phone in the list is in the facilitator's people list with its role, in the
 * Protokoll's attendance, drawn into Kleingruppen, counted for a vote, and its Zettel carry its
 * name on the canvas.
 *
 * No cursor on anyone's canvas: tldraw draws collaborators on the page it is showing only, and
 * ours names a page no board has. Nothing else about the person goes out: no camera, no selection.
 */
import type { Awareness } from 'y-protocols/awareness'
import type { Role } from '../../shared/access.ts'
import { workshopField } from '../../shared/board/awarenessFields.ts'
import type { StoredUser } from '../storedUser.ts'

/** `sync/presenceBridge.ts`'s field, repeated: importing it would bring in tldraw. */
export const presenceField = 'presence'
/** A page id that is on no board (tldraw's are random), so no canvas draws us on its page. */
export const listPageId = 'page:netzwerkstatt-beitragen'
/**
 * Activity is told at most this often: the people list marks someone idle after a minute
 * without any (`board/people.ts`), and a phone's every keystroke need not go to the whole room.
 */
export const activityEveryMs = 15_000

/** The `instance_presence` record a canvas would publish for this user, without cursor or view of the board. */
export function listPresence(user: StoredUser, clientId: number, lastActivityTimestamp: number) {
  return {
    id: `instance_presence:${clientId}`,
    typeName: 'instance_presence',
    userId: `user:${user.id}`,
    userName: user.name,
    color: user.color,
    lastActivityTimestamp,
    camera: { x: 0, y: 0, z: 1 },
    screenBounds: { x: 0, y: 0, w: 1, h: 1 },
    followingUserId: null,
    cursor: { x: 0, y: 0, type: 'default', rotation: 0 },
    chatMessage: '',
    brush: null,
    scribbles: [],
    selectedShapeIds: [],
    currentPageId: listPageId,
    meta: {},
  }
}

export interface PublishedPresence {
  /** A new name, at once to everyone. */
  rename(user: StoredUser): void
  /** Stops publishing: others drop us at once instead of after awareness's 30 s timeout. */
  dispose(): void
}

/** Publishes this person's presence and access role, and their activity (typing, tapping) now and then. */
export function publishListPresence(
  awareness: Awareness,
  user: StoredUser,
  role: Role,
  { now = Date.now, activity = typeof window === 'undefined' ? undefined : window }: { now?: () => number; activity?: EventTarget } = {},
): PublishedPresence {
  let current = user
  let lastActivity = now()
  const publish = () => awareness.setLocalStateField(presenceField, listPresence(current, awareness.clientID, lastActivity))
  awareness.setLocalStateField(workshopField, { role })
  publish()
  const onActivity = () => {
    if (now() - lastActivity < activityEveryMs) return
    lastActivity = now()
    publish()
  }
  const events = ['keydown', 'pointerdown', 'scroll'] as const
  for (const event of events) activity?.addEventListener(event, onActivity, { passive: true, capture: true })
  return {
    rename(user) {
      current = user
      lastActivity = now()
      publish()
    },
    dispose() {
      for (const event of events) activity?.removeEventListener(event, onActivity, { capture: true })
      if (awareness.getLocalState() !== null) awareness.setLocalStateField(presenceField, null)
    },
  }
}
