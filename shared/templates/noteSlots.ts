/**
 * Places for notes in a template cell: a grid of equal slots beneath the cell's label, at a note
 * size that gives the cell room for several notes. A note dropped into a cell takes the free slot
 * nearest to where it was dropped, so notes neither cover each other nor reach into the
 * neighbouring cell, and the export finds every note in its cell.
 *
 * A cell's notes are never smaller than what its part of the template on the projector shows
 * readably (projector.ts, projectorParts.ts), even above tldraw's own size; a template whose cells
 * are too small for that at once is shown on the projector part by part.
 */
import { center, overlaps, type Box, type Point } from './geometry.ts'
import { labelHeight } from './typography.ts'

/** tldraw's note at scale 1. */
const noteSize = 200
const gap = 8
/** A cell's notes get smaller, down to what the projector can show readably, until it takes this many. */
const wantedSlots = 4
/** Below this scale a note's text is no longer readable at a workshop's usual zoom. */
const minScale = 0.35

export interface Slots {
  scale: number
  boxes: Box[]
  /** The cell: a note laid on a taken slot stays inside it. */
  cell?: Box
}

/** The smallest note scale for a cell whose notes are readable on the projector at `legibleScale` (projector.ts), in steps of 0.05. */
export const readableScale = (legibleScale: number) => Math.max(minScale, Math.ceil(legibleScale * 20 - 1e-9) / 20)

/** The slots of a cell at one note scale, around its obstacles. */
export function slotsAt(cell: Box, label: string, scale: number, obstacles: readonly Box[] = []): Box[] {
  const top = cell.y + labelHeight(label, cell.w)
  const height = cell.y + cell.h - top
  const step = noteSize * scale + gap
  const cols = Math.floor((cell.w - gap) / step)
  const rows = Math.floor((height - gap) / step)
  if (cols < 1 || rows < 1) return []
  return grid(cell.x + gap, top + gap, cols, rows, step, noteSize * scale).filter((slot) => !obstacles.some((o) => overlaps(slot, o)))
}

/**
 * The slots of a cell with this box and label, largest notes first; `legibleScale` is the note
 * scale readable on the projector's view of the cell (projector.ts), below which notes shrink
 * only in a cell too small for one readable note; no slot covers an obstacle (a card lying in
 * the cell).
 */
export function cellSlots(cell: Box, label: string, legibleScale = 1, obstacles: readonly Box[] = []): Slots {
  const readable = readableScale(legibleScale)
  const largest = Math.max(1, readable)
  const scales: number[] = []
  for (let scale = largest; scale >= minScale - 1e-9; scale = Math.round((scale - 0.05) * 100) / 100) scales.push(scale)
  let fitted: Slots | undefined
  for (const scale of scales.filter((s) => s >= readable - 1e-9)) {
    const boxes = slotsAt(cell, label, scale, obstacles)
    if (boxes.length === 0) continue
    fitted = { scale, boxes, cell }
    if (boxes.length >= wantedSlots) break
  }
  if (fitted) return fitted
  // Too small for one readable note: the largest that fits at all.
  for (const scale of scales.filter((s) => s < readable - 1e-9)) {
    const boxes = slotsAt(cell, label, scale, obstacles)
    if (boxes.length > 0) return { scale, boxes, cell }
  }
  // A cell too small for even one note: the note sits in its top-left corner at the smallest size.
  const top = cell.y + labelHeight(label, cell.w)
  return { scale: minScale, boxes: [{ x: cell.x + gap, y: top, w: noteSize * minScale, h: noteSize * minScale }], cell }
}

function grid(x: number, y: number, cols: number, rows: number, step: number, size: number): Box[] {
  const boxes: Box[] = []
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) boxes.push({ x: x + c * step, y: y + r * step, w: size, h: size })
  return boxes
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)

/** A note laid on a taken slot is moved this share of its size down and right per note beneath it. */
const cascade = 0.2

/**
 * Where a note dropped at `note` goes among `others` (the other notes in the cell): the nearest
 * free slot, or, when every slot is taken, the nearest slot with the fewest notes on it, moved
 * down and right (as far as the cell allows) so that the notes beneath show their top line. Returns the note's new top-left
 * corner and scale.
 */
export function placeInSlots(slots: Slots, note: Box, others: readonly Box[]): { x: number; y: number; scale: number } {
  const dropped = center(note)
  const crowd = (slot: Box) => others.filter((other) => overlaps(slot, other, -1)).length
  const best = slots.boxes
    .map((slot) => ({ slot, crowd: crowd(slot), distance: distance(center(slot), dropped) }))
    .sort((a, b) => a.crowd - b.crowd || a.distance - b.distance)[0]
  const { slot } = best
  const room = slots.cell ? Math.max(0, Math.min(slots.cell.x + slots.cell.w - slot.x - slot.w, slots.cell.y + slots.cell.h - slot.y - slot.h) - gap) : 0
  const offset = Math.min(room, best.crowd * cascade * slot.h)
  return { x: slot.x + offset, y: slot.y + offset, scale: slots.scale }
}
