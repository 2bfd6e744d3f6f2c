/**
 * What one board may hold and cost the relay, whoever writes to it:
 * - its size: the bytes of its stored document (snapshot and updates since), known to the room
 *   from what it stores, so nothing is encoded to measure it. An update that would take the board
 *   past MAX_BOARD_BYTES is refused whole; a board stored past it is not opened at all, since
 *   decoding it could take the relay's memory (`Room.load`). The board's held client ids
 *   (`clientIds.ts`) are weighed with it, a row each (`heldIdBytes`).
 * - its work per second: bytes and count of the updates all its writers send. When one window's
 *   budget is spent, the writer that used the most of it is cut off, not whoever came last: a
 *   hostile writer cannot get the honest ones on its board cut off by filling the budget first.
 *   What writers the room has cut off already used is forgotten first: they send nothing more,
 *   and a stream of them (each socket closed for its first rejected update) would otherwise leave
 *   a light honest writer the heaviest in the window.
 */
import * as decoding from 'lib0/decoding'
import { Closing, type CloseReason } from '../../shared/closeReasons.ts'
import type { DocumentLog, StoredDocument } from '../storage/Storage.ts'

/** What one held client id costs in storage (a row of `client_ids` with its index): weighed like the board's bytes. */
export const heldIdBytes = 64

/** A board stored larger than MAX_BOARD_BYTES: refused before it is decoded. */
export class BoardTooLarge extends Error {
  override name = 'BoardTooLarge'
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super('the board is larger than this relay opens')
  }
}

/** A stored board read without a room (exports, versions), refused like `Room.load` when over the budget. */
export async function loadWithinBudget(storage: DocumentLog, boardId: string, maxBytes: number): Promise<StoredDocument> {
  const bytes = await storage.documentBytes(boardId)
  if (bytes > maxBytes) throw new BoardTooLarge(bytes, maxBytes)
  return storage.loadDocument(boardId)
}

/** The close code and reason for a client whose board could not be opened. */
export function loadRefusal(error: unknown): CloseReason {
  if (error instanceof BoardTooLarge) return Closing.overSizeLimit
  return Closing.loadFailed
}

/**
 * An update that only deletes (no new items, format V1): deleting must stay possible on a full
 * board. It cannot grow the board much: what is deleted once is not deleted again.
 */
export function deletesOnly(update: Uint8Array): boolean {
  try {
    return decoding.readVarUint(decoding.createDecoder(update)) === 0
  } catch {
    return false
  }
}

/**
 * A board's stored bytes, as the room stores and compacts it. Overwritten and deleted values take
 * room until compaction, so before an update is refused the board is compacted, but only when
 * that can free something: something was deleted since, or a sixteenth of the budget was written
 * since. Otherwise a writer at the limit could make the relay encode the whole board again and
 * again with small updates.
 */
export class BoardSize {
  private snapshot: number
  private total: number
  private deleted = false
  /** Held client ids (`clientIds.ts`): written ones, and ones announced but not written yet. */
  private writtenIds = 0
  private reservedIds = 0

  constructor(
    readonly maxBytes: number,
    stored: { snapshot: Uint8Array | null; updates: Uint8Array[] },
  ) {
    this.snapshot = stored.snapshot?.byteLength ?? 0
    this.total = stored.updates.reduce((sum, update) => sum + update.byteLength, this.snapshot)
  }

  get bytes(): number {
    return this.total
  }

  /** The document's bytes and the rows of the ids written on it: what writes are weighed against. */
  get used(): number {
    return this.total + this.writtenIds * heldIdBytes
  }

  /** Whether the update fits, with `newWrittenIds` more ids written (`clientIds.ts`); deleting always does. */
  fits(update: Uint8Array, newWrittenIds = 0): boolean {
    return this.used + update.byteLength + newWrittenIds * heldIdBytes <= this.maxBytes || deletesOnly(update)
  }

  /**
   * Whether `more` ids may be reserved for their announcers: with every held id, written or not.
   * Writes leave reservations out (a board full of them would refuse notes, and deleting frees
   * none), so these take at most one budget more of storage, and only while the board has room.
   */
  mayReserve(more: number): boolean {
    return more <= 0 || this.used + (this.reservedIds + more) * heldIdBytes <= this.maxBytes
  }

  /** How many held ids the board has, written and reserved (`ClientIdHolding`). */
  heldIds(written: number, reserved: number): void {
    this.writtenIds = written
    this.reservedIds = reserved
  }

  get worthCompacting(): boolean {
    return this.deleted || this.total - this.snapshot >= this.maxBytes / 16
  }

  stored(update: Uint8Array): void {
    this.total += update.byteLength
    if (deletesOnly(update)) this.deleted = true
  }

  compacted(snapshotBytes: number): void {
    this.snapshot = this.total = snapshotBytes
    this.deleted = false
  }
}

export interface WorkBudgetLimits {
  maxBytesPerSecond: number
  maxUpdatesPerSecond: number
}

/** Updates of one board per one-second window, per writer. */
export class WorkBudget<Writer> {
  private windowStart = Number.NEGATIVE_INFINITY
  private bytes = 0
  private count = 0
  private readonly used = new Map<Writer, { bytes: number; count: number }>()

  constructor(
    private readonly limits: WorkBudgetLimits,
    /** Whether the room has cut the writer off already: it sends nothing more, and what it queued is dropped unread. */
    private readonly cutOff: (writer: Writer) => boolean = () => false,
  ) {}

  /**
   * Counts an update of `writer`; when that spends the window's budget, the writer that used
   * the most of it (to be cut off, its use no longer counted), else null.
   */
  charge(writer: Writer, bytes: number, now = performance.now()): Writer | null {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now
      this.bytes = 0
      this.count = 0
      this.used.clear()
    }
    const mine = this.used.get(writer) ?? { bytes: 0, count: 0 }
    mine.bytes += bytes
    mine.count++
    this.used.set(writer, mine)
    this.bytes += bytes
    this.count++
    if (this.withinLimits()) return null
    for (const [candidate, use] of this.used) {
      if (!this.cutOff(candidate)) continue
      this.bytes -= use.bytes
      this.count -= use.count
      this.used.delete(candidate)
    }
    if (this.withinLimits()) return null
    let heaviest = writer
    let most = -1
    for (const [candidate, use] of this.used) {
      const share = Math.max(use.bytes / this.limits.maxBytesPerSecond, use.count / this.limits.maxUpdatesPerSecond)
      if (share > most) {
        most = share
        heaviest = candidate
      }
    }
    const spent = this.used.get(heaviest)!
    this.bytes -= spent.bytes
    this.count -= spent.count
    this.used.delete(heaviest)
    return heaviest
  }

  private withinLimits(): boolean {
    return this.bytes <= this.limits.maxBytesPerSecond && this.count <= this.limits.maxUpdatesPerSecond
  }
}
