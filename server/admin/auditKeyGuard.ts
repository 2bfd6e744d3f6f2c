/**
 * An admin command without AUDIT_KEY on a chain that ends keyed would append an unkeyed row (its
 * own `admin:*` row, or the strays chained when the database opens): from then on `audit verify`
 * reports the chain as recomputed without the key, which reads as tampering and cannot be undone.
 * So such a command refuses before it opens the database through the storage (which may write).
 * The chain's last row is read directly, read-only: without the key, "keyed" is all that can be
 * told of it (its hash does not follow the public formula).
 */
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { publiclyHashed, type ChainedRow } from '../base/auditChain.ts'
import { databasePath } from '../storage/SqliteStorage.ts'
import type { Config } from '../ops/config.ts'

interface Row {
  seq: number | string
  at: string
  action: string
  board_id: string | null
  actor: string
  prev_hash: string
  body_hash: string
  hash: string
}

const lastRowSql = 'SELECT chain_seq AS seq, at, action, board_id, actor, prev_hash, body_hash, hash FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1'

const asChained = (row: Row): ChainedRow => ({ seq: Number(row.seq), at: row.at, action: row.action, board: row.board_id, actor: row.actor, prevHash: row.prev_hash, bodyHash: row.body_hash, hash: row.hash })

/** The chain's last row, null where there is none (no database yet, no audit table, a trail from before the chain). */
export async function lastAuditRow({ databaseUrl, dataDir }: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<ChainedRow | null> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      const chained = await client.query<{ found: boolean }>("SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'audit' AND column_name = 'chain_seq' AND table_schema = current_schema()) AS found")
      if (!chained.rows[0]?.found) return null
      const { rows } = await client.query<Row>(lastRowSql)
      return rows[0] ? asChained(rows[0]) : null
    } finally {
      await client.end()
    }
  }
  const path = databasePath(dataDir)
  if (!existsSync(path)) return null
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const chained = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM pragma_table_info('audit') WHERE name = 'chain_seq'").get()
    if (!chained?.n) return null
    const row = db.prepare<[], Row>(lastRowSql).get()
    return row ? asChained(row) : null
  } finally {
    db.close()
  }
}

/** Throws, naming AUDIT_KEY and AUDIT_KEY_FILE, when no key is given and the chain ends in a keyed row. */
export async function refuseUnkeyedAfterKeyed(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'auditKey'>): Promise<void> {
  if (config.auditKey) return
  const last = await lastAuditRow(config)
  if (!last || publiclyHashed(last)) return
  throw new Error(
    `the audit trail ends keyed (row ${String(last.seq)}), but neither AUDIT_KEY nor AUDIT_KEY_FILE is set: ` +
      'run the command with the relay\'s AUDIT_KEY or AUDIT_KEY_FILE (an unkeyed row after keyed ones would break `audit verify` for good); nothing was done',
  )
}
