/**
 * Networks (`shared/networkApi.ts`): a coordinator's boards grouped along the handbook's phases.
 * A network is stored with the hash of its own token only; each of its boards with its phase, its
 * internal flag and the board's facilitator token sealed under the network's token
 * (`networkBoards.ts`), so the database alone opens none of them. A board belongs to at most one
 * network, and its row goes with the board (`Storage.deleteBoard`).
 */

export interface NetworkRecord {
  id: string
  name: string
  targetGroup: string
  createdAt: string
}

export interface StoredNetwork extends NetworkRecord {
  tokenHash: string
}

export interface NetworkBoardRecord {
  networkId: string
  boardId: string
  phase: string
  internal: boolean
  /** Which body (Gremium) meets on it (`shared/networkBodies.ts`); '' or absent if nobody said. */
  body?: string
  addedAt: string
  /** The board's facilitator token, sealed under the network's token. */
  sealedToken: Uint8Array
}

/** A `network_boards` row as both databases return it (SQLite stores the flag as 0/1, PostgreSQL as a boolean). */
export interface NetworkBoardRow {
  network_id: string
  board_id: string
  phase: string
  internal: boolean | number
  /** Absent before the column existed (a row read by an older query). */
  body?: string
  added_at: string
  sealed_token: Uint8Array
}

export const networkBoardRecord = (row: NetworkBoardRow): NetworkBoardRecord => ({
  networkId: row.network_id,
  boardId: row.board_id,
  phase: row.phase,
  internal: row.internal === true || row.internal === 1,
  body: row.body ?? '',
  addedAt: row.added_at,
  sealedToken: new Uint8Array(row.sealed_token),
})

/** Why a board was not added: it is in a network already (this one or another), the network is full or gone. */
export type AddNetworkBoardResult = 'added' | 'in-this-network' | 'in-another-network' | 'full' | 'no-network'

export interface NetworkBoardChange {
  phase?: string
  internal?: boolean
  body?: string
}

export interface Networks {
  createNetwork(network: NetworkRecord, tokenHash: string): Promise<void>
  getNetwork(id: string): Promise<StoredNetwork | undefined>
  /** Removes the network and its board rows; the boards themselves stay. False if there was none. */
  deleteNetwork(id: string): Promise<boolean>
  /** Adds a board unless it is in a network already or the network has `maxBoards` boards. */
  addNetworkBoard(board: NetworkBoardRecord, maxBoards: number): Promise<AddNetworkBoardResult>
  /** The network's boards, oldest first (by `addedAt`, then id). */
  networkBoards(networkId: string): Promise<NetworkBoardRecord[]>
  /** One board's row in the network, undefined if the board is not in it. */
  networkBoard(networkId: string, boardId: string): Promise<NetworkBoardRecord | undefined>
  /** The network a board belongs to, if any. */
  networkOfBoard(boardId: string): Promise<string | undefined>
  /** Changes a board's phase, internal flag or body; the row as it is now, undefined if not in this network. */
  updateNetworkBoard(networkId: string, boardId: string, change: NetworkBoardChange): Promise<NetworkBoardRecord | undefined>
  /** The board leaves the network (and stays); false if it was not in it. */
  removeNetworkBoard(networkId: string, boardId: string): Promise<boolean>
  /** What the network keeps of its last packs (`server/documents/packMemory.ts`): JSON as written, undefined before its first pack. */
  packMemory(networkId: string): Promise<string | undefined>
  /** Keeps it; nothing for a network that is gone. */
  setPackMemory(networkId: string, memory: string): Promise<void>
  /** When each template on a board of a network last changed its own content (`server/documents/templateDays.ts`): JSON as written, undefined before the first (or out of every network). */
  templateDays(boardId: string): Promise<string | undefined>
  /** Keeps it on the board's row in its network; nothing for a board in none. */
  setTemplateDays(boardId: string, days: string): Promise<void>
}
