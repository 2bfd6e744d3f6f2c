/** Sign-ins of facilitators and creators (`server/auth/sessions.ts`); they belong to no board. */

/**
 * A sign-in (`server/auth/sessions.ts`) or a sign-in under way at the OpenID Connect provider,
 * under the SHA-256 hash of the id its cookie carries; the id itself is never stored.
 */
export interface SessionRecord {
  idHash: string
  kind: 'session' | 'pending-login'
  /** JSON of what the sign-in needs; no password, no board token. */
  data: string
  expiresAt: string
}

export interface Sessions {
  putSession(session: SessionRecord): Promise<void>
  /** The session of this kind under this hash, unless it expired before `now`. */
  findSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined>
  /** Like `findSession`, and removes it in the same step: a pending login is used once. */
  takeSession(idHash: string, kind: SessionRecord['kind'], now: string): Promise<SessionRecord | undefined>
  deleteSession(idHash: string): Promise<void>
  /** Every unexpired record of this kind (a back-channel logout looks for the provider's session among them). */
  sessionsOfKind(kind: SessionRecord['kind'], now: string): Promise<SessionRecord[]>
  /** Removes sessions that expired before `now`; returns how many. */
  dropExpiredSessions(now: string): Promise<number>
}
