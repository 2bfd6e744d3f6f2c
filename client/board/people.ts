/**
 * Everyone connected to the board, for the people list. tldraw's own list (`usePeerIds`) leaves
 * out whoever has not moved for a minute: in a workshop that is the person reading, who still
 * needs a Planspiel role. Presence records leave the store when a peer disconnects, so "in the
 * store" means "connected".
 */
import { useEffect, useState } from 'react'
import { useComputed, useEditor, useValue, type TLInstancePresence, type TLUserId } from 'tldraw'

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

/** The time, renewed every few seconds, so idle marks appear without other changes. */
export function useClock(periodMs = 5000): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs)
    return () => clearInterval(timer)
  }, [periodMs])
  return now
}
