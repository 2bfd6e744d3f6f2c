/**
 * Who else is in the room, as awareness tells it: each peer's tldraw user id (from their
 * `presence`), the access role they publish (`workshop`) and their latest "Alle zu mir" (`summon`).
 * Also publishes our own access role.
 */
import { atom, type Atom } from '@tldraw/state'
import type { Awareness } from 'y-protocols/awareness'
import { roleAtLeast, type Role } from '../../../shared/access.ts'
import { readSummon, summonField, type Summon } from '../../../shared/facilitation/summon.ts'
import { readWorkshopPresence, workshopField } from '../../../shared/board/entries/roles.ts'
import { presenceField } from '../../sync/presenceField.ts'

export interface RoomPeer {
  clientId: number
  /** The presence `userId` (`user:…`), once their presence has arrived. */
  userId: string | null
  role: Role | null
  summon: Summon | null
}

export interface RoomPeers {
  peers: Atom<readonly RoomPeer[]>
  dispose(): void
}

export function readPeer(clientId: number, state: Record<string, unknown>): RoomPeer {
  const presence = state[presenceField] as { userId?: unknown } | null | undefined
  const userId = typeof presence?.userId === 'string' ? presence.userId : null
  return {
    clientId,
    userId,
    role: readWorkshopPresence(state[workshopField])?.role ?? null,
    summon: readSummon(state[summonField]) ?? null,
  }
}

export function watchRoomPeers(awareness: Awareness, ownRole: Role): RoomPeers {
  // Published once: it is our link's role and does not change while the board is open.
  awareness.setLocalStateField(workshopField, { role: ownRole })
  const peers = atom<readonly RoomPeer[]>('room peers', [])
  const update = () => {
    const next: RoomPeer[] = []
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId !== awareness.clientID) next.push(readPeer(clientId, state))
    }
    peers.set(next)
  }
  // 'change' fires only when a state really changed, not on every keep-alive.
  awareness.on('change', update)
  update()
  return {
    peers,
    dispose() {
      awareness.off('change', update)
    },
  }
}

/** The access role a user id publishes; a person with several tabs counts with their highest. */
export function roleOfUser(peers: readonly RoomPeer[], userId: string): Role | null {
  let best: Role | null = null
  for (const peer of peers) {
    if (peer.userId !== userId || !peer.role) continue
    if (best === null || !roleAtLeast(best, peer.role)) best = peer.role
  }
  return best
}
