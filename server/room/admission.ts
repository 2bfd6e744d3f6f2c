/**
 * A client admitted to a board: the same for a socket on this relay process (`app.ts`, the
 * `/ws/:id` route) and for a client whose socket is on another one (`cluster/Cluster.ts`). What
 * it sends waits in a pending session, bounded, until the board is joined; what cannot be handled
 * closes it; a board that cannot be opened closes it with the reason why.
 */
import { Closing, closeWith } from '../../shared/closeReasons.ts'
import { PendingSession, type BoardSession } from './BoardSession.ts'
import { LeftWhileOpening, Refused } from './seats.ts'
import { BoardTooLarge, loadRefusal } from '../judge/boardBudget.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { RoomClient } from './Room.ts'
import type { EarlyAsker } from './earlyAnswers.ts'

export interface Admission {
  boardId: string
  client: Pick<RoomClient, 'id' | 'close'>
  /** Bytes the client may send before the board is joined. */
  maxWaitingBytes: number
  logger: Logger
  /** Joins the board: here, or through the relay process that holds it. */
  join: () => Promise<BoardSession>
  /** Once joined, after what waited has been handed on. */
  joined?: (session: BoardSession) => void
  /** A refusal the caller knows and has closed the client for: true; else a refusal at the door (`seats.ts`), or the board failed to load. */
  refused?: (error: unknown) => boolean
  /** Answers its first frame, a request for the board, before the board's room is open (`earlyAnswers.ts`). */
  early?: EarlyAsker
}

/** Admits the client; its frames go to the returned session, which it leaves when it closes. */
export function enterBoard({ boardId, client, maxWaitingBytes, logger, join, joined, refused, early }: Admission): PendingSession {
  const session = new PendingSession(maxWaitingBytes, {
    tooMuchWaiting: (waitingBytes) => {
      logger.warn('client waits for storage too long', { board: boardId, connection: client.id, waitingBytes })
      closeWith(client, Closing.storageBehind)
    },
    failed: (error) => {
      logger.error('message handling failed', { board: boardId, connection: client.id, ...describeError(error) })
      closeWith(client, Closing.internalError)
    },
  }, early)
  join().then(
    (boardSession) => {
      session.join(boardSession)
      joined?.(boardSession)
    },
    (error: unknown) => {
      if (refused?.(error)) return
      // Closed already: nothing to tell it.
      if (error instanceof LeftWhileOpening) return
      if (error instanceof Refused) {
        logger.warn('connection refused', { board: boardId, connection: client.id, reason: error.closing.reason })
        closeWith(client, error.closing)
        return
      }
      // A board over its size budget was logged as such when it was refused.
      if (!(error instanceof BoardTooLarge)) logger.error('room failed to load', { board: boardId, ...describeError(error) })
      closeWith(client, loadRefusal(error))
    },
  )
  return session
}
