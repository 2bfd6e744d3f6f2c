/**
 * Others' arrows under „Zettel anderer schützen“ (shared/board/arrowRights.ts), read on a board
 * stored before tldraw kept bindings as records: writing back tldraw's migration of such an arrow
 * (its bound end turned into a binding record, its free end's point in the new form) changes
 * nothing it says, and is no participant's attack; a binding to another shape still is.
 */
import { describe, expect, it } from 'vitest'
import { arrowRefusal, bindingRefusal, type ArrowView } from '../../shared/board/arrowRights.ts'

type Rec = Record<string, unknown>

const oldArrow: Rec = {
  id: 'shape:link',
  typeName: 'shape',
  type: 'arrow',
  meta: {},
  props: { start: { type: 'binding', boundShapeId: 'shape:box', normalizedAnchor: { x: 0.5, y: 0.5 } }, end: { type: 'point', x: 300, y: 40 } },
}
const migratedArrow: Rec = { ...oldArrow, props: { start: { x: 0, y: 0 }, end: { x: 300, y: 40 } } }
const binding = (toId: string): Rec => ({ id: 'binding:b', typeName: 'binding', type: 'arrow', fromId: 'shape:link', toId, props: { terminal: 'start' } })

function view(before: Rec[], after: Rec[]): ArrowView {
  const b = new Map(before.map((r) => [r.id as string, r]))
  const a = new Map(after.map((r) => [r.id as string, r]))
  return { before: (id) => b.get(id), after: (id) => a.get(id), mayChange: () => false, bindings: () => [...new Set([...b.keys(), ...a.keys()])].filter((id) => id.startsWith('binding:')) }
}

describe('an arrow stored the old way, migrated by a participant’s client', () => {
  it('may be written back: the same end bound to the same shape, the free end where it was', () => {
    const v = view([oldArrow], [migratedArrow, binding('shape:box')])
    expect(arrowRefusal('shape:link', v)).toBe(null)
    expect(bindingRefusal('binding:b', v)).toBe(null)
  })

  it('still refuses a binding to another shape, or the free end moved', () => {
    expect(bindingRefusal('binding:b', view([oldArrow], [migratedArrow, binding('shape:other')]))).not.toBe(null)
    const moved = { ...migratedArrow, props: { start: { x: 0, y: 0 }, end: { x: 900, y: 40 } } }
    expect(arrowRefusal('shape:link', view([oldArrow], [moved]))).not.toBe(null)
  })
})
