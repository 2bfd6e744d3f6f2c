/**
 * An OpenID Connect provider for tests: `oidc-provider` (panva, OpenID Certified), in this process
 * on a free port of this machine. It signs in the current test user at once (no login page),
 * sends Keycloak's `groups` claim in the ID token (as a group mapper does), issues refresh tokens
 * (re-reading the user's groups on each refresh), and offers RP-initiated logout and back-channel
 * logout to a URL the test names.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair } from 'jose'
import Provider, { interactionPolicy, type ProviderContext } from 'oidc-provider'
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js'
import { quickPasswordHash } from './creatorCookie.ts'
import { removeDataDir, startRelay, type Relay, type RelayKind } from './relay.ts'

export interface TestIssuer {
  url: string
  clientId: string
  clientSecret: string
  /** Who the next sign-ins are (until changed); also what the provider says about that subject from now on (a refresh reads it again). */
  signInAs(user: TestUser): void
  /** Sign-outs at the provider so far: whose ID token was the hint, and where it sent the browser back. */
  signOuts: Array<{ subject: string; postLogoutRedirectUri: string | null }>
  /**
   * Registers the client's back-channel logout URL (Keycloak: "Backchannel logout URL", with
   * "Backchannel logout session required" on); sign-ins after this carry a `sid`.
   */
  backchannelLogoutTo(url: string): void
  /** Back-channel logouts sent so far, and whether the relay answered 200. */
  backchannelLogouts: Array<{ subject: string; accepted: boolean }>
  /**
   * Ends every session of `subject` at the provider, as an administrator's "Sign out" in
   * Keycloak does: each client with a back-channel URL is told, the refresh tokens die.
   */
  endSessionsOf(subject: string): Promise<void>
  close(): Promise<void>
}

export interface TestUser {
  subject: string
  name?: string
  preferredUsername?: string
  /** Keycloak's group paths; left out of the token when undefined. */
  groups?: string[]
  email?: string
}

/** The provider's sessions, kept where `endSessionsOf` finds them. */
const sessionIds = new Set<string>()

/** oidc-provider's own in-memory store; the client's metadata is read anew each time (redirect URIs are learnt as tests use them). */
function adapterFor(clientMetadata: () => Record<string, unknown>) {
  return class TestAdapter extends MemoryAdapter {
    override async find(id: string) {
      if (this.model === 'Client') return id === clientMetadata().client_id ? clientMetadata() : undefined
      return super.find(id)
    }
    override async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number) {
      if (this.model === 'Session') sessionIds.add(id)
      return super.upsert(id, payload, expiresIn)
    }
    override async destroy(id: string) {
      if (this.model === 'Session') sessionIds.delete(id)
      return super.destroy(id)
    }
  }
}

export async function startTestIssuer(subject = 'creator@example.org', options: { endSession?: boolean } = {}): Promise<TestIssuer> {
  const endSession = options.endSession !== false
  const users = new Map<string, TestUser>()
  let current: TestUser = { subject }
  users.set(subject, current)
  const signOuts: TestIssuer['signOuts'] = []
  const backchannelLogouts: TestIssuer['backchannelLogouts'] = []
  const clientId = 'netzwerkstatt'
  const clientSecret = randomBytes(16).toString('hex')
  const redirectUris = new Set<string>()
  const postLogoutRedirectUris = new Set<string>()
  let backchannelUri: string | null = null
  const clientMetadata = () => ({
    client_id: clientId,
    client_secret: clientSecret,
    // Learnt from the requests (every relay of a test has its own PUBLIC_URL); never empty.
    redirect_uris: redirectUris.size ? [...redirectUris] : ['http://127.0.0.1/unused'],
    post_logout_redirect_uris: [...postLogoutRedirectUris],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
    ...(backchannelUri ? { backchannel_logout_uri: backchannelUri, backchannel_logout_session_required: true } : {}),
  })

  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test', alg: 'RS256', use: 'sig' }

  // Whoever the test names now signs in, even where the provider still has someone else's session.
  const policy = interactionPolicy.base()
  policy.get('login')!.checks.push(
    new interactionPolicy.Check('other_test_user', 'the test signs in someone else now', (ctx: ProviderContext) =>
      ctx.oidc.session?.accountId !== current.subject ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
    ),
  )

  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const claimsOf = (user: TestUser) => ({
    sub: user.subject,
    ...(user.name ? { name: user.name } : {}),
    ...(user.preferredUsername ? { preferred_username: user.preferredUsername } : {}),
    ...(user.groups ? { groups: user.groups } : {}),
    ...(user.email ? { email: user.email, email_verified: true } : {}),
  })

  const provider = new Provider(url, {
    adapter: adapterFor(clientMetadata),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    // The paths the tests (and Keycloak's look) expect.
    routes: { authorization: '/authorize', token: '/token', jwks: '/jwks', end_session: '/logout', userinfo: '/userinfo' },
    // Keycloak's group mapper puts `groups` in the ID token whatever the scope.
    claims: { openid: ['sub', 'groups'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx: unknown, sub: string) => {
      const user = users.get(sub)
      return user && { accountId: sub, claims: async () => claimsOf(users.get(sub) ?? user) }
    },
    // As Keycloak does for the code flow: a refresh token without asking for offline_access.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(type: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    // The relay under test listens on loopback, which the provider's guard against requests into its own network refuses.
    fetch: (target: string, init: RequestInit & { dispatcher?: unknown }) => {
      const { dispatcher: _guard, ...rest } = init
      return fetch(target, rest)
    },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 300, AuthorizationCode: 60, RefreshToken: 3600, IdToken: 300 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: endSession,
        // The confirmation page says yes at once (a test has nobody to click): a browser submits it by script, `followProvider` by reading it.
        logoutSource: async (ctx: ProviderContext, form: string) => {
          ctx.body = `<!DOCTYPE html><html><body>${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>')}<script>document.forms[0].submit()</script></body></html>`
        },
      },
      backchannelLogout: { enabled: endSession },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`, policy },
  })
  if (endSession) {
    provider.use(async (ctx, next) => {
      await next()
      // The hint was checked before the page was shown (a wrong one is a 400).
      const hinted = ctx.oidc?.entities.IdTokenHint?.payload.sub
      if (ctx.oidc?.route === 'end_session' && ctx.status < 400 && hinted) {
        const back = ctx.oidc.params?.post_logout_redirect_uri
        signOuts.push({ subject: hinted, postLogoutRedirectUri: typeof back === 'string' ? back : null })
      }
    })
  }
  provider.on('backchannel.success', (...args: unknown[]) => backchannelLogouts.push({ subject: String(args[2]), accepted: true }))
  provider.on('backchannel.error', (...args: unknown[]) => backchannelLogouts.push({ subject: String(args[3]), accepted: false }))

  const handle = provider.callback()
  server.on('request', async (req, res) => {
    const requested = new URL(req.url ?? '/', url)
    if (requested.pathname === '/authorize') {
      const redirectUri = requested.searchParams.get('redirect_uri')
      if (redirectUri) redirectUris.add(redirectUri)
    }
    if (requested.pathname === '/logout') {
      const back = requested.searchParams.get('post_logout_redirect_uri')
      if (back) postLogoutRedirectUris.add(back)
    }
    if (requested.pathname.startsWith('/interaction/')) {
      try {
        const details = await provider.interactionDetails(req, res)
        if (details.prompt.name === 'login') {
          return await provider.interactionFinished(req, res, { login: { accountId: current.subject } }, { mergeWithLastSubmission: false })
        }
        const grant = new provider.Grant({ clientId, accountId: details.session!.accountId })
        grant.addOIDCScope(String(details.params.scope ?? 'openid'))
        return await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true })
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' })
        return res.end(String(error))
      }
    }
    handle(req, res)
  })

  return {
    url,
    clientId,
    clientSecret,
    signInAs(next) {
      current = next
      users.set(next.subject, next)
    },
    signOuts,
    backchannelLogoutTo(to) {
      backchannelUri = to
    },
    backchannelLogouts,
    async endSessionsOf(who) {
      const client = await provider.Client.find(clientId)
      const sessions = new MemoryAdapter('Session')
      const tokens = ['AccessToken', 'RefreshToken', 'AuthorizationCode'].map((model) => new MemoryAdapter(model) as MemoryAdapter & { revokeByGrantId(id: string): Promise<void> })
      for (const id of [...sessionIds]) {
        const session = (await sessions.find(id)) as { accountId?: string; authorizations?: Record<string, { sid?: string; grantId?: string }> } | undefined
        if (session?.accountId !== who) continue
        for (const [authorizedClient, { sid, grantId }] of Object.entries(session.authorizations ?? {})) {
          if (grantId) for (const adapter of tokens) await adapter.revokeByGrantId(grantId)
          if (authorizedClient === clientId && backchannelUri && client) {
            await client.backchannelLogout(who, sid).then(
              () => backchannelLogouts.push({ subject: who, accepted: true }),
              () => backchannelLogouts.push({ subject: who, accepted: false }),
            )
          }
        }
        await sessions.destroy(id)
        sessionIds.delete(id)
      }
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * A test provider and a relay whose creators sign in with `password` or through that provider,
 * behind a trusted reverse proxy on this machine, so that a test can speak for other addresses.
 * The relay runs in the test's process unless `process: true`.
 */
export async function startCreatorSignIn(
  password: string,
  publicUrl: string,
  options: { dataDir?: string; env?: Record<string, string> } & RelayKind = {},
): Promise<{ relay: Relay; issuer: TestIssuer; env: Record<string, string> }> {
  const issuer = await startTestIssuer()
  const env = await creatorSignInEnv(issuer, password, publicUrl)
  const relayOptions = { dataDir: options.dataDir, env: { ...env, ...options.env } }
  const relay = options.process ? await startRelay({ ...relayOptions, process: true }) : await startRelay(relayOptions)
  return { relay, issuer, env }
}

/** The settings of a relay whose creators sign in with `password` (hashed at a test's cost, `quickPasswordHash`) or through `issuer`. */
export async function creatorSignInEnv(issuer: TestIssuer, password: string, publicUrl: string): Promise<Record<string, string>> {
  return {
    LOG_LEVEL: 'info',
    TRUST_PROXY: '127.0.0.1',
    CREATOR_PASSWORD_HASH: await quickPasswordHash(password),
    OIDC_ISSUER: issuer.url,
    OIDC_CLIENT_ID: issuer.clientId,
    OIDC_CLIENT_SECRET: issuer.clientSecret,
    PUBLIC_URL: publicUrl,
  }
}

export async function stopCreatorSignIn(relay: Relay | undefined, issuer: TestIssuer | undefined): Promise<void> {
  await relay?.kill()
  if (relay) removeDataDir(relay.dataDir)
  await issuer?.close()
}


/** Group settings for tests: `/jobcenter/steuerung` may all, `planung` only create, `/netzwerk/mitglieder` only join. */
export const groupSettings = {
  OIDC_CREATOR_GROUPS: '/jobcenter/steuerung, planung',
  OIDC_FACILITATOR_GROUPS: 'steuerung',
  OIDC_MEMBER_GROUPS: '/netzwerk/mitglieder',
}
