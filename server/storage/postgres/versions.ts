/** PostgreSQL's versions: saved states of a board, automatic or named. */
import type pg from 'pg'
import { asBuffer } from '../asBuffer.ts'
import type { VersionRecord, Versions } from '../Versions.ts'

export class PostgresVersions implements Versions {
  constructor(private readonly pool: pg.Pool) {}

  async putVersion(boardId: string, version: VersionRecord, state: Uint8Array): Promise<void> {
    await this.pool.query('INSERT INTO versions (board_id, id, created_at, name, data) VALUES ($1, $2, $3, $4, $5)', [
      boardId,
      version.id,
      version.createdAt,
      version.name,
      asBuffer(state),
    ])
  }

  async listVersions(boardId: string): Promise<VersionRecord[]> {
    const { rows } = await this.pool.query<{ id: string; created_at: string; name: string | null }>(
      'SELECT id, created_at, name FROM versions WHERE board_id = $1 ORDER BY created_at DESC, rowid DESC',
      [boardId],
    )
    return rows.map((row) => ({ id: row.id, createdAt: row.created_at, name: row.name }))
  }

  async versionState(boardId: string, versionId: string): Promise<Uint8Array | undefined> {
    const { rows } = await this.pool.query<{ data: Buffer }>('SELECT data FROM versions WHERE board_id = $1 AND id = $2', [boardId, versionId])
    return rows[0] && new Uint8Array(rows[0].data)
  }

  async pruneVersions(boardId: string, keep: number, before: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM versions WHERE board_id = $1 AND name IS NULL AND (created_at < $2 OR id NOT IN (
         SELECT id FROM versions WHERE board_id = $1 AND name IS NULL ORDER BY created_at DESC, rowid DESC LIMIT $3))`,
      [boardId, before, keep],
    )
  }

  async deleteVersion(boardId: string, versionId: string): Promise<void> {
    await this.pool.query('DELETE FROM versions WHERE board_id = $1 AND id = $2', [boardId, versionId])
  }
}
