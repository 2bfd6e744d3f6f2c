/**
 * The reveal waits for this page's ballot sends still on their way (`client/board/ballotsInFlight.ts`),
 * so a dot the facilitator's screen counts is not overtaken by her reveal; a send that hangs holds
 * it no longer than `ballotWaitMs`. Both places a dot is given send through `newestBallotSender`:
 * one send at a time, the newest ballot next, a refused run said once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ballotSending, ballotsAnswered, ballotWaitMs, newestBallotSender } from '../../client/board/ballotsInFlight.ts'

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

describe('the newest ballot sender', () => {
  it('sends one after another, each time the newest, and a reveal waits for the whole run', async () => {
    const sent: number[] = []
    const answers: Array<(ok: boolean) => void> = []
    const send = newestBallotSender<number>('board-d', (ballot) => {
      sent.push(ballot)
      return new Promise<void>((resolve, reject) => answers.push((ok) => (ok ? resolve() : reject(new Error('refused')))))
    })
    const first = send(1)
    // While the first is on its way, two more clicks: only the newest goes next.
    void send(2)
    const last = send(3)
    expect(last).toBe(first)
    expect(sent).toEqual([1])
    let revealed = false
    const reveal = ballotsAnswered('board-d').then(() => (revealed = true))
    answers.shift()!(true)
    await vi.waitUntil(() => sent.length === 2)
    expect(sent).toEqual([1, 3])
    expect(revealed).toBe(false)
    answers.shift()!(true)
    expect(await first).toBe(true)
    await reveal
    expect(revealed).toBe(true)
  })

  it('says a run with a refusal once, with the ballot sent last, before the run settles', async () => {
    const refusals: unknown[] = []
    const after: number[] = []
    const answers: Array<(ok: boolean) => void> = []
    const send = newestBallotSender<number>(
      'board-e',
      () => new Promise<void>((resolve, reject) => answers.push((ok) => (ok ? resolve() : reject(new Error('refused'))))),
      { refused: (error) => refusals.push(error), afterRefusal: async (last) => void after.push(last) },
    )
    const run = send(1)
    void send(2)
    answers.shift()!(false)
    await vi.waitUntil(() => answers.length === 1)
    answers.shift()!(true)
    expect(await run).toBe(false)
    expect(refusals).toHaveLength(1)
    expect(after).toEqual([2])
    // The next click starts a run of its own.
    const next = send(4)
    expect(next).not.toBe(run)
    answers.shift()!(true)
    expect(await next).toBe(true)
  })
})
