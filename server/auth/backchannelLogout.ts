/**
 * OpenID Connect Back-Channel Logout 1.0: the provider (Keycloak) tells the relay directly that a
 * sign-in there ended — signed out in another application, ended by an administrator, expired.
 * Every session here that the logout token names ends: by its `sid` (the provider's session, kept
 * hashed: `providerTokens.ts`), or, with only a `sub`, every session of that person.
 */
import type { OidcLogin } from './oidcLogin.ts'
import { sidKey } from './providerTokens.ts'
import type { Sessions } from './sessions.ts'

/** Ends the sessions the (checked) token names; returns their keys (for their sockets to close) and actors (for the audit trail). Throws if the token is not valid. */
export async function backchannelLogout(
  token: string,
  { oidc, sessions, actorOf }: { oidc: OidcLogin; sessions: Sessions; actorOf(subject: string): string },
): Promise<Array<{ key: string; actor: string | null }>> {
  if (!token) throw new Error('no logout_token')
  const { sid, subject } = await oidc.logoutToken(token)
  const sidHash = sid === null ? null : sidKey(sid)
  const actor = subject === null ? null : actorOf(subject)
  const named = (await sessions.all()).filter(
    (session) => session.method === 'oidc' && (sidHash ? session.provider?.sid === sidHash && (actor === null || session.actor === actor) : session.actor === actor),
  )
  for (const session of named) await sessions.endByKey(session.key)
  return named.map((session) => ({ key: session.key, actor: session.actor }))
}
