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
import { composeParts } from './composeParts.ts'
import type { Storage, StorageConcerns } from './Storage.ts'
import type { AuditKey } from '../base/auditKey.ts'
import { PostgresAssets } from './postgres/assets.ts'
import { chainAuditRows, eraseBoardAudit, PostgresAuditLog } from './postgres/auditLog.ts'
import { PostgresBallots } from './postgres/ballots.ts'
import { PostgresBoardDirectory } from './postgres/boardDirectory.ts'
import { PostgresBoardLinks } from './postgres/boardLinks.ts'
import { PostgresClientIds } from './postgres/clientIds.ts'
import { BoardOwners, type Claim } from './postgres/boardOwners.ts'
import { PostgresDocumentLog } from './postgres/documentLog.ts'
import { PostgresNetworks } from './postgres/networks.ts'
import { PostgresNetworkDigests } from './postgres/networkDigests.ts'
import { PostgresNetworkLinks } from './postgres/networkLinks.ts'
import { timeouts, transaction } from './postgres/pool.ts'
import { PostgresPrivateNotes } from './postgres/privateNotes.ts'
import { PostgresRetentionSchedule } from './postgres/retentionSchedule.ts'
import { PostgresRetentionArchives } from './postgres/retentionArchives.ts'
import { takeRelayLock, type RelayLock } from './postgres/relayLock.ts'
import { upgradeSchema } from './postgres/schemaUpgrade.ts'
import { PostgresSessions } from './postgres/sessions.ts'
import { PostgresVersions } from './postgres/versions.ts'

export { NotOwnerError, type Claim } from './postgres/boardOwners.ts'

export interface OpenOptions {
  maxConnections?: number
  /** AUDIT_KEY: new audit rows are hashed under it (`server/base/auditChain.ts`). */
  auditKey?: AuditKey | null
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

/** Each concern's calls come from its part (`postgres/`), all on the one pool; composed in the constructor. */
export interface PostgresStorage extends StorageConcerns {}

export class PostgresStorage implements Storage {
  /** Which boards this process holds, when it is one of several. */
  private readonly owners: BoardOwners

  private constructor(
    private readonly pool: pg.Pool,
    private readonly relayLock: RelayLock | null,
    auditKey: AuditKey | null,
  ) {
    this.owners = new BoardOwners(pool, relayLock)
    composeParts(this, {
      documents: new PostgresDocumentLog(pool, this.owners),
      assets: new PostgresAssets(pool),
      directory: new PostgresBoardDirectory(pool),
      links: new PostgresBoardLinks(pool),
      ballots: new PostgresBallots(pool),
      privateNotes: new PostgresPrivateNotes(pool),
      versions: new PostgresVersions(pool),
      sessions: new PostgresSessions(pool),
      audit: new PostgresAuditLog(pool, auditKey),
      networks: new PostgresNetworks(pool),
      clientIds: new PostgresClientIds(pool),
      retention: new PostgresRetentionSchedule(pool),
      retentionArchives: new PostgresRetentionArchives(pool),
      digests: new PostgresNetworkDigests(pool),
      networkLinks: new PostgresNetworkLinks(pool),
    })
  }

  /**
   * Connects and creates the tables that are missing (`schemaUpgrade.ts`). Several relay
   * processes may start at once: a transaction-scoped advisory lock lets one of them at a time.
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
      const storage = new PostgresStorage(pool, relayLock, options.auditKey ?? null)
      await transaction(pool, upgradeSchema)
      await chainAuditRows(pool, options.auditKey ?? null)
      return storage
    } catch (error) {
      await relayLock?.release()
      await pool.end().catch(() => {})
      throw error
    }
  }

  async deleteBoard(id: string): Promise<void> {
    // The board and, by ON DELETE CASCADE, its document, assets, versions, ballots, private
    // notes, join codes, token hashes, client ids' holders and place in a network, with its audit rows reduced to stubs (`auditChain.ts`), in one transaction.
    await transaction(this.pool, async (client) => {
      await client.query('DELETE FROM boards WHERE id = $1', [id])
      await eraseBoardAudit(client, id)
    })
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
