/**
 * Renewing a board's link (`POST /api/boards/:id/links/:role`): the old one is refused from now
 * on and its sockets close, before anything else can fail. The facilitator's link too: its sockets
 * close, the participant and read-only links kept for facilitators are sealed anew under the new
 * link, and a network renewing it keeps the new one as it kept the old (`networkSeal.ts`). Renewed
 * on the board itself, it ends the network's hold (`access.ts`): a leaked facilitator link that put
 * the board into someone's network is taken back with it, and the facilitator can then take the
 * board out; the coordinator adds it again with the new link.
 */
import { parseNetworkCredential } from '../../shared/networkCredential.ts'
import { rotatableRoles, type Role } from '../../shared/access.ts'
import { hashToken, networkSocketLink, newToken } from '../links/access.ts'
import { linkActor, networkActor } from '../audit/auditTrail.ts'
import { keepLink, keptLinks } from '../links/keptLinks.ts'
import { facilitatorSecret, sealForNetwork } from '../links/networkSeal.ts'
import { boardLinkSockets, linkSockets, type SocketSelector } from '../room/Rooms.ts'
import type { BoardLinks, NetworkLinks, Networks } from '../storage/Storage.ts'

/** The new token for `role`; `caller` is the facilitator's token or a network credential, already checked. */
export async function renewLink(storage: BoardLinks & Networks & NetworkLinks, boardId: string, role: Role, caller: string, close: (sockets: SocketSelector) => void): Promise<string> {
  const secret = await facilitatorSecret(storage, boardId, caller)
  // Read before: they are sealed under the facilitator link that is replaced now.
  const kept = role === 'facilitator' && secret ? await keptLinks(storage, boardId, secret) : null
  const token = newToken()
  await storage.replaceTokenHash(boardId, role, hashToken(token))
  close(role === 'facilitator' ? boardLinkSockets('facilitator') : role)
  if (role === 'facilitator' && !parseNetworkCredential(caller)) {
    // The network kept the old link: its hold on the board ends with it (`access.ts`), and what it had open closes.
    const networkId = await storage.networkOfBoard(boardId)
    if (networkId) close(linkSockets(networkSocketLink(networkId)))
  }
  if (role !== 'facilitator') {
    // The facilitator's other devices read the new link from here.
    if (secret) await keepLink(storage, boardId, secret, role, { token, joinCode: null })
    return token
  }
  for (const other of rotatableRoles) {
    const link = kept?.[other]
    if (link) await keepLink(storage, boardId, token, other, link)
  }
  const network = parseNetworkCredential(caller)
  if (network) await storage.resealNetworkBoard(network.networkId, boardId, sealForNetwork(network.token, network.networkId, boardId, token))
  return token
}

/** Who renewed, for the audit trail: the board's link of that role, or the network (never a token). */
export function callerActor(boardId: string, caller: string, role: Role): string {
  const network = parseNetworkCredential(caller)
  return network ? networkActor(network.networkId) : linkActor(boardId, role)
}
