import { describe, expect, it } from 'vitest'
import { SyncBudget } from '../../server/judge/syncBudget.ts'

describe('SyncBudget', () => {
  it('allows answers while an address has bytes left, counts the one that crosses in full, and starts afresh next minute', () => {
    let now = 0
    const budget = new SyncBudget(1000, 60_000, () => now)
    expect(budget.allows('a')).toBe(true)
    budget.spend('a', 600)
    expect(budget.allows('a')).toBe(true)
    // Its size was not known before it was encoded: the answer that crosses the budget is sent.
    budget.spend('a', 600)
    expect(budget.allows('a')).toBe(false)
    expect(budget.allows('b')).toBe(true)
    now += 60_000
    expect(budget.allows('a')).toBe(true)
  })
})
