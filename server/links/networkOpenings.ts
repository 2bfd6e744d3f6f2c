/**
 * Boards opened through a network's link, in the audit trail: which network (a hash of its id),
 * never its token. One row per network and board per hour: a coordinator whose phone reconnects
 * all morning opened the board once, and the trail stays readable (and bounded) for the auditor.
 */
import { parseNetworkCredential } from '../../shared/networkCredential.ts'
import { networkActor, type AuditTrail } from '../audit/auditTrail.ts'

const hour = 60 * 60 * 1000
/** Pairs remembered at once; past it the oldest is forgotten (at worst, one more row). */
const maxRemembered = 10_000

export class NetworkOpenings {
  private readonly lastRow = new Map<string, number>()

  constructor(
    private readonly audit: AuditTrail,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called for a socket admitted with `token`: a row only where that was a network credential. */
  opened(boardId: string, token: string | undefined): void {
    const network = parseNetworkCredential(token)
    if (!network) return
    const key = `${network.networkId}\n${boardId}`
    const now = this.now()
    const last = this.lastRow.get(key)
    if (last !== undefined && now - last < hour) return
    // Re-inserted, so that the Map's order is the order of the last rows and the oldest goes first.
    this.lastRow.delete(key)
    this.lastRow.set(key, now)
    if (this.lastRow.size > maxRemembered) this.lastRow.delete(this.lastRow.keys().next().value!)
    void this.audit.record('board-opened:network', boardId, networkActor(network.networkId))
  }
}
