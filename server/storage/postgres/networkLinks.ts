/** PostgreSQL's network links (`NetworkLinks.ts`). */
import type pg from 'pg'
import { asBuffer } from '../asBuffer.ts'
import type { NetworkLinks, ResealedBoard, StoredPackLink } from '../NetworkLinks.ts'
import { transaction } from './pool.ts'

export class PostgresNetworkLinks implements NetworkLinks {
  constructor(private readonly pool: pg.Pool) {}

  async renewNetworkToken(networkId: string, oldHash: string, newHash: string, resealed: readonly ResealedBoard[], resealedPack?: Uint8Array): Promise<boolean> {
    return transaction(this.pool, async (client) => {
      const renewed = await client.query('UPDATE networks SET token_hash = $1 WHERE id = $2 AND token_hash = $3', [newHash, networkId, oldHash])
      if (renewed.rowCount === 0) return false
      for (const board of resealed) {
        await client.query('UPDATE network_boards SET sealed_token = $1 WHERE network_id = $2 AND board_id = $3', [asBuffer(board.sealedToken), networkId, board.boardId])
      }
      if (resealedPack) await client.query('UPDATE network_pack_links SET sealed_token = $1 WHERE network_id = $2', [asBuffer(resealedPack), networkId])
      return true
    })
  }

  async resealNetworkBoard(networkId: string, boardId: string, sealedToken: Uint8Array): Promise<void> {
    await this.pool.query('UPDATE network_boards SET sealed_token = $1 WHERE network_id = $2 AND board_id = $3', [asBuffer(sealedToken), networkId, boardId])
  }

  async packLinkOf(networkId: string): Promise<StoredPackLink | undefined> {
    const { rows } = await this.pool.query<{ token_hash: string; sealed_token: Buffer }>(
      'SELECT token_hash, sealed_token FROM network_pack_links WHERE network_id = $1',
      [networkId],
    )
    const row = rows[0]
    return row && { tokenHash: row.token_hash, sealedToken: new Uint8Array(row.sealed_token) }
  }

  async setPackLink(networkId: string, link: StoredPackLink): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO network_pack_links (network_id, token_hash, sealed_token) SELECT id, $1, $2 FROM networks WHERE id = $3 ON CONFLICT (network_id) DO UPDATE SET token_hash = excluded.token_hash, sealed_token = excluded.sealed_token',
      [link.tokenHash, asBuffer(link.sealedToken), networkId],
    )
    return (result.rowCount ?? 0) > 0
  }
}
