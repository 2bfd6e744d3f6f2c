/**
 * Boards nobody has opened for BOARD_RETENTION_DAYS are deleted, with everything they hold
 * (`Storage.deleteBoard`: updates, versions, ballots, images). A board someone is on is never
 * deleted; opening a board counts as using it.
 */
import { describeError, type Logger } from './logger.ts'
import type { Rooms } from './Rooms.ts'
import type { Storage } from './storage/Storage.ts'
import { retentionActor, type AuditTrail } from './audit.ts'

const dayMs = 24 * 60 * 60_000

/** When a board last used at `lastUsed` will be deleted, unless someone uses it before. */
export const deletionDate = (lastUsed: string, days: number) => new Date(Date.parse(lastUsed) + days * dayMs).toISOString()

export interface RetentionSweep {
  storage: Storage
  rooms: Pick<Rooms, 'get'>
  logger: Logger
  days: number
  /** Deletes one board everywhere (its sockets closed in every relay process); storage alone unless given. */
  deleteBoard?: (id: string) => Promise<void>
  /** Deleted so far by this process, for the log. */
  counter: { deleted: number }
  now?: number
  /** Where each deletion is recorded (as the retention's own). */
  audit?: AuditTrail
}

/** Deletes every board unused for longer than `days`; returns how many it deleted. */
export async function sweepRetention({ storage, rooms, logger, days, counter, deleteBoard, now = Date.now(), audit }: RetentionSweep): Promise<number> {
  const before = new Date(now - days * dayMs).toISOString()
  let deleted = 0
  for (const id of await storage.boardsUnusedSince(before)) {
    if (rooms.get(id)) continue
    try {
      await (deleteBoard ?? ((board: string) => storage.deleteBoard(board)))(id)
    } catch (error) {
      logger.error('retention: deleting a board failed', { board: id, ...describeError(error) })
      continue
    }
    await audit?.boardDeleted(id, retentionActor)
    deleted++
    counter.deleted++
    logger.info('board deleted (retention)', { board: id, days, deletedSinceStart: counter.deleted })
  }
  return deleted
}
