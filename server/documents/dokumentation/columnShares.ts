/**
 * How wide each column of a table is in an ODT or DOCX file, as shares of the page's width: by
 * what the column holds, as in the PDF, so that a number column stays narrow and the text
 * columns get the room. Office programs cannot fit columns themselves when the file opens.
 */

/** Characters a column is counted as at least and at most: a long Zettel wraps instead of taking the page. */
const narrowest = 4
const widest = 60

export function columnShares(columns: string[], rows: string[][][]): number[] {
  const longest = (text: string) => Math.max(0, ...text.split('\n').map((line) => [...line].length))
  const natural = columns.map((column, c) =>
    Math.min(widest, Math.max(narrowest, longest(column), ...rows.map((row) => Math.max(0, ...(row[c] ?? []).map(longest))))),
  )
  const total = natural.reduce((a, b) => a + b, 0)
  return natural.map((n) => n / total)
}
