/**
 * `/api/auth`: who may create boards. From the server's own machine anyone may, as always; from
 * anywhere else only someone signed in with the creator password or the organisation's OpenID
 * Connect login. Board links need none of this: a link is the capability to its board.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { PasswordSignIn, signInFailedParam, signInRefusedValue, type CreatorStatus } from '../../shared/api.ts'
import { verifyPassword } from '../auth/creatorPassword.ts'
import { deviceOf, newDevice } from '../auth/passwordDevices.ts'
import { rightsFor } from '../auth/groupRights.ts'
import type { CreatorSettings } from '../auth/creatorSettings.ts'
import { OidcLogin } from '../auth/oidcLogin.ts'
import { returnPath } from '../auth/returnPath.ts'
import { cookieNames, readCookie, type CookieNames } from '../auth/cookieNames.ts'
import { Sessions, type FoundSession, type Right, type Session } from '../auth/sessions.ts'
import { GroupRecheck } from '../auth/groupRecheck.ts'
import { backchannelLogout } from '../auth/backchannelLogout.ts'
import { linkTo, tokensOf } from '../auth/providerTokens.ts'
import type { Sessions as StoredSessions } from '../storage/Storage.ts'
import { describeError, type Logger } from '../base/logger.ts'
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'
import { jsonOnly, mediaType } from './jsonOnly.ts'
import { jsonBody } from './jsonBody.ts'
import type { AddressLimits } from '../limits/addressLimits.ts'
import { passwordSessionActor, sessionActor, subjectActor, unknownActor, type AuditTrail } from '../audit/auditTrail.ts'

export interface AuthApiOptions {
  settings: CreatorSettings
  storage: StoredSessions
  logger: Logger
  addressOf(c: Context): string
  isLocal(c: Context): boolean
  /** Where sign-ins, refused ones and sign-outs are recorded (no address, no password, no name). */
  audit?: AuditTrail
  /** Where password attempts per address are counted (shared through Redis with REDIS_URL). */
  limits: AddressLimits
  /** A session ended by signing out (`key`: its hash): its sockets close, in every relay process. */
  signedOut?(key: string): void
}

/** The session cookie's path until sessions reached the websocket: cleared from browsers that still have it. */
const formerSessionPath = '/api'
/** Wrong passwords per address and minute before the answer is 429; as many per browser that signed in before (`passwordDevices.ts`). */
const passwordAttemptsPerMinute = 10
const deviceMaxAgeSeconds = 365 * 24 * 60 * 60
/**
 * Sign-ins leaving for the provider and coming back, per address and minute: each writes a row (a
 * sign-in under way, or an audit row when refused). Generous, for a workshop behind one office
 * address signing in at once; it bounds what one address can make the database keep.
 */
const oidcStepsPerMinute = 120
/**
 * Logout tokens refused per address and minute. The route is open to anyone (the provider posts
 * it): each refusal checks a signature and writes a log line. The provider's own tokens are not
 * refused, so it never meets the limit; past it, an address gets 429 unchecked and unlogged.
 */
const logoutRefusalsPerMinute = 30
/** Password checks running at once; each costs 16 MiB and a quarter second of CPU. */
const maxConcurrentChecks = 4

export function creatorAccess({ settings, storage, logger, addressOf, isLocal, audit, limits, signedOut }: AuthApiOptions) {
  const sessions = new Sessions(storage)
  const oidc = settings.oidc ? new OidcLogin(settings.oidc) : null
  // Keyed by the client secret (shared by every relay process, never stored with the audit), so a
  // subject from the organisation's directory cannot be looked up in the audit trail without it.
  const actorSalt = settings.oidc ? (settings.oidc.clientSecret ?? settings.oidc.issuer.href) : ''
  const attempts = limits.window('password-attempts', passwordAttemptsPerMinute)
  const deviceAttempts = limits.window('password-attempts-device', passwordAttemptsPerMinute)
  const oidcSteps = limits.window('oidc-steps', oidcStepsPerMinute)
  const logoutRefusals = limits.window('logout-refusals', logoutRefusalsPerMinute)
  const countOidcStep = async (c: Context) => {
    const taken = await oidcSteps.take(addressOf(c))
    if (taken.allowed) return
    c.header('Retry-After', String(taken.retryAfterSeconds))
    throw new HTTPException(429, { message: 'too many sign-ins from this address; please wait a minute' })
  }
  let checking = 0
  const recheck = oidc
    ? new GroupRecheck({
        sessions,
        oidc,
        groups: settings.groups,
        intervalMs: (settings.oidc?.recheckSeconds ?? 300) * 1000,
        actorOf: (subject) => subjectActor(subject, actorSalt),
        signedOut: (key) => signedOut?.(key),
        ended: async (session) => void (await audit?.record('signed-out:recheck', null, sessionActor(session))),
        logger,
      })
    : null

  // SameSite=Lax: sent when the provider redirects back (a top-level GET), never with another
  // site's POST, so no page elsewhere can create boards in a signed-in creator's name. Path `/`:
  // boards that require sign-in check it on the websocket (`/ws/…`) too.
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'Lax', secure: settings.secureCookies } as const
  // `__Host-` names under https (`auth/cookieNames.ts`); the device cookie: a browser that gave the right password.
  const names = cookieNames(settings.secureCookies)
  const cookie = (c: Context, name: keyof CookieNames['former']) => readCookie((n) => getCookie(c, n), names[name], names.former[name])
  /** Clears a cookie under its former name (the plain one, where the prefix is new) and its former path. */
  const dropFormer = (c: Context, name: keyof CookieNames['former'], path: string) => {
    if (names[name] !== names.former[name]) deleteCookie(c, names.former[name], { path })
  }

  /** The sign-in this request carries, if any (looked up in the database: any process knows it). */
  const sessionOf = async (c: Context): Promise<FoundSession | undefined> => {
    const id = cookie(c, 'session')
    const found = await sessions.find(id)
    // Groups read again at the provider when the last reading is older than OIDC_RECHECK_SECONDS.
    return found && recheck && id ? recheck.current(id, found) : found
  }
  /** For a socket a sign-in opens: what reads its groups again while it is open (the cookie's id is kept in memory only). */
  const recheckerFor = (c: Context): { everyMs: number; recheck: () => Promise<unknown> } | null => {
    const id = cookie(c, 'session')
    if (!recheck || !id) return null
    const checker = recheck
    return { everyMs: checker.intervalMs, recheck: async () => {
      const found = await sessions.find(id)
      if (found) await checker.current(id, found)
    } }
  }
  const mayCreate = async (c: Context) => isLocal(c) || (await sessionOf(c))?.rights.includes('create') === true

  const signIn = async (c: Context, session: Omit<Session, 'expiresAt'> | ((id: string) => Omit<Session, 'expiresAt'>)) => {
    // A password session gets a pseudonym of its own, for the audit trail from sign-in to sign-out.
    let actor = typeof session === 'function' ? null : (session.actor ?? passwordSessionActor())
    const started = await sessions.start(
      typeof session === 'function'
        ? (id) => {
            const made = session(id)
            actor = made.actor ?? passwordSessionActor()
            return { ...made, actor }
          }
        : { ...session, actor: actor! },
    )
    deleteCookie(c, names.former.session, { path: formerSessionPath })
    dropFormer(c, 'session', '/')
    setCookie(c, names.session, started.id, { ...cookieOptions, maxAge: started.maxAgeSeconds })
    // A session made from its id (the provider's) is logged by its caller.
    if (typeof session !== 'function') logger.info('signed in', { method: session.method, rights: session.rights.join(',') })
    await audit?.record(typeof session === 'function' ? 'signed-in:oidc' : `signed-in:${session.method}`, null, actor!)
  }

  const api = new Hono()

  api.get('/status', async (c) => {
    c.header('Cache-Control', 'no-store')
    const session = await sessionOf(c)
    return c.json({
      mayCreate: isLocal(c) || session?.rights.includes('create') === true,
      local: isLocal(c),
      methods: { password: settings.passwordHash !== null, oidc: oidc !== null },
      ...(session ? { session: { name: session.name, rights: session.rights, provider: session.method === 'oidc' } } : {}),
    } satisfies CreatorStatus)
  })

  api.post(
    '/password',
    bodyLimit({
      maxSize: 4096,
      onError: () => {
        throw new HTTPException(413, { message: 'a password is shorter than that' })
      },
    }),
    createMiddleware<{ Variables: { passwordHash: string } }>(async (c, next) => {
      if (!settings.passwordHash) throw new HTTPException(404, { message: 'this server has no creator password' })
      c.set('passwordHash', settings.passwordHash)
      await next()
    }),
    // A form any page behind the same address can post must not use up the attempts (jsonOnly.ts).
    jsonOnly('send the password as application/json'),
    // Counted before the body is read: a malformed attempt is an attempt.
    createMiddleware<{ Variables: { passwordHash: string; device: string | null } }>(async (c, next) => {
      // A browser that signed in before counts its own attempts; everyone else's count for their address.
      const device = deviceOf(cookie(c, 'device'), c.get('passwordHash'))
      const taken = device ? await deviceAttempts.take(device) : await attempts.take(addressOf(c))
      if (!taken.allowed) {
        c.header('Retry-After', String(taken.retryAfterSeconds))
        throw new HTTPException(429, { message: 'too many attempts from this address; please wait a minute' })
      }
      c.set('device', device)
      await next()
    }),
    jsonBody(PasswordSignIn, 'send { "password": "…" } as JSON'),
    async (c) => {
      const hash = c.get('passwordHash')
      const device = c.get('device')
      const { password } = c.req.valid('json')
      if (checking >= maxConcurrentChecks) {
        c.header('Retry-After', '1')
        throw new HTTPException(429, { message: 'the server is busy checking passwords; please try again' })
      }
      checking++
      let correct: boolean
      try {
        correct = await verifyPassword(password, hash)
      } finally {
        checking--
      }
      if (!correct) {
        logger.warn('creator sign-in refused', { method: 'password' })
        await audit?.record('sign-in-failed:password', null, unknownActor)
        throw new HTTPException(401, { message: 'wrong password' })
      }
      await signIn(c, { method: 'password', actor: null, name: null, rights: ['create'] })
      // Strict: only this server's own password form ever sends it.
      dropFormer(c, 'device', '/api/auth/password')
      setCookie(c, names.device, device ? cookie(c, 'device')! : newDevice(hash), { ...cookieOptions, path: names.devicePath, sameSite: 'Strict', maxAge: deviceMaxAgeSeconds })
      return c.body(null, 204)
    },
  )

  api.get('/oidc/login', async (c) => {
    if (!oidc) throw new HTTPException(404, { message: 'this server has no OpenID Connect sign-in' })
    await countOidcStep(c)
    let started: Awaited<ReturnType<OidcLogin['begin']>>
    try {
      started = await oidc.begin(returnPath(c.req.query('return')))
    } catch (error) {
      logger.error('OpenID Connect provider unreachable', describeError(error))
      throw new HTTPException(502, { message: 'the sign-in service cannot be reached; please try again later' })
    }
    const pending = await sessions.beginLogin(started.pending)
    setCookie(c, names.pending, pending.id, { ...cookieOptions, path: names.pendingPath, maxAge: pending.maxAgeSeconds })
    return c.redirect(started.url.href, 302)
  })

  api.get('/oidc/callback', async (c) => {
    if (!oidc) throw new HTTPException(404, { message: 'this server has no OpenID Connect sign-in' })
    await countOidcStep(c)
    const login = await sessions.takeLogin(cookie(c, 'pending'))
    deleteCookie(c, names.pending, { ...cookieOptions, path: names.pendingPath })
    dropFormer(c, 'pending', '/api/auth/oidc')
    const failed = async (reason: string, error?: unknown) => {
      logger.warn('sign-in refused', { method: 'oidc', reason, ...(error ? describeError(error) : {}) })
      await audit?.record('sign-in-failed:oidc', null, unknownActor)
      return c.redirect(`/?${signInFailedParam}=fehlgeschlagen`, 302)
    }
    if (!login) return failed('no sign-in under way')
    let signedIn: Awaited<ReturnType<OidcLogin['finish']>>
    try {
      signedIn = await oidc.finish(new URL(c.req.url).search, login)
    } catch (error) {
      return failed('provider answer refused', error)
    }
    const actor = subjectActor(signedIn.subject, actorSalt)
    const rights: Right[] = rightsFor(settings.groups, signedIn.groups)
    if (rights.length === 0) {
      // Signed in at the provider, but in none of the groups this server admits.
      logger.warn('sign-in refused', { method: 'oidc', reason: 'no group with any right' })
      await audit?.record('sign-in-failed:oidc', null, actor)
      return c.redirect(withParam(login.returnTo, signInFailedParam, signInRefusedValue), 302)
    }
    // The tokens sealed under the new cookie's id: the database alone reads neither (`providerTokens.ts`).
    await signIn(c, (id) => ({
      method: 'oidc',
      actor,
      name: signedIn.name,
      rights,
      email: signedIn.email,
      provider: linkTo(id, signedIn.sid, { idToken: signedIn.idToken, refreshToken: signedIn.refreshToken }, Date.now()),
    }))
    logger.info('signed in', { method: 'oidc', rights: rights.join(',') })
    return c.redirect(login.returnTo, 302)
  })

  /**
   * Ends the session here (its row first), and answers where to go next: the provider's sign-out
   * (RP-initiated logout, back to PUBLIC_URL) when it offers one, else nowhere (204).
   */
  api.post('/sign-out', async (c) => {
    const id = cookie(c, 'session')
    const ended = await sessions.end(id)
    if (ended) signedOut?.(ended.key)
    if (ended) await audit?.record('signed-out', null, sessionActor(ended))
    deleteCookie(c, names.session, cookieOptions)
    dropFormer(c, 'session', '/')
    deleteCookie(c, names.former.session, { path: formerSessionPath })
    if (ended?.method === 'oidc' && oidc && settings.publicUrl) {
      const url = await oidc.signOutUrl(idTokenOf(id!, ended), settings.publicUrl)
      if (url) return c.json({ signOutAt: url.href })
    }
    return c.body(null, 204)
  })

  /** OpenID Connect Back-Channel Logout: the provider ends sessions here (Keycloak: "Backchannel logout URL"). */
  api.post(
    '/oidc/backchannel-logout',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'a logout token is shorter than that' })
      },
    }),
    async (c) => {
      if (!oidc) throw new HTTPException(404, { message: 'this server has no OpenID Connect sign-in' })
      c.header('Cache-Control', 'no-store')
      if (mediaType(c.req.header('content-type')) !== 'application/x-www-form-urlencoded') throw new HTTPException(415, { message: 'send logout_token as a form' })
      const client = addressOf(c)
      const left = await logoutRefusals.peek(client)
      if (!left.allowed) {
        c.header('Retry-After', String(left.retryAfterSeconds))
        throw new HTTPException(429, { message: 'too many invalid logout tokens from this address; please wait a minute' })
      }
      const form = await c.req.parseBody()
      const token = typeof form.logout_token === 'string' ? form.logout_token : ''
      const ended = await backchannelLogout(token, { oidc, sessions, actorOf: (subject) => subjectActor(subject, actorSalt) }).catch(async (error: unknown) => {
        if ((await logoutRefusals.take(client)).allowed) logger.warn('back-channel logout refused', describeError(error))
        return null
      })
      if (ended === null) return c.json({ error: 'invalid_request', error_description: 'the logout token is not valid' }, 400)
      for (const session of ended) {
        signedOut?.(session.key)
        await audit?.record('signed-out:provider', null, sessionActor(session))
      }
      logger.info('signed out by the provider', { sessions: ended.length })
      return c.body(null, 200)
    },
  )

  return { api, mayCreate, sessionOf, recheckerFor, oidcEnabled: oidc !== null }
}

/** The session's ID token (the hint for signing out at the provider), if its cookie's id unseals it. */
function idTokenOf(cookieId: string, session: FoundSession): string | null {
  if (!session.provider) return null
  try {
    return tokensOf(cookieId, session.provider).idToken
  } catch {
    return null
  }
}


/** `path` with `name=value` added to its query. */
function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, 'http://relay.invalid')
  url.searchParams.set(name, value)
  return url.pathname + url.search
}
