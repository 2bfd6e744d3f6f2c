/**
 * Where a shape lies on its page, read from the records alone (no editor): the phone places a
 * Zettel in a cell by it, the export and the vote find what lies inside a template by it.
 */
import type { TLShape } from '@tldraw/tlschema'
import { maxShapeDepth } from './shapeTree.ts'

/** A box on the page; the templates' plane geometry (`templates/geometry.ts`) works on it too. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** A shape's page box, from its record alone; parents' rotation is ignored. */
export function recordBounds(shape: TLShape, byId: Map<string, TLShape>): Box | undefined {
  const props = shape.props as Record<string, unknown>
  const scale = typeof props.scale === 'number' ? props.scale : 1
  const growY = typeof props.growY === 'number' ? props.growY : 0
  let w: number
  let h: number
  if (shape.type === 'note') {
    w = 200 * scale
    h = (200 + growY) * scale
  } else if (typeof props.w === 'number') {
    w = props.w * (shape.type === 'text' ? scale : 1)
    h = typeof props.h === 'number' ? props.h + growY : 40 * scale
  } else return undefined
  let x = shape.x
  let y = shape.y
  // Bounded: `byId` may hold a parent cycle when the caller did not leave those shapes out.
  let parent = byId.get(shape.parentId)
  for (let depth = 0; parent && depth < maxShapeDepth; depth++, parent = byId.get(parent.parentId)) {
    x += parent.x
    y += parent.y
  }
  return { x, y, w, h }
}
