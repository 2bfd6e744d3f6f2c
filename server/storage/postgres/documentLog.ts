/**
 * PostgreSQL's document log: a board's snapshot and the updates appended after it. Of several
 * relay processes only the board's holder (`boardOwners.ts`) may write it.
 */
import type pg from 'pg'
import { asBuffer } from '../asBuffer.ts'
import type { DocumentLog, StoredDocument } from '../DocumentLog.ts'
import { lockClass } from './advisoryLocks.ts'
import { NotOwnerError, type BoardOwners } from './boardOwners.ts'
import { transaction, type Queryable } from './pool.ts'

export class PostgresDocumentLog implements DocumentLog {
  constructor(
    private readonly pool: pg.Pool,
    private readonly owners: BoardOwners,
  ) {}

  /** Each board's appends under way in this process, last one last. */
  private readonly appending = new Map<string, Promise<unknown>>()

  async loadDocument(boardId: string): Promise<StoredDocument> {
    // One statement sees one state of the database: the snapshot and exactly the updates after
    // it, even while another connection compacts.
    const { rows } = await this.pool.query<{ snapshot: boolean; seq: string; data: Buffer }>(
      `SELECT true AS snapshot, seq, data FROM snapshots WHERE board_id = $1
       UNION ALL
       SELECT false, seq, data FROM updates
         WHERE board_id = $1 AND seq > COALESCE((SELECT seq FROM snapshots WHERE board_id = $1), 0)
       ORDER BY snapshot DESC, seq`,
      [boardId],
    )
    const snapshot = rows[0]?.snapshot ? rows[0] : undefined
    const updates = snapshot ? rows.slice(1) : rows
    return {
      snapshot: snapshot ? new Uint8Array(snapshot.data) : null,
      updates: updates.map((row) => new Uint8Array(row.data)),
      lastSeq: Number(updates.at(-1)?.seq ?? snapshot?.seq ?? 0),
    }
  }

  async documentBytes(boardId: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: string }>(
      `SELECT (COALESCE((SELECT octet_length(data) FROM snapshots WHERE board_id = $1), 0)
         + COALESCE((SELECT SUM(octet_length(data)) FROM updates
             WHERE board_id = $1 AND seq > COALESCE((SELECT seq FROM snapshots WHERE board_id = $1), 0)), 0))::bigint AS bytes`,
      [boardId],
    )
    return Number(rows[0].bytes)
  }

  async documentMark(boardId: string): Promise<string> {
    const { rows } = await this.pool.query<{ update_seq: string | null; snapshot_seq: string | null; snapshot_bytes: number | null }>(
      `SELECT (SELECT MAX(seq) FROM updates WHERE board_id = $1) AS update_seq, s.seq AS snapshot_seq, octet_length(s.data) AS snapshot_bytes
         FROM (SELECT 1) AS one LEFT JOIN snapshots s ON s.board_id = $1`,
      [boardId],
    )
    const row = rows[0]!
    return row.update_seq === null && row.snapshot_seq === null ? '' : `${row.update_seq ?? 0}/${row.snapshot_seq ?? 0}/${row.snapshot_bytes ?? 0}`
  }

  async appendUpdate(boardId: string, update: Uint8Array): Promise<number> {
    // One board's updates are stored in the order of the calls, as SQLite's synchronous calls
    // are (Room.ts awaits each anyway): on a pool, two queries sent at once may run in any order.
    const previous = this.appending.get(boardId)
    const next = previous ? previous.catch(() => {}).then(() => this.#insertUpdate(boardId, update)) : this.#insertUpdate(boardId, update)
    this.appending.set(boardId, next)
    try {
      return await next
    } finally {
      if (this.appending.get(boardId) === next) this.appending.delete(boardId)
    }
  }

  async #insertUpdate(boardId: string, update: Uint8Array): Promise<number> {
    // Sequence numbers come from a sequence, which hands them out in call order, not commit
    // order: were two relay processes to append to one board at once, a reader could see seq 6
    // before seq 5 commits, and compacting up to 6 would then drop 5 unseen. Holding a
    // per-board lock until the commit makes each board's seqs commit in order. One statement,
    // one round trip: the lock is taken before the row (and its seq) is made.
    if (!this.owners.processKey) {
      const { rows } = await this.pool.query<{ seq: string }>(
        `WITH locked AS (SELECT pg_advisory_xact_lock(${lockClass.updates}, hashtext($1)))
         INSERT INTO updates (board_id, data) SELECT $1::text, $2::bytea FROM locked RETURNING seq`,
        [boardId, asBuffer(update)],
      )
      return Number(rows[0]!.seq)
    }
    // One of several: stored only while this process still holds the board. The row lock keeps
    // a takeover (`claimBoard`) from committing between the check and the insert; a takeover
    // that committed first leaves no row to lock, and nothing is stored.
    const { rows } = await this.pool.query<{ seq: string }>(
      `WITH held AS (SELECT 1 FROM board_owners WHERE board_id = $1 AND owner = $3 AND epoch = $4 FOR SHARE),
       locked AS (SELECT pg_advisory_xact_lock(${lockClass.updates}, hashtext($1)) FROM held)
       INSERT INTO updates (board_id, data) SELECT $1::text, $2::bytea FROM locked RETURNING seq`,
      [boardId, asBuffer(update), this.owners.processKey, this.owners.heldEpoch(boardId)],
    )
    if (!rows[0]) throw new NotOwnerError(boardId)
    return Number(rows[0].seq)
  }

  async compact(boardId: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    await transaction(this.pool, async (client) => {
      if (this.owners.processKey) {
        const { rows } = await client.query('SELECT 1 FROM board_owners WHERE board_id = $1 AND owner = $2 AND epoch = $3 FOR SHARE', [
          boardId,
          this.owners.processKey,
          this.owners.heldEpoch(boardId),
        ])
        if (!rows[0]) throw new NotOwnerError(boardId)
      }
      await putSnapshot(client, boardId, snapshot, upToSeq)
      await client.query('DELETE FROM updates WHERE board_id = $1 AND seq <= $2', [boardId, upToSeq])
    })
  }
}

/** A board's snapshot, unless a newer one is stored; also a new board's first state (`boardDirectory.ts`). */
export async function putSnapshot(client: Queryable, boardId: string, snapshot: Uint8Array, seq: number): Promise<void> {
  await client.query(
    `INSERT INTO snapshots (board_id, data, seq) VALUES ($1, $2, $3)
     ON CONFLICT (board_id) DO UPDATE SET data = excluded.data, seq = excluded.seq
     WHERE excluded.seq > snapshots.seq`,
    [boardId, asBuffer(snapshot), seq],
  )
}
