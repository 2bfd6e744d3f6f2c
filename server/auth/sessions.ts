/**
 * Who has signed in: random session ids handed out as an HttpOnly cookie and kept in the database
 * only as SHA-256 hashes, so a restart signs nobody out and every relay process on the same
 * database (WORKERS, other machines) knows the sign-in. The database alone opens nothing: a hash
 * cannot be turned back into the cookie. Sign-ins under way at the OpenID Connect provider (state,
 * nonce, PKCE verifier) are kept the same way, so the provider may send the browser back to any
 * process; they are used once.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Sessions as StoredSessions } from '../storage/Storage.ts'
import type { ProviderLink } from './providerTokens.ts'

export type SignInMethod = 'password' | 'oidc'

/** What a sign-in allows (`groupRights.ts`): creating boards, facilitating and joining boards that require sign-in. */
export type Right = 'create' | 'facilitate' | 'member'

export interface Session {
  method: SignInMethod
  /** A pseudonym of the provider's subject (`subjectActor`), for the audit trail; null for the password. */
  actor: string | null
  /** The name the provider gives (`name`, else `preferred_username`); null for the password. */
  name: string | null
  rights: Right[]
  /** The sign-in at the provider (its `sid` hashed, its tokens sealed under the cookie: `providerTokens.ts`); absent for the password. */
  provider?: ProviderLink
  /** The provider's verified e-mail, only for a network digest the person asks for; absent for the password and older sessions. */
  email?: string | null
  expiresAt: number
}

/** A session as its cookie finds it, with the key its sockets are known by (the hash of its id). */
export interface FoundSession extends Session {
  key: string
}

/** What the browser carries between leaving for the provider and coming back. */
export interface PendingLogin {
  state: string
  nonce: string
  codeVerifier: string
  /** Where to go after the sign-in: a path on this server (`returnPath`). */
  returnTo: string
}

const hash = (id: string) => createHash('sha256').update(id).digest('base64url')
const newId = () => randomBytes(32).toString('base64url')

export class Sessions {
  constructor(
    private readonly storage: StoredSessions,
    private readonly lifetimeMs = 12 * 60 * 60_000,
    private readonly pendingLifetimeMs = 10 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session (made from its id where it seals something under it); the returned id is the cookie's value and is not kept. */
  async start(session: Omit<Session, 'expiresAt'> | ((id: string) => Omit<Session, 'expiresAt'>)): Promise<{ id: string; maxAgeSeconds: number }> {
    const id = newId()
    const expiresAt = this.now() + this.lifetimeMs
    const made = typeof session === 'function' ? session(id) : session
    await this.storage.putSession({ idHash: hash(id), kind: 'session', data: JSON.stringify({ ...made, expiresAt }), expiresAt: new Date(expiresAt).toISOString() })
    return { id, maxAgeSeconds: Math.floor(this.lifetimeMs / 1000) }
  }

  /** Writes a session anew (rights or tokens changed), keeping its expiry. */
  async update(session: FoundSession): Promise<void> {
    const { key, ...stored } = session
    await this.storage.putSession({ idHash: key, kind: 'session', data: JSON.stringify(stored), expiresAt: new Date(session.expiresAt).toISOString() })
  }

  /** Ends a session known by its key (a back-channel logout, a failed recheck). */
  async endByKey(key: string): Promise<void> {
    await this.storage.deleteSession(key)
  }

  /** Every session not yet expired. */
  async all(): Promise<FoundSession[]> {
    const records = await this.storage.sessionsOfKind('session', new Date(this.now()).toISOString())
    return records.map((record) => ({ ...(JSON.parse(record.data) as Session), key: record.idHash }))
  }

  async find(id: string | undefined): Promise<FoundSession | undefined> {
    if (!id) return undefined
    const key = hash(id)
    const record = await this.storage.findSession(key, 'session', new Date(this.now()).toISOString())
    return record && { ...(JSON.parse(record.data) as Session), key }
  }

  /** Ends the session; returns it (its sealed ID token is the hint for signing out at the provider). */
  async end(id: string | undefined): Promise<FoundSession | undefined> {
    if (!id) return undefined
    const key = hash(id)
    const record = await this.storage.takeSession(key, 'session', new Date(this.now()).toISOString())
    return record && { ...(JSON.parse(record.data) as Session), key }
  }

  /** Remembers a sign-in leaving for the provider; the returned id is its cookie's value. */
  async beginLogin(login: PendingLogin): Promise<{ id: string; maxAgeSeconds: number }> {
    const id = newId()
    const expiresAt = new Date(this.now() + this.pendingLifetimeMs).toISOString()
    await this.storage.putSession({ idHash: hash(id), kind: 'pending-login', data: JSON.stringify(login), expiresAt })
    return { id, maxAgeSeconds: Math.floor(this.pendingLifetimeMs / 1000) }
  }

  /** The sign-in under way with this id, once: a second callback with it finds nothing. */
  async takeLogin(id: string | undefined): Promise<PendingLogin | undefined> {
    if (!id) return undefined
    const record = await this.storage.takeSession(hash(id), 'pending-login', new Date(this.now()).toISOString())
    return record && (JSON.parse(record.data) as PendingLogin)
  }
}
