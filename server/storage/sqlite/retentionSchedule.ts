/** The SQLite file's retention schedule: last uses, networks counted whole, and tombstones. */
import type Database from 'better-sqlite3'
import { retentionEntry, type NetworkTombstone, type RetentionRow, type RetentionSchedule } from '../RetentionSchedule.ts'

/** Each network's last use as a whole: its own (else its creation) and every board's (else its creation). */
const networkUse = `
  network_use AS (
    SELECT n.id, n.name,
      MAX(COALESCE(n.last_used_at, n.created_at), COALESCE(MAX(COALESCE(b.last_used_at, b.created_at)), '')) AS used
    FROM networks n
    LEFT JOIN network_boards nb ON nb.network_id = n.id
    LEFT JOIN boards b ON b.id = nb.board_id
    GROUP BY n.id
  )`

const boardUse = `
  WITH ${networkUse},
  board_use AS (
    SELECT b.id AS board_id, b.title, nu.id AS network_id, nu.name AS network_name, nb.phase, nb.added_at,
      COALESCE(nu.used, b.last_used_at, b.created_at) AS used
    FROM boards b
    LEFT JOIN network_boards nb ON nb.board_id = b.id
    LEFT JOIN network_use nu ON nu.id = nb.network_id
  )`

export class SqliteRetentionSchedule implements RetentionSchedule {
  readonly #statements

  constructor(db: Database.Database) {
    this.#statements = {
      touch: db.prepare('UPDATE networks SET last_used_at = ? WHERE id = ?'),
      due: db.prepare<[string], RetentionRow>(`${boardUse} SELECT * FROM board_use WHERE used < ? ORDER BY used, added_at, board_id`),
      // One board's or network's own rows only (by their indexes): asked on every board page's lookup.
      board: db.prepare<[string], { used: string }>(
        `SELECT COALESCE(
           (SELECT MAX(COALESCE(n.last_used_at, n.created_at),
              (SELECT MAX(COALESCE(o.last_used_at, o.created_at)) FROM network_boards onb JOIN boards o ON o.id = onb.board_id WHERE onb.network_id = n.id))
            FROM network_boards nb JOIN networks n ON n.id = nb.network_id WHERE nb.board_id = b.id),
           b.last_used_at, b.created_at) AS used
         FROM boards b WHERE b.id = ?`,
      ),
      network: db.prepare<[string], { used: string }>(
        `SELECT MAX(COALESCE(n.last_used_at, n.created_at), MAX(COALESCE(b.last_used_at, b.created_at))) AS used
         FROM networks n JOIN network_boards nb ON nb.network_id = n.id JOIN boards b ON b.id = nb.board_id WHERE n.id = ? GROUP BY n.id`,
      ),
      addTombstone: db.prepare('INSERT INTO network_tombstones (network_id, title, phase, deleted_at) VALUES (?, ?, ?, ?)'),
      tombstones: db.prepare<[string], { title: string; phase: string; deleted_at: string }>(
        'SELECT title, phase, deleted_at FROM network_tombstones WHERE network_id = ? ORDER BY deleted_at, rowid',
      ),
    }
  }

  async touchNetwork(id: string, at: string): Promise<void> {
    this.#statements.touch.run(at, id)
  }

  async boardsDueBefore(before: string) {
    return this.#statements.due.all(before).map(retentionEntry)
  }

  async boardLastUse(boardId: string): Promise<string | undefined> {
    return this.#statements.board.get(boardId)?.used
  }

  async networkLastUse(networkId: string): Promise<string | undefined> {
    return this.#statements.network.get(networkId)?.used
  }

  async addTombstone(networkId: string, tombstone: NetworkTombstone): Promise<void> {
    this.#statements.addTombstone.run(networkId, tombstone.title, tombstone.phase, tombstone.deletedAt)
  }

  async networkTombstones(networkId: string): Promise<NetworkTombstone[]> {
    return this.#statements.tombstones.all(networkId).map((row) => ({ title: row.title, phase: row.phase, deletedAt: row.deleted_at }))
  }
}
