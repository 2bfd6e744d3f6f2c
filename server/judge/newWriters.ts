/**
 * Writers new to a board, counted per address (`clientIds.ts`): a writer secret is made up at
 * will, one per reconnect, so a board's room for reservations would be no budget of anyone's if
 * each new one could reserve. An address brings at most `perDay` new writers a day to a board (a
 * burst of as many); past that a new writer reserves nothing, and its first write holds its id.
 * What the room remembers is bounded: forgetting a writer only makes it count again, forgetting an
 * address only gives it a fresh allowance.
 */
import { TokenBucket } from './tokenBucket.ts'
import { defaultNewWritersPerAddressPerDay } from './roomDefaults.ts'

/** Writers the room remembers as counted, and addresses whose allowance it keeps; the oldest is forgotten first. */
const rememberedWriters = 10_000
const rememberedAddresses = 10_000

export class NewWriters {
  private readonly counted = new Set<string>()
  /** Allowance per address group, the least recently used first. */
  private readonly allowances = new Map<string, TokenBucket>()

  constructor(private readonly perDay = defaultNewWritersPerAddressPerDay) {}

  /**
   * Whether `holder` may reserve, coming from `address` (its group, `addressGroup.ts`): yes once
   * counted, else if the address has a new writer left today (then it is counted).
   */
  admit(holder: string, address: string, now = performance.now()): boolean {
    if (this.counted.has(holder)) return true
    const allowance = this.allowances.get(address) ?? new TokenBucket(this.perDay / 86_400, this.perDay, now)
    this.allowances.delete(address)
    this.allowances.set(address, allowance)
    if (this.allowances.size > rememberedAddresses) this.allowances.delete(this.allowances.keys().next().value!)
    if (!allowance.take(1, now)) return false
    this.counted.add(holder)
    if (this.counted.size > rememberedWriters) this.counted.delete(this.counted.values().next().value!)
    return true
  }
}
