/** The SQLite file's retention archives and warnings (`RetentionArchives.ts`). */
import type Database from 'better-sqlite3'
import { retentionArchiveEntry, type RetentionArchiveEntry, type RetentionArchiveRow, type RetentionArchives, type RetentionNoticeKind } from '../RetentionArchives.ts'

const listed = 'network_id, board_id, title, phase, sign_in_required, archived_at, keep_until, length(archive) AS bytes'

export class SqliteRetentionArchives implements RetentionArchives {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      put: db.prepare(
        `INSERT INTO retention_archives (network_id, board_id, title, phase, sign_in_required, archived_at, keep_until, archive) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (network_id, board_id) DO UPDATE SET title = excluded.title, phase = excluded.phase, sign_in_required = excluded.sign_in_required,
           archived_at = excluded.archived_at, keep_until = excluded.keep_until, archive = excluded.archive`,
      ),
      list: db.prepare<[string, string], RetentionArchiveRow>(`SELECT ${listed} FROM retention_archives WHERE network_id = ? AND keep_until > ? ORDER BY archived_at, title, board_id`),
      get: db.prepare<[string, string, string], RetentionArchiveRow & { archive: Buffer }>(
        `SELECT ${listed}, archive FROM retention_archives WHERE network_id = ? AND board_id = ? AND keep_until > ?`,
      ),
      drop: db.prepare('DELETE FROM retention_archives WHERE keep_until <= ?'),
      claim: db.prepare(
        `INSERT INTO retention_notices (network_id, kind, delete_after, noted_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (network_id, kind) DO UPDATE SET delete_after = excluded.delete_after, noted_at = excluded.noted_at
         WHERE retention_notices.delete_after <> excluded.delete_after OR retention_notices.noted_at < ?`,
      ),
      release: db.prepare('DELETE FROM retention_notices WHERE network_id = ? AND kind = ?'),
    }
  }

  async putRetentionArchive(e: Omit<RetentionArchiveEntry, 'bytes'>, archive: Uint8Array): Promise<void> {
    this.statements.put.run(e.networkId, e.boardId, e.title, e.phase, e.signInRequired ? 1 : 0, e.archivedAt, e.keepUntil, Buffer.from(archive))
  }

  async retentionArchives(networkId: string, now: string): Promise<RetentionArchiveEntry[]> {
    return this.statements.list.all(networkId, now).map(retentionArchiveEntry)
  }

  async retentionArchive(networkId: string, boardId: string, now: string) {
    const row = this.statements.get.get(networkId, boardId, now)
    return row && { entry: retentionArchiveEntry(row), archive: new Uint8Array(row.archive) }
  }

  async dropRetentionArchives(now: string): Promise<number> {
    return this.statements.drop.run(now).changes
  }

  async claimRetentionNotice(networkId: string, kind: RetentionNoticeKind, deleteAfter: string, at: string, since: string | null): Promise<boolean> {
    // '' sorts before every timestamp: with `since` null, a warning of the same date is never taken again.
    return this.statements.claim.run(networkId, kind, deleteAfter, at, since ?? '').changes > 0
  }

  async releaseRetentionNotice(networkId: string, kind: RetentionNoticeKind): Promise<void> {
    this.statements.release.run(networkId, kind)
  }
}
