/**
 * Which of a network's links a request carries (`Authorization: Bearer`): the network link opens
 * every network route; the pack link (`shared/networkCredential.ts`) only the pack, and is told
 * so elsewhere (403), rather than taken for a wrong link.
 */
import type { Context } from 'hono'
import { tokenPattern } from '../../shared/access.ts'
import { networkIdPattern } from '../../shared/networkCredential.ts'
import { bearerToken, matchesHash } from '../links/access.ts'
import type { NetworkLinks, Networks, StoredNetwork } from '../storage/Storage.ts'
import { HTTPException } from 'hono/http-exception'

export type NetworkLinkKind = 'network' | 'pack'

/** The network in the path and which of its links the request carries; 404 for an unknown network, 401 for none of its links. */
export async function networkLinkOf(storage: Networks & NetworkLinks, c: Context): Promise<{ network: StoredNetwork; token: string; kind: NetworkLinkKind }> {
  const id = c.req.param('id') ?? ''
  const network = networkIdPattern.test(id) ? await storage.getNetwork(id) : undefined
  if (!network) throw new HTTPException(404, { message: 'network not found' })
  const token = bearerToken(c.req.header('authorization'))
  if (token && tokenPattern.test(token)) {
    if (matchesHash(token, network.tokenHash)) return { network, token, kind: 'network' }
    const pack = await storage.packLinkOf(network.id)
    if (pack && matchesHash(token, pack.tokenHash)) return { network, token, kind: 'pack' }
  }
  throw new HTTPException(401, { message: "the network's link is needed" })
}

/** The network link only: the pack link is refused with 403 (it downloads the pack and nothing else). */
export async function requireNetworkLink(storage: Networks & NetworkLinks, c: Context): Promise<{ network: StoredNetwork; token: string }> {
  const { network, token, kind } = await networkLinkOf(storage, c)
  if (kind === 'pack') throw new HTTPException(403, { message: 'the pack link downloads the released pack and nothing else' })
  return { network, token }
}
