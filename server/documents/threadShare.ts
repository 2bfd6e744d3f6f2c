/**
 * Thread time owed per client address: each job's time is charged to its address, and the debt
 * drains at `share` of a thread's time (0.5: half of every second). An address whose debt is over
 * `burstMs` waits until it is back under it, and among waiting addresses the least indebted goes
 * first. So one address asking for one heavy document after another gets the thread while nobody
 * else wants it, and at most its share of it while others do: a limit on jobs at once alone let
 * one address keep every other board's documents waiting.
 */
export interface ThreadShareLimits {
  /** What part of one thread's time an address may use over time (0 < share ≤ 1). */
  share: number
  /** Debt an address may hold and still start a job (one long job always may). */
  burstMs: number
}

export class ThreadShare {
  /** Debt in ms and when it was last drained; an address with none is not kept. */
  private readonly owed = new Map<string, { ms: number; at: number }>()

  constructor(private readonly limits: ThreadShareLimits) {}

  /** `ms` of thread time spent for `key`. */
  charge(key: string, ms: number, now = performance.now()): void {
    this.owed.set(key, { ms: this.debt(key, now) + Math.max(0, ms), at: now })
  }

  /** What `key` owes now. */
  debt(key: string, now = performance.now()): number {
    const owed = this.owed.get(key)
    if (!owed) return 0
    const ms = owed.ms - (now - owed.at) * this.limits.share
    if (ms > 0) return ms
    this.owed.delete(key)
    return 0
  }

  /** How long until `key` may start a job: 0 when it may now. */
  waitMs(key: string, now = performance.now()): number {
    return Math.max(0, (this.debt(key, now) - this.limits.burstMs) / this.limits.share)
  }

  /** Addresses holding a debt (the map is bounded by those that ran a job lately). */
  get size(): number {
    return this.owed.size
  }
}

