/**
 * Growing one template never scrambles another: with two and three templates stacked below,
 * beside and diagonal to each other, every grow action of the grown template leaves every other
 * template's own layout (and the notes in it) exactly as it was, moved as one piece, the grown
 * one laid out exactly as its new options say, and no two templates overlap afterwards.
 */
import { describe, expect, it } from 'vitest'
import type { TLShape } from '@tldraw/tlschema'
import { recordBounds } from '../../../shared/board/shapeBounds.ts'
import { overlaps, union, type Box } from '../../../shared/templates/geometry.ts'
import type { Instance } from '../../../shared/templates/instance.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { templateNames, templates, type TemplateName } from '../../../shared/templates/registry.ts'
import { findInstances, growInstance, planTemplate } from '../../../shared/templates/catalogue.ts'
import { build, cellCentre, newShapeId, noteAt, validate } from './helpers.ts'

const gap = 200

/** A template's scaffold and one note in its first cell, placed at `origin`. */
function placed(name: TemplateName, origin: { x: number; y: number }): TLShape[] {
  const { shapes } = build(name, {}, 'de', origin)
  const cell = shapes.find((s) => scaffoldMeta(s)?.kind === 'cell')!
  const { x, y } = cellCentre(shapes, scaffoldMeta(cell)!.key)
  return [...shapes, noteAt(x, y, `Zettel in ${name}`)]
}

const boxOf = (shapes: TLShape[]): Box => {
  const byId = new Map(shapes.map((s) => [s.id, s]))
  return union(shapes.flatMap((s) => recordBounds(s, byId) ?? []))!
}

type Arrangement = 'below' | 'beside' | 'diagonal'
const offset = (box: Box, arrangement: Arrangement) => ({
  x: arrangement === 'below' ? box.x : box.x + box.w + gap,
  y: arrangement === 'beside' ? box.y : box.y + box.h + gap,
})

/** The grown template at the origin, then each neighbour placed relative to the one before. */
function board(grown: TemplateName, neighbours: Array<[TemplateName, Arrangement]>) {
  let shapes = placed(grown, { x: 0, y: 0 })
  let last = boxOf(shapes)
  const groups: TLShape[][] = []
  for (const [name, arrangement] of neighbours) {
    const group = placed(name, offset(last, arrangement))
    groups.push(group)
    shapes = [...shapes, ...group]
    last = boxOf(group)
  }
  return { shapes, groups }
}

function growFirst(shapes: TLShape[], grown: Instance, actionId: string) {
  const byId = new Map(shapes.map((s) => [s.id, s]))
  const result = growInstance({ shapes, instance: grown, actionId, input: 'Neue Stelle', boundsOf: (s) => recordBounds(s, byId), newShapeId })
  validate([...result.create, ...result.update])
  const updated = new Map(result.update.map((s) => [s.id, s]))
  return [...shapes.map((s) => updated.get(s.id) ?? s), ...result.create]
}

/** Every shape of the group moved by the same amount: the group's own layout is untouched. */
function expectRigid(before: TLShape[], after: Map<string, TLShape>) {
  const [first] = before
  const dx = after.get(first.id)!.x - first.x
  const dy = after.get(first.id)!.y - first.y
  for (const shape of before) {
    const now = after.get(shape.id)!
    expect({ id: shape.id, x: now.x - shape.x, y: now.y - shape.y, props: now.props }).toEqual({ id: shape.id, x: dx, y: dy, props: shape.props })
  }
}

/** The grown template looks exactly as a fresh layout of its new options would. */
function expectOwnLayout(instance: Instance<TemplateName>) {
  const plan = planTemplate(instance.template, instance.options, instance.locale)
  expect(instance.shapes.size).toBe(plan.layout.blocks.length)
  for (const block of plan.layout.blocks) {
    const shape = instance.shapes.get(block.key)!
    expect({ key: block.key, x: shape.x, y: shape.y }).toEqual({ key: block.key, x: instance.title.x + block.x, y: instance.title.y + block.y })
  }
}

const arrangements: Arrangement[] = ['below', 'beside', 'diagonal']

describe('growing a template next to others', () => {
  for (const grownName of templateNames) {
    for (const action of templates[grownName].actions) {
      it(`${grownName} · ${action.id}: neighbours below, beside and diagonal keep their layout, nothing overlaps`, () => {
        for (const arrangement of arrangements) {
          // Two neighbours in a row, of other kinds, so that three templates stand in line.
          const others = templateNames.filter((n) => n !== grownName).slice(0, 2)
          const { shapes, groups } = board(grownName, [
            [others[0], arrangement],
            [others[1], arrangement],
          ])
          const grown = findInstances(shapes).find((i) => i.template === grownName)!
          const next = growFirst(shapes, grown, action.id)
          const byId = new Map(next.map((s) => [s.id, s]))
          for (const group of groups) expectRigid(group, byId)
          const instances = findInstances(next)
          expectOwnLayout(instances.find((i) => i.template === grownName)!)
          const boxes = instances.map((instance) => boxOf([...instance.shapes.values()]))
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              expect(overlaps(boxes[i], boxes[j]), `${instances[i].template} and ${instances[j].template} (${arrangement})`).toBe(false)
            }
          }
        }
      })
    }
  }
})
