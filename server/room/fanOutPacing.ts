/**
 * When a room's next fan-out may run. A fan-out costs the relay time in proportion to its
 * recipients; waiting a few times that long before the next one bounds the share of a core one
 * room's fan-out takes, while a small meeting, whose fan-out costs a fraction of a millisecond,
 * gets every change within a few milliseconds. A big plenary reaches the tick (`TICK_MS`) and is
 * batched as before.
 */
import { recipientsPerTurn } from './sendInTurns.ts'
import { workSince, type WorkMark } from './workClock.ts'

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

/**
 * What a fan-out that began at `started` to `recipients` sockets cost, for the next one's pace. A
 * small room's fan-out is a fraction of a millisecond of work: on a busy machine its wall time is
 * mostly time off the core, and pacing by that held its own edits back (bench/manyWriters.ts). A
 * crowd's pause is also when its own incoming edits get their turns, so it keeps the time that
 * passed: paced by CPU time at 500 people, fan-outs ran back to back and notes waited 10 s
 * (bench/README.md, *fan-out at 500*).
 */
export function fanOutCost(recipients: number, started: WorkMark): number {
  return recipients <= recipientsPerTurn ? workSince(started) : performance.now() - started.at
}
