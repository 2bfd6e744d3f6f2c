/**
 * When a room compacts its board (`Room.compact`): once `compactAfterUpdates` updates are stored
 * since the last snapshot, off the message path. Compaction encodes the whole doc, which blocks
 * every board meanwhile; a board written by a crowd reaches the update count several times a
 * second, while its encoding takes tens of milliseconds: so the next compaction waits a multiple
 * of what the last one took, as a fan-out does (`fanOutPacing.ts`), and none is scheduled while
 * one waits in the room's write queue: behind a crowd's updates it waited there while every
 * update stored meanwhile scheduled one more, and 150 writers' board was encoded whole dozens of
 * times a second.
 */

/** The next compaction waits this many times as long as the last one took: at most 0.5 % of the thread. */
const compactionCostFactor = 200

export class CompactionSchedule {
  /** When the last compaction started and how long it took (`performance.now()` ms). */
  private lastCompactAt = Number.NEGATIVE_INFINITY
  private lastCompactCostMs = 0
  private timer: NodeJS.Timeout | null = null
  /** A scheduled compaction is queued or running: the next is scheduled once it is through. */
  private waiting = false

  constructor(
    /** Updates stored since the last snapshot: what a compaction now would cover. */
    private updates: number,
    private readonly compactAfterUpdates: number,
    /** Compacts, or queues a compaction; resolves once it is through (the schedule has no say in how). */
    private readonly compact: () => Promise<void>,
  ) {}

  get updatesSinceCompact(): number {
    return this.updates
  }

  /** Schedules a compaction if enough updates are stored already (a board as loaded). */
  scheduleIfDue(): void {
    if (this.updates >= this.compactAfterUpdates) this.schedule()
  }

  /** One more update is stored. */
  stored(): void {
    this.updates++
    this.scheduleIfDue()
  }

  /** Times a compaction: the next waits a multiple of what this one took, whether it succeeded or not. */
  async timed<T>(compaction: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await compaction()
    } finally {
      this.lastCompactAt = started
      this.lastCompactCostMs = performance.now() - started
    }
  }

  /** A snapshot holds `updates` of the stored updates now. */
  covered(updates: number): void {
    this.updates -= updates
  }

  /** A compaction runs now, or the room is gone: no scheduled one waits any more. */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(): void {
    if (this.waiting) return
    const delay = Math.max(0, this.lastCompactAt + this.lastCompactCostMs * compactionCostFactor - performance.now())
    this.timer ??= setTimeout(() => {
      this.timer = null
      this.waiting = true
      // The room logs a failed compaction itself; the next update stored schedules the next.
      void this.compact()
        .catch(() => {})
        .finally(() => (this.waiting = false))
    }, delay)
  }
}
