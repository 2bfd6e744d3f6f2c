/**
 * Join codes over HTTP: the facilitator makes one for the participant or read-only link, and
 * anyone who types or scans it gets that link. Lookups are limited per address (an IPv6 one by its
 * /64), so 60 bits cannot be tried through. Any device with the facilitator link reads the links to pass on, their
 * current codes and the address to show (`keptLinks.ts`, `joinAddress.ts`).
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { networkInterfaces } from 'node:os'
import { JoinCode } from '../../shared/access.ts'
import { JoinRedeem, JoinTarget, NewJoinCode, type SharedLinks } from '../../shared/api.ts'
import { joinCodeLifetimeDays, normaliseJoinCode, splitJoinCode } from '../../shared/joinCode.ts'
import { bearerToken, roleForToken } from '../links/access.ts'
import { requireRole } from './boardRole.ts'
import { hashJoinCode, newJoinCode, openLink, sealLink } from '../links/joinCodes.ts'
import { joinAddress, type JoinAddressInput } from '../links/joinAddress.ts'
import { keepLink, keptLinks } from '../links/keptLinks.ts'
import { facilitatorSecret } from '../links/networkSeal.ts'
import type { Logger } from '../base/logger.ts'
import type { BoardDirectory, BoardLinks, Networks } from '../storage/Storage.ts'
import { findBoard } from './findBoard.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonOnly } from './jsonOnly.ts'
import { jsonBody } from './jsonBody.ts'
import { needsBoardLink } from './linkAuthorization.ts'
import type { AddressLimits, AddressWindow } from '../limits/addressLimits.ts'
import { unknownActor, type AuditTrail } from '../audit/auditTrail.ts'
import { addressGroup } from '../limits/addressGroup.ts'

/**
 * Wrong join codes per address and hour (a venue's typos fit many times over). Past it the address
 * tries no code until its hour is over, so the audit trail gets at most this many rows from it
 * per hour, and one more saying the rest were refused.
 */
export const joinMissesPerHour = 60
const hourSeconds = 3600

export interface JoinApiOptions {
  storage: BoardDirectory & BoardLinks & Networks
  logger: Logger
  /** Code lookups per client address and window. */
  lookups: AddressWindow
  /** Where wrong codes per address and hour are counted (shared through Redis with REDIS_URL). */
  limits: AddressLimits
  addressOf(c: Context): string
  /** Whether the request comes from this machine itself (not through a proxy): only then may it learn the LAN address. */
  isLocal(c: Context): boolean
  /** What decides the address the join screen shows (`joinAddress.ts`). */
  address: Pick<JoinAddressInput, 'publicUrl' | 'listenHost'>
  /** Where unknown or expired join codes are recorded (never the code). */
  audit?: AuditTrail
}

export function joinApi({ storage, logger, lookups, limits, addressOf, isLocal, address, audit }: JoinApiOptions) {
  const api = new Hono()
  const misses = limits.window('join-misses', joinMissesPerHour, hourSeconds)
  const refusalRows = limits.window('join-refusal-rows', 1, hourSeconds)
  /** The address has no wrong codes left: 429, and one audit row per hour for all it tries now. */
  const refuse = async (c: Context, client: string, retryAfterSeconds: number): Promise<never> => {
    if ((await refusalRows.take(client)).allowed) await audit?.record('join-codes-refused', null, unknownActor)
    c.header('Retry-After', String(retryAfterSeconds))
    throw new HTTPException(429, { message: 'too many wrong join codes from this address; please wait an hour or ask for the link' })
  }

  api.get('/boards/:id/links', async (c) => {
    c.header('Cache-Control', 'no-store')
    const board = await findBoard(storage, c.req.param('id'))
    const token = bearerToken(c.req.header('authorization'))
    await requireRole(storage, board.id, token, 'facilitator')
    // Through a network: the facilitator link it keeps, if current; else nothing kept is readable.
    const secret = await facilitatorSecret(storage, board.id, token!)
    const kept = secret ? await keptLinks(storage, board.id, secret) : { participant: null, observer: null }
    const forwarded = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((name) => c.req.header(name) !== undefined)
    const proxied = forwarded ? { host: c.req.header('x-forwarded-host') } : undefined
    const shown = joinAddress({ ...address, requestHost: c.req.header('host'), proxied, fromThisComputer: isLocal(c), interfaces: networkInterfaces() })
    return c.json({ ...kept, address: shown } satisfies SharedLinks)
  })

  api.post(
    '/boards/:id/join-code',
    jsonOnly(),
    bodyLimit({
      maxSize: 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'a join code request is shorter than that' })
      },
    }),
    needsBoardLink(storage, 'facilitator'),
    jsonBody(NewJoinCode, 'send { "role": "participant" | "observer", "token": "<that link\'s token>" }'),
    async (c) => {
      const board = c.get('board')
      const facilitatorToken = bearerToken(c.req.header('authorization'))
      const { role, token } = c.req.valid('json')
      // The code can only hand out a link the facilitator actually has.
      if ((await roleForToken(storage, board.id, token)) !== role) throw new HTTPException(400, { message: `that is not the board's current ${role} link` })
      const code = newJoinCode()
      const expiresAt = new Date(Date.now() + joinCodeLifetimeDays * 24 * 60 * 60_000).toISOString()
      await storage.putJoinCode({ boardId: board.id, role, codeHash: hashJoinCode(code), sealedLink: sealLink(code, board.id, token), expiresAt })
      // Every device with the facilitator link shows this code from now on, instead of making another.
      const secret = await facilitatorSecret(storage, board.id, facilitatorToken!)
      if (secret) await keepLink(storage, board.id, secret, role, { token, joinCode: { code, expiresAt } })
      logger.info('join code made', { board: board.id, role })
      return c.json({ role, code, expiresAt } satisfies JoinCode, 201)
    },
  )

  // The code comes in the body: in the path it would stand in every proxy's access log for its seven days.
  api.post(
    '/join',
    // Every answer, refusals before the route included: none is for a cache to keep or hand on.
    async (c, next) => {
      c.header('Cache-Control', 'no-store')
      await next()
    },
    jsonOnly(),
    bodyLimit({
      maxSize: 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'a join code is shorter than that' })
      },
    }),
    jsonBody(JoinRedeem, 'send { "code": "<the join code>" }'),
    async (c) => {
      // An IPv6 client by its /64: a fresh address per guess would otherwise start a fresh budget.
      const client = addressGroup(addressOf(c))
      const taken = await lookups.take(client)
      if (!taken.allowed) {
        c.header('Retry-After', String(taken.retryAfterSeconds))
        throw new HTTPException(429, { message: 'too many join codes tried from this address; please wait a minute' })
      }
      // Checked before the lookup: past its budget an address learns nothing, not even of a right code.
      const left = await misses.peek(client)
      if (!left.allowed) return refuse(c, client, left.retryAfterSeconds)
      const typed = normaliseJoinCode(c.req.valid('json').code)
      // A group's code is the participant code with the group's number appended.
      const { code, group } = typed ? splitJoinCode(typed) : { code: null, group: null }
      const found = code ? await storage.findJoinCode(hashJoinCode(code)) : undefined
      const groupOfOtherRole = group !== null && found?.role !== 'participant'
      if (!code || !found || found.expiresAt <= new Date().toISOString() || found.role === 'facilitator' || groupOfOtherRole) {
        const missed = await misses.take(client)
        if (!missed.allowed) return refuse(c, client, missed.retryAfterSeconds)
        await audit?.record('join-code-failed', found?.boardId ?? null, unknownActor)
        throw new HTTPException(404, { message: 'unknown or expired join code' })
      }
      const token = openLink(code, found.boardId, found.sealedLink)
      return c.json({ boardId: found.boardId, role: found.role, token, ...(group !== null ? { group } : {}) } satisfies JoinTarget)
    },
  )

  return api
}
