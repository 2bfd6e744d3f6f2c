/**
 * Areas in the order people read a board: rows top to bottom, left to right within a row. Areas
 * side by side form one row even when one starts a little higher than the other, so a template
 * put beside another one comes after it, not before.
 */
import type { Box } from '../../shared/templates/geometry.ts'

export function inReadingOrder<T>(items: readonly T[], boxOf: (item: T) => Box): T[] {
  const rows: { bottom: number; items: T[] }[] = []
  for (const item of [...items].sort((a, b) => boxOf(a).y - boxOf(b).y || boxOf(a).x - boxOf(b).x)) {
    const box = boxOf(item)
    // An area that starts above the middle of one already in the row sits beside it.
    const row = rows.at(-1)
    if (row && box.y < row.bottom) {
      row.items.push(item)
      row.bottom = Math.max(row.bottom, box.y + box.h / 2)
    } else rows.push({ bottom: box.y + box.h / 2, items: [item] })
  }
  return rows.flatMap((row) => row.items.sort((a, b) => boxOf(a).x - boxOf(b).x))
}
