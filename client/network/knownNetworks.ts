/**
 * The networks this browser holds the coordinator's link of, most recently opened first. Lives in
 * localStorage only, as the recent boards do (`recentBoards.ts`): the relay tells nobody which
 * networks exist. A board page asks this list whether the board belongs to a network its viewer
 * coordinates (results carried across boards, the way back to the Fahrplan).
 */
import { networkIdPattern, tokenPattern } from '../../shared/addresses.ts'
import { fahrplanSinceKey } from '../sinceMemory.ts'

export interface KnownNetwork {
  id: string
  name: string
  token: string
  /** ISO timestamp of the last time the Fahrplan was opened. */
  lastOpened: string
}

export const knownNetworksKey = 'netzwerkstatt:networks'
const maxEntries = 20

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

export function readKnownNetworks(storage: KeyValueStorage): KnownNetwork[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(storage.getItem(knownNetworksKey) ?? '[]')
  } catch {
    return []
  }
  if (!Array.isArray(parsed)) return []
  return parsed
    .filter(
      (e): e is KnownNetwork =>
        typeof e === 'object' && e !== null &&
        typeof e.id === 'string' && networkIdPattern.test(e.id) &&
        typeof e.token === 'string' && tokenPattern.test(e.token) &&
        typeof e.name === 'string' && typeof e.lastOpened === 'string',
    )
    .map(({ id, name, token, lastOpened }) => ({ id, name, token, lastOpened }))
    .sort((a, b) => b.lastOpened.localeCompare(a.lastOpened))
}

/** Notes that the network was opened now with this link and under this name. */
export function rememberNetwork(storage: KeyValueStorage, network: { id: string; name: string; token: string }, now = new Date()): KnownNetwork[] {
  const entry: KnownNetwork = { ...network, lastOpened: now.toISOString() }
  const next = [entry, ...readKnownNetworks(storage).filter((e) => e.id !== network.id)].slice(0, maxEntries)
  write(storage, next)
  return next
}

/** The network is gone, or its link no longer valid: forget it. */
export function forgetNetwork(storage: KeyValueStorage & Partial<Pick<Storage, 'removeItem'>>, id: string): KnownNetwork[] {
  const next = readKnownNetworks(storage).filter((e) => e.id !== id)
  storage.removeItem?.(fahrplanSinceKey(id))
  write(storage, next)
  return next
}

function write(storage: KeyValueStorage, entries: KnownNetwork[]) {
  try {
    storage.setItem(knownNetworksKey, JSON.stringify(entries))
  } catch {
    // Storage full or disabled: the list is a convenience; the link itself still opens the network.
  }
}
