/**
 * Boards unused for BOARD_RETENTION_DAYS are deleted, with everything they hold
 * (`Storage.deleteBoard`: updates, versions, ballots, images). A board someone is on is never
 * deleted; opening a board counts as using it. A board in a network counts from the network's
 * use as a whole (`storage/RetentionSchedule.ts`): its Fahrplan, its pack, „Behalten“ and every
 * one of its boards; so a network goes whole or not at all, and never silently: each board it
 * loses leaves a tombstone in the network (the Fahrplan shows it), an audit row and a log line.
 *
 * Before a network's board goes, it is written as its board archive (`docs/board-archive.md`)
 * into the database (`storage/RetentionArchives.ts`), which the network's link downloads for
 * RETENTION_ARCHIVE_DAYS; a board whose archive fails is not deleted (the log says why, the next
 * sweep tries again), unless no sweep ever could archive it (over MAX_BOARD_BYTES, a full store):
 * then it goes without one, logged. Then the archive goes as well: deleted means gone.
 */
import { describeError, type Logger } from '../base/logger.ts'
import type { Rooms } from '../room/Rooms.ts'
import type { BoardRemoval, RetentionEntry, RetentionSchedule, Storage } from '../storage/Storage.ts'
import { retentionActor, type AuditTrail } from '../audit/auditTrail.ts'
import * as Y from 'yjs'
import { docHoldsCase } from '../../shared/board/caseCells.ts'
import { writeArchive, type ArchivedBoard } from '../boardArchive/format.ts'
import { archiveBoard } from '../boardArchive/moves.ts'
import type { BoardAssets, BoardDirectory, DocumentLog, Networks, RetentionArchives, Versions } from '../storage/Storage.ts'
import { BoardTooLarge } from '../judge/boardBudget.ts'
import { isStorageFull } from '../storage/storageErrors.ts'

const dayMs = 24 * 60 * 60_000

/** When a board last used at `lastUsed` will be deleted, unless someone uses it before. */
export const deletionDate = (lastUsed: string, days: number) => new Date(Date.parse(lastUsed) + days * dayMs).toISOString()

export interface RetentionSweep {
  storage: RetentionSchedule & BoardRemoval
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
  /**
   * The title a network's board may show outside it, read before the board goes (a case board's
   * typed title is as much the case as its Zettel: `caseBoardHold.ts`); the typed one without.
   */
  shownTitle?: (boardId: string, typed: string) => Promise<string>
  /** Where a network's boards are kept as archives before they go, and for how many days (RETENTION_ARCHIVE_DAYS); absent or 0: not kept. */
  archives?: { storage: ArchiveStorage; days: number; maxBoardBytes: number }
}

/** What archiving a board before its deletion reads and writes. */
export type ArchiveStorage = BoardDirectory & DocumentLog & Versions & BoardAssets & RetentionArchives & Pick<Networks, 'networkBoard'>

/** A board due for deletion and the day it goes (`npm run admin -- retention`). */
export interface ScheduledDeletion extends RetentionEntry {
  deleteAfter: string
}

/** Every board retention will delete before `now + withinDays` (all of them without), earliest first. */
export async function retentionSchedule(storage: Pick<Storage, 'boardsDueBefore'>, days: number, withinDays?: number, now = Date.now()): Promise<ScheduledDeletion[]> {
  if (days <= 0) return []
  const before = withinDays === undefined ? '9999-12-31T23:59:59.999Z' : new Date(now - (days - withinDays) * dayMs).toISOString()
  return (await storage.boardsDueBefore(before)).map((entry) => ({ ...entry, deleteAfter: deletionDate(entry.lastUsed, days) }))
}

/** Deletes every board unused for longer than `days` (a network's as a whole); returns how many it deleted. */
export async function sweepRetention({ storage, rooms, logger, days, counter, deleteBoard, now = Date.now(), audit, shownTitle, archives }: RetentionSweep): Promise<number> {
  const before = new Date(now - days * dayMs).toISOString()
  const due = await storage.boardsDueBefore(before)
  // A network one of whose boards is open in this process is in use, whatever its dates say.
  const networksInUse = new Set(due.flatMap((entry) => (entry.networkId && rooms.get(entry.boardId) ? [entry.networkId] : [])))
  let deleted = 0
  for (const entry of due) {
    const { boardId: id, networkId } = entry
    if (rooms.get(id) || (networkId && networksInUse.has(networkId))) continue
    // Read while the board is still there: what the network's list showed of it, never more.
    const title = networkId && shownTitle ? await shownTitle(id, entry.title).catch(() => '') : entry.title
    if (networkId && archives && archives.days > 0 && !(await heldByNetwork(archives.storage, networkId, id))) {
      logger.info('retention: the network no longer held the board; deleted without archive', { board: id, network: networkId })
    } else if (networkId && archives && archives.days > 0) {
      try {
        if ((await keepArchive(archives, { networkId, boardId: id, title, phase: entry.phase ?? '' }, now)) === 'case') {
          logger.info('retention: a board holding a case is deleted without archive', { board: id, network: networkId })
        }
      } catch (error) {
        if (!archiveNeverFits(error)) {
          // Not deleted unarchived: the next sweep tries again.
          logger.error('retention: archiving a board before its deletion failed; it is kept for now', { board: id, network: networkId, ...describeError(error) })
          continue
        }
        // Kept for ever instead would be worse: a board nobody can open, or a full store retention is there to relieve.
        logger.error('retention: a board could not be archived (too large to read, or the store is full); deleted without archive', { board: id, network: networkId, ...describeError(error) })
      }
    }
    try {
      await (deleteBoard ?? ((board: string) => storage.deleteBoard(board)))(id)
    } catch (error) {
      logger.error('retention: deleting a board failed', { board: id, ...(networkId ? { network: networkId } : {}), ...describeError(error) })
      continue
    }
    if (networkId) {
      try {
        await storage.addTombstone(networkId, { title, phase: entry.phase ?? '', deletedAt: new Date(now).toISOString() })
      } catch (error) {
        // The log line below and the audit row still say it.
        logger.error('retention: the network’s tombstone was not stored', { board: id, network: networkId, ...describeError(error) })
      }
    }
    await audit?.boardDeleted(id, retentionActor)
    deleted++
    counter.deleted++
    logger.info('board deleted (retention)', { board: id, ...(networkId ? { network: networkId } : {}), lastUsed: entry.lastUsed, days, deletedSinceStart: counter.deleted })
  }
  return deleted
}

/** Writes the board as its board archive into the network's kept archives, until `days` after `now`. */
async function keepArchive({ storage, days, maxBoardBytes }: NonNullable<RetentionSweep['archives']>, entry: { networkId: string; boardId: string; title: string; phase: string }, now: number): Promise<'kept' | 'case'> {
  const board = await storage.getBoard(entry.boardId)
  const { archived } = await archiveBoard(storage, entry.boardId, maxBoardBytes)
  if (holdsCaseAnywhere(archived)) return 'case'
  await storage.putRetentionArchive(
    { ...entry, signInRequired: board?.signInRequired === true, archivedAt: new Date(now).toISOString(), keepUntil: new Date(now + days * dayMs).toISOString() },
    writeArchive(archived),
  )
  return 'kept'
}

/**
 * Whether the board, now or in any of its versions, holds a case (a Fallkonferenz): its Sozialdaten
 * go when the board goes (Art. 17 DSGVO), never into an archive kept past its deletion.
 */
function holdsCaseAnywhere(archived: ArchivedBoard): boolean {
  return [archived.document, ...archived.versions.map((v) => v.state)].some((state) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    return docHoldsCase(doc)
  })
}

/**
 * Whether the network still held the board: a facilitator who renewed her link on the board ended
 * its hold (`access.ts`), and the network's copy of the link went with it (`BoardLinks.ts`). The
 * network keeps no archive of what it could no longer open.
 */
async function heldByNetwork(storage: Pick<Networks, 'networkBoard'>, networkId: string, boardId: string): Promise<boolean> {
  const record = await storage.networkBoard(networkId, boardId)
  return record !== undefined && record.sealedToken.byteLength > 0
}

/** An archive that no later sweep would manage either: a board over MAX_BOARD_BYTES (nobody opens it), a full store. */
const archiveNeverFits = (error: unknown) => error instanceof BoardTooLarge || isStorageFull(error)

/** Deletes the archives whose days are over; how many (hourly, with the sweep). */
export async function dropKeptArchives(storage: Pick<RetentionArchives, 'dropRetentionArchives'>, logger: Logger, now = Date.now()): Promise<number> {
  const dropped = await storage.dropRetentionArchives(new Date(now).toISOString())
  if (dropped > 0) logger.info('retention archives deleted', { archives: dropped })
  return dropped
}
