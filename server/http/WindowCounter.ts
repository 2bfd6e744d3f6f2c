/**
 * Counts events per key in fixed windows (e.g. boards created per address and minute). Keys of
 * past windows are dropped as the window turns, so memory holds only the current window's keys.
 */
export class WindowCounter {
  private windowStart: number
  private readonly counts = new Map<string, number>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now()
  }

  /** Counts one event; false when the key has used up this window. */
  take(key: string): boolean {
    this.turn()
    const count = this.counts.get(key) ?? 0
    if (count >= this.limit) return false
    this.counts.set(key, count + 1)
    return true
  }

  /** Seconds until the current window ends, for `Retry-After`. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - this.now()) / 1000))
  }

  private turn(): void {
    const now = this.now()
    if (now - this.windowStart < this.windowMs) return
    this.windowStart = now
    this.counts.clear()
  }
}
