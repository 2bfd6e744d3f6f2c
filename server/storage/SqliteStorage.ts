/** The embedded default: one SQLite file in DATA_DIR, WAL mode. */
import Database from 'better-sqlite3'
import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { roles } from '../../shared/access.ts'
import { composeParts } from './composeParts.ts'
import type { BoardAssets } from './BoardAssets.ts'
import type { AuditLog } from './AuditLog.ts'
import type { Ballots } from './Ballots.ts'
import type { BoardLinks } from './BoardLinks.ts'
import type { DocumentLog } from './DocumentLog.ts'
import type { PrivateNotes } from './PrivateNotes.ts'
import type { Sessions } from './Sessions.ts'
import type { Versions } from './Versions.ts'
import { lockDataDir, type DataDirLock } from './dataDirLock.ts'
import { addMissingColumns, schema } from './sqlite/schema.ts'
import { putTokenHashSql, SqliteBoardLinks } from './sqlite/boardLinks.ts'
import { SqlitePrivateNotes } from './sqlite/privateNotes.ts'
import { SqliteBallots } from './sqlite/ballots.ts'
import { SqliteAuditLog } from './sqlite/auditLog.ts'
import { SqliteSessions } from './sqlite/sessions.ts'
import { SqliteVersions } from './sqlite/versions.ts'
import { SqliteAssets } from './sqlite/assets.ts'
import { putSnapshotSql, SqliteDocumentLog } from './sqlite/documentLog.ts'
import { boardRecord, type BoardRecord, type BoardRow, type BoardStats, type Storage, type TokenHashes } from './Storage.ts'

/** The database file in DATA_DIR. */
export const databasePath = (dataDir: string) => join(dataDir, 'netzwerkstatt.sqlite')

/** The concerns' calls come from its parts (`sqlite/`), composed in the constructor. */
export interface SqliteStorage extends Pick<Storage, never>, DocumentLog, BoardAssets, Versions, Sessions, AuditLog, Ballots, PrivateNotes, BoardLinks {}

export class SqliteStorage implements Storage {
  readonly path: string
  private readonly db: Database.Database
  private readonly statements

  private readonly lock: DataDirLock | null

  /**
   * `maxBytes` caps the database file; past it writes fail with SQLITE_FULL, as on a full disk.
   * `exclusive` is the relay's: no other relay may open the same database while it runs.
   */
  constructor(dataDir: string, options: { maxBytes?: number; exclusive?: { waitMs: number } } = {}) {
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
      insertBoard: db.prepare('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)'),
      getBoard: db.prepare<[string], BoardRow>(
        'SELECT id, title, created_at, last_used_at, sign_in_required FROM boards WHERE id = ?',
      ),
      setSignInRequired: db.prepare('UPDATE boards SET sign_in_required = ? WHERE id = ?'),
      touchBoard: db.prepare('UPDATE boards SET last_used_at = ? WHERE id = ?'),
      unusedSince: db.prepare<[string], { id: string }>('SELECT id FROM boards WHERE COALESCE(last_used_at, created_at) < ?'),
      listBoards: db.prepare<[], { id: string; title: string; created_at: string }>(
        'SELECT id, title, created_at FROM boards ORDER BY created_at DESC',
      ),
      deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
      deleteBoardAudit: db.prepare('DELETE FROM audit WHERE board_id = ?'),
      boardStats: db.prepare<
        [],
        { id: string; created_at: string; last_used_at: string | null; bytes: number; assets: number; versions: number }
      >(
        `SELECT b.id, b.created_at, b.last_used_at,
           COALESCE((SELECT length(data) FROM snapshots WHERE board_id = b.id), 0)
             + COALESCE((SELECT SUM(length(data)) FROM updates WHERE board_id = b.id), 0)
             + COALESCE((SELECT SUM(length(data)) FROM versions WHERE board_id = b.id), 0)
             + COALESCE((SELECT SUM(length(data)) FROM assets WHERE board_id = b.id), 0) AS bytes,
           (SELECT COUNT(*) FROM assets WHERE board_id = b.id) AS assets,
           (SELECT COUNT(*) FROM versions WHERE board_id = b.id) AS versions
         FROM boards b ORDER BY b.created_at`,
      ),
      putSnapshot: db.prepare(putSnapshotSql),
      putTokenHash: db.prepare(putTokenHashSql),
    }
    composeParts(this, [new SqliteBoardLinks(db), new SqlitePrivateNotes(db), new SqliteBallots(db), new SqliteAuditLog(db), new SqliteSessions(db), new SqliteVersions(db), new SqliteAssets(db), new SqliteDocumentLog(db)])
  }

  async createBoard(board: BoardRecord, tokenHashes: TokenHashes, initialState?: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertBoard.run(board.id, board.title, board.createdAt)
      for (const role of roles) this.statements.putTokenHash.run(board.id, role, tokenHashes[role])
      if (initialState) this.statements.putSnapshot.run(board.id, asBuffer(initialState), 0)
    })()
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const row = this.statements.getBoard.get(id)
    return row && boardRecord(row)
  }

  async setSignInRequired(id: string, required: boolean): Promise<void> {
    this.statements.setSignInRequired.run(required ? 1 : 0, id)
  }

  async touchBoard(id: string, at: string): Promise<void> {
    this.statements.touchBoard.run(at, id)
  }

  async boardsUnusedSince(before: string): Promise<string[]> {
    return this.statements.unusedSince.all(before).map((row) => row.id)
  }

  async listBoards(): Promise<BoardRecord[]> {
    return this.statements.listBoards
      .all()
      .map((row) => ({ id: row.id, title: row.title, createdAt: row.created_at }))
  }

  async boardStats(): Promise<BoardStats[]> {
    return this.statements.boardStats.all().map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      bytes: row.bytes,
      assets: row.assets,
      versions: row.versions,
    }))
  }

  async deleteBoard(id: string): Promise<void> {
    this.db.transaction(() => {
      this.statements.deleteBoard.run(id)
      this.statements.deleteBoardAudit.run(id)
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

/** better-sqlite3 binds Buffers as BLOBs; this views the same memory without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
