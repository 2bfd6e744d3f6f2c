/** The network between meetings from the Fahrplan (`shared/networkBetween.ts`): the network's token as `Authorization: Bearer`, answers checked. */
import { DigestState, NetworkSearchAnswer, NetworkSinceAnswer, networkDigestPath, networkSearchPath, networkSincePath, type NetworkSinceRequest } from '../../shared/networkBetween.ts'
import { call } from '../api.ts'
import type { NetworkAccess } from './networkAccess.ts'

const post = (network: NetworkAccess, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { Authorization: `Bearer ${network.token}`, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  cache: 'no-store',
})

export async function searchNetwork(network: NetworkAccess, query: string): Promise<NetworkSearchAnswer> {
  return NetworkSearchAnswer.parse(await call(networkSearchPath(encodeURIComponent(network.id)), post(network, { query })))
}

export async function networkSince(network: NetworkAccess, request: NetworkSinceRequest): Promise<NetworkSinceAnswer> {
  return NetworkSinceAnswer.parse(await call(networkSincePath(encodeURIComponent(network.id)), post(network, request)))
}

export async function digestState(network: NetworkAccess): Promise<DigestState> {
  return DigestState.parse(await call(networkDigestPath(encodeURIComponent(network.id)), { headers: { Authorization: `Bearer ${network.token}` }, cache: 'no-store' }))
}

/** Asks for the digest (`on`) in the page's language, or stops it. */
export async function setDigest(network: NetworkAccess, on: boolean, locale: string): Promise<DigestState> {
  const path = networkDigestPath(encodeURIComponent(network.id))
  return DigestState.parse(await call(path, on ? { ...post(network, { locale }), method: 'PUT' } : { method: 'DELETE', headers: { Authorization: `Bearer ${network.token}` } }))
}
