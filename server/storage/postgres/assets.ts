/** PostgreSQL's assets: images and files placed on a board. */
import type pg from 'pg'
import { asBuffer } from '../asBuffer.ts'
import type { BoardAssets, StoredAsset } from '../BoardAssets.ts'

export class PostgresAssets implements BoardAssets {
  constructor(private readonly pool: pg.Pool) {}

  async putAsset(boardId: string, assetId: string, asset: StoredAsset): Promise<void> {
    await this.pool.query(
      `INSERT INTO assets (board_id, id, mime_type, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id, id) DO UPDATE SET mime_type = excluded.mime_type, data = excluded.data`,
      [boardId, assetId, asset.mimeType, asBuffer(asset.data)],
    )
  }

  async getAsset(boardId: string, assetId: string): Promise<StoredAsset | undefined> {
    const { rows } = await this.pool.query<{ mime_type: string; data: Buffer }>(
      'SELECT mime_type, data FROM assets WHERE board_id = $1 AND id = $2',
      [boardId, assetId],
    )
    const row = rows[0]
    // A copy in an ArrayBuffer of its own (pg's Buffers may share a pooled one).
    return row && { mimeType: row.mime_type, data: new Uint8Array(row.data) }
  }

  async assetBytes(boardId: string): Promise<number> {
    const { rows } = await this.pool.query<{ bytes: string | null }>('SELECT SUM(octet_length(data)) AS bytes FROM assets WHERE board_id = $1', [boardId])
    return Number(rows[0]?.bytes ?? 0)
  }
}
