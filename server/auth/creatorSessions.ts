/**
 * Who has signed in to create boards: random session ids handed out as an HttpOnly cookie, kept
 * only as SHA-256 hashes and only in memory (a restart signs everyone out, which costs a creator
 * one more login and keeps nothing about them on disk).
 */
import { createHash, randomBytes } from 'node:crypto'

export type SignInMethod = 'password' | 'oidc'

interface Session {
  method: SignInMethod
  expiresAt: number
}

const hash = (id: string) => createHash('sha256').update(id).digest('base64url')

export class CreatorSessions {
  private readonly sessions = new Map<string, Session>()

  constructor(
    private readonly lifetimeMs = 12 * 60 * 60_000,
    /** Oldest sessions go first beyond this, so sign-ins cannot grow memory without bound. */
    private readonly maxSessions = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new session; the returned id is the cookie's value and is not kept. */
  start(method: SignInMethod): { id: string; maxAgeSeconds: number } {
    const id = randomBytes(32).toString('base64url')
    this.sessions.set(hash(id), { method, expiresAt: this.now() + this.lifetimeMs })
    while (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!)
    return { id, maxAgeSeconds: Math.floor(this.lifetimeMs / 1000) }
  }

  find(id: string | undefined): Session | undefined {
    if (!id) return undefined
    const key = hash(id)
    const session = this.sessions.get(key)
    if (session && session.expiresAt <= this.now()) {
      this.sessions.delete(key)
      return undefined
    }
    return session
  }

  end(id: string | undefined): void {
    if (id) this.sessions.delete(hash(id))
  }
}
