/**
 * PostgreSQL, for operators who run several relay processes or keep their data in a database
 * server (DATABASE_URL). Same tables as `SqliteStorage`, with BYTEA for blobs.
 *
 * Deleted means gone: a deleted board's rows (and everything hanging off it, by ON DELETE
 * CASCADE) are gone from every query the moment the delete commits. PostgreSQL has no
 * `secure_delete`: the dead rows' space is reclaimed by autovacuum and overwritten as it is
 * reused; until then the bytes may remain in the server's data files and WAL, which only its
 * operator can read (encrypt the volume where that matters).
 *
 * Errors are never thrown past a call: a full disk (SQLSTATE 53100, see `isStorageFull`), a
 * refused connection or a server restart reject the call's promise, and a connection that breaks
 * while idle in the pool is dropped (and reported to `onError`) instead of crashing the process.
 */
import pg from 'pg'
import { roles } from '../../shared/access.ts'
import { boardRecord, type BoardRecord, type BoardRow, type BoardStats, type Storage, type TokenHashes } from './Storage.ts'
import { schemaLock } from './postgres/advisoryLocks.ts'
import { BoardOwners, type Claim } from './postgres/boardOwners.ts'
import { timeouts, transaction } from './postgres/pool.ts'
import { takeRelayLock, type RelayLock } from './postgres/relayLock.ts'
import { schema } from './postgres/schema.ts'
import { PostgresBoardLinks, putTokenHash } from './postgres/boardLinks.ts'
import { PostgresPrivateNotes } from './postgres/privateNotes.ts'
import { PostgresBallots } from './postgres/ballots.ts'
import { PostgresAuditLog } from './postgres/auditLog.ts'
import { PostgresSessions } from './postgres/sessions.ts'
import { PostgresVersions } from './postgres/versions.ts'
import { PostgresAssets } from './postgres/assets.ts'
import { PostgresDocumentLog, putSnapshot } from './postgres/documentLog.ts'
import { composeParts } from './composeParts.ts'
import type { BoardAssets } from './BoardAssets.ts'
import type { AuditLog } from './AuditLog.ts'
import type { Ballots } from './Ballots.ts'
import type { BoardLinks } from './BoardLinks.ts'
import type { DocumentLog } from './DocumentLog.ts'
import type { PrivateNotes } from './PrivateNotes.ts'
import type { Sessions } from './Sessions.ts'
import type { Versions } from './Versions.ts'

export { NotOwnerError, type Claim } from './postgres/boardOwners.ts'

export interface OpenOptions {
  maxConnections?: number
  /** Hears of connections that broke while idle in the pool (they are replaced). */
  onError?: (error: Error) => void
  /**
   * The relay's own storage: one relay process per database. Two would each keep a room of the
   * same board: their clients would not see each other, and one's compaction could drop updates
   * the other stored. Waits up to `waitMs` for a relay that just died to let go;
   * `onLost` hears when the lock's connection breaks (the process must stop serving).
   */
  exclusive?: { waitMs: number; onLost: (error: Error) => void }
  /**
   * One of several relay processes (`server/cluster/`): boards are claimed one by one
   * (`claimBoard`), and every write to a board's document checks that this process still holds
   * it. `onLost` as for `exclusive`.
   */
  member?: { onLost: (error: Error) => void; waitMs?: number }
}

/** The concerns' calls come from its parts (`postgres/`), composed in the constructor. */
export interface PostgresStorage extends Pick<Storage, never>, DocumentLog, BoardAssets, Versions, Sessions, AuditLog, Ballots, PrivateNotes, BoardLinks {}

export class PostgresStorage implements Storage {
  /** Which boards this process holds, when it is one of several. */
  private readonly owners: BoardOwners

  private constructor(
    private readonly pool: pg.Pool,
    private readonly relayLock: RelayLock | null,
  ) {
    this.owners = new BoardOwners(pool, relayLock)
    composeParts(this, [new PostgresBoardLinks(pool), new PostgresPrivateNotes(pool), new PostgresBallots(pool), new PostgresAuditLog(pool), new PostgresSessions(pool), new PostgresVersions(pool), new PostgresAssets(pool), new PostgresDocumentLog(pool, this.owners)])
  }

  /**
   * Connects and creates the tables that are missing. Several relay processes may start at
   * once: a transaction-scoped advisory lock lets one of them create the schema at a time.
   * `onError` hears of connections that broke while idle in the pool (they are dropped and
   * replaced; the pool's next call reconnects).
   */
  static async open(url: string, options: OpenOptions = {}): Promise<PostgresStorage> {
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, ...timeouts })
    pool.on('error', (error) => options.onError?.(error))
    let relayLock: RelayLock | null = null
    try {
      if (options.member) relayLock = await takeRelayLock(url, options.member.waitMs ?? 10_000, true, options.member.onLost)
      else if (options.exclusive) relayLock = await takeRelayLock(url, options.exclusive.waitMs, false, options.exclusive.onLost)
      const storage = new PostgresStorage(pool, relayLock)
      await transaction(pool, async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(${schemaLock})`)
        await client.query(schema)
      })
      return storage
    } catch (error) {
      await relayLock?.release()
      await pool.end().catch(() => {})
      throw error
    }
  }

  async createBoard(board: BoardRecord, tokenHashes: TokenHashes, initialState?: Uint8Array): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query('INSERT INTO boards (id, title, created_at) VALUES ($1, $2, $3)', [board.id, board.title, board.createdAt])
      for (const role of roles) await putTokenHash(client, board.id, role, tokenHashes[role])
      if (initialState) await putSnapshot(client, board.id, initialState, 0)
    })
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.pool.query<BoardRow>('SELECT id, title, created_at, last_used_at, sign_in_required FROM boards WHERE id = $1', [id])
    return rows[0] && boardRecord(rows[0])
  }

  async setSignInRequired(id: string, required: boolean): Promise<void> {
    await this.pool.query('UPDATE boards SET sign_in_required = $1 WHERE id = $2', [required, id])
  }

  async listBoards(): Promise<BoardRecord[]> {
    const { rows } = await this.pool.query<{ id: string; title: string; created_at: string }>(
      'SELECT id, title, created_at FROM boards ORDER BY created_at DESC',
    )
    return rows.map((row) => ({ id: row.id, title: row.title, createdAt: row.created_at }))
  }

  async boardStats(): Promise<BoardStats[]> {
    // int8 and numeric come back as strings: counted here as bigint, turned into numbers below.
    const { rows } = await this.pool.query<{ id: string; created_at: string; last_used_at: string | null; bytes: string; assets: string; versions: string }>(
      `SELECT b.id, b.created_at, b.last_used_at,
         (COALESCE((SELECT octet_length(data) FROM snapshots WHERE board_id = b.id), 0)
           + COALESCE((SELECT SUM(octet_length(data)) FROM updates WHERE board_id = b.id), 0)
           + COALESCE((SELECT SUM(octet_length(data)) FROM versions WHERE board_id = b.id), 0)
           + COALESCE((SELECT SUM(octet_length(data)) FROM assets WHERE board_id = b.id), 0))::bigint AS bytes,
         (SELECT COUNT(*) FROM assets WHERE board_id = b.id) AS assets,
         (SELECT COUNT(*) FROM versions WHERE board_id = b.id) AS versions
       FROM boards b ORDER BY b.created_at`,
    )
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      bytes: Number(row.bytes),
      assets: Number(row.assets),
      versions: Number(row.versions),
    }))
  }

  async deleteBoard(id: string): Promise<void> {
    // The board and, by ON DELETE CASCADE, its document, assets, versions, ballots, private
    // notes, join codes and token hashes, with its audit rows, in one transaction.
    await transaction(this.pool, async (client) => {
      await client.query('DELETE FROM boards WHERE id = $1', [id])
      await client.query('DELETE FROM audit WHERE board_id = $1', [id])
    })
  }

  async touchBoard(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE boards SET last_used_at = $1 WHERE id = $2', [at, id])
  }

  async boardsUnusedSince(before: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM boards WHERE COALESCE(last_used_at, created_at) < $1', [before])
    return rows.map((row) => row.id)
  }

  /** This process's key among several relay processes; 0 when it is the only relay. */
  get processKey(): number {
    return this.owners.processKey
  }

  /** See `BoardOwners.claimBoard`. */
  claimBoard(boardId: string): Promise<Claim> {
    return this.owners.claimBoard(boardId)
  }

  /** See `BoardOwners.releaseBoard`. */
  releaseBoard(boardId: string): Promise<void> {
    return this.owners.releaseBoard(boardId)
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1')
  }

  /** Waits for the calls under way, then closes every connection. */
  async close(): Promise<void> {
    await this.relayLock?.release()
    if (this.pool.ended || this.pool.ending) return
    await this.pool.end()
  }
}
