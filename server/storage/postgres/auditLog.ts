/**
 * PostgreSQL's audit trail (`server/audit/auditTrail.ts`): rows chained by hash (`server/base/auditChain.ts`),
 * appended under a transaction-scoped advisory lock, so that relay processes on several machines
 * never fork the chain; listed, and dropped when old.
 */
import type pg from 'pg'
import type { AuditEntry, AuditLog } from '../AuditLog.ts'
import { boardKey, droppedAction, erasedAction, nextLink, notChainOnlySql, rowsChainedAction, rowsDroppedAction, rowsUnplacedAction, sweepBoard, unplacedBoard, type ChainedRow } from '../../base/auditChain.ts'
import type { AuditKey } from '../../base/auditKey.ts'
import { auditLock } from './advisoryLocks.ts'
import { transaction, type Queryable } from './pool.ts'
import { asChained, auditRowColumns, type AuditRow } from '../auditRow.ts'



/** Appends within a transaction that holds `auditLock`. */
async function appendLocked(client: Queryable, entry: AuditEntry, auditKey: AuditKey | null): Promise<ChainedRow> {
  const { rows } = await client.query<{ seq: string; hash: string }>('SELECT chain_seq AS seq, hash FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1')
  const tail = rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : null
  const link = nextLink(tail, entry, auditKey)
  await client.query('INSERT INTO audit (at, action, board_id, actor, chain_seq, prev_hash, body_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    entry.at,
    entry.action,
    entry.board,
    entry.actor,
    link.seq,
    link.prevHash,
    link.bodyHash,
    link.hash,
  ])
  return { ...entry, ...link }
}

const locked = <T>(pool: pg.Pool, work: (client: Queryable) => Promise<T>) =>
  transaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(${auditLock})`)
    return work(client)
  })

/**
 * Chains rows from before the chain (or written by an older release beside a newer one) in their
 * order, and says so in a row of its own; at each start (`PostgresStorage.open`). Not under the
 * key: every writer holding it places its own rows, so a row without a place was slipped in past
 * them; it stays outside, noted in a row under the key (`rowsUnplacedAction`).
 */
export async function chainAuditRows(pool: pg.Pool, auditKey: AuditKey | null = null): Promise<void> {
  const { rows: any } = await pool.query('SELECT 1 FROM audit WHERE chain_seq IS NULL LIMIT 1')
  if (any.length === 0) return
  await locked(pool, async (client) => {
    if (auditKey) {
      const { rows: ids } = await client.query<{ seq: string }>('SELECT seq FROM audit WHERE chain_seq IS NULL ORDER BY seq')
      const noted = unplacedBoard(ids.map((r) => r.seq))
      const { rows: last } = await client.query<{ board: string | null }>(
        `SELECT board_id AS board FROM audit WHERE action = '${rowsUnplacedAction}' AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
      )
      if (last[0]?.board !== noted) await appendLocked(client, { at: new Date().toISOString(), action: rowsUnplacedAction, board: noted, actor: 'server' }, auditKey)
      return
    }
    const { rows } = await client.query<{ seq: string; at: string; action: string; board_id: string | null; actor: string }>(
      `SELECT seq, at, action, board_id, actor FROM audit WHERE chain_seq IS NULL AND ${notChainOnlySql} ORDER BY at, seq`,
    )
    const { rows: tails } = await client.query<{ seq: string; hash: string }>('SELECT chain_seq AS seq, hash FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1')
    let tail = tails[0] ? { seq: Number(tails[0].seq), hash: tails[0].hash } : null
    for (const row of rows) {
      const link = nextLink(tail, { at: row.at, action: row.action, board: row.board_id, actor: row.actor }, auditKey)
      await client.query('UPDATE audit SET chain_seq = $1, prev_hash = $2, body_hash = $3, hash = $4 WHERE seq = $5', [link.seq, link.prevHash, link.bodyHash, link.hash, row.seq])
      tail = link
    }
    if (rows.length > 0) await appendLocked(client, { at: new Date().toISOString(), action: rowsChainedAction, board: null, actor: 'server' }, auditKey)
  })
}

/** A deleted board's rows keep their place in the chain, reduced to its key, a hash of the board id (`auditChain.ts`). */
export async function eraseBoardAudit(client: Queryable, boardId: string): Promise<void> {
  await client.query(`UPDATE audit SET action = '${erasedAction}', actor = '', board_id = $1 WHERE board_id = $2 AND chain_seq IS NOT NULL`, [boardKey(boardId), boardId])
  await client.query('DELETE FROM audit WHERE board_id = $1 AND chain_seq IS NULL', [boardId])
}

export class PostgresAuditLog implements AuditLog {
  /** `auditKey`: AUDIT_KEY, under which new rows are hashed (`auditChain.ts`). */
  constructor(
    private readonly pool: pg.Pool,
    private readonly auditKey: AuditKey | null = null,
  ) {}

  appendAudit(entry: AuditEntry): Promise<ChainedRow> {
    return locked(this.pool, (client) => appendLocked(client, entry, this.auditKey))
  }

  async listAudit(filter: { boards?: string[]; since?: string } = {}): Promise<AuditEntry[]> {
    // What the chain holds: a row without a place is not vouched for (`verify` names it).
    const where: string[] = [`action NOT IN ('${droppedAction}', '${erasedAction}')`, 'chain_seq IS NOT NULL']
    const params: unknown[] = []
    if (filter.boards) {
      params.push(filter.boards)
      where.push(`board_id = ANY($${params.length}::text[])`)
    }
    if (filter.since) {
      params.push(filter.since)
      where.push(`at >= $${params.length}`)
    }
    const { rows } = await this.pool.query<{ at: string; action: string; board_id: string | null; actor: string }>(
      `SELECT at, action, board_id, actor FROM audit WHERE ${where.join(' AND ')} ORDER BY at, seq`,
      params,
    )
    return rows.map((row) => ({ at: row.at, action: row.action, board: row.board_id, actor: row.actor }))
  }

  dropAuditBefore(before: string): Promise<number> {
    return locked(this.pool, async (client) => {
      // A stub keeps its board's key (`boardKey`, here in SQL), which its hash commits to; an erased row's board already is one.
      const key = `CASE WHEN action = '${erasedAction}' THEN board_id WHEN board_id IS NULL THEN '${boardKey(null)}' ELSE 'sha256:' || encode(sha256(convert_to(board_id, 'UTF8')), 'hex') END`
      const dropped =
        (await client.query(`UPDATE audit SET action = '${droppedAction}', actor = '', board_id = ${key} WHERE at < $1 AND chain_seq IS NOT NULL AND action <> '${droppedAction}'`, [before])).rowCount ?? 0
      if (dropped === 0) return 0
      // The chain's front of stubs goes, but for its last: the checkpoint the rest follows from.
      const { rows } = await client.query<{ checkpoint: string | null }>(
        `SELECT MAX(chain_seq) AS checkpoint FROM audit WHERE chain_seq < COALESCE(
           (SELECT MIN(chain_seq) FROM audit WHERE chain_seq IS NOT NULL AND action NOT IN ('${droppedAction}', '${erasedAction}')),
           (SELECT MAX(chain_seq) + 1 FROM audit))`,
      )
      if (rows[0]?.checkpoint != null) await client.query('DELETE FROM audit WHERE chain_seq < $1', [rows[0].checkpoint])
      // The front this sweep leaves, named in its own row: a front cut back further by anyone else shows (`auditChain.ts`).
      const { rows: fronts } = await client.query<{ seq: string; hash: string }>('SELECT chain_seq AS seq, hash FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq LIMIT 1')
      const front = fronts[0] ? { seq: Number(fronts[0].seq), hash: fronts[0].hash } : undefined
      await appendLocked(client, { at: new Date().toISOString(), action: rowsDroppedAction, board: sweepBoard(before, front), actor: 'retention' }, this.auditKey)
      return dropped
    })
  }

  async auditLastSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string | null }>('SELECT MAX(chain_seq) AS seq FROM audit')
    return Number(rows[0]?.seq ?? 0)
  }

  async auditRowsAfter(seq: number, limit: number): Promise<ChainedRow[]> {
    const { rows } = await this.pool.query<AuditRow>(`SELECT ${auditRowColumns} FROM audit WHERE chain_seq > $1 ORDER BY chain_seq LIMIT $2`, [seq, limit])
    return rows.map(asChained)
  }

  async auditChain(): Promise<{ rows: ChainedRow[]; unchained: { at: string; action: string }[] }> {
    // One snapshot: a row appended meanwhile is in both reads or in neither.
    return transaction(this.pool, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
      const chain = await client.query<AuditRow>(`SELECT ${auditRowColumns} FROM audit WHERE chain_seq IS NOT NULL ORDER BY chain_seq`)
      const strays = await client.query<{ at: string; action: string }>('SELECT at, action FROM audit WHERE chain_seq IS NULL ORDER BY at, seq')
      return { rows: chain.rows.map(asChained), unchained: strays.rows }
    })
  }
}
