import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyPatch, diffStates } from '../../shared/presencePatch.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'

const json = fc.jsonValue({ maxDepth: 6 })
// As the relay and clients hold states: parsed from JSON (no -0, no undefined).
const state = fc.dictionary(fc.string({ maxLength: 6 }), json, { maxKeys: 6 }).map((s) => JSON.parse(JSON.stringify(s)))

/** A presence like our client publishes, about 480 bytes. */
const presence = (x: number, y: number) => ({
  presence: {
    userId: 'user:anna',
    userName: 'Anna (Jobcenter)',
    color: '#d2691e',
    camera: { x: -120, y: -80, z: 1 },
    screenBounds: { x: 0, y: 0, w: 1440, h: 900 },
    cursor: { x, y, type: 'default', rotation: 0 },
    lastActivityTimestamp: 1_763_900_000_000 + x,
    currentPageId: 'page:page',
    selectedShapeIds: [],
    brush: null,
    scribbles: [],
    chatMessage: '',
    followingUserId: null,
    meta: {},
  },
  workshop: { role: 'participant' },
})

describe('presence patches', () => {
  it('turn any state into any other, whatever the keys and nesting', () => {
    fc.assert(
      fc.property(state, state, (from, to) => {
        const patched = applyPatch(structuredClone(from), JSON.parse(JSON.stringify(diffStates(from, to))))
        expect(patched).toEqual(to)
      }),
      propertyParameters({ gate: 500, full: 5000 }),
    )
  })

  it('carry a cursor move in a fraction of the whole state', () => {
    const before = presence(100, 200)
    const after = presence(130.5, 210.25)
    const patch = JSON.stringify(diffStates(before, after))
    expect(applyPatch(before, JSON.parse(patch))).toEqual(after)
    expect(patch.length).toBeLessThan(JSON.stringify(after).length / 4)
  })

  it('keep a key named __proto__ a key and leave every prototype alone', () => {
    const hostile = JSON.parse('{"__proto__":{"polluted":true},"a":{"__proto__":{"polluted":true}}}')
    const patch = JSON.parse(JSON.stringify(diffStates({}, hostile)))
    const patched = applyPatch({}, patch)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype)
    expect(JSON.stringify(patched)).toBe(JSON.stringify(hostile))
  })

  it('replace an object too deep to go into, without its stale keys', () => {
    const from = { a: { b: { c: { d: { old: 1, kept: 2 } } } } }
    const to = { a: { b: { c: { d: { kept: 3 } } } } }
    expect(applyPatch(from, diffStates(from, to))).toEqual(to)
  })
})
