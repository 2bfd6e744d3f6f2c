/**
 * Awareness per address on one board. Every state is held in the relay's memory, sent whole to
 * each joiner and to each query, and every change is passed on to everyone: so what one address
 * may have the board hold and pass on is bounded for the address, whatever number of sockets it
 * opens, not per socket (60 sockets of the read-only link parking four 31 KB states each used to
 * hold 7.4 MB that every query encoded again; 20 sockets churning states sent 3.8 MB/s to every
 * listener).
 * - Parked bytes: the states the address's connections hold together, at most
 *   `maxBytesPerAddress`; the board's states together at most `maxBytesPerBoard`. A state that
 *   would pass either is refused (the sender is cut off with `CloseCode.awarenessTooLarge`).
 * - Passed-on bytes: states the address changes, at most `bytesPerSecondPerAddress` (bursts of
 *   twice as many), shared by all its sockets. Past it a change is not passed on yet, and nobody
 *   is cut off: the relay has it wait its turn, merged with the sender's later changes
 *   (`presenceOverRate.ts`). A venue's people behind one NAT share it, so it is generous;
 *   departures always pass.
 *
 * The address is the connection's (`RoomClient.address`); without one (served through another relay
 * process), its link: everyone on it shares one budget there.
 */
import { vettedEntries } from './vettedEntries.ts'
import { TokenBucket } from './tokenBucket.ts'

export interface AwarenessBudgetOptions {
  maxBytesPerAddress: number
  maxBytesPerBoard: number
  bytesPerSecondPerAddress: number
}

/** `refused` names the limit a refused update broke; null: over the rate, `retryInMs` until it may pass (Infinity: never). */
export type AwarenessVerdict = { pass: true } | { pass: false; refused: string } | { pass: false; refused: null; retryInMs: number }

/** Addresses whose rate a board remembers at most. */
const rememberedAddresses = 10_000

export class AwarenessBudget {
  /** Each held state's size and the address that holds it. */
  private readonly held = new Map<number, { address: string; bytes: number }>()
  private readonly parked = new Map<string, number>()
  private total = 0
  private readonly rates = new Map<string, TokenBucket>()

  constructor(private readonly options: AwarenessBudgetOptions) {}

  /**
   * Whether `update` (vetted by `awarenessGuard.ts`) from `address` may be applied: if so, its
   * states are counted as held.
   */
  admit(address: string, update: Uint8Array, now = performance.now()): AwarenessVerdict {
    const entries = sizesOf(update)
    let growth = 0
    let changes = false
    for (const { clientId, bytes } of entries) {
      const before = this.held.get(clientId)?.bytes ?? 0
      if (bytes === null) growth -= before
      else {
        growth += bytes - before
        changes = true
      }
    }
    const parked = this.parked.get(address) ?? 0
    if (growth > 0 && parked + growth > this.options.maxBytesPerAddress) return { pass: false, refused: 'too much awareness from this address' }
    if (growth > 0 && this.total + growth > this.options.maxBytesPerBoard) return { pass: false, refused: 'too much awareness on this board' }
    if (changes) {
      let rate = this.rates.get(address)
      if (!rate) {
        // Full as of `now`, the clock the caller counts in (a test's, or the process's).
        this.rates.set(address, (rate = new TokenBucket(this.options.bytesPerSecondPerAddress, undefined, now)))
        // Addresses that sent but hold nothing are forgotten oldest first.
        if (this.rates.size > rememberedAddresses) this.rates.delete(this.rates.keys().next().value!)
      }
      if (!rate.take(update.byteLength, now)) return { pass: false, refused: null, retryInMs: rate.waitMs(update.byteLength, now) }
    }
    for (const { clientId, bytes } of entries) {
      if (bytes === null) this.forget(clientId)
      else {
        this.forget(clientId)
        this.held.set(clientId, { address, bytes })
        this.parked.set(address, (this.parked.get(address) ?? 0) + bytes)
        this.total += bytes
      }
    }
    return { pass: true }
  }

  /** The state left the board (its connection closed, or it said `null`). */
  forget(clientId: number): void {
    const state = this.held.get(clientId)
    if (!state) return
    this.held.delete(clientId)
    this.total -= state.bytes
    const left = (this.parked.get(state.address) ?? 0) - state.bytes
    if (left > 0) this.parked.set(state.address, left)
    else {
      // An address with nothing held is forgotten, its rate with it: the map keeps only addresses on the board.
      this.parked.delete(state.address)
      this.rates.delete(state.address)
    }
  }

  /** Bytes the board's states hold together. */
  get bytes(): number {
    return this.total
  }
}

/** Each entry's client id and state size in bytes; null for a departure. */
const sizesOf = (update: Uint8Array): Array<{ clientId: number; bytes: number | null }> =>
  [...vettedEntries(update)].map(({ id, departure, stateBytes }) => ({ clientId: id, bytes: departure ? null : stateBytes }))
