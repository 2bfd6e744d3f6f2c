/**
 * A board from before the record of votes (`shared/board/entries/voteRecord.ts`) kept its one
 * revealed vote in `facilitation/vote` alone, and the next vote would replace it. When such a board
 * opens, the relay brings that vote into the record, as its own change: from then on it stays in
 * the Dokumentation whatever vote follows. Nothing is written to a board that needs nothing.
 */
import { keepVote, recordHasRoom, unkeptOldVote } from '../../shared/board/entries/voteRecord.ts'
import type * as Y from 'yjs'
import { describeError } from '../base/logger.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'

/** Whether opening the board brings a vote into the record (a board too full for it opens as it is). */
export const keepsOldVoteOnOpening = (doc: Y.Doc): boolean => unkeptOldVote(doc) !== undefined && recordHasRoom(doc)

export function voteKeeping(room: RoomHandle): RoomPolicy {
  return {
    async loaded() {
      const kept = unkeptOldVote(room.doc)
      if (!kept || !keepsOldVoteOnOpening(room.doc)) return
      // A board too full for it still opens: its vote then reads as before, from `vote`.
      await room.applyOwnChange((doc) => keepVote(doc, kept)).catch((error: unknown) => {
        room.logger.warn('an earlier vote was not brought into the record', { board: room.boardId, ...describeError(error) })
      })
    },
  }
}
