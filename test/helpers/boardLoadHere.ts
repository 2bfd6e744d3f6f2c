/**
 * A room's big-board load with the board-load worker's job run in the test's thread
 * (`app.ts` runs it in its own): the restored board is posted before its slices, as the worker
 * posts it, so early answers (`server/room/earlyAnswers.ts`) see it as the relay does.
 */
import * as Y from 'yjs'
import { encodeSyncStep1 } from '../../shared/protocol.ts'
import type { RoomOptions } from '../../server/room/Room.ts'
import { runBoardLoadJob, type BoardRestored } from '../../server/documents/boardLoadJobs.ts'
import type { RestoreInWorker } from '../../server/room/offThreadRestore.ts'

/** A room that sends and compacts only when a test says so. */
export const quietRoomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024 }

export const boardLoadHere: RestoreInWorker = async (_boardId, stored, readable) => {
  let restored: BoardRestored | null = null
  const result = runBoardLoadJob({ kind: 'slices', stored }, (board) => {
    restored = board
    readable?.(board)
  })
  if (result.kind !== 'slices') throw new Error('not slices')
  return { slices: result.slices, full: result.full ?? (restored as BoardRestored | null)!.full, skipped: result.skipped }
}

/** A joiner's first message: the board, holding nothing of it. */
export const asksHoldingNothing = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))
