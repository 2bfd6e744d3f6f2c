import { describe, expect, it } from 'vitest'
import { estimateOffset, sampleOffset } from '../../../shared/facilitation/clock.ts'
import {
  expiresAt,
  formatRemaining,
  minute,
  pauseTimer,
  readTimer,
  remainingMs,
  resetTimer,
  setTimer,
  startTimer,
  timerDisplay,
  timerStatus,
} from '../../../shared/board/entries/timer.ts'

const t0 = 1_750_000_000_000

describe('timer', () => {
  it('counts down from a shared start, whatever the clients’ own clocks say', () => {
    const timer = startTimer(setTimer(5 * minute, t0), t0)
    // Two clients: one clock 3 minutes fast, one 40 s slow; both know their offset.
    const fast = { offset: -3 * minute, local: () => t0 + 90_000 + 3 * minute }
    const slow = { offset: 40_000, local: () => t0 + 90_000 - 40_000 }
    for (const client of [fast, slow]) {
      const serverNow = client.local() + client.offset
      expect(remainingMs(timer, serverNow)).toBe(5 * minute - 90_000)
    }
    // Without the offset, the fast clock would show 3 minutes less.
    expect(remainingMs(timer, fast.local())).toBe(30_000)
  })

  it('shows zero in red for a minute after the alarm, then clears itself', () => {
    const timer = startTimer(setTimer(5 * minute, t0), t0)
    const zero = t0 + 5 * minute
    expect(timerDisplay(timer, zero - 1000)).toEqual({ status: 'running', alert: false })
    expect(timerDisplay(timer, zero + 1000)).toEqual({ status: 'expired', alert: true })
    expect(timerDisplay(timer, zero + 59_000)).toEqual({ status: 'expired', alert: true })
    expect(timerDisplay(timer, zero + 60_000)).toBeNull()
    // Paused and ready timers stay until the facilitator changes them.
    expect(timerDisplay(pauseTimer(timer, t0 + minute), zero + 10 * minute)).toEqual({ status: 'paused', alert: false })
    expect(timerDisplay(setTimer(minute, t0), t0 + 60 * minute)).toEqual({ status: 'ready', alert: false })
  })

  it('pauses, resumes where it stopped, and expires', () => {
    let timer = startTimer(setTimer(10 * minute, t0), t0)
    expect(timerStatus(timer, t0 + 1000)).toBe('running')
    timer = pauseTimer(timer, t0 + 2 * minute)
    expect(timer).toMatchObject({ startedAt: null, remainingAtPauseMs: 8 * minute })
    // Paused time does not count.
    expect(remainingMs(timer, t0 + 60 * minute)).toBe(8 * minute)
    expect(timerStatus(timer, t0 + 60 * minute)).toBe('paused')
    timer = startTimer(timer, t0 + 30 * minute)
    expect(timer).toMatchObject({ startedAt: t0 + 30 * minute, remainingAtPauseMs: 8 * minute })
    expect(remainingMs(timer, t0 + 31 * minute)).toBe(7 * minute)
    expect(expiresAt(timer)).toBe(t0 + 38 * minute)
    expect(timerStatus(timer, t0 + 38 * minute)).toBe('expired')
    expect(remainingMs(timer, t0 + 99 * minute)).toBe(0)
    // Pausing an expired timer changes nothing; starting it again starts afresh.
    expect(pauseTimer(timer, t0 + 40 * minute)).toBe(timer)
    const again = startTimer(timer, t0 + 40 * minute)
    expect(remainingMs(again, t0 + 40 * minute)).toBe(10 * minute)
  })

  it('resets to the full duration, not running', () => {
    const running = startTimer(setTimer(15 * minute, t0), t0)
    const reset = resetTimer(running, t0 + 5 * minute)
    expect(reset).toEqual({ durationMs: 15 * minute, startedAt: null, remainingAtPauseMs: null, setAt: t0 + 5 * minute })
    expect(timerStatus(reset, t0 + 20 * minute)).toBe('ready')
    expect(remainingMs(reset, t0 + 20 * minute)).toBe(15 * minute)
    expect(expiresAt(reset)).toBeNull()
  })

  it('never shows more than it started with when a client’s estimate lags behind the start', () => {
    const timer = startTimer(setTimer(5 * minute, t0), t0)
    expect(remainingMs(timer, t0 - 2000)).toBe(5 * minute)
    // Starting a running timer again does nothing.
    expect(startTimer(timer, t0 + 1000)).toBe(timer)
  })

  it('reads only valid stored timers', () => {
    const timer = setTimer(90 * minute, t0)
    expect(readTimer(JSON.parse(JSON.stringify(timer)))).toEqual(timer)
    expect(readTimer(undefined)).toBeUndefined()
    expect(readTimer({ ...timer, durationMs: -1 })).toBeUndefined()
    expect(readTimer({ ...timer, durationMs: 7 * 24 * 60 * minute })).toBeUndefined()
    expect(readTimer({ ...timer, startedAt: 'soon' })).toBeUndefined()
    expect(() => setTimer(0, t0)).toThrow(RangeError)
  })

  it('formats the time left, rounding seconds up', () => {
    expect(formatRemaining(5 * minute)).toBe('05:00')
    expect(formatRemaining(5 * minute - 300)).toBe('05:00')
    expect(formatRemaining(4 * minute + 59_000)).toBe('04:59')
    expect(formatRemaining(1)).toBe('00:01')
    expect(formatRemaining(0)).toBe('00:00')
    expect(formatRemaining(90 * minute)).toBe('1:30:00')
  })
})

describe('server clock offset', () => {
  it('takes round trip / 2 from the quickest sample', () => {
    // Server 10 s ahead; the request took 200 ms, symmetric.
    expect(sampleOffset({ sentAt: 1000, receivedAt: 1200, serverNow: 11_100 })).toBe(10_000)
    const offset = estimateOffset([
      { sentAt: 0, receivedAt: 2000, serverNow: 10_500 }, // slow: off by up to a second
      { sentAt: 5000, receivedAt: 5040, serverNow: 15_020 },
      { sentAt: 9000, receivedAt: 8000, serverNow: 0 }, // clock stepped back meanwhile: unusable
    ])
    expect(offset).toBe(10_000)
    expect(estimateOffset([])).toBeUndefined()
  })
})
