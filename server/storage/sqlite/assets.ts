/** The SQLite file's assets: images and files placed on a board. */
import type Database from 'better-sqlite3'
import { asBuffer } from '../asBuffer.ts'
import type { BoardAssets, StoredAsset } from '../BoardAssets.ts'

export class SqliteAssets implements BoardAssets {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      putAsset: db.prepare(
        'INSERT OR REPLACE INTO assets (board_id, id, mime_type, data) VALUES (?, ?, ?, ?)',
      ),
      assetBytes: db.prepare<[string], { bytes: number | null }>(
        'SELECT SUM(length(data)) AS bytes FROM assets WHERE board_id = ?',
      ),
      getAsset: db.prepare<[string, string], { mime_type: string; data: Buffer }>(
        'SELECT mime_type, data FROM assets WHERE board_id = ? AND id = ?',
      ),
    }
  }

  async putAsset(boardId: string, assetId: string, asset: StoredAsset): Promise<void> {
    this.statements.putAsset.run(boardId, assetId, asset.mimeType, asBuffer(asset.data))
  }

  async getAsset(boardId: string, assetId: string): Promise<StoredAsset | undefined> {
    const row = this.statements.getAsset.get(boardId, assetId)
    return row && { mimeType: row.mime_type, data: new Uint8Array(row.data) }
  }

  async assetBytes(boardId: string): Promise<number> {
    return this.statements.assetBytes.get(boardId)?.bytes ?? 0
  }
}
