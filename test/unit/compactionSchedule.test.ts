import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CompactionSchedule } from '../../server/room/compactionSchedule.ts'

describe('compaction schedule', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('queues no second compaction while the first still waits behind a crowd’s updates', async () => {
    // Under 150 writers the room's write queue is never empty: a compaction waited in it while
    // every update stored meanwhile scheduled another, and the board was encoded whole dozens of
    // times a second (bench/manyWriters.ts).
    let finish = () => {}
    const compactions: number[] = []
    // As the room compacts: a compaction cancels what is scheduled, and waits its turn.
    const schedule = new CompactionSchedule(0, 3, () => {
      schedule.cancel()
      compactions.push(schedule.updatesSinceCompact)
      return new Promise<void>((resolve) => (finish = resolve))
    })
    for (let i = 0; i < 3; i++) schedule.stored()
    vi.runAllTimers()
    expect(compactions).toEqual([3])
    for (let i = 0; i < 10; i++) {
      schedule.stored()
      vi.runAllTimers()
    }
    expect(compactions).toEqual([3])

    await schedule.timed(async () => finish())
    schedule.covered(3)
    await vi.runAllTimersAsync()
    // The next update stored schedules the next compaction, with the ten stored meanwhile.
    schedule.stored()
    vi.runAllTimers()
    expect(compactions).toEqual([3, 11])
  })

  it('schedules again after a compaction that found nothing to do (the room was gone)', async () => {
    const compactions: number[] = []
    const schedule = new CompactionSchedule(0, 2, async () => {
      schedule.cancel()
      compactions.push(schedule.updatesSinceCompact)
    })
    schedule.stored()
    schedule.stored()
    await vi.runAllTimersAsync()
    schedule.stored()
    await vi.runAllTimersAsync()
    expect(compactions).toEqual([2, 3])
  })
})
