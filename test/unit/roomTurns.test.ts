import { describe, expect, it } from 'vitest'
import { Turns, turnMs } from '../../server/room/roomTurns.ts'

/** Busy-waits, as a room's synchronous work (judging, storing, applying) does. */
const work = (ms: number) => {
  const end = performance.now() + ms
  while (performance.now() < end);
}

describe('room turns', () => {
  it('lets another board’s socket in once a room has worked a turn, and keeps the room’s order', async () => {
    const turns = new Turns()
    const done: string[] = []
    let chain: Promise<void> = Promise.resolve()
    // Ten queued updates of 1 ms each, as a busy board's chain of promises holds them.
    for (let i = 0; i < 10; i++) {
      chain = chain.then(() => turns.take()).then(() => {
        work(1)
        done.push(`busy ${i}`)
      })
    }
    // Another board's message, read by the event loop while the busy room works.
    setImmediate(() => done.push('other board'))
    await chain
    const other = done.indexOf('other board')
    expect(other).toBeGreaterThan(0)
    // Within the first turn or just after it, not after all ten.
    expect(other).toBeLessThanOrEqual(turnMs + 1)
    expect(done.filter((d) => d !== 'other board')).toEqual(Array.from({ length: 10 }, (_, i) => `busy ${i}`))
  })

  it('lets a room that works briefly go on at once, without waiting for the event loop', async () => {
    const turns = new Turns()
    expect(turns.take()).toBeUndefined()
    expect(turns.take()).toBeUndefined()
  })
})
