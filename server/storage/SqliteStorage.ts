/** The embedded default: one SQLite file in DATA_DIR, WAL mode. */
import Database from 'better-sqlite3'
import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { composeParts } from './composeParts.ts'
import { lockDataDir, type DataDirLock } from './dataDirLock.ts'
import type { Storage, StorageConcerns, StorageParts } from './Storage.ts'
import type { AuditKey } from '../base/auditKey.ts'
import { SqliteAssets } from './sqlite/assets.ts'
import { eraseBoardAudit, SqliteAuditLog } from './sqlite/auditLog.ts'
import { SqliteBallots } from './sqlite/ballots.ts'
import { SqliteBoardDirectory } from './sqlite/boardDirectory.ts'
import { SqliteBoardLinks } from './sqlite/boardLinks.ts'
import { SqliteClientIds } from './sqlite/clientIds.ts'
import { SqliteDocumentLog } from './sqlite/documentLog.ts'
import { SqliteNetworks } from './sqlite/networks.ts'
import { SqliteNetworkDigests } from './sqlite/networkDigests.ts'
import { SqliteNetworkLinks } from './sqlite/networkLinks.ts'
import { SqlitePrivateNotes } from './sqlite/privateNotes.ts'
import { SqliteRetentionSchedule } from './sqlite/retentionSchedule.ts'
import { SqliteRetentionArchives } from './sqlite/retentionArchives.ts'
import { addMissingColumns, schema } from './sqlite/schema.ts'
import { SqliteSessions } from './sqlite/sessions.ts'
import { SqliteVersions } from './sqlite/versions.ts'

/** The database file in DATA_DIR. */
export const databasePath = (dataDir: string) => join(dataDir, 'netzwerkstatt.sqlite')

/** One part per concern, all on the one connection `db`; `emptyLog` after a deletion (a network's name must not stay in the WAL). */
export const sqliteParts = (db: Database.Database, emptyLog: () => void = () => {}, auditKey: AuditKey | null = null): StorageParts => ({
  documents: new SqliteDocumentLog(db),
  assets: new SqliteAssets(db),
  directory: new SqliteBoardDirectory(db),
  links: new SqliteBoardLinks(db),
  ballots: new SqliteBallots(db),
  privateNotes: new SqlitePrivateNotes(db),
  versions: new SqliteVersions(db),
  sessions: new SqliteSessions(db),
  audit: new SqliteAuditLog(db, auditKey),
  networks: new SqliteNetworks(db, emptyLog),
  clientIds: new SqliteClientIds(db),
  retention: new SqliteRetentionSchedule(db),
  retentionArchives: new SqliteRetentionArchives(db),
  digests: new SqliteNetworkDigests(db),
  networkLinks: new SqliteNetworkLinks(db),
})

/** Each concern's calls come from its part (`sqlite/`), all on the one connection; composed in the constructor. */
export interface SqliteStorage extends StorageConcerns {}

export class SqliteStorage implements Storage {
  readonly path: string
  private readonly db: Database.Database
  private readonly statements

  private readonly lock: DataDirLock | null

  /**
   * `maxBytes` caps the database file; past it writes fail with SQLITE_FULL, as on a full disk.
   * `exclusive` is the relay's: no other relay may open the same database while it runs.
   * `auditKey`: AUDIT_KEY, under which new audit rows are hashed (`server/base/auditChain.ts`).
   */
  constructor(dataDir: string, options: { maxBytes?: number; exclusive?: { waitMs: number }; auditKey?: AuditKey | null } = {}) {
    // Boards are the operator's users' data: readable by the relay's account only. SQLite gives
    // the -wal and -shm files the database file's permissions.
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    this.path = databasePath(dataDir)
    this.lock = options.exclusive ? lockDataDir(dataDir, this.path, options.exclusive.waitMs) : null
    this.db = new Database(this.path)
    chmodSync(this.path, 0o600)
    // WAL + NORMAL: a committed append survives the process being killed (the OS has it);
    // only a power loss can drop the last transactions.
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    // Deleted rows are overwritten with zeros, not just unlinked: a deleted board leaves no
    // readable trace in the file (compaction's dropped updates are zeroed the same way).
    this.db.pragma('secure_delete = ON')
    this.db.exec(schema)
    addMissingColumns(this.db)
    if (options.maxBytes) {
      const pageSize = this.db.pragma('page_size', { simple: true }) as number
      this.db.pragma(`max_page_count = ${Math.ceil(options.maxBytes / pageSize)}`)
    }
    const db = this.db
    this.statements = {
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
    }
    composeParts(this, sqliteParts(db, () => this.emptyLog(), options.auditKey ?? null))
  }

  async deleteBoard(id: string): Promise<void> {
    // Every concern's rows go with the board by ON DELETE CASCADE (`sqlite/schema.ts`); the
    // audit trail has no foreign key (a deletion row outlives the board): its rows lose their body here.
    this.db.transaction(() => {
      this.statements.deleteBoard.run(id)
      eraseBoardAudit(this.db, id)
    })()
    // The WAL still holds the pages as they were before the delete: write them back (zeroed) and
    // empty it, so that no file under DATA_DIR keeps a copy once the delete has returned.
    this.emptyLog()
  }

  /**
   * Checkpoints and truncates the WAL. SQLite waits up to its busy timeout (5 s) for readers in
   * other processes (`npm run admin -- backup`); if one still holds on, try again shortly until
   * it has let go, so the old pages do not stay in the log.
   */
  private emptyLog(): void {
    if (!this.db.open) return
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>
    if (result?.busy) setTimeout(() => this.emptyLog(), 1000).unref()
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get()
  }

  async close(): Promise<void> {
    if (!this.db.open) return
    this.db.pragma('wal_checkpoint(TRUNCATE)')
    this.db.close()
    this.lock?.release()
  }
}
