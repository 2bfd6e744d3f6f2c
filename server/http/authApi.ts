/**
 * `/api/auth`: who may create boards. From the server's own machine anyone may, as always; from
 * anywhere else only someone signed in with the creator password or the organisation's OpenID
 * Connect login. Board links need none of this: a link is the capability to its board.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { randomBytes } from 'node:crypto'
import { PasswordSignIn, signInFailedParam, type CreatorStatus } from '../../shared/api.ts'
import { verifyPassword } from '../auth/creatorPassword.ts'
import { CreatorSessions } from '../auth/creatorSessions.ts'
import { OidcLogin, type OidcSettings, type PendingLogin } from '../auth/oidcLogin.ts'
import { describeError, type Logger } from '../logger.ts'
import { HttpError } from './errors.ts'
import { mediaType } from './jsonOnly.ts'
import type { AddressLimits } from '../limits/addressLimits.ts'
import { unknownActor, type AuditTrail } from '../audit.ts'

export interface CreatorSettings {
  passwordHash: string | null
  oidc: OidcSettings | null
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean
}

export interface AuthApiOptions {
  settings: CreatorSettings
  logger: Logger
  addressOf(c: Context): string
  isLocal(c: Context): boolean
  /** Where refused sign-ins are recorded (no address, no password: nobody to name). */
  audit?: AuditTrail
  /** Where password attempts per address are counted (shared through Redis with REDIS_URL). */
  limits: AddressLimits
}

const sessionCookie = 'nws_creator'
const pendingCookie = 'nws_login'
const pendingLifetimeMs = 10 * 60_000
/** Wrong passwords per address and minute before the answer is 429. */
const passwordAttemptsPerMinute = 10
/** Password checks running at once; each costs 16 MiB and a quarter second of CPU. */
const maxConcurrentChecks = 4

export function creatorAccess({ settings, logger, addressOf, isLocal, audit, limits }: AuthApiOptions) {
  const sessions = new CreatorSessions()
  const oidc = settings.oidc ? new OidcLogin(settings.oidc) : null
  const pending = new Map<string, PendingLogin & { expiresAt: number }>()
  const attempts = limits.window('password-attempts', passwordAttemptsPerMinute)
  let checking = 0

  // SameSite=Lax: sent when the provider redirects back (a top-level GET), never with another
  // site's POST, so no page elsewhere can create boards in a signed-in creator's name.
  const cookieOptions = { path: '/api', httpOnly: true, sameSite: 'Lax', secure: settings.secureCookies } as const

  const mayCreate = (c: Context) => isLocal(c) || sessions.find(getCookie(c, sessionCookie)) !== undefined

  const signIn = (c: Context, method: 'password' | 'oidc') => {
    const session = sessions.start(method)
    setCookie(c, sessionCookie, session.id, { ...cookieOptions, maxAge: session.maxAgeSeconds })
    logger.info('creator signed in', { method })
  }

  const api = new Hono()

  api.get('/status', (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({
      mayCreate: mayCreate(c),
      local: isLocal(c),
      methods: { password: settings.passwordHash !== null, oidc: oidc !== null },
    } satisfies CreatorStatus)
  })

  api.post(
    '/password',
    bodyLimit({
      maxSize: 4096,
      onError: () => {
        throw new HttpError(413, 'a password is shorter than that')
      },
    }),
    async (c) => {
      const hash = settings.passwordHash
      if (!hash) throw new HttpError(404, 'this server has no creator password')
      // A form any page behind the same address can post must not use up the attempts (jsonOnly.ts).
      if (mediaType(c.req.header('content-type')) !== 'application/json') throw new HttpError(415, 'send the password as application/json')
      const taken = await attempts.take(addressOf(c))
      if (!taken.allowed) {
        c.header('Retry-After', String(taken.retryAfterSeconds))
        throw new HttpError(429, 'too many attempts from this address; please wait a minute')
      }
      const parsed = PasswordSignIn.safeParse(await c.req.json().catch(() => undefined))
      if (!parsed.success) throw new HttpError(400, 'send { "password": "…" } as JSON')
      if (checking >= maxConcurrentChecks) {
        c.header('Retry-After', '1')
        throw new HttpError(429, 'the server is busy checking passwords; please try again')
      }
      checking++
      let correct: boolean
      try {
        correct = await verifyPassword(parsed.data.password, hash)
      } finally {
        checking--
      }
      if (!correct) {
        logger.warn('creator sign-in refused', { method: 'password' })
        await audit?.record('sign-in-failed:password', null, unknownActor)
        throw new HttpError(401, 'wrong password')
      }
      signIn(c, 'password')
      return c.body(null, 204)
    },
  )

  api.get('/oidc/login', async (c) => {
    if (!oidc) throw new HttpError(404, 'this server has no OpenID Connect sign-in')
    let started: Awaited<ReturnType<OidcLogin['begin']>>
    try {
      started = await oidc.begin()
    } catch (error) {
      logger.error('OpenID Connect provider unreachable', describeError(error))
      throw new HttpError(502, 'the sign-in service cannot be reached; please try again later')
    }
    const now = Date.now()
    for (const [id, login] of pending) if (login.expiresAt <= now) pending.delete(id)
    if (pending.size >= 10_000) pending.delete(pending.keys().next().value!)
    const id = randomBytes(24).toString('base64url')
    pending.set(id, { ...started.pending, expiresAt: now + pendingLifetimeMs })
    setCookie(c, pendingCookie, id, { ...cookieOptions, path: '/api/auth/oidc', maxAge: pendingLifetimeMs / 1000 })
    return c.redirect(started.url.href, 302)
  })

  api.get('/oidc/callback', async (c) => {
    if (!oidc) throw new HttpError(404, 'this server has no OpenID Connect sign-in')
    const id = getCookie(c, pendingCookie)
    const login = id ? pending.get(id) : undefined
    if (id) pending.delete(id)
    deleteCookie(c, pendingCookie, { path: '/api/auth/oidc' })
    const failed = async (reason: string, error?: unknown) => {
      logger.warn('creator sign-in refused', { method: 'oidc', reason, ...(error ? describeError(error) : {}) })
      await audit?.record('sign-in-failed:oidc', null, unknownActor)
      return c.redirect(`/?${signInFailedParam}=fehlgeschlagen`, 302)
    }
    if (!login || login.expiresAt <= Date.now()) return failed('no sign-in under way')
    try {
      await oidc.finish(new URL(c.req.url).search, login)
    } catch (error) {
      return failed('provider answer refused', error)
    }
    signIn(c, 'oidc')
    return c.redirect('/', 302)
  })

  api.post('/sign-out', (c) => {
    sessions.end(getCookie(c, sessionCookie))
    deleteCookie(c, sessionCookie, { path: '/api' })
    return c.body(null, 204)
  })

  return { api, mayCreate }
}

