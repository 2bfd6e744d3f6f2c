/** The SQLite file's sign-ins (`server/auth/sessions.ts`), under the hash of the cookie's id. */
import type Database from 'better-sqlite3'
import type { SessionRecord, Sessions } from '../Sessions.ts'

export class SqliteSessions implements Sessions {
  private readonly statements

  constructor(db: Database.Database) {
    this.statements = {
      putSession: db.prepare('INSERT INTO sessions (id_hash, kind, data, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (id_hash) DO UPDATE SET kind = excluded.kind, data = excluded.data, expires_at = excluded.expires_at'),
      findSession: db.prepare<[string, string, string], { data: string; expires_at: string }>(
        'SELECT data, expires_at FROM sessions WHERE id_hash = ? AND kind = ? AND expires_at > ?',
      ),
      takeSession: db.prepare<[string, string, string], { data: string; expires_at: string }>(
        'DELETE FROM sessions WHERE id_hash = ? AND kind = ? AND expires_at > ? RETURNING data, expires_at',
      ),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
      sessionsOfKind: db.prepare<[string, string], { id_hash: string; data: string; expires_at: string }>('SELECT id_hash, data, expires_at FROM sessions WHERE kind = ? AND expires_at > ?'),
      dropExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    }
  }

  async putSession(session: SessionRecord): Promise<void> {
    this.statements.putSession.run(session.idHash, session.kind, session.data, session.expiresAt)
  }

  async findSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined> {
    const row = this.statements.findSession.get(idHash, kind, now)
    return row && { idHash, kind, data: row.data, expiresAt: row.expires_at }
  }

  async takeSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined> {
    const row = this.statements.takeSession.get(idHash, kind, now)
    return row && { idHash, kind, data: row.data, expiresAt: row.expires_at }
  }

  async deleteSession(idHash: string): Promise<void> {
    this.statements.deleteSession.run(idHash)
  }

  async sessionsOfKind(kind: SessionRecord['kind'], now: string): Promise<SessionRecord[]> {
    return this.statements.sessionsOfKind.all(kind, now).map((row) => ({ idHash: row.id_hash, kind, data: row.data, expiresAt: row.expires_at }))
  }

  async dropExpiredSessions(now: string): Promise<number> {
    return this.statements.dropExpiredSessions.run(now).changes
  }
}
