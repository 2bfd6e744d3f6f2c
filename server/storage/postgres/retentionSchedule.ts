/** PostgreSQL's retention schedule: last uses, networks counted whole, and tombstones. */
import type pg from 'pg'
import { retentionEntry, type NetworkTombstone, type RetentionRow, type RetentionSchedule } from '../RetentionSchedule.ts'

/** Each network's last use as a whole: its own (else its creation) and every board's (else its creation); GREATEST skips NULLs. */
const networkUse = `
  network_use AS (
    SELECT n.id, n.name,
      GREATEST(COALESCE(n.last_used_at, n.created_at), MAX(COALESCE(b.last_used_at, b.created_at))) AS used
    FROM networks n
    LEFT JOIN network_boards nb ON nb.network_id = n.id
    LEFT JOIN boards b ON b.id = nb.board_id
    GROUP BY n.id
  )`

const boardUse = `
  WITH ${networkUse},
  board_use AS (
    SELECT b.id AS board_id, b.title, nu.id AS network_id, nu.name AS network_name, nb.phase, nb.added_at,
      COALESCE(nu.used, b.last_used_at, b.created_at) COLLATE "C" AS used
    FROM boards b
    LEFT JOIN network_boards nb ON nb.board_id = b.id
    LEFT JOIN network_use nu ON nu.id = nb.network_id
  )`

export class PostgresRetentionSchedule implements RetentionSchedule {
  constructor(private readonly pool: pg.Pool) {}

  async touchNetwork(id: string, at: string): Promise<void> {
    await this.pool.query('UPDATE networks SET last_used_at = $1 WHERE id = $2', [at, id])
  }

  async boardsDueBefore(before: string) {
    const { rows } = await this.pool.query<RetentionRow>(`${boardUse} SELECT * FROM board_use WHERE used < $1 ORDER BY used, added_at, board_id`, [before])
    return rows.map(retentionEntry)
  }

  async boardLastUse(boardId: string): Promise<string | undefined> {
    // One board's or network's own rows only (by their indexes): asked on every board page's lookup.
    const { rows } = await this.pool.query<{ used: string }>(
      `SELECT COALESCE(
         (SELECT GREATEST(COALESCE(n.last_used_at, n.created_at),
            (SELECT MAX(COALESCE(o.last_used_at, o.created_at)) FROM network_boards onb JOIN boards o ON o.id = onb.board_id WHERE onb.network_id = n.id))
          FROM network_boards nb JOIN networks n ON n.id = nb.network_id WHERE nb.board_id = b.id),
         b.last_used_at, b.created_at) AS used
       FROM boards b WHERE b.id = $1`,
      [boardId],
    )
    return rows[0]?.used
  }

  async networkLastUse(networkId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ used: string }>(
      `SELECT GREATEST(COALESCE(n.last_used_at, n.created_at), MAX(COALESCE(b.last_used_at, b.created_at))) AS used
       FROM networks n JOIN network_boards nb ON nb.network_id = n.id JOIN boards b ON b.id = nb.board_id WHERE n.id = $1 GROUP BY n.id`,
      [networkId],
    )
    return rows[0]?.used
  }

  async addTombstone(networkId: string, tombstone: NetworkTombstone): Promise<void> {
    await this.pool.query('INSERT INTO network_tombstones (network_id, title, phase, deleted_at) VALUES ($1, $2, $3, $4)', [
      networkId,
      tombstone.title,
      tombstone.phase,
      tombstone.deletedAt,
    ])
  }

  async networkTombstones(networkId: string): Promise<NetworkTombstone[]> {
    const { rows } = await this.pool.query<{ title: string; phase: string; deleted_at: string }>(
      'SELECT title, phase, deleted_at FROM network_tombstones WHERE network_id = $1 ORDER BY deleted_at, seq',
      [networkId],
    )
    return rows.map((row) => ({ title: row.title, phase: row.phase, deletedAt: row.deleted_at }))
  }
}
