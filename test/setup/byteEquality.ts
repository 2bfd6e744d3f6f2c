/**
 * `toEqual` of two byte arrays compares their bytes at once. Vitest's own walk reads a typed
 * array as an object: it lists every index as a key and compares `Object.entries` pair by pair,
 * about 150 ms and megabytes of garbage for one encoded Planspiel board, which every refused
 * update in the judge tests compares (more than half of protectedSight's CPU time).
 *
 * The same answer as vitest's for what the tests compare: equal when both are byte arrays of the
 * same class (a Buffer is not a Uint8Array to `toEqual` either) holding the same bytes.
 * Anything else falls through to vitest's own comparison.
 */
import { expect } from 'vitest'

export function bytesEqual(a: unknown, b: unknown): boolean | undefined {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array)) return undefined
  if (a.constructor !== b.constructor) return false
  return Buffer.compare(a, b) === 0
}

// Once per thread: the unit files share their module graph but run this file each (`isolate: false`),
// and every tester added is asked at every level of every comparison.
const added = Symbol.for('netzwerkstatt.bytesEqual')
const state = globalThis as { [added]?: true }
if (!state[added]) {
  state[added] = true
  expect.addEqualityTesters([bytesEqual])
}
