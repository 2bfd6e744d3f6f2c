/** Plane geometry for placing templates and finding which cell a note lies in. */
export interface Point {
  x: number
  y: number
}

// The box a shape takes on its page is the board's (`board/shapeBounds.ts`); placing works on it.
export type { Box } from '../board/shapeBounds.ts'
import type { Box } from '../board/shapeBounds.ts'

export const overlaps = (a: Box, b: Box, gap = 0) =>
  a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap

export const contains = (box: Box, p: Point) =>
  p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h

export const center = (box: Box): Point => ({ x: box.x + box.w / 2, y: box.y + box.h / 2 })

export function union(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined
  const minX = Math.min(...boxes.map((b) => b.x))
  const minY = Math.min(...boxes.map((b) => b.y))
  const maxX = Math.max(...boxes.map((b) => b.x + b.w))
  const maxY = Math.max(...boxes.map((b) => b.y + b.h))
  return { x: minX, y: minY, w: maxX - minX, h: maxY - minY }
}

/** The space the Vorlagen panel keeps between a new template and what is on the page already. */
export const templateGap = 80

/**
 * The top-left corner for a box of `size` that overlaps none of `occupied` (keeping `gap` to
 * them), as close as possible to being centred on `near`. Candidates are the centred spot and the
 * spots beside each occupied box; the spot right of everything always works.
 */
export function findFreeSpot(
  occupied: readonly Box[],
  size: { w: number; h: number },
  near: Point,
  gap = templateGap,
): Point {
  const centred = { x: near.x - size.w / 2, y: near.y - size.h / 2 }
  const candidates: Point[] = [centred]
  for (const b of occupied) {
    candidates.push(
      { x: b.x + b.w + gap, y: centred.y },
      { x: b.x + b.w + gap, y: b.y },
      { x: centred.x, y: b.y + b.h + gap },
      { x: b.x, y: b.y + b.h + gap },
      { x: b.x - size.w - gap, y: centred.y },
      { x: centred.x, y: b.y - size.h - gap },
    )
  }
  const all = union(occupied)
  if (all) candidates.push({ x: all.x + all.w + gap, y: all.y })
  const free = candidates.filter((p) => !occupied.some((b) => overlaps({ ...p, ...size }, b, gap - 1)))
  const distance = (p: Point) => Math.hypot(p.x - centred.x, p.y - centred.y)
  free.sort((a, b) => distance(a) - distance(b))
  return free[0] ?? centred
}
