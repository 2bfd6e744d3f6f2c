/** The SQLite file's versions: saved states of a board, automatic or named. */
import type Database from 'better-sqlite3'
import { asBuffer } from '../asBuffer.ts'
import type { VersionRecord, Versions } from '../Versions.ts'

export class SqliteVersions implements Versions {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      putVersion: db.prepare('INSERT INTO versions (board_id, id, created_at, name, data) VALUES (?, ?, ?, ?, ?)'),
      listVersions: db.prepare<[string], { id: string; created_at: string; name: string | null }>(
        'SELECT id, created_at, name FROM versions WHERE board_id = ? ORDER BY created_at DESC, rowid DESC',
      ),
      versionState: db.prepare<[string, string], { data: Buffer }>('SELECT data FROM versions WHERE board_id = ? AND id = ?'),
      deleteVersion: db.prepare('DELETE FROM versions WHERE board_id = ? AND id = ?'),
      pruneVersions: db.prepare(
        `DELETE FROM versions WHERE board_id = ? AND name IS NULL AND (created_at < ? OR id NOT IN (
           SELECT id FROM versions WHERE board_id = ? AND name IS NULL ORDER BY created_at DESC, rowid DESC LIMIT ?))`,
      ),
    }
  }

  async putVersion(boardId: string, version: VersionRecord, state: Uint8Array): Promise<void> {
    this.statements.putVersion.run(boardId, version.id, version.createdAt, version.name, asBuffer(state))
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    return this.statements.listVersions.all(boardId).map((row) => ({ id: row.id, createdAt: row.created_at, name: row.name }))
  }

  async versionState(boardId: string, versionId: string): Promise<Uint8Array | undefined> {
    const row = this.statements.versionState.get(boardId, versionId)
    return row && new Uint8Array(row.data)
  }

  async pruneVersions(boardId: string, keep: number, before: string): Promise<void> {
    this.statements.pruneVersions.run(boardId, before, boardId, keep)
  }

  async deleteVersion(boardId: string, versionId: string): Promise<void> {
    this.statements.deleteVersion.run(boardId, versionId)
  }
}
