/**
 * Everyone connected to the board, for the people list. tldraw's own list (`usePeerIds`) leaves
 * out whoever has not moved for a minute: in a workshop that is the person reading, who still
 * needs a Planspiel role. Presence records leave the store when a peer disconnects, so "in the
 * store" means "connected".
 */
import { useSyncExternalStore } from 'react'
import { useComputed, useEditor, useValue, type Editor, type TLInstancePresence, type TLUserId } from 'tldraw'

/** The names of everyone connected, this person first; each once, empty names left out. */
export function presentNames(editor: Editor): string[] {
  const names = [editor.user.getName(), ...editor.getCollaborators().map((p) => p.userName)].map((n) => n.trim()).filter(Boolean)
  return [...new Set(names)]
}

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
