/**
 * The network link renewed in this browser (`NetworkLinkRenewal.tsx`): the renewing tab opens anew
 * with the new link; this browser's other tabs (a board opened from the Fahrplan, a second
 * Fahrplan) follow it instead of closing, and a tab refused with the old link never makes the
 * browser forget the new one. Tabs elsewhere, holding only the old link, close as before.
 */
import { describe, expect, it } from 'vitest'
import { networkCredential } from '../../../shared/networkCredential.ts'
import { knownNetworksKey, readKnownNetworks, rememberNetwork } from '../../../client/network/knownNetworks.ts'
import { afterNetworkRefused, renewedNetworkCredential } from '../../../client/network/networkRenewal.ts'

const networkId = 'N0000000000000000000aa'
const oldToken = 'o'.repeat(32)
const newToken = 'n'.repeat(32)

function memoryStorage() {
  const items = new Map<string, string>()
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) }
}

describe('a network link renewed in this browser', () => {
  it('a board opened through the network finds the renewed credential and follows it', () => {
    const storage = memoryStorage()
    rememberNetwork(storage, { id: networkId, name: 'Frühe Hilfen', token: oldToken })
    const opened = networkCredential(networkId, oldToken)
    expect(renewedNetworkCredential(opened, storage)).toBeNull()
    // The renewing tab remembers the new link (`NetworkLinkRenewal.tsx`).
    rememberNetwork(storage, { id: networkId, name: 'Frühe Hilfen', token: newToken })
    expect(renewedNetworkCredential(opened, storage)).toBe(networkCredential(networkId, newToken))
    // A board's own link is no network's: nothing to follow.
    expect(renewedNetworkCredential('b'.repeat(32), storage)).toBeNull()
  })

  it('a Fahrplan refused with the old link opens with the new one, and the browser keeps the new link', () => {
    const storage = memoryStorage()
    rememberNetwork(storage, { id: networkId, name: 'Frühe Hilfen', token: newToken })
    expect(afterNetworkRefused(storage, networkId, oldToken)).toEqual({ reopenWith: newToken })
    expect(readKnownNetworks(storage).map((n) => n.token)).toEqual([newToken])
  })

  it('a link refused that is the one this browser holds is forgotten, as before', () => {
    const storage = memoryStorage()
    rememberNetwork(storage, { id: networkId, name: 'Frühe Hilfen', token: oldToken })
    expect(afterNetworkRefused(storage, networkId, oldToken)).toEqual({ reopenWith: null })
    expect(JSON.parse(storage.getItem(knownNetworksKey)!)).toEqual([])
  })
})
