/** The SQLite file's audit trail (`server/audit.ts`): rows appended, listed and dropped when old. */
import type Database from 'better-sqlite3'
import type { AuditEntry, AuditLog } from '../AuditLog.ts'

export class SqliteAuditLog implements AuditLog {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      appendAudit: db.prepare('INSERT INTO audit (at, action, board_id, actor) VALUES (?, ?, ?, ?)'),
      dropAuditBefore: db.prepare('DELETE FROM audit WHERE at < ?'),
    }
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.statements.appendAudit.run(entry.at, entry.action, entry.board, entry.actor)
  }

  async listAudit(filter: { boards?: string[]; since?: string } = {}): Promise<AuditEntry[]> {
    const where: string[] = []
    const params: string[] = []
    if (filter.boards) {
      where.push(`board_id IN (${filter.boards.map(() => '?').join(', ') || 'NULL'})`)
      params.push(...filter.boards)
    }
    if (filter.since) {
      where.push('at >= ?')
      params.push(filter.since)
    }
    const rows = this.db
      .prepare<string[], { at: string; action: string; board_id: string | null; actor: string }>(
        `SELECT at, action, board_id, actor FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, rowid`,
      )
      .all(...params)
    return rows.map((row) => ({ at: row.at, action: row.action, board: row.board_id, actor: row.actor }))
  }

  async dropAuditBefore(before: string): Promise<number> {
    return this.statements.dropAuditBefore.run(before).changes
  }
}
