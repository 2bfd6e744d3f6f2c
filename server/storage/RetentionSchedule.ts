/**
 * When retention deletes what (`server/ops/retention.ts`). A board outside a network counts from its
 * own last use; a board in a network from the network's as a whole: the latest of the network's
 * own use (its Fahrplan, its pack, a „Behalten“) and every one of its boards' uses. So a network
 * somebody works with keeps its year-old boards, and an unused one goes whole.
 *
 * A board that retention took from a network leaves a tombstone there (its title, phase and the
 * day), so that the Fahrplan says what went and why; tombstones go with the network.
 */

/** A board and the last use its deletion date counts from. */
export interface RetentionEntry {
  boardId: string
  title: string
  /** The network the board is in, if any; its use is the network's as a whole. */
  networkId: string | null
  networkName: string | null
  phase: string | null
  /** ISO timestamp: the board's own last use, or its network's as a whole. */
  lastUsed: string
}

/** What a network keeps of a board that retention deleted. */
export interface NetworkTombstone {
  title: string
  phase: string
  deletedAt: string
}

export interface RetentionSchedule {
  /** Notes that someone used the network now (its Fahrplan, its pack, „Behalten“). */
  touchNetwork(id: string, at: string): Promise<void>
  /** Every board whose last use (its network's, where it is in one) is before `before`, earliest first (a network's boards in the order they were added). */
  boardsDueBefore(before: string): Promise<RetentionEntry[]>
  /** The last use a board's deletion counts from (its network's, where it is in one); undefined if no such board. */
  boardLastUse(boardId: string): Promise<string | undefined>
  /** A network's last use as a whole; undefined if there is no such network or it holds no board (retention has nothing of it to delete). */
  networkLastUse(networkId: string): Promise<string | undefined>
  addTombstone(networkId: string, tombstone: NetworkTombstone): Promise<void>
  /** A network's tombstones, oldest first. */
  networkTombstones(networkId: string): Promise<NetworkTombstone[]>
}

/** The row both databases return for `boardsDueBefore`. */
export interface RetentionRow {
  board_id: string
  title: string
  network_id: string | null
  network_name: string | null
  phase: string | null
  used: string
}

export const retentionEntry = (row: RetentionRow): RetentionEntry => ({
  boardId: row.board_id,
  title: row.title,
  networkId: row.network_id,
  networkName: row.network_name,
  phase: row.phase,
  lastUsed: row.used,
})
