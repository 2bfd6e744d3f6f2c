import { describe, expect, it } from 'vitest'
import { memoryLimits } from '../../server/limits/addressLimits.ts'

describe('per-address windows in memory (no REDIS_URL)', () => {
  it('allows the limit per address, then refuses with a Retry-After within the window; other addresses and windows go on', async () => {
    const limits = memoryLimits()
    const boards = limits.window('boards', 2)
    const taken = [await boards.take('a'), await boards.take('a'), await boards.take('a')]
    expect(taken.slice(0, 2)).toEqual([{ allowed: true }, { allowed: true }])
    const refused = taken[2]
    expect(refused.allowed).toBe(false)
    if (refused.allowed) return
    // Never 0: a client told to retry after 0 seconds would retry at once.
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1)
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
    expect(await boards.take('b')).toEqual({ allowed: true })
    expect(await limits.window('lookups', 1).take('a')).toEqual({ allowed: true })
  })
})
