/**
 * Boards that require sign-in: a facilitator can make every link of a board also need a sign-in
 * through the organisation's provider (participant and observer links: member rights; the
 * facilitator link: facilitate rights). The setting lives in the database, not in the board's
 * document, which participants can edit. It is checked on every board API request and on the
 * websocket's admission; without it a board stays link-only. Under the server's SIGN_IN_POLICY
 * (`auth/signInPolicy.ts`) some links need a sign-in whatever the switch says, and a switch the
 * policy holds on cannot be switched off.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Role } from '../../shared/access.ts'
import { SetBoardSignIn, type BoardSignIn } from '../../shared/api.ts'
import { bearerToken, roleForToken } from '../links/access.ts'
import { requireRole } from './boardRole.ts'
import { unknownActor, type AuditTrail } from '../audit/auditTrail.ts'
import type { FoundSession, Right, Session } from '../auth/sessions.ts'
import type { Logger } from '../base/logger.ts'
import type { BoardDirectory, BoardLinks, Networks } from '../storage/Storage.ts'
import { findBoard } from './findBoard.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonOnly } from './jsonOnly.ts'
import { jsonBody } from './jsonBody.ts'
import { needsBoardLink } from './linkAuthorization.ts'
import { floorCoversEveryLink, needsSignIn, noSignInPolicy, type SignInPolicy } from '../auth/signInPolicy.ts'

/** A refusal the client can tell apart from a bad link: it shows the sign-in page instead. */
export class SignInNeeded extends HTTPException {
  constructor(readonly reason: 'required' | 'forbidden') {
    super(reason === 'required' ? 401 : 403, { message: reason === 'required' ? 'this board needs a sign-in' : "your sign-in's groups do not admit you to this board" })
  }
}

/** The right a link of this role needs on a board that requires sign-in; any link: member. */
export const rightFor = (role: Role | undefined): Right => (role === 'facilitator' ? 'facilitate' : 'member')

export function checkSignIn(session: Session | undefined, role: Role | undefined): void {
  if (!session || session.method !== 'oidc') throw new SignInNeeded('required')
  if (!session.rights.includes(rightFor(role))) throw new SignInNeeded('forbidden')
}

export interface BoardSignInOptions {
  storage: BoardDirectory & BoardLinks & Networks
  logger: Logger
  audit: AuditTrail
  sessionOf(c: Context): Promise<FoundSession | undefined>
  /** Whether the server has an OpenID Connect provider at all. */
  available: boolean
  /** The setting changed: connections admitted under the old one are sent to be admitted again. */
  changed(boardId: string): void
  /** SIGN_IN_POLICY: the links that need a sign-in on every board (default: none). */
  policy?: SignInPolicy
}

/** The answer to a facilitator who switches off what the server's policy holds on. */
export class BelowSignInPolicy extends HTTPException {
  constructor() {
    super(409, {
      message:
        'Dieser Server verlangt auf jedem Board eine Anmeldung für alle Links (SIGN_IN_POLICY=required); sie lässt sich nicht abschalten. / ' +
        'This server requires sign-in for every link on every board (SIGN_IN_POLICY=required); it cannot be switched off.',
    })
  }
}

export function boardSignIn({ storage, logger, audit, sessionOf, available, changed, policy = noSignInPolicy }: BoardSignInOptions) {
  /**
   * Before every `/api/boards/:id…` route: on a board that requires sign-in, the request needs a
   * session with the right its link's role needs (images carry no link: member rights).
   */
  const gate: MiddlewareHandler = async (c, next) => {
    const board = await storage.getBoard(c.req.param('id') ?? '')
    if (board && (board.signInRequired || policy.floor.length > 0)) {
      const role = await roleForToken(storage, board.id, bearerToken(c.req.header('authorization')))
      if (needsSignIn(policy, board, role)) checkSignIn(await sessionOf(c), role)
    }
    await next()
  }

  /**
   * The websocket's admission, after its link was checked: on a board that requires sign-in, the
   * sign-in it is admitted with (others see its name; its end closes the socket), else undefined.
   */
  const admitSocket = async (c: Context, boardId: string, role: Role | undefined): Promise<FoundSession | undefined> => {
    const board = await storage.getBoard(boardId)
    if (!needsSignIn(policy, board, role)) return undefined
    const session = await sessionOf(c)
    checkSignIn(session, role)
    return session
  }

  const api = new Hono()
  const state = async (c: Context, required: boolean): Promise<BoardSignIn> => {
    const session = await sessionOf(c)
    const signedIn = session?.method === 'oidc' ? session : undefined
    return {
      // A policy that covers every link holds the switch on, whatever is stored.
      required: required || floorCoversEveryLink(policy),
      available,
      mayRequire: available && signedIn?.rights.includes('facilitate') === true,
      signedInAs: signedIn?.name ?? null,
      policyFloor: [...policy.floor],
    }
  }

  api.get('/:id/sign-in', async (c) => {
    c.header('Cache-Control', 'no-store')
    const board = await findBoard(storage, c.req.param('id'))
    await requireRole(storage, board.id, bearerToken(c.req.header('authorization')), 'facilitator')
    return c.json(await state(c, board.signInRequired === true))
  })

  api.put(
    '/:id/sign-in',
    jsonOnly(),
    bodyLimit({
      maxSize: 256,
      onError: () => {
        throw new HTTPException(413, { message: 'send { "required": true | false }' })
      },
    }),
    needsBoardLink(storage, 'facilitator'),
    jsonBody(SetBoardSignIn, 'send { "required": true | false }'),
    async (c) => {
      const board = c.get('board')
      const { required } = c.req.valid('json')
      if (required && !available) throw new HTTPException(409, { message: 'this server has no OpenID Connect sign-in' })
      if (!required && floorCoversEveryLink(policy)) throw new BelowSignInPolicy()
      const session = await sessionOf(c)
      // Whoever switches it on must get in afterwards: signed in, with facilitate rights.
      if (required) checkSignIn(session, 'facilitator')
      if (required !== (board.signInRequired === true)) {
        await storage.setSignInRequired(board.id, required)
        await audit.record('sign-in-required-changed', board.id, session?.actor ?? unknownActor)
        logger.info('sign-in requirement changed', { board: board.id, required })
        if (required) changed(board.id)
      }
      return c.json(await state(c, required))
    },
  )

  return { gate, admitSocket, api }
}
