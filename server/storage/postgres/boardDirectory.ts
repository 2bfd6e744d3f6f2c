/** PostgreSQL's board directory: which boards there are, their settings, last use and sizes. */
import type pg from 'pg'
import { roles } from '../../../shared/access.ts'
import { boardRecord, type BoardDirectory, type BoardRecord, type BoardRow, type BoardStats, type TokenHashes } from '../BoardDirectory.ts'
import { putTokenHash } from './boardLinks.ts'
import { putSnapshot } from './documentLog.ts'
import { transaction } from './pool.ts'

export class PostgresBoardDirectory implements BoardDirectory {
  constructor(private readonly pool: pg.Pool) {}

  async createBoard(board: BoardRecord, tokenHashes: TokenHashes, initialState?: Uint8Array): Promise<void> {
    await transaction(this.pool, async (client) => {
      await client.query('INSERT INTO boards (id, title, created_at, observers_may_export) VALUES ($1, $2, $3, $4)', [
        board.id,
        board.title,
        board.createdAt,
        board.observersMayExport ?? null,
      ])
      for (const role of roles) await putTokenHash(client, board.id, role, tokenHashes[role])
      if (initialState) await putSnapshot(client, board.id, initialState, 0)
    })
  }

  async getBoard(id: string): Promise<BoardRecord | undefined> {
    const { rows } = await this.pool.query<BoardRow>('SELECT id, title, created_at, last_used_at, changed_at, sign_in_required, observers_may_export FROM boards WHERE id = $1', [id])
    return rows[0] && boardRecord(rows[0])
  }

  async setSignInRequired(id: string, required: boolean): Promise<void> {
    await this.pool.query('UPDATE boards SET sign_in_required = $1 WHERE id = $2', [required, id])
  }

  async setObserversMayExport(id: string, allowed: boolean): Promise<void> {
    await this.pool.query('UPDATE boards SET observers_may_export = $1 WHERE id = $2 AND observers_may_export IS DISTINCT FROM $1', [allowed, id])
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

  async touchBoard(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE boards SET last_used_at = $1 WHERE id = $2', [at, id])
  }

  async noteBoardChanged(id: string, at: string): Promise<void> {
    await this.pool.query("UPDATE boards SET changed_at = $1 WHERE id = $2 AND COALESCE(changed_at, '') < $1", [at, id])
  }

  async boardsUnusedSince(before: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM boards WHERE COALESCE(last_used_at, created_at) < $1', [before])
    return rows.map((row) => row.id)
  }
}
