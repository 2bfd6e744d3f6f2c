/**
 * Who may make a new board, and how many a minute: asked the same way by every route that makes
 * one (a blank board or templates, `boardsApi.ts`; a board from a version, `versionsApi.ts`).
 * A board is only made with the admission this returns (`createBoardRecord`), so a route cannot
 * forget to ask. The operator's `npm run admin -- import-board` runs on the server itself and
 * makes boards without it.
 */
import type { Context } from 'hono'
import type { AddressWindow } from '../limits/addressLimits.ts'
import { HttpError } from './errors.ts'

/** Proof that the request was admitted to make one board. */
export interface CreationAdmitted {
  readonly admitted: true
}

export interface BoardCreationOptions {
  /** Whether this request may create a board (the server's own machine, or a signed-in creator). */
  mayCreate(c: Context): Promise<boolean>
  /** New boards per client address and minute (MAX_BOARDS_PER_MINUTE), by every route together. */
  creations: AddressWindow
  addressOf(c: Context): string
}

export type BoardCreation = (c: Context) => Promise<CreationAdmitted>

/** Throws 401 for a request that may not create boards, 429 past the address's new boards this minute. */
export function boardCreation({ mayCreate, creations, addressOf }: BoardCreationOptions): BoardCreation {
  return async (c) => {
    if (!(await mayCreate(c))) throw new HttpError(401, 'sign in to create boards on this server')
    const taken = await creations.take(addressOf(c))
    if (!taken.allowed) {
      c.header('Retry-After', String(taken.retryAfterSeconds))
      throw new HttpError(429, 'too many new boards from this address; please wait a minute')
    }
    return { admitted: true }
  }
}
