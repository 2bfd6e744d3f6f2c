/**
 * Signing in creators with an OpenID Connect provider (e.g. a municipality's Keycloak): the
 * authorization code flow with PKCE, state and nonce, all checks done by `openid-client`.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose'
import * as oidc from 'openid-client'
import type { PendingLogin } from './sessions.ts'

export interface OidcSettings {
  issuer: URL
  clientId: string
  /** Confidential clients (Keycloak's default) authenticate with it; public clients rely on PKCE. */
  clientSecret: string | null
  /** `<PUBLIC_URL>/api/auth/oidc/callback`, registered at the provider. */
  redirectUri: URL
  /** The ID token claim holding the person's groups (OIDC_GROUPS_CLAIM, `groups` by default). */
  groupsClaim?: string
  /** How often the groups are read again with the refresh token (OIDC_RECHECK_SECONDS, 300 by default; `groupRecheck.ts`). */
  recheckSeconds?: number
}

/** What the provider said about the person signed in (`finish`). */
export interface SignedIn {
  subject: string
  /** `name`, else `preferred_username`; null if the token has neither. */
  name: string | null
  /** The groups claim's entries (Keycloak's group mapper: paths like `/jobcenter/steuerung`). */
  groups: string[]
  /** The ID token itself: the hint for signing out at the provider (kept sealed: `providerTokens.ts`). */
  idToken: string
  /** The provider's session id (`sid`), which a back-channel logout names; null if the token has none. */
  sid: string | null
  /** What the groups are read again with; null if the provider issued none. */
  refreshToken: string | null
  /** The `email` claim, unless the provider says it is not verified: where a digest may go (`digest/`). */
  email: string | null
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : null)

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)

export class OidcLogin {
  private configuration: Promise<oidc.Configuration> | null = null

  constructor(private readonly settings: OidcSettings) {}

  /** The provider's metadata, fetched on first use and again after a failure (provider down at start). */
  private config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret } = this.settings
      this.configuration = oidc
        .discovery(issuer, clientId, clientSecret ?? undefined, clientSecret ? undefined : oidc.None(), {
          // Plain http only to a provider on this machine; anything else must be https.
          execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((error: unknown) => {
          this.configuration = null
          throw error
        })
    }
    return this.configuration
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async begin(returnTo: string): Promise<{ url: URL; pending: PendingLogin }> {
    const config = await this.config()
    const pending: PendingLogin = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), returnTo }
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri.href,
      // `profile` for the name, `email` for a digest someone asks for; Keycloak adds the groups claim through a mapper of the client (docs/operations.md).
      scope: 'openid profile email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    })
    return { url, pending }
  }

  /**
   * Redeems the code the provider sent back; throws unless state, nonce, PKCE, issuer, audience,
   * signature and expiry all check out.
   */
  async finish(callbackQuery: string, pending: PendingLogin): Promise<SignedIn> {
    const config = await this.config()
    // The URL the provider redirected to, as registered (behind a proxy our own URL differs).
    const current = new URL(this.settings.redirectUri)
    current.search = callbackQuery
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    if (!claims?.sub || !tokens.id_token) throw new Error('the ID token names no subject')
    const email = claims.email_verified === false ? null : text(claims.email)
    return {
      subject: claims.sub,
      name: text(claims.name) ?? text(claims.preferred_username),
      groups: this.groupsIn(claims),
      idToken: tokens.id_token,
      sid: typeof claims.sid === 'string' ? claims.sid : null,
      refreshToken: tokens.refresh_token ?? null,
      email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null,
    }
  }

  private groupsIn(claims: Record<string, unknown>): string[] {
    const raw = claims[this.settings.groupsClaim ?? 'groups']
    return (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((g): g is string => typeof g === 'string')
  }

  /**
   * The person's groups now, read with the refresh token: from the new ID token, else from the
   * userinfo endpoint. Throws `oidc.ResponseBodyError` when the provider refuses (the sign-in was
   * ended or revoked there), anything else when it cannot be asked.
   */
  async refresh(refreshToken: string): Promise<{ subject: string; groups: string[]; idToken: string | null; refreshToken: string | null }> {
    const config = await this.config()
    const tokens = await oidc.refreshTokenGrant(config, refreshToken)
    const claims = tokens.claims() ?? (await oidc.fetchUserInfo(config, tokens.access_token, oidc.skipSubjectCheck))
    if (!claims.sub) throw new Error('the provider named no subject')
    return { subject: claims.sub, groups: this.groupsIn(claims), idToken: tokens.id_token ?? null, refreshToken: tokens.refresh_token ?? null }
  }

  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null

  /**
   * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, 2.6): signed with
   * a key of the provider's JWKS, from the issuer, for this client, issued lately, with the
   * logout event, naming a `sid` or a `sub`, and without a nonce. Throws if any of it fails.
   */
  async logoutToken(token: string): Promise<{ sid: string | null; subject: string | null }> {
    const config = await this.config()
    const metadata = config.serverMetadata()
    if (!metadata.jwks_uri) throw new Error('the provider publishes no keys')
    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: 10_000 })
    const { payload } = await jwtVerify(token, this.jwks, {
      issuer: metadata.issuer,
      audience: this.settings.clientId,
      requiredClaims: ['iat'],
      maxTokenAge: '10 minutes',
      clockTolerance: 60,
    })
    const events = payload.events as Record<string, unknown> | undefined
    const logoutEvent = events?.['http://schemas.openid.net/event/backchannel-logout']
    if (typeof logoutEvent !== 'object' || logoutEvent === null) throw new Error('the token carries no logout event')
    if ('nonce' in payload) throw new Error('a logout token has no nonce')
    const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : null
    const subject = typeof payload.sub === 'string' && payload.sub ? payload.sub : null
    if (!sid && !subject) throw new Error('the token names neither sid nor sub')
    return { sid, subject }
  }

  /**
   * Where to send the browser to sign out at the provider too (RP-initiated logout), or null if
   * the provider advertises no `end_session_endpoint` (or cannot be reached just now).
   */
  async signOutUrl(idToken: string | null, postLogoutRedirect: URL): Promise<URL | null> {
    let config: oidc.Configuration
    try {
      config = await this.config()
    } catch {
      return null
    }
    if (!config.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: postLogoutRedirect.href,
      ...(idToken ? { id_token_hint: idToken } : {}),
    })
  }
}
