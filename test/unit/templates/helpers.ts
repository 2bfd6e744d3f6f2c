/** Shared checks for template generators: schema validity, overlaps, notes placed into cells. */
export { noteAt } from '../../helpers/records.ts'
import {
  createBindingId,
  createTLSchema,
  toRichText,
  type TLArrowBinding,
  type TLArrowShape,
  type TLRecord,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema'
import { expect } from 'vitest'
import { noteAt } from '../../helpers/records.ts'
import { overlaps, type Box } from '../../../shared/templates/geometry.ts'
import { recordBounds } from '../../../shared/board/shapeBounds.ts'
import { buildTemplate } from '../../../shared/templates/instance.ts'
import { findInstances, growInstance, planTemplate } from '../../../shared/templates/catalogue.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Block } from '../../../shared/templates/model.ts'
import type { Locale } from '../../../shared/locale.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'

const schema = createTLSchema()

/** The templates of the second wave: meetings, goals, needs, maps and reports. */
export const secondWave: TemplateName[] = [
  'protokoll',
  'gruendungsveranstaltung',
  'zielsystem',
  'bedarfsanalyse',
  'netzwerkkarte',
  'reifegrad',
  'fallmatrix',
  'statusbericht',
]

export function validate(records: TLRecord[]) {
  for (const record of records) {
    const type = schema.types[record.typeName as keyof typeof schema.types]
    expect(() => type.validate(record), record.id).not.toThrow()
  }
}

/** A scaffold shape's block key. */
export const keyOf = (shape: TLShape) => scaffoldMeta(shape)?.key

let counter = 0
export const newShapeId = () => `shape:t${++counter}` as TLShapeId

export function build(name: TemplateName, options: unknown, locale: Locale = 'de', origin = { x: 0, y: 0 }) {
  const plan = planTemplate(name, options, locale)
  const shapes = buildTemplate(plan, {
    locale,
    origin,
    parentId: 'page:page' as TLShape['parentId'],
    instance: `i${++counter}`,
    newShapeId,
  })
  return { plan, shapes }
}

/** Box of a scaffold shape as laid out (text shapes by their layout block). */
export function layoutBoxes(plan: ReturnType<typeof planTemplate>): { key: string; kind: string; box: Box }[] {
  return plan.layout.blocks.map((b) => ({ key: b.key, kind: b.kind, box: { x: b.x, y: b.y, w: b.w, h: b.h } }))
}

/**
 * Pairs of blocks that overlap (touching edges, a prompt on its own header, and a card lying
 * wholly inside a cell, as actors on a network map, are fine).
 */
export function overlappingPairs(plan: ReturnType<typeof planTemplate>): string[] {
  const boxes = layoutBoxes(plan)
  const blocks = plan.layout.blocks
  const inside = (a: Block, b: Block) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h
  const cardInCell = (a: Block, b: Block) => a.kind === 'card' && b.kind === 'cell' && inside(a, b)
  const onEachOther = (a: Block, b: Block) =>
    (a.kind === 'prompt' && a.on === b.key) || (b.kind === 'prompt' && b.on === a.key) || cardInCell(a, b) || cardInCell(b, a)
  const pairs: string[] = []
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlaps(boxes[i].box, boxes[j].box, -0.5) && !onEachOther(blocks[i], blocks[j])) pairs.push(`${boxes[i].key} × ${boxes[j].key}`)
  return pairs
}

/** A note in the cell with this key, `dy` below its centre. */
export function noteInCell(shapes: TLShape[], key: string, text: string, dy = 0): TLShape {
  const c = cellCentre(shapes, key)
  return noteAt(c.x, c.y + dy, text)
}

/** The centre of the cell with this key. */
export function cellCentre(shapes: TLShape[], key: string) {
  const cell = shapes.find((s) => scaffoldMeta(s)?.key === key)
  if (!cell) throw new Error(`no cell ${key}`)
  const { w, h } = cell.props as { w: number; h: number }
  return { x: cell.x + w / 2, y: cell.y + h / 2 }
}

/** A tldraw arrow from one shape to another, with its two bindings. */
export function arrow(from: TLShape, to: TLShape): [TLArrowShape, TLArrowBinding, TLArrowBinding] {
  const id = newShapeId()
  const shape = {
    id,
    typeName: 'shape',
    type: 'arrow',
    parentId: 'page:page',
    index: 'b20',
    x: from.x,
    y: from.y,
    rotation: 0,
    opacity: 1,
    isLocked: false,
    meta: {},
    props: {
      kind: 'arc',
      labelColor: 'black',
      color: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      arrowheadStart: 'none',
      arrowheadEnd: 'arrow',
      font: 'draw',
      start: { x: 0, y: 0 },
      end: { x: to.x - from.x, y: to.y - from.y },
      bend: 0,
      richText: toRichText(''),
      labelPosition: 0.5,
      scale: 1,
      elbowMidPoint: 0.5,
    },
  } as unknown as TLArrowShape
  const binding = (toId: TLShape['id'], terminal: 'start' | 'end'): TLArrowBinding => ({
    id: createBindingId(),
    typeName: 'binding',
    type: 'arrow',
    fromId: id,
    toId,
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
    meta: {},
  })
  return [shape, binding(from.id, 'start'), binding(to.id, 'end')]
}

/** Arrows along a path of shapes. */
export const path = (...shapes: TLShape[]) => shapes.slice(1).flatMap((to, i) => arrow(shapes[i], to))

/** Applies a grow action to a board's shapes; returns the changes and the board after them. */
export function grow(shapes: TLShape[], actionId: string, input?: string) {
  const byId = new Map(shapes.map((s) => [s.id, s]))
  const [instance] = findInstances(shapes)
  const result = growInstance({ shapes, instance, actionId, input, boundsOf: (s) => recordBounds(s, byId), newShapeId })
  validate([...result.create, ...result.update])
  const next = [...shapes.map((s) => result.update.find((u) => u.id === s.id) ?? s), ...result.create]
  return { ...result, next }
}

/** After growing, the board looks exactly as a fresh layout of the new options would. */
export function expectTidy(records: TLShape[]) {
  const [instance] = findInstances(records)
  const plan = planTemplate(instance.template, instance.options, instance.locale)
  expect(overlappingPairs(plan)).toEqual([])
  expect(instance.shapes.size).toBe(plan.layout.blocks.length)
  for (const block of plan.layout.blocks) {
    const shape = instance.shapes.get(block.key)!
    const props = shape.props as { h?: number }
    const w = recordBounds(shape, new Map())!.w
    // A text's width is stored divided by its scale: compare to a thousandth of a pixel.
    const round = (n: number) => Math.round(n * 1000) / 1000
    expect({ key: block.key, x: shape.x, y: shape.y, w: round(w), h: props.h ?? block.h }).toEqual({
      key: block.key,
      x: instance.title.x + block.x,
      y: instance.title.y + block.y,
      w: round(block.w),
      h: block.h,
    })
  }
}
