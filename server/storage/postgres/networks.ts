/** PostgreSQL's networks and the boards in them. */
import type pg from 'pg'
import { asBuffer } from '../asBuffer.ts'
import { networkBoardRecord, type AddNetworkBoardResult, type NetworkBoardRecord, type NetworkBoardChange, type NetworkBoardRow, type NetworkRecord, type Networks, type StoredNetwork } from '../Networks.ts'
import { transaction } from './pool.ts'

const uniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505'

export class PostgresNetworks implements Networks {
  constructor(private readonly pool: pg.Pool) {}

  async createNetwork(network: NetworkRecord, tokenHash: string): Promise<void> {
    await this.pool.query('INSERT INTO networks (id, name, target_group, created_at, token_hash) VALUES ($1, $2, $3, $4, $5)', [
      network.id,
      network.name,
      network.targetGroup,
      network.createdAt,
      tokenHash,
    ])
  }

  async getNetwork(id: string): Promise<StoredNetwork | undefined> {
    const { rows } = await this.pool.query<{ id: string; name: string; target_group: string; created_at: string; token_hash: string }>(
      'SELECT id, name, target_group, created_at, token_hash FROM networks WHERE id = $1',
      [id],
    )
    const row = rows[0]
    return row && { id: row.id, name: row.name, targetGroup: row.target_group, createdAt: row.created_at, tokenHash: row.token_hash }
  }

  async deleteNetwork(id: string): Promise<boolean> {
    // Its board rows go by ON DELETE CASCADE.
    const result = await this.pool.query('DELETE FROM networks WHERE id = $1', [id])
    return (result.rowCount ?? 0) > 0
  }

  async addNetworkBoard(board: NetworkBoardRecord, maxBoards: number): Promise<AddNetworkBoardResult> {
    try {
      return await transaction(this.pool, async (client): Promise<AddNetworkBoardResult> => {
        // The network's row locked: two adds at once cannot both take its last place.
        const network = await client.query('SELECT id FROM networks WHERE id = $1 FOR UPDATE', [board.networkId])
        if (network.rowCount === 0) return 'no-network'
        const current = await client.query<{ network_id: string }>('SELECT network_id FROM network_boards WHERE board_id = $1', [board.boardId])
        const currentNetwork = current.rows[0]?.network_id
        if (currentNetwork) return currentNetwork === board.networkId ? 'in-this-network' : 'in-another-network'
        const count = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM network_boards WHERE network_id = $1', [board.networkId])
        if (Number(count.rows[0]?.n ?? 0) >= maxBoards) return 'full'
        await client.query(
          'INSERT INTO network_boards (network_id, board_id, phase, internal, body, added_at, sealed_token) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [board.networkId, board.boardId, board.phase, board.internal, board.body ?? '', board.addedAt, asBuffer(board.sealedToken)],
        )
        return 'added'
      })
    } catch (error) {
      // The same board added to another network at the same moment: that one won.
      if (!uniqueViolation(error)) throw error
      return (await this.networkOfBoard(board.boardId)) === board.networkId ? 'in-this-network' : 'in-another-network'
    }
  }

  async networkBoards(networkId: string): Promise<NetworkBoardRecord[]> {
    const { rows } = await this.pool.query<NetworkBoardRow>('SELECT * FROM network_boards WHERE network_id = $1 ORDER BY added_at, board_id', [networkId])
    return rows.map(networkBoardRecord)
  }

  async networkBoard(networkId: string, boardId: string): Promise<NetworkBoardRecord | undefined> {
    const { rows } = await this.pool.query<NetworkBoardRow>('SELECT * FROM network_boards WHERE network_id = $1 AND board_id = $2', [networkId, boardId])
    return rows[0] && networkBoardRecord(rows[0])
  }

  async networkOfBoard(boardId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ network_id: string }>('SELECT network_id FROM network_boards WHERE board_id = $1', [boardId])
    return rows[0]?.network_id
  }

  async updateNetworkBoard(networkId: string, boardId: string, change: NetworkBoardChange): Promise<NetworkBoardRecord | undefined> {
    const { rows } = await this.pool.query<NetworkBoardRow>(
      `UPDATE network_boards SET phase = COALESCE($1, phase), internal = COALESCE($2, internal), body = COALESCE($3, body)
       WHERE network_id = $4 AND board_id = $5 RETURNING *`,
      [change.phase ?? null, change.internal ?? null, change.body ?? null, networkId, boardId],
    )
    return rows[0] && networkBoardRecord(rows[0])
  }

  async removeNetworkBoard(networkId: string, boardId: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM network_boards WHERE network_id = $1 AND board_id = $2', [networkId, boardId])
    return (result.rowCount ?? 0) > 0
  }

  async packMemory(networkId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ pack_memory: string | null }>('SELECT pack_memory FROM networks WHERE id = $1', [networkId])
    return rows[0]?.pack_memory ?? undefined
  }

  async setPackMemory(networkId: string, memory: string): Promise<void> {
    await this.pool.query('UPDATE networks SET pack_memory = $1 WHERE id = $2', [memory, networkId])
  }

  async templateDays(boardId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ template_days: string | null }>('SELECT template_days FROM network_boards WHERE board_id = $1', [boardId])
    return rows[0]?.template_days ?? undefined
  }

  async setTemplateDays(boardId: string, days: string): Promise<void> {
    await this.pool.query('UPDATE network_boards SET template_days = $1 WHERE board_id = $2', [days, boardId])
  }
}
