/**
 * Signing in creators with an OpenID Connect provider (e.g. a municipality's Keycloak): the
 * authorization code flow with PKCE, state and nonce, all checks done by `openid-client`.
 */
import * as oidc from 'openid-client'

export interface OidcSettings {
  issuer: URL
  clientId: string
  /** Confidential clients (Keycloak's default) authenticate with it; public clients rely on PKCE. */
  clientSecret: string | null
  /** `<PUBLIC_URL>/api/auth/oidc/callback`, registered at the provider. */
  redirectUri: URL
}

/** What the browser carries between leaving for the provider and coming back (in a cookie). */
export interface PendingLogin {
  state: string
  nonce: string
  codeVerifier: string
}

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
  async begin(): Promise<{ url: URL; pending: PendingLogin }> {
    const config = await this.config()
    const pending: PendingLogin = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() }
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri.href,
      scope: 'openid',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    })
    return { url, pending }
  }

  /**
   * Redeems the code the provider sent back; throws unless state, nonce, PKCE, issuer, audience,
   * signature and expiry all check out. Returns the ID token's subject.
   */
  async finish(callbackQuery: string, pending: PendingLogin): Promise<string> {
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
    const subject = tokens.claims()?.sub
    if (!subject) throw new Error('the ID token names no subject')
    return subject
  }
}
