/** The audit trail's rows (`server/audit.ts`), appended and never changed. */

/**
 * One row of the audit trail (`server/audit.ts`): when, what, on which board and by whom, as a
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
  /** Appends a row to the audit trail; rows are never changed. */
  appendAudit(entry: AuditEntry): Promise<void>
  /** The audit trail oldest first, of the given boards (ids or hashes) and from `since` on, if given. */
  listAudit(filter?: { boards?: string[]; since?: string }): Promise<AuditEntry[]>
  /** Drops audit rows older than `before` (AUDIT_RETENTION_DAYS); returns how many. */
  dropAuditBefore(before: string): Promise<number>
}
