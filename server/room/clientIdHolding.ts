/** Who holds which client id on a board, kept as a room policy beside the room (`clientIds.ts` has the rule). */
import type { BoardSize } from '../judge/boardBudget.ts'
import { ClientIdHolders, clientIdHolder } from '../judge/clientIds.ts'
import { NewWriters } from '../judge/newWriters.ts'
import { describeError } from '../base/logger.ts'
import { addressShare, type RoomClient } from '../judge/roomClient.ts'
import type { RoomHandle, RoomPolicy } from './roomPolicy.ts'
import type { Accepted } from '../judge/verdict.ts'

export interface ClientIdSettings {
  /** Writers new to the board one address may bring per day (`newWriters.ts`); 600 unless set. */
  newWritersPerAddressPerDay?: number
}

/**
 * The board's holders as a room policy: read when the room loads, an id announced in presence
 * kept for its announcer, and a write's new ids held before the write is stored. The judge asks
 * `judge` (`boardJudge.ts`).
 */
export class ClientIdHolding implements RoomPolicy {
  private readonly holdersById = new Map<number, string>()
  readonly holders = new ClientIdHolders(this.holdersById)
  private readonly newWriters: NewWriters

  constructor(
    private readonly room: RoomHandle,
    private readonly size: BoardSize,
    settings: ClientIdSettings = {},
  ) {
    this.newWriters = new NewWriters(settings.newWritersPerAddressPerDay)
  }

  async loaded(): Promise<void> {
    for (const [id, holder] of await this.room.storage.clientIdHolders(this.room.boardId)) this.holdersById.set(id, holder)
    this.holders.indexReservations(this.room.doc)
    this.counted()
  }

  /**
   * An id new to the board in a browser's presence: held for its announcer before the presence is
   * passed on. In the write queue: updates judged after it see the id held; one written before it
   * wins (then the presence is not passed on). A connection without a writer secret (a script, not
   * the board page) reserves nothing: it has no local copy to come back with, and all of them of
   * one role are one holder, whose 8 reservations a crowd of them would churn, one storage write
   * and delete per joiner in the board's write queue (the fan-out bench at 500: p99 1.5-1.7x).
   */
  announcing(owner: RoomClient, id: number): boolean | Promise<boolean> {
    const { doc, storage, boardId } = this.room
    const holder = clientIdHolder(owner)
    // Someone else's id (held since before a restart, say): her presence is hers, not passed on for another.
    const held = this.holders.holderOf(id)
    if (held !== undefined) return held === holder
    if (owner.author === null || !this.holders.needsReservation(doc, id)) return true
    if (!this.size.mayReserve(1 - this.holders.toRelease(holder).length)) return this.noRoom(owner)
    if (!this.holders.holdsAny(holder) && !this.newWriters.admit(holder, addressShare(owner, `link:${owner.link}`))) return this.overRate(owner)
    return this.room
      .inOrder(async () => {
        if (this.room.isDestroyed()) return false
        if (!this.holders.needsReservation(doc, id)) return this.holdersById.get(id) === holder
        const released = this.holders.toRelease(holder)
        if (!this.size.mayReserve(1 - released.length)) return this.noRoom(owner)
        await storage.holdClientIds(boardId, [[id, holder]])
        this.holders.hold([id], holder, true)
        this.counted()
        if (released.length > 0) {
          // The holder's oldest id announced but never written; should this fail, the next reservation releases it.
          await storage.releaseClientIds(boardId, released)
          this.holders.release(released, holder)
          this.counted()
        }
        return true
      })
      .catch((error: unknown) => {
        this.room.logger.warn('announced client id not kept: presence not passed on', { board: boardId, ...describeError(error) })
        return false
      })
  }

  /**
   * Held before the update is stored: a crash between the two leaves an id held by its writer
   * with nothing of it yet, never structs that the next comer may continue.
   */
  async storing({ newIds, claimedIds, holder }: Accepted): Promise<void> {
    if (newIds.length > 0) {
      await this.room.storage.holdClientIds(this.room.boardId, newIds.map((id) => [id, holder] as const))
      this.holders.hold(newIds, holder)
    }
    this.holders.wroteUnder(claimedIds, holder)
    this.counted()
  }

  private counted(): void {
    this.size.heldIds(this.holders.written, this.holders.reservations)
  }

  private overRate(owner: RoomClient): false {
    this.room.logger.debug('announced client id not kept: its address brought too many new writers today', { board: this.room.boardId, connection: owner.id })
    return false
  }

  private noRoom(owner: RoomClient): false {
    this.room.logger.debug('announced client id not kept: the board has no room', { board: this.room.boardId, connection: owner.id })
    return false
  }
}

