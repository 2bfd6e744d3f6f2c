/**
 * A board from before the record of votes (`shared/board/entries/voteRecord.ts`) kept its one
 * revealed vote in `facilitation/vote` alone, and the next vote would replace it. When such a board
 * opens, the relay brings that vote into the record, as its own change: from then on it stays in
 * the Dokumentation whatever vote follows. Nothing is written to a board that needs nothing.
 */
import { readVote } from '../../shared/board/entries/vote.ts'
import { keepVote, keptVote, recordHasRoom, voteRecordEntry } from '../../shared/board/entries/voteRecord.ts'
import { describeError } from '../base/logger.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'

/** The vote of the old shape the record lacks, if the board has one and room for it. */
function unkept(room: RoomHandle) {
  const vote = readVote(room.doc)
  const kept = vote && keptVote(vote)
  if (!kept || (voteRecordEntry.get(room.doc) ?? []).some((v) => v.id === kept.id) || !recordHasRoom(room.doc)) return undefined
  return kept
}

export function voteKeeping(room: RoomHandle): RoomPolicy {
  return {
    async loaded() {
      const kept = unkept(room)
      if (!kept) return
      // A board too full for it still opens: its vote then reads as before, from `vote`.
      await room.applyOwnChange((doc) => keepVote(doc, kept)).catch((error: unknown) => {
        room.logger.warn('an earlier vote was not brought into the record', { board: room.boardId, ...describeError(error) })
      })
    },
  }
}
