/**
 * An allowance that refills at a steady rate up to a cap: bursts up to the cap pass, past that
 * only the rate. Used for what one connection may send (messages weighed by bytes, awareness bytes).
 */
export class TokenBucket {
  private tokens: number

  constructor(
    private readonly perSecond: number,
    private readonly capacity = 2 * perSecond,
    /** When it starts full (`performance.now()` ms). */
    private at = performance.now(),
  ) {
    this.tokens = capacity
  }

  /** Takes `cost` if that much is left, else takes nothing and says false. */
  take(cost: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond)
    this.at = now
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }

  /** Milliseconds from `now` until `cost` could be taken: 0 if at once, Infinity if never (more than the cap). */
  waitMs(cost: number, now = performance.now()): number {
    if (cost > this.capacity) return Infinity
    const tokens = Math.min(this.capacity, this.tokens + ((now - this.at) / 1000) * this.perSecond)
    return tokens >= cost ? 0 : ((cost - tokens) / this.perSecond) * 1000
  }
}
