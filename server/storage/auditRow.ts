/** An audit row as both stores' SQL reads it (`chain_seq AS seq, …`), and as the chain's code takes it. */
import type { ChainedRow } from '../base/auditChain.ts'

export interface AuditRow {
  /** SQLite's integer; PostgreSQL's bigint comes as a string. */
  seq: number | string
  at: string
  action: string
  board_id: string | null
  actor: string
  prev_hash: string
  body_hash: string
  hash: string
}

/** The columns every chain read selects, in this order. */
export const auditRowColumns = 'chain_seq AS seq, at, action, board_id, actor, prev_hash, body_hash, hash'

export const asChained = (row: AuditRow): ChainedRow => ({ seq: Number(row.seq), at: row.at, action: row.action, board: row.board_id, actor: row.actor, prevHash: row.prev_hash, bodyHash: row.body_hash, hash: row.hash })
