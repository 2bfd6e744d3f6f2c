/**
 * Retention where people work (`shared/retentionApi.ts`): the deletion dates a start page asks for
 * (a read that is no use of anything), and „Behalten“ for a board or a network, which is a use.
 *
 * Who may keep: any valid link of the board, the read-only one too. Opening the board with that
 * link is a use already (`Rooms.join`), so the button gives it nothing it did not have, and a
 * network's read-only audience (the Steuerungsgruppe) should not lose the founding boards because
 * only the coordinator could click. A network is kept with the network's link.
 */
import { needsSignIn, noSignInPolicy, type SignInPolicy } from '../auth/signInPolicy.ts'
import { Hono, type Context } from 'hono'
import { timingSafeEqual } from 'node:crypto'
import { tokenPattern } from '../../shared/access.ts'
import { networkIdPattern } from '../../shared/networkCredential.ts'
import { RetentionLookup, type KeptUntil, type RetentionDates } from '../../shared/retentionApi.ts'
import { bearerToken, hashToken, roleForToken } from '../links/access.ts'
import type { Session } from '../auth/sessions.ts'
import type { AddressWindow } from '../limits/addressLimits.ts'
import type { Logger } from '../base/logger.ts'
import { boardDeleteAfter, networkDeleteAfter } from '../ops/retentionDates.ts'
import type { BoardDirectory, BoardLinks, Networks, RetentionSchedule, Storage } from '../storage/Storage.ts'
import { checkSignIn } from './boardSignIn.ts'
import { findBoard } from './findBoard.ts'
import { requireRole } from './boardRole.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonOnly } from './jsonOnly.ts'
import { firstIssue, jsonBody } from './jsonBody.ts'
import { smallBody } from './smallBody.ts'

export interface RetentionApiOptions {
  storage: BoardDirectory & BoardLinks & Networks & RetentionSchedule
  logger: Logger
  /** BOARD_RETENTION_DAYS; 0 keeps everything for ever (no dates). */
  days: number
  /** The request's sign-in, for boards that require one. */
  sessionOf(c: Context): Promise<Session | undefined>
  /** Lookups per client address and minute (`retentionLookupsPerMinute`). */
  lookups: AddressWindow
  addressOf(c: Context): string
  /** SIGN_IN_POLICY: the links that need a sign-in on every board. */
  signInPolicy?: SignInPolicy
}

/** A start page asks once when it opens; a whole office behind one address opening it at once stays well within. */
export const retentionLookupsPerMinute = 120

/** Whether `token` is the network's link (its hash, compared in constant time). */
async function networkOpens(storage: Pick<Storage, 'getNetwork'>, networkId: string, token: string | undefined): Promise<boolean> {
  if (!networkIdPattern.test(networkId) || !token || !tokenPattern.test(token)) return false
  const network = await storage.getNetwork(networkId)
  return network !== undefined && timingSafeEqual(Buffer.from(hashToken(token)), Buffer.from(network.tokenHash))
}

/** `POST /api/retention`, mounted under `/api`. */
export function retentionLookupApi({ storage, days, sessionOf, lookups, addressOf, signInPolicy = noSignInPolicy }: RetentionApiOptions) {
  // A device knows a few dozen boards and networks: a few KB, never more (an open route, no link needed).
  return new Hono().post(
    '/retention',
    jsonOnly('send the boards and networks as application/json'),
    smallBody(32 * 1024),
    // An open route that checks up to a few hundred links per request: counted before any is read.
    async (c, next) => {
      const taken = await lookups.take(addressOf(c))
      if (!taken.allowed) {
        c.header('Retry-After', String(taken.retryAfterSeconds))
        throw new HTTPException(429, { message: 'too many retention lookups from this address; please wait a minute' })
      }
      await next()
    },
    jsonBody(RetentionLookup, firstIssue),
    async (c) => {
      const lookup = c.req.valid('json')
      const answer: RetentionDates = { boards: [], networks: [] }
      for (const { id, token } of lookup.boards) {
        const board = await storage.getBoard(id)
        const role = board && (await roleForToken(storage, id, token))
        if (!board || !role) continue
        // A board that requires sign-in tells its dates only to whom its link would admit.
        if (needsSignIn(signInPolicy, board, role)) {
          try {
            checkSignIn(await sessionOf(c), role)
          } catch {
            continue
          }
        }
        answer.boards.push({ id, deleteAfter: await boardDeleteAfter(storage, id, days) })
      }
      for (const { id, token } of lookup.networks) {
        if (await networkOpens(storage, id, token)) answer.networks.push({ id, deleteAfter: await networkDeleteAfter(storage, id, days) })
      }
      c.header('Cache-Control', 'no-store')
      return c.json(answer)
    },
  )
}

/** `POST /api/boards/:id/keep`, mounted under `/api/boards` (behind the sign-in gate of boards that require one). */
export function boardKeepApi({ storage, logger, days }: RetentionApiOptions) {
  return new Hono().post('/:id/keep', async (c) => {
    const board = await findBoard(storage, c.req.param('id'))
    await requireRole(storage, board.id, bearerToken(c.req.header('authorization')), 'observer')
    await storage.touchBoard(board.id, new Date().toISOString())
    logger.info('board kept', { board: board.id })
    return c.json({ deleteAfter: await boardDeleteAfter(storage, board.id, days) } satisfies KeptUntil)
  })
}

/** `POST /api/networks/:id/keep`, mounted under `/api/networks`. */
export function networkKeepApi({ storage, logger, days }: RetentionApiOptions) {
  return new Hono().post('/:id/keep', async (c) => {
    const id = c.req.param('id')
    if (!networkIdPattern.test(id) || !(await storage.getNetwork(id))) throw new HTTPException(404, { message: 'network not found' })
    if (!(await networkOpens(storage, id, bearerToken(c.req.header('authorization'))))) throw new HTTPException(401, { message: "the network's link is needed" })
    await storage.touchNetwork(id, new Date().toISOString())
    logger.info('network kept', { network: id })
    return c.json({ deleteAfter: await networkDeleteAfter(storage, id, days) } satisfies KeptUntil)
  })
}
