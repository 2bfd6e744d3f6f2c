/** PostgreSQL's sign-ins (`server/auth/sessions.ts`), under the hash of the cookie's id. */
import type pg from 'pg'
import type { SessionRecord, Sessions } from '../Sessions.ts'

export class PostgresSessions implements Sessions {
  constructor(private readonly pool: pg.Pool) {}

  async putSession(session: SessionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (id_hash, kind, data, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id_hash) DO UPDATE SET kind = excluded.kind, data = excluded.data, expires_at = excluded.expires_at`,
      [session.idHash, session.kind, session.data, session.expiresAt],
    )
  }

  async findSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ data: string; expires_at: string }>(
      'SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND kind = $2 AND expires_at > $3',
      [idHash, kind, now],
    )
    return rows[0] && { idHash, kind, data: rows[0].data, expiresAt: rows[0].expires_at }
  }

  async takeSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.pool.query<{ data: string; expires_at: string }>(
      'DELETE FROM sessions WHERE id_hash = $1 AND kind = $2 AND expires_at > $3 RETURNING data, expires_at',
      [idHash, kind, now],
    )
    return rows[0] && { idHash, kind, data: rows[0].data, expiresAt: rows[0].expires_at }
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash])
  }

  async sessionsOfKind(kind: SessionRecord['kind'], now: string): Promise<SessionRecord[]> {
    const { rows } = await this.pool.query<{ id_hash: string; data: string; expires_at: string }>(
      'SELECT id_hash, data, expires_at FROM sessions WHERE kind = $1 AND expires_at > $2',
      [kind, now],
    )
    return rows.map((row) => ({ idHash: row.id_hash, kind, data: row.data, expiresAt: row.expires_at }))
  }

  async dropExpiredSessions(now: string): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0
  }
}
