/**
 * Whether a client's update may enter its room's write queue at all. Two bounds, both per board:
 * the work budget (`WorkBudget`, `boardBudget.ts`: bytes and updates per second the relay checks
 * and stores for the board, past it the heaviest writer is cut off), and the bytes one client may
 * have waiting for storage (`maxWaitingBytes`: a client that writes faster than storage keeps up
 * is cut off, and sends again after reconnecting). The room asks before it queues an update
 * (`admit`) and says when it is through (`finished`).
 */
import { Closing, type CloseReason } from '../../shared/closeReasons.ts'
import { WorkBudget } from '../judge/boardBudget.ts'
import type { Logger } from '../base/logger.ts'
import type { RoomClient } from '../judge/roomClient.ts'

export interface WriteAdmissionSettings {
  /** A client whose updates waiting for storage pass this many bytes is cut off. */
  maxWaitingBytes: number
  /** The work budget (`boardBudget.ts`); unlimited unless set. */
  maxBoardUpdateBytesPerSecond?: number
  maxBoardUpdatesPerSecond?: number
}

export interface AdmissionContext {
  boardId: string
  logger: Logger
  /** Whether the room has cut the writer off already: what it queued is dropped unread. */
  isCutOff: (writer: RoomClient) => boolean
  /** Closes another writer the work budget has no room for any more. */
  cutOff: (writer: RoomClient, closing: CloseReason) => void
}

export class WriteAdmission {
  private readonly work: WorkBudget<RoomClient>
  /** Bytes of each client's updates admitted and not yet through the write queue. */
  private readonly waitingBytes = new Map<RoomClient, number>()
  private readonly maxWaitingBytes: number

  constructor(
    limits: WriteAdmissionSettings,
    private readonly context: AdmissionContext,
  ) {
    this.work = new WorkBudget(
      {
        maxBytesPerSecond: limits.maxBoardUpdateBytesPerSecond ?? Infinity,
        maxUpdatesPerSecond: limits.maxBoardUpdatesPerSecond ?? Infinity,
      },
      context.isCutOff,
    )
    this.maxWaitingBytes = limits.maxWaitingBytes
  }

  /**
   * Null: the update may be queued, and its bytes wait until `finished`. Else why the writer is
   * closed; nothing of the update is counted as waiting.
   */
  admit(writer: RoomClient, update: Uint8Array): CloseReason | null {
    const { boardId, logger } = this.context
    const heaviest = this.work.charge(writer, update.byteLength)
    if (heaviest) {
      logger.warn('board work budget spent: heaviest writer cut off', { board: boardId, connection: heaviest.id })
      if (heaviest === writer) return Closing.boardBusy
      this.context.cutOff(heaviest, Closing.boardBusy)
    }
    const waiting = (this.waitingBytes.get(writer) ?? 0) + update.byteLength
    if (waiting > this.maxWaitingBytes) {
      // Storage is slower than this client writes: it sends again after reconnecting.
      logger.warn('client waits for storage too long', { board: boardId, connection: writer.id, waitingBytes: waiting })
      return Closing.storageBehind
    }
    this.waitingBytes.set(writer, waiting)
    return null
  }

  /** An admitted update is through the write queue (stored, refused or dropped): its bytes wait no more. */
  finished(writer: RoomClient, update: Uint8Array): void {
    const left = (this.waitingBytes.get(writer) ?? 0) - update.byteLength
    if (left > 0) this.waitingBytes.set(writer, left)
    else this.waitingBytes.delete(writer)
  }
}
