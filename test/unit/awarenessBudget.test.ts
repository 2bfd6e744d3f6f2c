/** Awareness per address: what it holds is freed on every way a state leaves, and its rate is shared by its sockets. */
import { describe, expect, it } from 'vitest'
import { AwarenessBudget } from '../../server/judge/awarenessBudget.ts'
import { encodeAwarenessEntries } from '../../shared/protocol.ts'

const update = (entries: Array<[clientId: number, state: string]>) => encodeAwarenessEntries(entries.map(([clientId, state]) => ({ clientId, clock: 1, state })))
const state = (bytes: number) => JSON.stringify({ p: 'x'.repeat(bytes - 8) })

describe('awareness budget per address', () => {
  it('counts an address’s states together, frees them when they leave by null or by forgetting, and refuses what passes its share', () => {
    const budget = new AwarenessBudget({ maxBytesPerAddress: 3000, maxBytesPerBoard: 5000, bytesPerSecondPerAddress: 1e9 })
    expect(budget.admit('a', update([[1, state(1000)], [2, state(1000)]]), 0)).toEqual({ pass: true })
    expect(budget.admit('a', update([[3, state(1500)]]), 0)).toEqual({ pass: false, refused: 'too much awareness from this address' })
    // A state replaced by a smaller one, one left by null, one forgotten (its connection closed): room again.
    expect(budget.admit('a', update([[1, state(200)]]), 0)).toEqual({ pass: true })
    expect(budget.admit('a', update([[2, 'null']]), 0)).toEqual({ pass: true })
    expect(budget.bytes).toBe(200)
    budget.forget(1)
    expect(budget.bytes).toBe(0)
    expect(budget.admit('a', update([[3, state(2900)]]), 0)).toEqual({ pass: true })
    // The board's share counts every address.
    expect(budget.admit('b', update([[4, state(2000)]]), 0)).toEqual({ pass: true })
    expect(budget.admit('c', update([[5, state(200)]]), 0)).toEqual({ pass: false, refused: 'too much awareness on this board' })
  })

  it('passes on one address’s changes at its rate, whichever of its sockets sends them, and departures always', () => {
    const budget = new AwarenessBudget({ maxBytesPerAddress: 1e9, maxBytesPerBoard: 1e9, bytesPerSecondPerAddress: 1000 })
    const passed = Array.from({ length: 10 }, (_, i) => budget.admit('a', update([[i, state(500)]]), 0).pass)
    // A burst of twice the rate: three states of a little over 500 bytes, then nothing until it refills.
    expect(passed.filter(Boolean)).toHaveLength(3)
    expect(budget.admit('b', update([[20, state(500)]]), 0)).toEqual({ pass: true })
    expect(budget.admit('a', update([[0, 'null']]), 0)).toEqual({ pass: true })
    expect(budget.admit('a', update([[11, state(500)]]), 1000).pass).toBe(true)
  })

  it('says when a change over the rate may pass, and never for one larger than the burst', () => {
    const budget = new AwarenessBudget({ maxBytesPerAddress: 1e9, maxBytesPerBoard: 1e9, bytesPerSecondPerAddress: 1000 })
    expect(budget.admit('a', update([[1, state(1500)]]), 0).pass).toBe(true)
    const refused = budget.admit('a', update([[2, state(1000)]]), 0)
    if (refused.pass || refused.refused !== null) throw new Error(`expected a wait, got ${JSON.stringify(refused)}`)
    expect(budget.admit('a', update([[2, state(1000)]]), refused.retryInMs - 1).pass).toBe(false)
    expect(budget.admit('a', update([[2, state(1000)]]), refused.retryInMs).pass).toBe(true)
    expect(budget.admit('a', update([[3, state(2500)]]), 10_000)).toEqual({ pass: false, refused: null, retryInMs: Infinity })
  })
})
