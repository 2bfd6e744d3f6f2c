import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anchoredRecords, maxShapeDepth, shapeAnchor } from '../../shared/board/shapeTree.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'

const page = { id: 'page:p', typeName: 'page' }
const shape = (id: string, parentId: string) => ({ id: `shape:${id}`, typeName: 'shape', type: 'geo', parentId })
const lookupOf = (records: Array<{ id: string }>) => {
  const byId = new Map(records.map((r) => [r.id, r]))
  return (id: string) => byId.get(id) as never
}
/** shape:c0 on the page, shape:c1 inside it, … shape:c{n-1} the deepest. */
const chain = (n: number) => Array.from({ length: n }, (_, i) => shape(`c${i}`, i === 0 ? page.id : `shape:c${i - 1}`))

describe('a shape’s parent chain', () => {
  it('reaches the page through its parents', () => {
    const records = [page, shape('frame', page.id), shape('group', 'shape:frame'), shape('note', 'shape:group')]
    expect(shapeAnchor(records[3], lookupOf(records))).toEqual({ page: page.id, depth: 3 })
  })

  it('is a cycle when the shape is its own parent', () => {
    const self = shape('self', 'shape:self')
    expect(shapeAnchor(self, lookupOf([page, self]))).toEqual({ problem: 'cycle' })
  })

  it('is a cycle for A → B → A, seen from either', () => {
    const records = [page, shape('a', 'shape:b'), shape('b', 'shape:a'), shape('child', 'shape:a')]
    for (const r of records.slice(1)) expect(shapeAnchor(r, lookupOf(records))).toEqual({ problem: 'cycle' })
  })

  it('is broken by a missing parent or a missing page', () => {
    const orphan = shape('orphan', 'shape:gone')
    const lost = shape('lost', 'page:gone')
    expect(shapeAnchor(orphan, lookupOf([page, orphan]))).toEqual({ problem: 'missing-parent' })
    expect(shapeAnchor(lost, lookupOf([page, lost]))).toEqual({ problem: 'missing-parent' })
  })

  it('is too deep past the bound, however long', () => {
    const ok = chain(maxShapeDepth)
    expect(shapeAnchor(ok.at(-1)!, lookupOf([page, ...ok]))).toEqual({ page: page.id, depth: maxShapeDepth })
    const long = chain(100_000)
    expect(shapeAnchor(long.at(-1)!, lookupOf([page, ...long]))).toEqual({ problem: 'too-deep' })
  })

  it('never hangs and never accepts a shape whose chain does not reach a page (any parent graph)', () => {
    const ids = ['a', 'b', 'c', 'd', 'e']
    const parents = fc.constantFrom(...ids.map((i) => `shape:${i}`), page.id, 'page:gone', 'shape:gone', 'document:document')
    fc.assert(
      fc.property(fc.array(parents, { minLength: ids.length, maxLength: ids.length }), (parentIds) => {
        const records = [page, ...ids.map((id, i) => shape(id, parentIds[i]))]
        const lookup = lookupOf(records)
        for (const r of records.slice(1)) {
          const anchor = shapeAnchor(r, lookup)
          // Follow the chain by hand, with the graph small enough to bound it by its size.
          let at: { id: string; parentId?: string } | undefined = r
          for (let i = 0; i <= ids.length && at && at.id.startsWith('shape:'); i++) at = lookup(at.parentId!)
          expect('page' in anchor).toBe(at?.id === page.id)
        }
      }),
      propertyParameters({ gate: 100, full: 1000 }),
    )
  })
})

describe('the records of a board that can be shown', () => {
  it('leave out bad shapes, their children and bindings to any of them', () => {
    const records = [
      page,
      shape('good', page.id),
      shape('self', 'shape:self'),
      shape('a', 'shape:b'),
      shape('b', 'shape:a'),
      shape('inside', 'shape:a'),
      { ...shape('arrow', page.id), type: 'arrow' },
      { id: 'binding:ok', typeName: 'binding', type: 'arrow', fromId: 'shape:arrow', toId: 'shape:good' },
      // tldraw draws no arrow bound to itself, and binds arrows, not notes.
      { id: 'binding:self', typeName: 'binding', type: 'arrow', fromId: 'shape:arrow', toId: 'shape:arrow' },
      { id: 'binding:fromNote', typeName: 'binding', type: 'arrow', fromId: 'shape:good', toId: 'shape:arrow' },
      { id: 'binding:bad', typeName: 'binding', type: 'arrow', fromId: 'shape:good', toId: 'shape:self' },
      { id: 'binding:gone', typeName: 'binding', type: 'arrow', fromId: 'shape:nothing', toId: 'shape:good' },
    ]
    const { shown, leftOut } = anchoredRecords(records)
    expect(shown.map((r) => r.id)).toEqual(['page:p', 'shape:good', 'shape:arrow', 'binding:ok'])
    expect(leftOut.map((r) => r.id)).toEqual(['shape:self', 'shape:a', 'shape:b', 'shape:inside', 'binding:self', 'binding:fromNote', 'binding:bad', 'binding:gone'])
  })
})
