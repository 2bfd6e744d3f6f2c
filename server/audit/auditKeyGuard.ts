/**
 * A relay or an admin command without AUDIT_KEY on a chain that ends keyed would append an unkeyed row (its
 * own `admin:*` row, or the strays chained when the database opens): from then on `audit verify`
 * reports the chain as recomputed without the key, which reads as tampering and cannot be undone.
 * So such a command refuses before it opens the database through the storage (which may write).
 * The chain is read directly, read-only. Keyed: its last row's hash does not follow the public
 * formula (all that can be told of it without the key), or a keyed relay has marked it
 * (`audit-key-in-use`, `markKeyInUse`): that holds even once the end was recomputed without the key.
 */
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { publiclyHashed, type ChainedRow } from '../base/auditChain.ts'
import { keyInUseAction } from './auditTrail.ts'
import { databasePath } from '../storage/SqliteStorage.ts'
import type { AuditKey } from '../base/auditKey.ts'
import { asChained, auditRowColumns, type AuditRow } from '../storage/auditRow.ts'


const markedSql = `SELECT chain_seq AS seq FROM audit WHERE chain_seq IS NOT NULL AND action = '${keyInUseAction}' ORDER BY chain_seq DESC LIMIT 1`
const lastRowSql = `SELECT ${auditRowColumns} FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`


interface ChainEnd {
  last: ChainedRow
  /** The place of the last `audit-key-in-use` row, null: none. */
  marked: number | null
}

/** Where the chain is and the key given (the relay's or the admin command's settings). */
interface AuditSettings {
  databaseUrl: string | null
  dataDir: string
  auditKey: AuditKey | null
}

/** The chain's last row and its key mark; null where there is no chain (no database yet, no audit table, a trail from before the chain). */
export async function auditChainEnd({ databaseUrl, dataDir }: Omit<AuditSettings, 'auditKey'>): Promise<ChainEnd | null> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 })
    await client.connect()
    try {
      const chained = await client.query<{ found: boolean }>("SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'audit' AND column_name = 'chain_seq' AND table_schema = current_schema()) AS found")
      if (!chained.rows[0]?.found) return null
      const { rows } = await client.query<AuditRow>(lastRowSql)
      if (!rows[0]) return null
      const marked = await client.query<{ seq: string }>(markedSql)
      return { last: asChained(rows[0]), marked: marked.rows[0] ? Number(marked.rows[0].seq) : null }
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
    const row = db.prepare<[], AuditRow>(lastRowSql).get()
    if (!row) return null
    return { last: asChained(row), marked: db.prepare<[], { seq: number }>(markedSql).get()?.seq ?? null }
  } finally {
    db.close()
  }
}

/** The refusal itself, told apart from a database that cannot be read (which the storage's opening reports in its own words). */
export class UnkeyedAfterKeyed extends Error {
  override name = 'UnkeyedAfterKeyed'
}

/** Throws UnkeyedAfterKeyed, naming AUDIT_KEY and AUDIT_KEY_FILE, when no key is given and the chain is keyed. */
export async function refuseUnkeyedAfterKeyed(config: AuditSettings): Promise<void> {
  if (config.auditKey) return
  const end = await auditChainEnd(config)
  if (!end) return
  const keyedAt = end.marked ?? (publiclyHashed(end.last) ? null : end.last.seq)
  if (keyedAt === null) return
  throw new UnkeyedAfterKeyed(
    `the audit trail is keyed (row ${String(keyedAt)}), but neither AUDIT_KEY nor AUDIT_KEY_FILE is set: set AUDIT_KEY (or AUDIT_KEY_FILE) as before. ` +
      'An unkeyed row after keyed ones would break `audit verify` for good; nothing was written (a lost key: docs/operations.md, "Changing the key")',
  )
}
