/**
 * What the APIs that act on a board's live room (secret ballots, private notes) ask of every
 * request: a link of the needed role, someone on the board, the browser's writer secret, a body
 * of the right shape and size (`jsonBody.ts`).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import type { Role } from '../../shared/access.ts'
import { writerHeader } from '../../shared/api.ts'
import { writerSecretPattern } from '../../shared/author.ts'
import type { Room } from '../room/Room.ts'
import type { BoardDirectory, BoardLinks, BoardRecord, Networks } from '../storage/Storage.ts'
import { needsBoardLink } from './linkAuthorization.ts'
import { HTTPException } from 'hono/http-exception'

/** What a body of the wrong shape is told. */
export const malformed = 'malformed request'

export function roomRequests(storage: BoardDirectory & BoardLinks & Networks, room: (boardId: string) => Room | undefined) {
  const writerOf = (c: Context) => {
    const writer = c.req.header(writerHeader)
    if (!writer || !writerSecretPattern.test(writer)) throw new HTTPException(400, { message: `${writerHeader} must hold this browser's writer secret` })
    return writer
  }
  return {
    /** The board, for a link of the needed role (`needsBoardLink`), and its live room: `c.get('board')`, `c.get('room')`. */
    liveBoard(needed: Role) {
      const link: MiddlewareHandler = needsBoardLink(storage, needed)
      return createMiddleware<{ Variables: { board: BoardRecord; room: Room } }>((c, next) =>
        link(c, async () => {
          const live = room(c.get('board').id)
          if (!live) throw new HTTPException(409, { message: 'nobody is on this board: open it first' })
          c.set('room', live)
          await next()
        }),
      )
    },
    /** This browser's writer secret (`shared/author.ts`). */
    writerOf,
    /** `writerOf` before the body is read (a request without it is told so first): `c.get('writer')`. */
    hasWriter: createMiddleware<{ Variables: { writer: string } }>(async (c, next) => {
      c.set('writer', writerOf(c))
      await next()
    }),
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
