/**
 * Which phases of a network's Fahrplan this browser keeps collapsed: remembered per network, so
 * that a coordinator who closed the finished phases finds them closed on her next visit.
 */
import { useCallback, useState } from 'react'
import { phaseIds, type PhaseId } from '../../shared/templates/phases.ts'

const key = (networkId: string) => `netzwerkstatt:fahrplan-collapsed:${networkId}`

export function readCollapsed(storage: Storage, networkId: string): Set<PhaseId> {
  try {
    const stored: unknown = JSON.parse(storage.getItem(key(networkId)) ?? '[]')
    return new Set(Array.isArray(stored) ? phaseIds.filter((id) => stored.includes(id)) : [])
  } catch {
    return new Set()
  }
}

export function writeCollapsed(storage: Storage, networkId: string, collapsed: ReadonlySet<PhaseId>): void {
  try {
    if (collapsed.size === 0) storage.removeItem(key(networkId))
    else storage.setItem(key(networkId), JSON.stringify([...collapsed]))
  } catch {
    // Storage full or refused: the choice holds for this visit.
  }
}

export function useCollapsedPhases(networkId: string) {
  const [collapsed, setCollapsed] = useState(() => readCollapsed(localStorage, networkId))
  const toggle = useCallback(
    (phase: PhaseId) =>
      setCollapsed((now) => {
        const next = new Set(now)
        if (!next.delete(phase)) next.add(phase)
        writeCollapsed(localStorage, networkId, next)
        return next
      }),
    [networkId],
  )
  return { collapsed, toggle }
}
