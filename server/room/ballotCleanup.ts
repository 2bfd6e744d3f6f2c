/**
 * Secret ballots live only while their vote is open: a vote aborted, replaced or revealed takes
 * its ballots along (deleted means gone). Watches the board's open vote and deletes the ballots
 * of every other vote whenever it changes.
 */
import type * as Y from 'yjs'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { readVote } from '../../shared/board/entries/vote.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { Ballots } from '../storage/Storage.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'

/**
 * Starts watching; returns what stops it. `afterStored` runs the deletion once the change that
 * closed the vote is stored (the room's write queue): should storing it fail, the vote is still
 * open when the board reloads, and its ballots must still be there.
 */
export function cleanUpBallots(
  boardId: string,
  doc: Y.Doc,
  storage: Ballots,
  logger: Logger,
  afterStored: (work: () => Promise<void>) => void,
): () => void {
  const votes = facilitationMap(doc)
  const openVoteId = () => {
    const vote = readVote(doc)
    return vote?.state === 'open' ? vote.id : undefined
  }
  // Only when the open vote changes: participation is rewritten with every ballot.
  let lastOpen = openVoteId()
  const onVoteChange = () => {
    const open = openVoteId()
    if (open === lastOpen) return
    lastOpen = open
    afterStored(async () => {
      await storage.deleteBallots(boardId, open).catch((error: unknown) => {
        logger.error('deleting ballots failed', { board: boardId, ...describeError(error) })
      })
    })
  }
  const onFacilitation = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    if (events.some((e) => e.target !== votes || (e as Y.YMapEvent<unknown>).keysChanged.has(facilitationKeys.vote))) onVoteChange()
  }
  votes.observeDeep(onFacilitation)
  return () => votes.unobserveDeep(onFacilitation)
}

/** The cleanup as a room policy (`roomPolicy.ts`): deletions in the room's write queue, none once it is gone. */
export function ballotCleanup(room: RoomHandle): RoomPolicy {
  const stop = cleanUpBallots(room.boardId, room.doc, room.storage, room.logger, (work) => {
    void room.inOrder(async () => {
      if (room.isDestroyed()) return
      await work()
    })
  })
  return { destroyed: stop }
}
