/**
 * AUDIT_STDOUT for rows the relay did not write through its audit trail: `npm run admin` runs in a
 * process of its own (in a container, `kubectl exec` or `docker compose exec`), whose output never
 * reaches the log collector, and the storage writes the chain's own rows itself (a retention
 * sweep's, rows slipped in without a place: `storageActions`). The relay reads the chain's new
 * rows every few seconds and writes those to its own stdout, marked `forwarded`; at its start also
 * the storage's rows of its own opening (`openedAt`). Rows written while no relay ran are not
 * forwarded (`npm run admin -- audit` lists them). With several relay machines each forwards
 * them: a SIEM tells the copies apart by their hash.
 */
import { adminActor, type AuditLine } from './auditTrail.ts'
import { rowsChainedAction, rowsDroppedAction, rowsUnplacedAction } from '../base/auditChain.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { AuditLog } from '../storage/AuditLog.ts'

/** How often the chain is read for rows of other processes. */
export const forwardEveryMs = 5_000
/** Rows read at most per round: a long chain appended at once is forwarded over several rounds. */
const rowsPerRound = 500
/** Rows the storage appends itself, outside the audit trail: what a SIEM must see of the chain's own keeping. */
const storageActions: ReadonlySet<string> = new Set([rowsDroppedAction, rowsChainedAction, rowsUnplacedAction])
/** How far back a start looks for the rows its own storage opening wrote (a few at most). */
const openingRows = 20

export interface AuditForwarding {
  /** One round now (tests, and the relay's stop: what the admin wrote last still goes out). */
  round(): Promise<void>
  stop(): void
}

export async function forwardAdminRows(options: {
  storage: Pick<AuditLog, 'auditRowsAfter' | 'auditLastSeq'>
  line: AuditLine
  /** The places of rows this process wrote and already sent (`AuditTrail.written`). */
  written: Set<number>
  logger: Logger
  /** When the storage was opened (ISO time): its rows since then go out too. */
  openedAt?: string
  everyMs?: number
}): Promise<AuditForwarding> {
  const { storage, line, written, logger, openedAt } = options
  const last = await storage.auditLastSeq()
  let seen = last
  if (openedAt) {
    const opening = (await storage.auditRowsAfter(Math.max(0, last - openingRows), openingRows)).find((row) => storageActions.has(row.action) && row.at >= openedAt)
    if (opening) seen = opening.seq - 1
  }
  let running: Promise<void> | null = null
  const once = async () => {
    try {
      for (;;) {
        const rows = await storage.auditRowsAfter(seen, rowsPerRound)
        for (const row of rows) {
          if ((row.actor === adminActor || storageActions.has(row.action)) && !written.has(row.seq)) line(row, true)
          written.delete(row.seq)
          seen = row.seq
        }
        if (rows.length < rowsPerRound) return
      }
    } catch (error) {
      logger.error('forwarding audit rows failed', describeError(error))
    }
  }
  const round = () => (running ??= once().finally(() => (running = null)))
  const timer = setInterval(() => void round(), options.everyMs ?? forwardEveryMs).unref()
  // The start's own notes (rows found without a place) at once, not a poll later: a writer deleting them meanwhile would go unseen.
  if (seen < last) void round()
  return { round, stop: () => clearInterval(timer) }
}
