/**
 * When a room's next fan-out may run. A fan-out costs the relay time in proportion to its
 * recipients; waiting a few times that long before the next one bounds the share of a core one
 * room's fan-out takes, while a small meeting, whose fan-out costs a fraction of a millisecond,
 * gets every change within a few milliseconds. A big plenary reaches the tick (`TICK_MS`) and is
 * batched as before.
 */

/**
 * The next fan-out waits this many times as long as the last one took, so one room's sending
 * takes at most a seventh of the core. At 2 (a third), 150 writers on one board sent to 150
 * sockets so often that the process was saturated and edits on the other boards waited.
 */
export const costFactor = 6

/** Past a tick, the next fan-out waits as long again after the last one ended. */
const overTickFactor = 2

/** `cost`: as above; `tick`: every busy room waits a whole tick, as before (for comparison). */
export const pacings = ['cost', 'tick'] as const
export type Pacing = (typeof pacings)[number]

export interface FanOutPace {
  pacing?: Pacing
  /** When the last fan-out started, and how long it took (`performance.now()` ms). */
  lastFlushAt: number
  lastFlushCostMs: number
  tickMs: number
}

/** Milliseconds from `now` until the next fan-out may run (0: on the next turn of the event loop). */
export function fanOutDelay({ pacing = 'cost', lastFlushAt, lastFlushCostMs, tickMs }: FanOutPace, now: number): number {
  // Capped at a tick, unless one fan-out costs more than that: then the next waits as long
  // again after it ended, so that one room's sends never take the whole process.
  const interval =
    pacing === 'tick'
      ? tickMs
      : lastFlushCostMs > tickMs
        ? lastFlushCostMs * overTickFactor
        : Math.min(tickMs, lastFlushCostMs * costFactor)
  return Math.max(0, lastFlushAt + interval - now)
}
