/**
 * Thread time owed per address (`server/documents/threadShare.ts`): charged per job, drained at the
 * address's share of a thread, and an address over its burst waits as long as its debt needs to
 * drain back. Clocks are passed in, so each figure is exact.
 */
import { describe, expect, it } from 'vitest'
import { ThreadShare } from '../../server/documents/threadShare.ts'

describe('thread time owed per address', () => {
  it('lets an address start while it owes no more than its burst, and says how long it waits past it', () => {
    const share = new ThreadShare({ share: 0.5, burstMs: 1_000 })
    expect(share.waitMs('a', 0)).toBe(0)
    share.charge('a', 3_000, 0)
    // 3 s owed, 1 s allowed: 2 s to drain at half a thread's time is 4 s.
    expect(share.waitMs('a', 0)).toBe(4_000)
    expect(share.waitMs('a', 1_000)).toBe(3_000)
    expect(share.waitMs('a', 4_000)).toBe(0)
    expect(share.waitMs('b', 0)).toBe(0)
  })

  it('adds what an address spends to what it still owes, and forgets an address once it owes nothing', () => {
    const share = new ThreadShare({ share: 0.25, burstMs: 0 })
    share.charge('a', 1_000, 0)
    share.charge('a', 1_000, 2_000)
    expect(share.debt('a', 2_000)).toBe(1_500)
    expect(share.size).toBe(1)
    expect(share.debt('a', 8_000)).toBe(0)
    expect(share.size).toBe(0)
  })
})
