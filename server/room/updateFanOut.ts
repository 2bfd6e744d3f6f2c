/** What a fan-out sends of the updates stored since the last (`Room.flushUpdates`). */
import * as Y from 'yjs'
import type { RoomClient } from '../judge/roomClient.ts'

export interface PendingUpdate {
  update: Uint8Array
  origin: RoomClient | null
}

/** The client whose own updates are more than half of the bytes pending, if one is. */
export function heaviestWriter(pending: PendingUpdate[]): RoomClient | null {
  let total = 0
  const own = new Map<RoomClient, number>()
  for (const { update, origin } of pending) {
    total += update.byteLength
    if (origin) own.set(origin, (own.get(origin) ?? 0) + update.byteLength)
  }
  for (const [writer, bytes] of own) if (bytes * 2 > total) return writer
  return null
}

export function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)
}
