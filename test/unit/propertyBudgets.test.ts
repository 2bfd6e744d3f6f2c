/**
 * Property and fuzz tests are sized for the gate: in `npm test` each draws its `gate` cases, with
 * PROPERTY_RUNS=full its full budget (docs/testing.md), and every `fc.assert` in the suite asks
 * `propertyParameters` for them, so that no new property runs thousands of cases in every run.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { propertyRuns, propertySeed } from '../helpers/propertyRuns.ts'

const testDir = join(import.meta.dirname, '..')

describe('property budgets', () => {
  const budget = { gate: 120, full: 2000 }

  it('draw the gate’s cases unless PROPERTY_RUNS asks for the full budget or a number', () => {
    expect(propertyRuns(budget, {})).toBe(120)
    expect(propertyRuns(budget, { PROPERTY_RUNS: '' })).toBe(120)
    expect(propertyRuns(budget, { PROPERTY_RUNS: 'full' })).toBe(2000)
    expect(propertyRuns(budget, { PROPERTY_RUNS: '5000' })).toBe(5000)
  })

  it('refuse a PROPERTY_RUNS or FUZZ_SEED that is no number, saying what they expect', () => {
    expect(() => propertyRuns(budget, { PROPERTY_RUNS: 'lots' })).toThrow(/PROPERTY_RUNS is "lots": a whole number of cases, or "full"/)
    expect(() => propertyRuns(budget, { PROPERTY_RUNS: '0' })).toThrow(/PROPERTY_RUNS/)
    expect(() => propertySeed({ FUZZ_SEED: 'x1' })).toThrow(/FUZZ_SEED is "x1"/)
    expect(propertySeed({ FUZZ_SEED: '-1234' })).toBe(-1234)
    expect(propertySeed({})).toBeUndefined()
  })

  it('are asked for by every property in the suite', () => {
    const files = readdirSync(testDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.test.ts'))
    const unsized = files.filter((name) => {
      const source = readFileSync(join(testDir, name), 'utf8')
      const asserts = source.match(/\bfc\.assert\(/g)?.length ?? 0
      const sized = source.match(/\bpropertyParameters\(/g)?.length ?? 0
      return asserts > sized
    })
    expect(files.length).toBeGreaterThan(100)
    expect(unsized, 'each fc.assert passes propertyParameters({ gate, full })').toEqual([])
  })
})
