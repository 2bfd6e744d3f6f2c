/**
 * Presence that came in over its address's rate (`awarenessBudget.ts`), waiting its turn rather
 * than dropped. Dropping relied on the sender's next state to bring everyone up to date, but
 * with 500 people behind one address (2,500 states a second, a quarter over the rate) the
 * bucket let the same senders through first and dropped the same others again and again, for
 * seconds (bench/fanOutMisses.ts), and a person's last state, once dropped, stayed dropped: her
 * cursor stood still for everyone until she moved again.
 *
 * Here a connection's states wait as its newest entry per awareness id: a later frame replaces
 * what it supersedes (a cursor's newest position is what matters) and keeps its place in line.
 * Connections of one address pass in the order they began to wait, each when the rate allows
 * its merged frame; what arrives while any wait queues behind them. So the rate still bounds
 * what one address has passed on, and every sender's newest state gets through. What waits is
 * bounded per connection by the ids it may hold (`maxAwarenessClientIds` × `maxAwarenessBytes`).
 */
import * as encoding from 'lib0/encoding'
import { vettedEntries } from '../judge/vettedEntries.ts'

/** An awareness entry as vetted (id, clock, JSON), and what the merge needs of it. */
interface Entry {
  clock: number
  departure: boolean
  bytes: Uint8Array
}

interface Line<C> {
  /** Each waiting connection's entries by awareness id, connections in the order they began to wait. */
  waiting: Map<C, Map<number, Entry>>
  timer: NodeJS.Timeout | null
}

/**
 * Tries to pass on a waiting connection's merged frame: null once it is done with (passed on,
 * refused, or the connection gone), else the ms until the rate may allow it.
 */
export type PassOverRate<C> = (share: string, connection: C, update: Uint8Array) => number | null

export class PresenceOverRate<C> {
  private readonly lines = new Map<string, Line<C>>()

  constructor(
    private readonly pass: PassOverRate<C>,
    /** Runs a turn of the line guarded as the room runs its work (errors logged, not thrown). */
    private readonly guarded: (work: () => void) => void,
  ) {}

  /** Whether anything of `share` waits: then what the address sends now waits behind it. */
  has(share: string): boolean {
    return this.lines.has(share)
  }

  /** `update` (vetted) waits, merged into what the connection has waiting; its line's next turn in `retryInMs` if it has none yet. */
  wait(share: string, connection: C, update: Uint8Array, retryInMs = 0): void {
    let line = this.lines.get(share)
    if (!line) this.lines.set(share, (line = { waiting: new Map(), timer: null }))
    let entries = line.waiting.get(connection)
    if (!entries) line.waiting.set(connection, (entries = new Map()))
    merge(entries, update)
    if (!line.timer) this.schedule(share, line, retryInMs)
  }

  /** The connection left: what it had waiting goes with it. */
  forget(connection: C): void {
    for (const [share, line] of this.lines) {
      if (!line.waiting.delete(connection) || line.waiting.size > 0) continue
      if (line.timer) clearTimeout(line.timer)
      this.lines.delete(share)
    }
  }

  destroy(): void {
    for (const line of this.lines.values()) if (line.timer) clearTimeout(line.timer)
    this.lines.clear()
  }

  private schedule(share: string, line: Line<C>, ms: number): void {
    // At least a millisecond: the bucket's arithmetic may leave a hair short of the cost.
    line.timer = setTimeout(() => this.guarded(() => this.turn(share, line)), Math.max(1, Math.ceil(ms)))
  }

  /** Passes on the line's connections in order while the rate allows. */
  private turn(share: string, line: Line<C>): void {
    line.timer = null
    for (const [connection, entries] of line.waiting) {
      const retryInMs = this.pass(share, connection, frameOf(entries))
      if (retryInMs !== null) return this.schedule(share, line, retryInMs)
      line.waiting.delete(connection)
    }
    if (this.lines.get(share) === line) this.lines.delete(share)
  }
}

/** Takes each entry of `update` that y-protocols would take over the one waiting: a later clock, or a departure at the same. */
function merge(entries: Map<number, Entry>, update: Uint8Array): void {
  for (const { id, clock, departure, bytes } of vettedEntries(update)) {
    const held = entries.get(id)
    if (!held || clock > held.clock || (clock === held.clock && departure && !held.departure)) entries.set(id, { clock, departure, bytes: bytes.slice() })
  }
}

/** The waiting entries as one awareness update. */
function frameOf(entries: Map<number, Entry>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.size)
  for (const entry of entries.values()) encoding.writeUint8Array(encoder, entry.bytes)
  return encoding.toUint8Array(encoder)
}
