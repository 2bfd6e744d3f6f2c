/**
 * Places for notes in a template cell: a grid of equal slots beneath the cell's label, at a note
 * size that gives the cell room for several notes. A note dropped into a cell takes the free slot
 * nearest to where it was dropped, so notes neither cover each other nor reach into the
 * neighbouring cell, and the export finds every note in its cell.
 *
 * Where the cell has room for several notes that can be read with the whole template on the
 * projector (projector.ts), its notes get that size, even above tldraw's own; a cell too small
 * for that keeps notes that leave room for several.
 */
import { center, overlaps, type Box, type Point } from './geometry.ts'
import { labelHeight } from './typography.ts'

/** tldraw's note at scale 1. */
const noteSize = 200
const gap = 8
/** A cell should take at least this many notes before its notes get smaller than… */
const wantedSlots = 4
/** …this scale, below which a note's text is no longer readable at a workshop's usual zoom. */
const minScale = 0.35

export interface Slots {
  scale: number
  boxes: Box[]
}

/**
 * The slots of a cell with this box and label, largest notes first; `legibleScale` is the note
 * scale readable at the projector's view of the cell's template (projector.ts); no slot covers an
 * obstacle (a card lying in the cell).
 */
export function cellSlots(cell: Box, label: string, legibleScale = 1, obstacles: readonly Box[] = []): Slots {
  const top = cell.y + labelHeight(label, cell.w)
  const height = cell.y + cell.h - top
  let fitted: Slots | undefined
  const largest = Math.max(1, Math.ceil(legibleScale * 20) / 20)
  for (let scale = largest; scale >= minScale - 1e-9; scale = Math.round((scale - 0.05) * 100) / 100) {
    const step = noteSize * scale + gap
    const cols = Math.floor((cell.w - gap) / step)
    const rows = Math.floor((height - gap) / step)
    if (cols < 1 || rows < 1) continue
    const boxes = grid(cell.x + gap, top + gap, cols, rows, step, noteSize * scale).filter((slot) => !obstacles.some((o) => overlaps(slot, o)))
    if (boxes.length === 0) continue
    fitted = { scale, boxes }
    if (boxes.length >= wantedSlots) break
  }
  // A cell too small for even one note: the note sits in its top-left corner at the smallest size.
  return fitted ?? { scale: minScale, boxes: [{ x: cell.x + gap, y: top, w: noteSize * minScale, h: noteSize * minScale }] }
}

function grid(x: number, y: number, cols: number, rows: number, step: number, size: number): Box[] {
  const boxes: Box[] = []
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) boxes.push({ x: x + c * step, y: y + r * step, w: size, h: size })
  return boxes
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)

/**
 * Where a note dropped at `note` goes among `others` (the other notes in the cell): the nearest
 * free slot, or, when every slot is taken, the nearest slot with the fewest notes on it. Returns
 * the note's new top-left corner and scale.
 */
export function placeInSlots(slots: Slots, note: Box, others: readonly Box[]): { x: number; y: number; scale: number } {
  const dropped = center(note)
  const crowd = (slot: Box) => others.filter((other) => overlaps(slot, other, -1)).length
  const best = slots.boxes
    .map((slot) => ({ slot, crowd: crowd(slot), distance: distance(center(slot), dropped) }))
    .sort((a, b) => a.crowd - b.crowd || a.distance - b.distance)[0]
  return { x: best.slot.x, y: best.slot.y, scale: slots.scale }
}
