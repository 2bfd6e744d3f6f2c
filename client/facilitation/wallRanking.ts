/**
 * How large a vote's ranking stands on the wall (`VoteOnWall.tsx`): the type as large as the rows
 * allow in the safe area's height, from `maxPx` down to `minPx`, which the back of a room still
 * reads on a 1080-pixel projector; at the least type, as many rows as fit (the rest are counted).
 * In ems of the type: the title and the line beneath it with their gaps take `headEm`, each row
 * `rowEm` (one line of text and its padding; `voting.css` sets them so).
 */
export const wallRankingSizes = { maxPx: 56, minPx: 28, headEm: 4.6, rowEm: 1.6 }

export function wallRanking(heightPx: number, entries: number, sizes = wallRankingSizes): { font: number; rows: number } {
  const { maxPx, minPx, headEm, rowEm } = sizes
  const font = Math.floor(heightPx / (headEm + rowEm * Math.max(1, entries)))
  if (font >= minPx) return { font: Math.min(maxPx, font), rows: entries }
  // The line that counts the rest takes a row of its own.
  const rows = Math.max(1, Math.floor((heightPx / minPx - headEm) / rowEm) - 1)
  return { font: minPx, rows: Math.min(entries, rows) }
}
