/** PostgreSQL's audit trail (`server/audit.ts`): rows appended, listed and dropped when old. */
import type pg from 'pg'
import type { AuditEntry, AuditLog } from '../AuditLog.ts'

export class PostgresAuditLog implements AuditLog {
  constructor(private readonly pool: pg.Pool) {}

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.pool.query('INSERT INTO audit (at, action, board_id, actor) VALUES ($1, $2, $3, $4)', [entry.at, entry.action, entry.board, entry.actor])
  }

  async listAudit(filter: { boards?: string[]; since?: string } = {}): Promise<AuditEntry[]> {
    const where: string[] = []
    const params: unknown[] = []
    if (filter.boards) {
      params.push(filter.boards)
      where.push(`board_id = ANY($${params.length}::text[])`)
    }
    if (filter.since) {
      params.push(filter.since)
      where.push(`at >= $${params.length}`)
    }
    const { rows } = await this.pool.query<{ at: string; action: string; board_id: string | null; actor: string }>(
      `SELECT at, action, board_id, actor FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, seq`,
      params,
    )
    return rows.map((row) => ({ at: row.at, action: row.action, board: row.board_id, actor: row.actor }))
  }

  async dropAuditBefore(before: string): Promise<number> {
    return (await this.pool.query('DELETE FROM audit WHERE at < $1', [before])).rowCount ?? 0
  }
}
