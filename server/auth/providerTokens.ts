/**
 * What a session keeps of its sign-in at the OpenID Connect provider: the provider's session id
 * (`sid`) only as a hash, for a back-channel logout to find it, and the ID and refresh tokens
 * sealed under the session's cookie id (`seal.ts`). The database keeps only the cookie's hash, so
 * a copy of it reads no token; the relay unseals them while the browser's cookie is at hand (a
 * request, an open socket).
 */
import { createHash } from 'node:crypto'
import { seal, unseal } from '../base/seal.ts'

export interface ProviderTokens {
  /** The hint for signing out at the provider (RP-initiated logout). */
  idToken: string
  /** What the groups are read again with (`groupRecheck.ts`); null if the provider issued none. */
  refreshToken: string | null
}

/** A session's link to the provider, as stored. */
export interface ProviderLink {
  /** SHA-256 of the provider's `sid` claim; null if the ID token has none. */
  sid: string | null
  /** `ProviderTokens` as JSON, sealed under the cookie's id (base64url). */
  sealed: string
  /** When the groups were last confirmed (ms since 1970): at sign-in, then at each recheck. */
  checkedAt: number
}

const salt = 'netzwerkstatt session'
const info = 'provider tokens'

export const sidKey = (sid: string) => createHash('sha256').update(`sid:${sid}`).digest('base64url')

export function linkTo(cookieId: string, sid: string | null, tokens: ProviderTokens, checkedAt: number): ProviderLink {
  return { sid: sid === null ? null : sidKey(sid), sealed: Buffer.from(seal(cookieId, salt, info, JSON.stringify(tokens))).toString('base64url'), checkedAt }
}

/** The tokens, if `cookieId` is the session's own; throws otherwise. */
export function tokensOf(cookieId: string, link: ProviderLink): ProviderTokens {
  return JSON.parse(unseal(cookieId, salt, info, Buffer.from(link.sealed, 'base64url'))) as ProviderTokens
}
