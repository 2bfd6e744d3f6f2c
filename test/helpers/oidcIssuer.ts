/**
 * A small OpenID Connect provider for tests, on a free port of this machine: discovery, an
 * authorization endpoint that signs in the current user at once, a token endpoint that checks the
 * client secret, the code, the redirect URI and PKCE, and signs ID tokens with a fresh RSA key
 * (with the user's name and groups, as Keycloak's group mapper sends them), and an end-session
 * endpoint (RP-initiated logout) that checks the ID token hint it is given.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose'
import { hashPassword } from '../../server/auth/creatorPassword.ts'
import { removeDataDir, startRelay, type RelayProcess } from './relay.ts'

export interface TestIssuer {
  url: string
  clientId: string
  clientSecret: string
  /** Signs the next ID token with this nonce instead of the one asked for (a replayed token). */
  forgeNextNonce(nonce: string): void
  /** Who the next sign-ins are (until changed). */
  signInAs(user: TestUser): void
  /** Sign-outs at the provider so far: whose ID token was the hint, and where it sent the browser back. */
  signOuts: Array<{ subject: string; postLogoutRedirectUri: string | null }>
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

interface Grant {
  redirectUri: string
  nonce: string
  challenge: string
  user: TestUser
}

export async function startTestIssuer(
  subject = 'creator@example.org',
  options: { endSession?: boolean } = {},
): Promise<TestIssuer> {
  let user: TestUser = { subject }
  const signOuts: TestIssuer['signOuts'] = []
  const clientId = 'netzwerkstatt'
  const clientSecret = randomBytes(16).toString('hex')
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256', use: 'sig' }
  const grants = new Map<string, Grant>()
  let forgedNonce: string | null = null
  let url = ''

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
    res.end(JSON.stringify(body))
  }
  const readForm = async (req: IncomingMessage) => {
    let body = ''
    for await (const chunk of req) body += chunk
    return new URLSearchParams(body)
  }

  const server = createServer(async (req, res) => {
    const requested = new URL(req.url ?? '/', url)
    switch (requested.pathname) {
      case '/.well-known/openid-configuration':
        return json(res, 200, {
          issuer: url,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
          jwks_uri: `${url}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
          ...(options.endSession === false ? {} : { end_session_endpoint: `${url}/logout` }),
        })
      case '/jwks':
        return json(res, 200, { keys: [jwk] })
      case '/authorize': {
        const q = requested.searchParams
        if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256') {
          return json(res, 400, { error: 'invalid_request' })
        }
        const code = randomBytes(16).toString('hex')
        grants.set(code, { redirectUri: q.get('redirect_uri')!, nonce: q.get('nonce') ?? '', challenge: q.get('code_challenge')!, user })
        const back = new URL(q.get('redirect_uri')!)
        back.searchParams.set('code', code)
        back.searchParams.set('state', q.get('state') ?? '')
        res.writeHead(302, { location: back.href })
        return res.end()
      }
      case '/token': {
        const form = await readForm(req)
        // client_secret_basic or client_secret_post, as a provider like Keycloak accepts both.
        const [id, secret] = req.headers.authorization
          ? Buffer.from(req.headers.authorization.replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent)
          : [form.get('client_id'), form.get('client_secret')]
        if (id !== clientId || secret !== clientSecret) return json(res, 401, { error: 'invalid_client' })
        const grant = grants.get(form.get('code') ?? '')
        grants.delete(form.get('code') ?? '')
        const verifier = form.get('code_verifier') ?? ''
        const challenge = createHash('sha256').update(verifier).digest('base64url')
        if (!grant || grant.redirectUri !== form.get('redirect_uri') || grant.challenge !== challenge) {
          return json(res, 400, { error: 'invalid_grant' })
        }
        const nonce = forgedNonce ?? grant.nonce
        forgedNonce = null
        const { user: signedIn } = grant
        const claims = {
          nonce,
          ...(signedIn.name ? { name: signedIn.name } : {}),
          ...(signedIn.preferredUsername ? { preferred_username: signedIn.preferredUsername } : {}),
          ...(signedIn.groups ? { groups: signedIn.groups } : {}),
          ...(signedIn.email ? { email: signedIn.email, email_verified: true } : {}),
        }
        const idToken = await new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'test' })
          .setIssuer(url)
          .setSubject(signedIn.subject)
          .setAudience(clientId)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey)
        return json(res, 200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken })
      }
      case '/logout': {
        if (options.endSession === false) return json(res, 404, { error: 'not_found' })
        // Keycloak checks the hint is a token it issued to this client; so does this.
        const hint = requested.searchParams.get('id_token_hint')
        let hinted: string
        try {
          hinted = (await jwtVerify(hint ?? '', publicKey, { issuer: url, audience: clientId, clockTolerance: 3600 })).payload.sub!
        } catch {
          return json(res, 400, { error: 'invalid id_token_hint' })
        }
        const back = requested.searchParams.get('post_logout_redirect_uri')
        signOuts.push({ subject: hinted, postLogoutRedirectUri: back })
        if (!back) return json(res, 200, { signedOut: true })
        res.writeHead(302, { location: back })
        return res.end()
      }
      default:
        return json(res, 404, { error: 'not_found' })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    clientId,
    clientSecret,
    forgeNextNonce(nonce) {
      forgedNonce = nonce
    },
    signInAs(next) {
      user = next
    },
    signOuts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * A test provider and a relay whose creators sign in with `password` or through that provider,
 * behind a trusted reverse proxy on this machine, so that a test can speak for other addresses.
 */
export async function startCreatorSignIn(
  password: string,
  publicUrl: string,
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<{ relay: RelayProcess; issuer: TestIssuer; env: Record<string, string> }> {
  const issuer = await startTestIssuer()
  const env = await creatorSignInEnv(issuer, password, publicUrl)
  const relay = await startRelay({ dataDir: options.dataDir, env: { ...env, ...options.env } })
  return { relay, issuer, env }
}

/** The settings of a relay whose creators sign in with `password` or through `issuer`. */
export async function creatorSignInEnv(issuer: TestIssuer, password: string, publicUrl: string): Promise<Record<string, string>> {
  return {
    LOG_LEVEL: 'info',
    TRUST_PROXY: '127.0.0.1',
    CREATOR_PASSWORD_HASH: await hashPassword(password),
    OIDC_ISSUER: issuer.url,
    OIDC_CLIENT_ID: issuer.clientId,
    OIDC_CLIENT_SECRET: issuer.clientSecret,
    PUBLIC_URL: publicUrl,
  }
}

export async function stopCreatorSignIn(relay: RelayProcess | undefined, issuer: TestIssuer | undefined): Promise<void> {
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
