/**
 * AUDIT_STDOUT for rows the relay did not write: `npm run admin` runs in a process of its own (in
 * a container, `kubectl exec` or `docker compose exec`), whose output never reaches the log
 * collector. The relay reads the chain's new rows every few seconds and writes the admin
 * command line's rows (actor `admin`) to its own stdout, marked `forwarded`. Rows written while
 * no relay ran are not forwarded (`npm run admin -- audit` lists them). With several relay
 * machines each forwards them: a SIEM tells the copies apart by their hash.
 */
import { adminActor, type AuditLine } from './auditTrail.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { AuditLog } from '../storage/AuditLog.ts'

/** How often the chain is read for rows of other processes. */
export const forwardEveryMs = 5_000
/** Rows read at most per round: a long chain appended at once is forwarded over several rounds. */
const rowsPerRound = 500

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
  everyMs?: number
}): Promise<AuditForwarding> {
  const { storage, line, written, logger } = options
  let seen = await storage.auditLastSeq()
  let running: Promise<void> | null = null
  const once = async () => {
    try {
      for (;;) {
        const rows = await storage.auditRowsAfter(seen, rowsPerRound)
        for (const row of rows) {
          if (row.actor === adminActor && !written.has(row.seq)) line(row, true)
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
  return { round, stop: () => clearInterval(timer) }
}
