/** PostgreSQL's retention archives and warnings (`RetentionArchives.ts`). */
import type pg from 'pg'
import { retentionArchiveEntry, type RetentionArchiveEntry, type RetentionArchiveRow, type RetentionArchives, type RetentionNoticeKind } from '../RetentionArchives.ts'

const listed = 'network_id, board_id, title, phase, sign_in_required, archived_at, keep_until, octet_length(archive) AS bytes'

export class PostgresRetentionArchives implements RetentionArchives {
  constructor(private readonly pool: pg.Pool) {}

  async putRetentionArchive(e: Omit<RetentionArchiveEntry, 'bytes'>, archive: Uint8Array): Promise<void> {
    await this.pool.query(
      `INSERT INTO retention_archives (network_id, board_id, title, phase, sign_in_required, archived_at, keep_until, archive) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (network_id, board_id) DO UPDATE SET title = excluded.title, phase = excluded.phase, sign_in_required = excluded.sign_in_required,
         archived_at = excluded.archived_at, keep_until = excluded.keep_until, archive = excluded.archive`,
      [e.networkId, e.boardId, e.title, e.phase, e.signInRequired, e.archivedAt, e.keepUntil, Buffer.from(archive)],
    )
  }

  async retentionArchives(networkId: string, now: string): Promise<RetentionArchiveEntry[]> {
    const { rows } = await this.pool.query<RetentionArchiveRow>(`SELECT ${listed} FROM retention_archives WHERE network_id = $1 AND keep_until > $2 ORDER BY archived_at, title, board_id`, [networkId, now])
    return rows.map(retentionArchiveEntry)
  }

  async retentionArchive(networkId: string, boardId: string, now: string) {
    const { rows } = await this.pool.query<RetentionArchiveRow & { archive: Buffer }>(
      `SELECT ${listed}, archive FROM retention_archives WHERE network_id = $1 AND board_id = $2 AND keep_until > $3`,
      [networkId, boardId, now],
    )
    const row = rows[0]
    return row && { entry: retentionArchiveEntry(row), archive: new Uint8Array(row.archive) }
  }

  async dropRetentionArchives(now: string): Promise<number> {
    return (await this.pool.query('DELETE FROM retention_archives WHERE keep_until <= $1', [now])).rowCount ?? 0
  }

  async claimRetentionNotice(networkId: string, kind: RetentionNoticeKind, deleteAfter: string, at: string, since: string | null): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO retention_notices (network_id, kind, delete_after, noted_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (network_id, kind) DO UPDATE SET delete_after = excluded.delete_after, noted_at = excluded.noted_at
       WHERE retention_notices.delete_after <> excluded.delete_after OR retention_notices.noted_at < $5`,
      [networkId, kind, deleteAfter, at, since ?? ''],
    )
    return (result.rowCount ?? 0) > 0
  }

  async releaseRetentionNotice(networkId: string, kind: RetentionNoticeKind): Promise<void> {
    await this.pool.query('DELETE FROM retention_notices WHERE network_id = $1 AND kind = $2', [networkId, kind])
  }
}
