/**
 * Signing in creators with an OpenID Connect provider (e.g. a municipality's Keycloak): the
 * authorization code flow with PKCE, state and nonce, all checks done by `openid-client`.
 */
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
}

/** What the provider said about the person signed in (`finish`). */
export interface SignedIn {
  subject: string
  /** `name`, else `preferred_username`; null if the token has neither. */
  name: string | null
  /** The groups claim's entries (Keycloak's group mapper: paths like `/jobcenter/steuerung`). */
  groups: string[]
  /** The ID token itself: the hint for signing out at the provider. */
  idToken: string
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
    const raw = claims[this.settings.groupsClaim ?? 'groups']
    const groups = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((g): g is string => typeof g === 'string')
    const email = claims.email_verified === false ? null : text(claims.email)
    return { subject: claims.sub, name: text(claims.name) ?? text(claims.preferred_username), groups, idToken: tokens.id_token, email: email && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null }
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
