/** The SQLite file's board directory: which boards there are, their settings, last use and sizes. */
import type Database from 'better-sqlite3'
import { roles } from '../../../shared/access.ts'
import { asBuffer } from '../asBuffer.ts'
import { boardRecord, type BoardDirectory, type BoardRecord, type BoardRow, type BoardStats, type TokenHashes } from '../BoardDirectory.ts'
import { putTokenHashSql } from './boardLinks.ts'
import { putSnapshotSql } from './documentLog.ts'

export class SqliteBoardDirectory implements BoardDirectory {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertBoard: db.prepare('INSERT INTO boards (id, title, created_at, observers_may_export) VALUES (?, ?, ?, ?)'),
      getBoard: db.prepare<[string], BoardRow>(
        'SELECT id, title, created_at, last_used_at, changed_at, sign_in_required, observers_may_export FROM boards WHERE id = ?',
      ),
      setSignInRequired: db.prepare('UPDATE boards SET sign_in_required = ? WHERE id = ?'),
      setObserversMayExport: db.prepare('UPDATE boards SET observers_may_export = ? WHERE id = ? AND observers_may_export IS NOT ?'),
      touchBoard: db.prepare('UPDATE boards SET last_used_at = ? WHERE id = ?'),
      noteChanged: db.prepare("UPDATE boards SET changed_at = ? WHERE id = ? AND COALESCE(changed_at, '') < ?"),
      unusedSince: db.prepare<[string], { id: string }>('SELECT id FROM boards WHERE COALESCE(last_used_at, created_at) < ?'),
      listBoards: db.prepare<[], { id: string; title: string; created_at: string }>(
        'SELECT id, title, created_at FROM boards ORDER BY created_at DESC',
      ),
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
  }

  async createBoard(board: BoardRecord, tokenHashes: TokenHashes, initialState?: Uint8Array): Promise<void> {
    this.db.transaction(() => {
      this.statements.insertBoard.run(board.id, board.title, board.createdAt, flag(board.observersMayExport))
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

  async setObserversMayExport(id: string, allowed: boolean): Promise<void> {
    this.statements.setObserversMayExport.run(flag(allowed), id, flag(allowed))
  }

  async touchBoard(id: string, at: string): Promise<void> {
    this.statements.touchBoard.run(at, id)
  }

  async noteBoardChanged(id: string, at: string): Promise<void> {
    this.statements.noteChanged.run(at, id, at)
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
}

/** SQLite keeps a flag as 0/1, and an unknown one as NULL. */
const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0)
