/**
 * The reveal waits for this page's ballot sends still on their way (`client/board/ballotsInFlight.ts`),
 * so a dot the facilitator's screen counts is not overtaken by her reveal; a send that hangs holds
 * it no longer than `ballotWaitMs`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ballotSending, ballotsAnswered, ballotWaitMs } from '../../client/board/ballotsInFlight.ts'

function deferred() {
  let settle!: (ok: boolean) => void
  const promise = new Promise<void>((resolve, reject) => (settle = (ok) => (ok ? resolve() : reject(new Error('refused')))))
  return { promise, settle }
}

describe('ballot sends on their way', () => {
  afterEach(() => vi.useRealTimers())

  it('are waited for, answered or refused, on their own board only', async () => {
    const first = deferred()
    const second = deferred()
    ballotSending('board-a', first.promise)
    ballotSending('board-a', second.promise)
    const elsewhere = deferred()
    ballotSending('board-b', elsewhere.promise)
    let answered = false
    const waiting = ballotsAnswered('board-a').then(() => (answered = true))
    first.settle(true)
    await first.promise
    await Promise.resolve()
    expect(answered).toBe(false)
    second.settle(false)
    await waiting
    expect(answered).toBe(true)
    // Nothing left on board-a: a later reveal goes at once.
    await ballotsAnswered('board-a')
    elsewhere.settle(true)
  })

  it('hold a reveal no longer than the cap when one hangs', async () => {
    vi.useFakeTimers()
    ballotSending('board-c', new Promise(() => {}))
    let answered = false
    const waiting = ballotsAnswered('board-c').then(() => (answered = true))
    await vi.advanceTimersByTimeAsync(ballotWaitMs - 1)
    expect(answered).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await waiting
    expect(answered).toBe(true)
  })
})
