/**
 * `/api/networks/:id/link` and `/api/networks/:id/pack-link`: the network's links renewed by the
 * network link's holder (`shared/networkCredential.ts`). A renewed network link refuses the old
 * one at once: what was opened through it closes on every board of the network, and the boards'
 * facilitator tokens and the pack link the network keeps are sealed anew under the new link. A
 * renewed pack link refuses the old one at the next download.
 */
import { Hono } from 'hono'
import { networkLink } from '../../shared/networkApi.ts'
import { packLink, type PackLinkView, type RenewedNetworkLink } from '../../shared/networkCredential.ts'
import { hashToken, networkSocketLink, newToken } from '../links/access.ts'
import type { AuditTrail } from '../audit/auditTrail.ts'
import type { Logger } from '../base/logger.ts'
import { sealForNetwork, unsealForNetwork } from '../links/networkSeal.ts'
import { seal, unseal } from '../base/seal.ts'
import { linkSockets, type SocketSelector } from '../room/Rooms.ts'
import type { NetworkLinks, Networks } from '../storage/Storage.ts'
import { HTTPException } from 'hono/http-exception'
import { requireNetworkLink } from './networkAuth.ts'

export interface NetworkLinksApiOptions {
  storage: Networks & NetworkLinks
  logger: Logger
  closeSockets(boardId: string, sockets: SocketSelector): void
  audit?: AuditTrail
}

const packSealInfo = 'netzwerkstatt-pack-link'
const sealPack = (networkToken: string, networkId: string, packToken: string) => seal(networkToken, networkId, packSealInfo, packToken)
function unsealPack(networkToken: string, networkId: string, sealed: Uint8Array): string | undefined {
  try {
    return unseal(networkToken, networkId, packSealInfo, sealed)
  } catch {
    return undefined
  }
}

export function networkLinksApi({ storage, logger, closeSockets, audit }: NetworkLinksApiOptions) {
  const api = new Hono()

  api.post('/:id/link', async (c) => {
    const { network, token } = await requireNetworkLink(storage, c)
    const fresh = newToken()
    const records = await storage.networkBoards(network.id)
    const resealed = records.flatMap((record) => {
      const facilitator = unsealForNetwork(token, network.id, record.boardId, record.sealedToken)
      return facilitator ? [{ boardId: record.boardId, sealedToken: sealForNetwork(fresh, network.id, record.boardId, facilitator) }] : []
    })
    const pack = await storage.packLinkOf(network.id)
    const packToken = pack && unsealPack(token, network.id, pack.sealedToken)
    const renewed = await storage.renewNetworkToken(network.id, network.tokenHash, hashToken(fresh), resealed, packToken ? sealPack(fresh, network.id, packToken) : undefined)
    if (!renewed) throw new HTTPException(409, { message: 'the network link was renewed meanwhile' })
    // Everything opened through the old link closes now; a board opened again asks with the new one.
    for (const record of records) closeSockets(record.boardId, linkSockets(networkSocketLink(network.id)))
    await audit?.networkEvent('network-link-renewed', network.id)
    logger.info('network link renewed', { network: network.id })
    return c.json({ token: fresh, link: networkLink(network.id, fresh) } satisfies RenewedNetworkLink)
  })

  api.get('/:id/pack-link', async (c) => {
    const { network, token } = await requireNetworkLink(storage, c)
    const pack = await storage.packLinkOf(network.id)
    const packToken = pack ? unsealPack(token, network.id, pack.sealedToken) : undefined
    c.header('Cache-Control', 'no-store')
    return c.json((packToken ? { token: packToken, link: packLink(network.id, packToken) } : { token: null, link: null }) satisfies PackLinkView)
  })

  /** Makes the pack link, or renews it: the old one downloads nothing from now on. */
  api.post('/:id/pack-link', async (c) => {
    const { network, token } = await requireNetworkLink(storage, c)
    const fresh = newToken()
    if (!(await storage.setPackLink(network.id, { tokenHash: hashToken(fresh), sealedToken: sealPack(token, network.id, fresh) }))) {
      throw new HTTPException(404, { message: 'network not found' })
    }
    await audit?.networkEvent('pack-link-renewed', network.id)
    logger.info('pack link renewed', { network: network.id })
    return c.json({ token: fresh, link: packLink(network.id, fresh) } satisfies PackLinkView)
  })

  return api
}
