/** The audit trail's rows (`server/audit/auditTrail.ts`), appended and chained by hash (`server/base/auditChain.ts`). */
import type { ChainedRow } from '../base/auditChain.ts'

/**
 * One row of the audit trail (`server/audit/auditTrail.ts`): when, what, on which board and by whom, as a
 * pseudonym. Never a name, a token or anything of a board's content.
 */
export interface AuditEntry {
  at: string
  action: string
  /** The board's id; a board's deletion keeps only a hash of it; null for actions on no board. */
  board: string | null
  actor: string
}

export interface AuditLog {
  /**
   * Appends a row at the chain's end, one writer at a time (every relay process and `npm run
   * admin` together); returns it with its place and hashes. Rows are never changed, except that a
   * deleted board's rows and rows past their time lose their body (`auditChain.ts`).
   */
  appendAudit(entry: AuditEntry): Promise<ChainedRow>
  /**
   * The audit trail oldest first, of the given boards (ids or hashes) and from `since` on, if given; stubs left out,
   * and rows without a place in the chain (slipped in past the relay: `audit verify` names them).
   */
  listAudit(filter?: { boards?: string[]; since?: string }): Promise<AuditEntry[]>
  /**
   * Drops audit rows older than `before` (AUDIT_RETENTION_DAYS): their bodies go, the chain's
   * front goes up to one stub kept as its checkpoint, and an `audit-rows-dropped` row naming `before` and
   * the front it left (`sweepBoard`) is appended; returns how many rows were dropped.
   */
  dropAuditBefore(before: string): Promise<number>
  /** The whole chain in its order, and the rows outside it (for `admin audit verify`). */
  auditChain(): Promise<{ rows: ChainedRow[]; unchained: { at: string; action: string }[] }>
  /** Up to `limit` chained rows after place `seq`, in order (the relay forwards the admin's rows to AUDIT_STDOUT). */
  auditRowsAfter(seq: number, limit: number): Promise<ChainedRow[]>
  /** The chain's last place; 0 when it is empty. */
  auditLastSeq(): Promise<number>
}
