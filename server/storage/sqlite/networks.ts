/** The SQLite file's networks and the boards in them. */
import type Database from 'better-sqlite3'
import { asBuffer } from '../asBuffer.ts'
import { networkBoardRecord, type AddNetworkBoardResult, type NetworkBoardChange, type NetworkBoardRecord, type NetworkBoardRow, type NetworkRecord, type Networks, type StoredNetwork } from '../Networks.ts'

export class SqliteNetworks implements Networks {
  private readonly statements

  /** `emptyLog`: the storage's WAL checkpoint, so that a deleted network's name leaves no copy behind (as a deleted board's). */
  constructor(
    private readonly db: Database.Database,
    private readonly emptyLog: () => void,
  ) {
    this.statements = {
      create: db.prepare('INSERT INTO networks (id, name, target_group, created_at, token_hash) VALUES (?, ?, ?, ?, ?)'),
      get: db.prepare<[string], { id: string; name: string; target_group: string; created_at: string; token_hash: string }>(
        'SELECT id, name, target_group, created_at, token_hash FROM networks WHERE id = ?',
      ),
      delete: db.prepare('DELETE FROM networks WHERE id = ?'),
      count: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM network_boards WHERE network_id = ?'),
      add: db.prepare('INSERT INTO network_boards (network_id, board_id, phase, internal, body, added_at, sealed_token) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      boards: db.prepare<[string], NetworkBoardRow>('SELECT * FROM network_boards WHERE network_id = ? ORDER BY added_at, board_id'),
      board: db.prepare<[string, string], NetworkBoardRow>('SELECT * FROM network_boards WHERE network_id = ? AND board_id = ?'),
      networkOf: db.prepare<[string], { network_id: string }>('SELECT network_id FROM network_boards WHERE board_id = ?'),
      update: db.prepare(
        'UPDATE network_boards SET phase = COALESCE(?, phase), internal = COALESCE(?, internal), body = COALESCE(?, body) WHERE network_id = ? AND board_id = ?',
      ),
      remove: db.prepare('DELETE FROM network_boards WHERE network_id = ? AND board_id = ?'),
      packMemory: db.prepare<[string], { pack_memory: string | null }>('SELECT pack_memory FROM networks WHERE id = ?'),
      setPackMemory: db.prepare('UPDATE networks SET pack_memory = ? WHERE id = ?'),
      templateDays: db.prepare<[string], { template_days: string | null }>('SELECT template_days FROM network_boards WHERE board_id = ?'),
      setTemplateDays: db.prepare('UPDATE network_boards SET template_days = ? WHERE board_id = ?'),
    }
  }

  async createNetwork(network: NetworkRecord, tokenHash: string): Promise<void> {
    this.statements.create.run(network.id, network.name, network.targetGroup, network.createdAt, tokenHash)
  }

  async getNetwork(id: string): Promise<StoredNetwork | undefined> {
    const row = this.statements.get.get(id)
    return row && { id: row.id, name: row.name, targetGroup: row.target_group, createdAt: row.created_at, tokenHash: row.token_hash }
  }

  async deleteNetwork(id: string): Promise<boolean> {
    // Its board rows go by ON DELETE CASCADE.
    const deleted = this.statements.delete.run(id).changes > 0
    if (deleted) this.emptyLog()
    return deleted
  }

  async addNetworkBoard(board: NetworkBoardRecord, maxBoards: number): Promise<AddNetworkBoardResult> {
    return this.db.transaction((): AddNetworkBoardResult => {
      if (!this.statements.get.get(board.networkId)) return 'no-network'
      const current = this.statements.networkOf.get(board.boardId)?.network_id
      if (current) return current === board.networkId ? 'in-this-network' : 'in-another-network'
      if ((this.statements.count.get(board.networkId)?.n ?? 0) >= maxBoards) return 'full'
      this.statements.add.run(board.networkId, board.boardId, board.phase, board.internal ? 1 : 0, board.body ?? '', board.addedAt, asBuffer(board.sealedToken))
      return 'added'
    })()
  }

  async networkBoards(networkId: string): Promise<NetworkBoardRecord[]> {
    return this.statements.boards.all(networkId).map(networkBoardRecord)
  }

  async networkBoard(networkId: string, boardId: string): Promise<NetworkBoardRecord | undefined> {
    const row = this.statements.board.get(networkId, boardId)
    return row && networkBoardRecord(row)
  }

  async networkOfBoard(boardId: string): Promise<string | undefined> {
    return this.statements.networkOf.get(boardId)?.network_id
  }

  async updateNetworkBoard(networkId: string, boardId: string, change: NetworkBoardChange): Promise<NetworkBoardRecord | undefined> {
    const internal = change.internal === undefined ? null : change.internal ? 1 : 0
    this.statements.update.run(change.phase ?? null, internal, change.body ?? null, networkId, boardId)
    const row = this.statements.board.get(networkId, boardId)
    return row && networkBoardRecord(row)
  }

  async removeNetworkBoard(networkId: string, boardId: string): Promise<boolean> {
    return this.statements.remove.run(networkId, boardId).changes > 0
  }

  async packMemory(networkId: string): Promise<string | undefined> {
    return this.statements.packMemory.get(networkId)?.pack_memory ?? undefined
  }

  async setPackMemory(networkId: string, memory: string): Promise<void> {
    this.statements.setPackMemory.run(memory, networkId)
  }

  async templateDays(boardId: string): Promise<string | undefined> {
    return this.statements.templateDays.get(boardId)?.template_days ?? undefined
  }

  async setTemplateDays(boardId: string, days: string): Promise<void> {
    this.statements.setTemplateDays.run(days, boardId)
  }
}
