/** Shared checks for template generators: schema validity, overlaps, notes placed into cells. */
import { createTLSchema, toRichText, type TLRecord, type TLShape, type TLShapeId } from '@tldraw/tlschema'
import { expect } from 'vitest'
import { overlaps, type Box } from '../../../shared/templates/geometry.ts'
import { buildTemplate, planTemplate, scaffoldMeta } from '../../../shared/templates/instance.ts'
import type { Locale } from '../../../shared/templates/model.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'

const schema = createTLSchema()

export function validate(records: TLRecord[]) {
  for (const record of records) {
    const type = schema.types[record.typeName as keyof typeof schema.types]
    expect(() => type.validate(record), record.id).not.toThrow()
  }
}

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

/** Pairs of blocks that overlap, except a block lying wholly inside a cell-like area it labels. */
export function overlappingPairs(plan: ReturnType<typeof planTemplate>): string[] {
  const boxes = layoutBoxes(plan)
  const pairs: string[] = []
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (overlaps(boxes[i].box, boxes[j].box, -0.5)) pairs.push(`${boxes[i].key} × ${boxes[j].key}`)
  return pairs
}

/** A participant's note with its centre on the given point. */
export function noteAt(x: number, y: number, text: string, id = newShapeId()): TLShape {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    parentId: 'page:page',
    index: 'b10' as TLShape['index'],
    x: x - 100,
    y: y - 100,
    rotation: 0,
    opacity: 1,
    isLocked: false,
    meta: {},
    props: {
      color: 'yellow',
      richText: toRichText(text),
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      labelColor: 'black',
      growY: 0,
      fontSizeAdjustment: 1,
      url: '',
      scale: 1,
      textLastEditedBy: null,
    },
  } as TLShape
}

/** The centre of the cell with this key. */
export function cellCentre(shapes: TLShape[], key: string) {
  const cell = shapes.find((s) => scaffoldMeta(s)?.key === key)
  if (!cell) throw new Error(`no cell ${key}`)
  const { w, h } = cell.props as { w: number; h: number }
  return { x: cell.x + w / 2, y: cell.y + h / 2 }
}
