/**
 * A board opened from the Fahrplan (`/b/<board>#n.<network>`): the address names the network, and
 * this browser's network link (`knownNetworks.ts`) opens the board as a network credential
 * (`shared/networkCredential.ts`). The credential is never remembered with the board: a renewed
 * network link must not leave an old one in the recent boards.
 */
import { networkCredential, networkFromFragment, parseNetworkCredential } from '../../shared/addresses.ts'
import { readKnownNetworks } from './knownNetworks.ts'

/** The credential for the network the fragment names; null if it names one this browser does not know; undefined if it names none. */
export function networkTokenForPage(hash: string, storage: Pick<Storage, 'getItem' | 'setItem'>): string | null | undefined {
  const networkId = networkFromFragment(hash)
  if (!networkId) return undefined
  const known = readKnownNetworks(storage).find((n) => n.id === networkId)
  return known ? networkCredential(known.id, known.token) : null
}

/** Whether the page's token is a network's (then the board's own facilitator link is not at hand). */
export const isNetworkCredential = (token: string) => parseNetworkCredential(token) !== undefined
