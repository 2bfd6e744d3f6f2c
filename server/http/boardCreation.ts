/**
 * Who may make a new board, and how many a minute: asked the same way by every route that makes
 * one (a blank board or templates, `boardsApi.ts`; a board from a version, `versionsApi.ts`).
 * A board is only made with the admission this returns (`createBoardRecord`), so a route cannot
 * forget to ask. The operator's `npm run admin -- import-board` runs on the server itself and
 * makes boards without it (its archive passes the same checks, `boardArchive/importCheck.ts`).
 *
 * A new board's first state is the relay's own write: it passes what every write passes
 * (`checkFirstState`), the size budget and the board declaration, before anything is stored.
 */
import type { Context } from 'hono'
import type { AddressWindow } from '../limits/addressLimits.ts'
import { judgeState, type StateVerdict } from '../boardArchive/importCheck.ts'
import { HTTPException } from 'hono/http-exception'
import type { AuditTrail } from '../audit/auditTrail.ts'

/** Proof that the request was admitted to make one board. */
export interface CreationAdmitted {
  readonly admitted: true
  /** MAX_BOARD_BYTES: the first state of the board must fit it (`checkFirstState`). */
  readonly maxBoardBytes: number
  /** Records who made the board, once it is stored (`createBoardRecord`). */
  readonly created?: (boardId: string) => Promise<void>
  /** The board starts with its sign-in switched on (SIGN_IN_POLICY, `auth/signInPolicy.ts`). */
  readonly signInRequired?: boolean
}

export interface BoardCreationOptions {
  /** Whether this request may create a board (the server's own machine, or a signed-in creator). */
  mayCreate(c: Context): Promise<boolean>
  /** New boards per client address and minute (MAX_BOARDS_PER_MINUTE), by every route together. */
  creations: AddressWindow
  addressOf(c: Context): string
  /** MAX_BOARD_BYTES: no board is made that would not open. */
  maxBoardBytes: number
  /** Who asks, as the audit trail names them (`server/audit/auditTrail.ts`: the session's pseudonym, or `local`), and where each new board is recorded. */
  creators?: { actorOf(c: Context): Promise<string>; audit: Pick<AuditTrail, 'record'> }
  /** SIGN_IN_POLICY: new boards start with their sign-in switched on. */
  signInRequired?: boolean
}

export type BoardCreation = (c: Context) => Promise<CreationAdmitted>

/** Throws 401 for a request that may not create boards, 429 past the address's new boards this minute. */
export function boardCreation({ mayCreate, creations, addressOf, maxBoardBytes, creators, signInRequired = false }: BoardCreationOptions): BoardCreation {
  return async (c) => {
    if (!(await mayCreate(c))) throw new HTTPException(401, { message: 'sign in to create boards on this server' })
    const taken = await creations.take(addressOf(c))
    if (!taken.allowed) {
      c.header('Retry-After', String(taken.retryAfterSeconds))
      throw new HTTPException(429, { message: 'too many new boards from this address; please wait a minute' })
    }
    const actor = creators && (await creators.actorOf(c))
    return { admitted: true, maxBoardBytes, signInRequired, ...(creators && actor ? { created: (boardId: string) => creators.audit.record('board-created', boardId, actor) } : {}) }
  }
}

/** A first state that passed `checkFirstState`, with the export setting it holds (kept beside the board, `exportSetting.ts`). */
export interface CheckedState {
  readonly state: Uint8Array
  readonly observersMayExport: boolean
}

/**
 * Throws unless `state` may become a board here: at most MAX_BOARD_BYTES (else it would never
 * open), and every write in it one the facilitator could make on an empty board. On the relay's
 * thread: for the templates the server builds itself, from a request of at most 64 KB. A version
 * of a board, which may be megabytes, is judged by a document worker (`versionsApi.ts`, the
 * `judge-state` job) and answered by `acceptedState` the same way.
 */
export function checkFirstState(state: Uint8Array, { maxBoardBytes }: CreationAdmitted): CheckedState {
  if (state.byteLength > maxBoardBytes) {
    throw new HTTPException(413, { message: `Dieses Board wäre größer, als dieser Server öffnet (MAX_BOARD_BYTES, ${maxBoardBytes} Bytes); es wurde nicht angelegt. / ` +
        `This board would be larger than this server opens (MAX_BOARD_BYTES, ${maxBoardBytes} bytes); it was not made.` })
  }
  return acceptedState(state, judgeState(state))
}

/** The judge's verdict on a first state, as the answer to whoever asked for the board: 422 for a refusal. */
export function acceptedState(state: Uint8Array, verdict: StateVerdict): CheckedState {
  if (verdict.refusal !== null) {
    throw new HTTPException(422, { message: 'Dieses Board wäre beschädigt und wurde nicht angelegt. / This board would be broken and was not made.' })
  }
  return { state, observersMayExport: verdict.observersMayExport }
}
