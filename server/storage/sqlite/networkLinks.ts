/** The SQLite file's network links (`NetworkLinks.ts`). */
import type Database from 'better-sqlite3'
import { asBuffer } from '../asBuffer.ts'
import type { NetworkLinks, ResealedBoard, StoredPackLink } from '../NetworkLinks.ts'

export class SqliteNetworkLinks implements NetworkLinks {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      renew: db.prepare('UPDATE networks SET token_hash = ? WHERE id = ? AND token_hash = ?'),
      reseal: db.prepare('UPDATE network_boards SET sealed_token = ? WHERE network_id = ? AND board_id = ?'),
      pack: db.prepare<[string], { token_hash: string; sealed_token: Buffer }>('SELECT token_hash, sealed_token FROM network_pack_links WHERE network_id = ?'),
      setPack: db.prepare(
        'INSERT INTO network_pack_links (network_id, token_hash, sealed_token) SELECT id, ?, ? FROM networks WHERE id = ? ON CONFLICT (network_id) DO UPDATE SET token_hash = excluded.token_hash, sealed_token = excluded.sealed_token',
      ),
      resealPack: db.prepare('UPDATE network_pack_links SET sealed_token = ? WHERE network_id = ?'),
    }
  }

  async renewNetworkToken(networkId: string, oldHash: string, newHash: string, resealed: readonly ResealedBoard[], resealedPack?: Uint8Array): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.statements.renew.run(newHash, networkId, oldHash).changes === 0) return false
      for (const board of resealed) this.statements.reseal.run(asBuffer(board.sealedToken), networkId, board.boardId)
      if (resealedPack) this.statements.resealPack.run(asBuffer(resealedPack), networkId)
      return true
    })()
  }

  async resealNetworkBoard(networkId: string, boardId: string, sealedToken: Uint8Array): Promise<void> {
    this.statements.reseal.run(asBuffer(sealedToken), networkId, boardId)
  }

  async packLinkOf(networkId: string): Promise<StoredPackLink | undefined> {
    const row = this.statements.pack.get(networkId)
    return row && { tokenHash: row.token_hash, sealedToken: new Uint8Array(row.sealed_token) }
  }

  async setPackLink(networkId: string, link: StoredPackLink): Promise<boolean> {
    return this.statements.setPack.run(link.tokenHash, asBuffer(link.sealedToken), networkId).changes > 0
  }
}
