/**
 * Yjs client ids are held: the first writer of structs under an id holds it, and nobody else may
 * write structs for it. Ids are public (every update and awareness state carries them), and Yjs
 * keeps only the first struct it gets for a clock: without this, anyone could write a few bytes
 * (a GC struct) under another person's next clocks, and when she came back her offline edits would
 * be taken for what the board already has, and the relay's answer would delete them in her tab too.
 *
 * A writer is its browser's author id (`shared/author.ts`): the same writer secret comes back with
 * every reconnect, another tab and the local copy in IndexedDB, which may hold an earlier tab's
 * offline edits under that tab's id, also after the link was replaced; so the link is not part of
 * it. A connection without a writer secret (scripts, not the board page) is its link's role: it
 * may continue ids of other such connections of its role, never a browser's.
 *
 * Only structs for clocks the board lacks are writes: Yjs ignores the rest. GC structs among them
 * come from the holder itself (a shape created and deleted offline, in a doc that collects
 * garbage), and are its own business. Ids written before holders were recorded (and the relay's
 * own of earlier loads of the board) are held by the first writer that continues them.
 *
 * Presence announces a tab's id before it writes anything (y-websocket uses the doc's client id
 * for awareness): a participant's or facilitator's presence with an id new to the board is passed
 * on only once the id is stored as held by its announcer, so nobody who saw it can take it, also
 * after the relay restarted while she was offline. If that cannot be kept (the board has no room,
 * storage failed) her presence is not passed on, her id stays unknown, and her first write holds it.
 * Observers reserve theirs as well: they write comments while the facilitator allows it (a hostile
 * review lost an observer's offline comment to a GC struct under her unreserved id). Presence under
 * an id someone else holds is not passed on: it is hers, also when the relay's memory forgot her.
 *
 * What this costs is bounded by the board: a writer keeps at most `maxReservedIds` ids announced
 * but not written (a new one releases its oldest), every held id weighs a row against the board's
 * budget (`BoardSize`: written ones against writes, all of them against reservations), and the
 * ids a writer writes first are rate-limited per writer (`newIdsPerHour`; over it, 4420: the
 * client reconnects later and sends the update again).
 *
 * No reservation is released for someone else's: a writer's own oldest makes room for its next,
 * nothing else does. (A mend that let a full board's newcomers take the reservations of writers no
 * longer connected lost an offline participant's note: once the room forgot her presence, after a
 * restart or a script flushing its memory of announcers, a GC struct under her id was accepted.)
 *
 * A writer is made up at will (a fresh writer secret per reconnect), so the board's room for
 * reservations is no budget of the writer's: a crowd of made-up writers announcing and leaving
 * would fill it. Writers new to the board (holding no id on it, not yet counted by the room) are
 * rate-limited per address (`newWriters.ts`: 600 a day, a burst of as many, IPv6 by its /64): past
 * it a new writer reserves nothing, as on a full board. What remains: an attacker with many
 * addresses can still fill a board's room for reservations; then newcomers' presence is not passed
 * on until their first write holds their id, and nothing written is lost.
 */
import * as Y from 'yjs'
import type { ParsedUpdate } from './updateRules.ts'
import type { Role } from '../../shared/access.ts'
import { TokenBucket } from './tokenBucket.ts'

/** Who holds the ids a writer writes first: its author id, or its link's role without one. */
export const clientIdHolder = (writer: { role: Role; author: string | null }) =>
  writer.author ? `author:${writer.author}` : `role:${writer.role}`

/** Ids one writer may hold announced but not written: a tab per page load, a few open at once. */
export const maxReservedIds = 8

/** Ids one writer may write first per hour, a burst of as many: a page load each for a regular. */
export const newIdsPerHour = 60

/** Writers whose rate of new ids the room remembers; the oldest is forgotten first. */
const rememberedWriters = 10_000

export type HoldVerdict =
  /**
   * `newIds`: ids nobody holds yet, to be recorded as the writer's once the update is stored;
   * `claimed`: ids reserved for the writer that it writes for the first time.
   */
  | { ok: true; newIds: number[]; claimed: number[] }
  | { ok: false; reason: string }

export class ClientIdHolders {
  /** Ids announced but not written, per holder, oldest first. */
  private readonly reserved = new Map<string, number[]>()
  private reservedCount = 0
  /** How many ids each holder holds, written or not: a writer with one is not new to the board. */
  private readonly heldPerHolder = new Map<string, number>()
  private readonly rates = new Map<string, TokenBucket>()

  constructor(
    private readonly holders: Map<number, string>,
    doc?: Y.Doc,
  ) {
    if (doc) this.indexReservations(doc)
  }

  /** After the holders were read: which of them the board has no structs under yet. */
  indexReservations(doc: Y.Doc): void {
    this.reserved.clear()
    this.reservedCount = 0
    this.heldPerHolder.clear()
    for (const [id, holder] of this.holders) {
      this.heldPerHolder.set(holder, (this.heldPerHolder.get(holder) ?? 0) + 1)
      if (Y.getState(doc.store, id) === 0) this.addReserved(holder, id)
    }
  }

  get written(): number {
    return this.holders.size - this.reservedCount
  }

  get reservations(): number {
    return this.reservedCount
  }

  /**
   * Whether `holder` may write the update's new structs: every id it writes structs under is
   * its own or nobody's yet. `isRelays` tells the relay's own ids in this doc (the doc's and the
   * one its own changes are written under): nobody else's;
   * `announcedByOthers` tells an id someone else announced in their presence.
   */
  judge(doc: Y.Doc, parsed: ParsedUpdate, holder: string, isRelays: (client: number) => boolean, announcedByOthers: (client: number) => boolean = () => false): HoldVerdict {
    const newIds: number[] = []
    const claimed: number[] = []
    for (const [client, { structs }] of parsed.runs) {
      const last = structs[structs.length - 1]
      const known = Y.getState(doc.store, client)
      if (!last || last.clock + last.length <= known) continue
      const held = this.holders.get(client)
      // Presence only for ids new to the board: announcing an id written before holders were
      // recorded (an observer can) must not keep its writer from continuing it.
      const foreign = held === undefined ? known === 0 && announcedByOthers(client) : held !== holder
      if (isRelays(client) || foreign) return { ok: false, reason: "a client id that is someone else's" }
      if (held === undefined) newIds.push(client)
      else if (known === 0 && this.reserved.get(holder)?.includes(client)) claimed.push(client)
    }
    return { ok: true, newIds, claimed }
  }

  /** Whether `holder` may write `count` ids first now, within its rate (taken if so). */
  mayWriteFirst(holder: string, count: number): boolean {
    if (count === 0) return true
    let rate = this.rates.get(holder)
    if (!rate) {
      rate = new TokenBucket(newIdsPerHour / 3600, newIdsPerHour)
      this.rates.set(holder, rate)
      if (this.rates.size > rememberedWriters) this.rates.delete(this.rates.keys().next().value!)
    }
    // An update with more than a burst (a browser's offline copy of many old tabs) passes on a full allowance.
    return rate.take(Math.min(count, newIdsPerHour))
  }

  /** Whether `holder` holds an id on the board: then it is no new writer (`newWriters.ts`). */
  holdsAny(holder: string): boolean {
    return this.heldPerHolder.has(holder)
  }

  /** Who holds `client`, if anyone does. */
  holderOf(client: number): string | undefined {
    return this.holders.get(client)
  }

  /**
   * What an announced id needs: nothing (held by its announcer already, written before holders
   * were recorded, or someone else's, which the judge keeps from it), or a reservation for `holder`.
   */
  needsReservation(doc: Y.Doc, client: number): boolean {
    return !this.holders.has(client) && Y.getState(doc.store, client) === 0
  }

  /** The ids of `holder`'s to release when it reserves one more: its oldest past `maxReservedIds - 1`. */
  toRelease(holder: string): number[] {
    const mine = this.reserved.get(holder) ?? []
    return mine.slice(0, Math.max(0, mine.length - (maxReservedIds - 1)))
  }

  /** Records ids as `holder`'s, after storage has them; `reserved`: announced, not written. */
  hold(ids: readonly number[], holder: string, reserved = false): void {
    for (const id of ids) {
      if (this.holders.has(id)) continue
      this.holders.set(id, holder)
      this.heldPerHolder.set(holder, (this.heldPerHolder.get(holder) ?? 0) + 1)
      if (reserved) this.addReserved(holder, id)
    }
  }

  /** Ids of `holder`'s it has written structs under now. */
  wroteUnder(ids: readonly number[], holder: string): void {
    for (const id of ids) this.removeReserved(holder, id)
  }

  /** Forgets released ids, after storage did. */
  release(ids: readonly number[], holder: string): void {
    for (const id of ids) {
      if (this.holders.get(id) !== holder) continue
      this.holders.delete(id)
      const left = (this.heldPerHolder.get(holder) ?? 1) - 1
      if (left > 0) this.heldPerHolder.set(holder, left)
      else this.heldPerHolder.delete(holder)
      this.removeReserved(holder, id)
    }
  }

  private addReserved(holder: string, id: number): void {
    const mine = this.reserved.get(holder)
    if (mine) mine.push(id)
    else this.reserved.set(holder, [id])
    this.reservedCount++
  }

  private removeReserved(holder: string, id: number): void {
    const mine = this.reserved.get(holder)
    const at = mine?.indexOf(id) ?? -1
    if (!mine || at < 0) return
    mine.splice(at, 1)
    if (mine.length === 0) this.reserved.delete(holder)
    this.reservedCount--
  }
}
