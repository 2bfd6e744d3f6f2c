/**
 * Places for notes in a template cell: a grid of equal slots beneath the cell's label, at a note
 * size that gives the cell room for several notes. A note dropped into a cell takes the free slot
 * nearest to where it was dropped, so notes neither cover each other nor reach into the
 * neighbouring cell, and the export finds every note in its cell.
 *
 * Where the cell has room for several notes readable on the projector, its notes get that size,
 * even above tldraw's own; smaller notes in a smaller cell are shown larger when the template is
 * presented, part by part (projector.ts, projectorParts.ts).
 */
import { center, overlaps, type Box, type Point } from './geometry.ts'
import { legibleNoteScale, maxPartZoom } from './projector.ts'
import { labelHeight } from './typography.ts'

/** tldraw's note at scale 1. */
const noteSize = 200
const gap = 8
/** A cell's notes get smaller until it takes this many. */
const wantedSlots = 4
/** Below this scale a note's text is no longer readable at a workshop's usual zoom. */
export const minScale = 0.35

export interface Slots {
  scale: number
  boxes: Box[]
  /** The cell: a note laid on a taken slot stays inside it. */
  cell?: Box
}

/** The note scale readable on the projector at `legibleScale` (projector.ts), in steps of 0.05, at least the smallest note. */
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
 * The slots of a cell with this box and label, largest notes first, as large as leaves the cell
 * room for four (`wantedSlots`), and never larger than needed: up to the note scale readable on
 * the projector's view of the cell's part (`legibleScale`, projector.ts), or tldraw's own size if
 * that is larger. A cell too small for four readable notes gets smaller ones, and presenting shows
 * its part larger (projectorParts.ts). No slot covers an obstacle (a card lying in the cell).
 */
export function cellSlots(cell: Box, label: string, legibleScale = 1, obstacles: readonly Box[] = []): Slots {
  // Not smaller, for the sake of a fourth slot, than presenting can show readably with this cell
  // alone on the projector: a wide, low cell is shown no larger than its width allows.
  const floor = readableScale(legibleNoteScale(cell, maxPartZoom))
  let fitted: Slots | undefined
  for (let scale = Math.max(1, readableScale(legibleScale)); scale >= minScale - 1e-9; scale = Math.round((scale - 0.05) * 100) / 100) {
    if (fitted && scale < floor - 1e-9) break
    const boxes = slotsAt(cell, label, scale, obstacles)
    if (boxes.length === 0) continue
    fitted = { scale, boxes, cell }
    if (boxes.length >= wantedSlots) break
  }
  // A cell too small for even one note: the note sits in its top-left corner at the smallest size.
  const top = cell.y + labelHeight(label, cell.w)
  return fitted ?? { scale: minScale, boxes: [{ x: cell.x + gap, y: top, w: noteSize * minScale, h: noteSize * minScale }], cell }
}

function grid(x: number, y: number, cols: number, rows: number, step: number, size: number): Box[] {
  const boxes: Box[] = []
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) boxes.push({ x: x + c * step, y: y + r * step, w: size, h: size })
  return boxes
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y)

/** A note laid on a taken slot is moved by this share of its size per note beneath it. */
const cascade = 0.12

/**
 * Where a note dropped at `note` goes among `others` (the other notes in the cell): the nearest
 * free slot, or, when every slot is taken, the nearest slot with the fewest notes on it, moved a
 * little (down and right where the cell has room, else up or left, never onto the label) so that
 * no note lies exactly on another and the edge of the one beneath shows. Returns the note's new
 * top-left corner and scale.
 */
export function placeInSlots(slots: Slots, note: Box, others: readonly Box[]): { x: number; y: number; scale: number } {
  const dropped = center(note)
  const crowd = (slot: Box) => others.filter((other) => overlaps(slot, other, -1)).length
  const best = slots.boxes
    .map((slot) => ({ slot, crowd: crowd(slot), distance: distance(center(slot), dropped) }))
    .sort((a, b) => a.crowd - b.crowd || a.distance - b.distance)[0]
  const { slot, crowd: beneath } = best
  if (beneath === 0 || !slots.cell) return { x: slot.x, y: slot.y, scale: slots.scale }
  const { cell } = slots
  const step = cascade * slot.h
  const top = Math.min(...slots.boxes.map((b) => b.y))
  /** The k-th of the offsets that keep the note inside [low, high] along one axis, forward first. */
  const offset = (before: number, after: number) => {
    const forward = Array.from({ length: Math.max(0, Math.floor(after / step)) }, (_, i) => (i + 1) * step)
    const back = Array.from({ length: Math.max(0, Math.floor(before / step)) }, (_, i) => -(i + 1) * step)
    const choices = [...forward, ...back]
    return choices.length === 0 ? 0 : choices[(beneath - 1) % choices.length]!
  }
  const dx = offset(slot.x - cell.x - gap, cell.x + cell.w - gap - slot.x - slot.w)
  const dy = offset(slot.y - top, cell.y + cell.h - gap - slot.y - slot.h)
  return { x: slot.x + dx, y: slot.y + dy, scale: slots.scale }
}
