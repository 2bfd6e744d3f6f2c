import { describe, expect, it } from 'vitest'
import { costFactor, fanOutDelay } from '../../server/room/fanOutPacing.ts'

describe('fan-out pacing', () => {
  const tickMs = 40
  it('lets a quiet room forward at once', () => {
    expect(fanOutDelay({ lastFlushAt: Number.NEGATIVE_INFINITY, lastFlushCostMs: 0, tickMs }, 1000)).toBe(0)
    expect(fanOutDelay({ lastFlushAt: 900, lastFlushCostMs: 5, tickMs }, 1000)).toBe(0)
  })

  it('spaces fan-outs by a multiple of what the last one cost', () => {
    // A meeting: 0.25 ms per fan-out, the next within 2 ms of the last one's start.
    expect(fanOutDelay({ lastFlushAt: 1000, lastFlushCostMs: 0.25, tickMs }, 1000.5)).toBe(1000 + 0.25 * costFactor - 1000.5)
    expect(fanOutDelay({ lastFlushAt: 1000, lastFlushCostMs: 2, tickMs }, 1002)).toBe(2 * costFactor - 2)
  })

  it('waits a whole tick in a busy room when paced by the tick', () => {
    expect(fanOutDelay({ pacing: 'tick', lastFlushAt: 1000, lastFlushCostMs: 1, tickMs }, 1000)).toBe(tickMs)
  })

  it('waits a tick at most, unless one fan-out costs more than a tick: then as long as it took', () => {
    expect(fanOutDelay({ lastFlushAt: 1000, lastFlushCostMs: 30, tickMs }, 1030)).toBe(10)
    expect(fanOutDelay({ lastFlushAt: 1000, lastFlushCostMs: 30, tickMs }, 1050)).toBe(0)
    // 100 ms of sending: the next may start 100 ms after the last one ended.
    expect(fanOutDelay({ lastFlushAt: 1000, lastFlushCostMs: 100, tickMs }, 1100)).toBe(100)
  })
})
