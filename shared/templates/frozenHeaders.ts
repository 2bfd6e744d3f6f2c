/**
 * A table's headers on every slide of it, like frozen panes in a spreadsheet: where presenting
 * cuts a table into bands of rows (or runs of columns, or both), the slide of a lower band shows
 * the table's column headers right above it, over its columns; a run of columns further right gets
 * the row headers at its left. The wall shows them as a strip of their titles
 * (client/facilitation/WallSlide.tsx), where the rows or columns between would be.
 *
 * Read on layout blocks (unit tests) and on the shapes' page boxes (presenting) alike: all it
 * needs is each block's kind and box.
 */
import { union, type Box } from './geometry.ts'

export interface Placed {
  key: string
  kind: 'title' | 'header' | 'prompt' | 'cell' | 'card'
  box: Box
}

export interface FrozenHeader {
  key: string
  /** A column's header (shown above the part), a row's (at its left), the corner between, or a prompt on one of them. */
  axis: 'column' | 'row' | 'corner' | 'prompt'
  /** The header's box moved next to the part's cells. */
  at: Box
}

/** Edges closer than this are one line (layout units; strokes and rounding). */
const slack = 2

const right = (b: Box) => b.x + b.w
const bottom = (b: Box) => b.y + b.h
const overlapLength = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0))

/**
 * The headers to show beside the part `keys` of `all`: the row of column headers nearest above
 * its cells and the column of row headers nearest to their left, where those are not in the part
 * already; each with the prompts written on it, and the corner header where both are moved.
 */
export function frozenHeaders(all: readonly Placed[], keys: ReadonlySet<string>): FrozenHeader[] {
  const cells = all.filter((b) => b.kind === 'cell' && keys.has(b.key)).map((b) => b.box)
  const box = union(cells)
  if (!box) return []
  const allCells = all.filter((b) => b.kind === 'cell').map((b) => b.box)
  const headers = all.filter((b) => b.kind === 'header')

  // Column headers: above the cells, within their columns, standing on a cell of the table.
  const above = headers.filter(
    (h) =>
      bottom(h.box) <= box.y + slack &&
      h.box.x >= box.x - slack &&
      right(h.box) <= right(box) + slack &&
      overlapLength(h.box.x, right(h.box), box.x, right(box)) > 0 &&
      allCells.some((c) => Math.abs(c.y - bottom(h.box)) <= slack && overlapLength(c.x, right(c), h.box.x, right(h.box)) > 0),
  )
  const columnLine = Math.max(...above.map((h) => bottom(h.box)))
  const columnRow = above.filter((h) => bottom(h.box) >= columnLine - slack)
  // Row headers: left of the cells, within their rows, beside a cell of the table.
  const beside = headers.filter(
    (h) =>
      right(h.box) <= box.x + slack &&
      h.box.y >= box.y - slack &&
      bottom(h.box) <= bottom(box) + slack &&
      allCells.some((c) => Math.abs(c.x - right(h.box)) <= slack && overlapLength(c.y, bottom(c), h.box.y, bottom(h.box)) > 0),
  )
  const rowLine = Math.max(...beside.map((h) => right(h.box)))
  const rowColumn = beside.filter((h) => right(h.box) >= rowLine - slack)

  // Only the table's cells between the headers and the part: not another section's headers.
  const labels = all.filter((b) => b.kind !== 'cell' && b.kind !== 'card')
  const columnsOwn = !labels.some((b) => b.box.y >= columnLine - slack && bottom(b.box) <= box.y + slack && overlapLength(b.box.x, right(b.box), box.x, right(box)) > 0)
  const rowsOwn = !labels.some((b) => b.box.x >= rowLine - slack && right(b.box) <= box.x + slack && overlapLength(b.box.y, bottom(b.box), box.y, bottom(box)) > 0)
  // Headers the part holds already are on the slide as they are.
  const dy = columnRow.length > 0 && columnsOwn && !columnRow.some((h) => keys.has(h.key)) ? box.y - columnLine : undefined
  const dx = rowColumn.length > 0 && rowsOwn && !rowColumn.some((h) => keys.has(h.key)) ? box.x - rowLine : undefined
  const moved: FrozenHeader[] = []
  const move = (b: Placed, axis: FrozenHeader['axis'], x: number, y: number) => moved.push({ key: b.key, axis, at: { x: b.box.x + x, y: b.box.y + y, w: b.box.w, h: b.box.h } })
  if (dy !== undefined) for (const h of columnRow) move(h, 'column', 0, dy)
  if (dx !== undefined) for (const h of rowColumn) move(h, 'row', dx, 0)
  if (dx !== undefined && dy !== undefined) {
    // The corner (what the rows are, „Bereich“) above the row headers, left of the column headers.
    const corner = headers.find((h) => Math.abs(bottom(h.box) - columnLine) <= slack && Math.abs(right(h.box) - rowLine) <= slack && !keys.has(h.key))
    if (corner) move(corner, 'corner', dx, dy)
  }
  // A prompt written on a moved header moves with it.
  for (const header of [...moved]) {
    const original = all.find((b) => b.key === header.key)!.box
    for (const prompt of all.filter((b) => b.kind === 'prompt' && !keys.has(b.key) && inside(b.box, original)))
      move(prompt, 'prompt', header.at.x - original.x, header.at.y - original.y)
  }
  return moved
}

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && right(inner) <= right(outer) + slack && bottom(inner) <= bottom(outer) + slack
