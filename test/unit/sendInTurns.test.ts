import { describe, expect, it } from 'vitest'
import { recipientsPerTurn, SendInTurns } from '../../server/room/sendInTurns.ts'

describe('a fan-out written in turns', () => {
  const crowd = Array.from({ length: 150 }, (_, i) => i)

  it('lets another board’s socket in before the last of a crowd, and reaches everyone', async () => {
    const events: string[] = []
    const done = new Promise<number>((resolve) => {
      const delivery = new SendInTurns<number>(resolve)
      delivery.start(crowd, true, (r) => events.push(`to ${r}`))
      expect(events).toHaveLength(recipientsPerTurn)
      expect(delivery.busy).toBe(true)
    })
    // A message on another board, read by the event loop meanwhile.
    setImmediate(() => events.push('other board'))
    await done
    const other = events.indexOf('other board')
    expect(other).toBeGreaterThanOrEqual(recipientsPerTurn)
    expect(other).toBeLessThan(crowd.length)
    expect(events.filter((e) => e !== 'other board')).toEqual(crowd.map((r) => `to ${r}`))
  })

  it('finishes a fan-out before the next starts, so each recipient gets them in order', () => {
    const got = new Map<number, string[]>()
    const delivery = new SendInTurns<number>(() => {})
    for (const message of ['first', 'second']) {
      delivery.start(crowd, true, (r) => got.set(r, [...(got.get(r) ?? []), message]))
    }
    delivery.finish()
    expect(delivery.busy).toBe(false)
    for (const r of crowd) expect(got.get(r)).toEqual(['first', 'second'])
  })

  it('writes at once to a crowd whose room is alone in the process', () => {
    const sent: number[] = []
    const delivery = new SendInTurns<number>(() => {})
    delivery.start(crowd, false, (r) => sent.push(r))
    expect(sent).toEqual(crowd)
    expect(delivery.busy).toBe(false)
  })

  it('writes a meeting’s fan-out at once', () => {
    const sent: number[] = []
    const delivery = new SendInTurns<number>(() => {})
    delivery.start([1, 2, 3], true, (r) => sent.push(r))
    expect(sent).toEqual([1, 2, 3])
    expect(delivery.busy).toBe(false)
  })
})
