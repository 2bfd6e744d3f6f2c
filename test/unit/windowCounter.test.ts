import { describe, expect, it } from 'vitest'
import { WindowCounter } from '../../server/http/WindowCounter.ts'

describe('WindowCounter', () => {
  it('allows the limit per key and window, then again in the next window', () => {
    let now = 1_000
    const counter = new WindowCounter(2, 60_000, () => now)
    expect([counter.take('a'), counter.take('a'), counter.take('a')]).toEqual([true, true, false])
    expect(counter.take('b')).toBe(true)
    now += 15_000
    expect(counter.retryAfterSeconds).toBe(45)
    now += 45_000
    expect(counter.take('a')).toBe(true)
  })

  it('after a quiet spell starts a fresh window at the next event, with a full Retry-After', () => {
    let now = 0
    const counter = new WindowCounter(1, 60_000, () => now)
    expect(counter.take('a')).toBe(true)
    now = 5 * 60_000 + 500
    expect([counter.take('a'), counter.take('a')]).toEqual([true, false])
    expect(counter.retryAfterSeconds).toBe(60)
    // Never 0: a client told to retry after 0 seconds would retry at once.
    now += 59_999
    expect(counter.retryAfterSeconds).toBe(1)
  })
})
