/**
 * How many cases a property or fuzz test draws. `npm test` is a gate that must answer in minutes,
 * so there each property draws `gate` cases from a new seed; before touching what a property
 * guards (the judge, the board's rules, the protocol), run the full budgets (docs/testing.md):
 *
 *   PROPERTY_RUNS=full  each property's `full` budget
 *   PROPERTY_RUNS=<n>   n cases for every property
 *   FUZZ_SEED=<seed>    the seed a failure printed, to repeat that run
 */
import type { Parameters as CheckParameters } from 'fast-check'
import { hang } from './hang.ts'

export interface PropertyBudget {
  /** Cases in `npm test`. */
  gate: number
  /** Cases with PROPERTY_RUNS=full: the number the property was written to hold for. */
  full: number
}

/** The cases for this run, as PROPERTY_RUNS asks. */
export function propertyRuns(budget: PropertyBudget, env: NodeJS.ProcessEnv = process.env): number {
  const asked = env.PROPERTY_RUNS?.trim()
  if (!asked) return budget.gate
  if (asked === 'full') return budget.full
  const runs = Number(asked)
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`PROPERTY_RUNS is "${asked}": a whole number of cases, or "full"`)
  return runs
}

/** The seed FUZZ_SEED repeats, or none (fast-check draws one and prints it when a case fails). */
export function propertySeed(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const asked = env.FUZZ_SEED?.trim()
  if (!asked) return undefined
  const seed = Number(asked)
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED is "${asked}": the whole number a failing run printed`)
  return seed
}

/** `fc.assert`'s parameters for a property of this budget: its runs and the seed to repeat. */
export function propertyParameters<T>(budget: PropertyBudget, extra: CheckParameters<T> = {}): CheckParameters<T> {
  const seed = propertySeed()
  return { ...extra, numRuns: propertyRuns(budget), ...(seed === undefined ? {} : { seed }) }
}

/** A test's timeout that grows with its cases, so that a full budget on a loaded machine is slow, not red. */
export const propertyTimeout = (budget: PropertyBudget, msPerRun: number, baseMs = 60_000): number => hang(baseMs + propertyRuns(budget) * msPerRun)
