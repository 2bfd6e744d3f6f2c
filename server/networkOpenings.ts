/** Boards opened through a network's link, in the audit trail: which network (a hash of its id), never its token. */
import { parseNetworkCredential } from '../shared/networkCredential.ts'
import { networkActor, type AuditTrail } from './audit.ts'

/** Called for a socket admitted with `token`: a row only where that was a network credential. */
export function auditNetworkOpening(audit: AuditTrail, boardId: string, token: string | undefined): void {
  const network = parseNetworkCredential(token)
  if (network) void audit.record('board-opened:network', boardId, networkActor(network.networkId))
}
