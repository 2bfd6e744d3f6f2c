/**
 * The network link renewed in this browser (`NetworkLinkRenewal.tsx` remembers the new one in
 * `knownNetworks.ts`): the relay closes everything the old link opened, and this browser's own
 * tabs follow the new link instead of closing: a board opened from the Fahrplan (`#n.<network>`)
 * connects again with the network's new credential, a second Fahrplan opens with the new link.
 * A tab refused with the old link never makes the browser forget the new one. Tabs of other
 * browsers, which hold only the old link, close as before.
 */
import { networkCredential, parseNetworkCredential } from '../../shared/addresses.ts'
import { forgetNetwork, knownNetworksKey, readKnownNetworks } from './knownNetworks.ts'

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'> & Partial<Pick<Storage, 'removeItem'>>

/** The network credential this browser holds now for the network `pageToken` names, if it is another one (renewed here); else null. */
export function renewedNetworkCredential(pageToken: string, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null {
  const parsed = parseNetworkCredential(pageToken)
  if (!parsed) return null
  const known = readKnownNetworks(storage).find((n) => n.id === parsed.networkId)
  if (!known || known.token === parsed.token) return null
  return networkCredential(known.id, known.token)
}

/**
 * A Fahrplan refused with `refusedToken`: where this browser holds another link of the network
 * (renewed in another tab), the page opens with that one; else the refused link is forgotten.
 */
export function afterNetworkRefused(storage: KeyValueStorage, networkId: string, refusedToken: string): { reopenWith: string | null } {
  const known = readKnownNetworks(storage).find((n) => n.id === networkId)
  if (known && known.token !== refusedToken) return { reopenWith: known.token }
  forgetNetwork(storage, networkId)
  return { reopenWith: null }
}

/**
 * Calls `onRenewed` once another tab of this browser remembers a new link of the network the
 * page's credential names (a `storage` event); returns the unsubscribe.
 */
export function onNetworkRenewed(pageToken: string, storage: Pick<Storage, 'getItem' | 'setItem'>, onRenewed: () => void, target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  if (!parseNetworkCredential(pageToken)) return () => {}
  const listener = (event: StorageEvent) => {
    if (event.key === knownNetworksKey && renewedNetworkCredential(pageToken, storage)) onRenewed()
  }
  target.addEventListener('storage', listener)
  return () => target.removeEventListener('storage', listener)
}
