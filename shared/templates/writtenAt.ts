/**
 * The point a shape was written at, which files it in a template's cell or lane. A text grows
 * from where it was started (rightwards, to both sides or leftwards, as it is aligned), so a long
 * one started in the middle of a cell reaches far into the next column: its starting point
 * counts, never its centre. A note or a geo shape is placed around where it was put: its centre.
 */
import type { TLShape } from '@tldraw/tlschema'
import { center, type Box, type Point } from './geometry.ts'

export function writtenAt(shape: TLShape, box: Box): Point {
  if (shape.type !== 'text') return center(box)
  const align = (shape.props as { textAlign?: unknown }).textAlign
  return { x: align === 'middle' ? box.x + box.w / 2 : align === 'end' ? box.x + box.w : box.x, y: box.y }
}
