/**
 * What the APIs that act on a board's live room (secret ballots, private notes) ask of every
 * request: a link of the needed role, someone on the board, the browser's writer secret, a body
 * of the right shape and size.
 */
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Role } from '../../shared/access.ts'
import { writerHeader } from '../../shared/api.ts'
import { writerSecretPattern } from '../../shared/author.ts'
import { bearerToken } from '../access.ts'
import { requireRole } from './boardRole.ts'
import type { Room } from '../Room.ts'
import type { Storage } from '../storage/Storage.ts'
import { findBoard } from './boardsApi.ts'
import { HTTPException } from 'hono/http-exception'

export function roomRequests(storage: Storage, room: (boardId: string) => Room | undefined) {
  return {
    /** The board, checked for the link's role, and its live room. */
    async authorize(c: Context, needed: Role) {
      const board = await findBoard(storage, c.req.param('id') ?? '')
      await requireRole(storage, board.id, bearerToken(c.req.header('authorization')), needed)
      const live = room(board.id)
      if (!live) throw new HTTPException(409, { message: 'nobody is on this board: open it first' })
      return { boardId: board.id, room: live }
    },
    /** This browser's writer secret (`shared/author.ts`). */
    writerOf(c: Context) {
      const writer = c.req.header(writerHeader)
      if (!writer || !writerSecretPattern.test(writer)) throw new HTTPException(400, { message: `${writerHeader} must hold this browser's writer secret` })
      return writer
    },
    async body<T>(c: Context, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }) {
      const parsed = schema.safeParse(await c.req.json().catch(() => undefined))
      if (!parsed.success) throw new HTTPException(400, { message: 'malformed request' })
      return parsed.data
    },
  }
}

/** A body limit that answers 413 with `message` and closes the connection. */
export const limitBody = (maxSize: number, message: string) =>
  bodyLimit({
    maxSize,
    onError: (c) => {
      c.header('Connection', 'close')
      throw new HTTPException(413, { message: message })
    },
  })
