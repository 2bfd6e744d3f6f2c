/**
 * One authorisation middleware per kind of link, instead of a check written into each API:
 * a board's link of at least a role (the board found by the path's `:id`), a network's link, and
 * the operator's secret from this machine. Each answers 404 / 401 / 403 before the route runs and
 * leaves what it found in the context for the route.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'
import type { Role } from '../../shared/access.ts'
import { bearerToken, sameSecret } from '../links/access.ts'
import type { BoardDirectory, BoardLinks, NetworkLinks, Networks, StoredNetwork } from '../storage/Storage.ts'
import { requireRole } from './boardRole.ts'
import type { BoardRecord } from '../storage/Storage.ts'
import { findBoard } from './findBoard.ts'
import { requireNetworkLink } from './networkAuth.ts'

/** The board in the path, for a link of at least `needed`'s role: `c.get('board')`, and the link's own role `c.get('role')`. */
export const needsBoardLink = (storage: BoardDirectory & BoardLinks & Networks, needed: Role) =>
  createMiddleware<{ Variables: { board: BoardRecord; role: Role } }>(async (c, next) => {
    const board = await findBoard(storage, c.req.param('id') ?? '')
    const role = await requireRole(storage, board.id, bearerToken(c.req.header('authorization')), needed)
    c.set('board', board)
    c.set('role', role)
    await next()
  })

/** The network in the path, for its network link (the pack link: 403): `c.get('network')`, `c.get('networkToken')`. */
export const needsNetworkLink = (storage: Networks & NetworkLinks) =>
  createMiddleware<{ Variables: { network: StoredNetwork; networkToken: string } }>(async (c, next) => {
    const { network, token } = await requireNetworkLink(storage, c)
    c.set('network', network)
    c.set('networkToken', token)
    await next()
  })

/** The operator's `npm run admin`: from this machine only, with relay.json's secret. */
export const needsOperator = (controlSecret: string | undefined) =>
  createMiddleware(async (c, next) => {
    const peer = getConnInfo(c).remote.address ?? ''
    const loopbackPeer = peer === '127.0.0.1' || peer === '::1' || peer === '::ffff:127.0.0.1'
    if (!controlSecret || !loopbackPeer || !sameSecret(bearerToken(c.req.header('authorization')), controlSecret)) {
      throw new HTTPException(403, { message: 'only npm run admin on this machine may do this' })
    }
    await next()
  })
