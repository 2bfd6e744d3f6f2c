/**
 * How wide each column of a PDF table is, from what it holds: every column at least as wide as
 * its longest word (a word a line cannot break), so that „Jobcenter“ or „Beratungsstellen“ in a
 * narrow label column is never cut into pieces; the room left goes to the columns of long Zettel.
 * Where the page can hardly hold every column's longest word, the label column keeps its words
 * (up to a share of the page) and the widest words share what is left, hyphenated
 * (`hyphenation.ts`); where it cannot at all (nine columns of the Beteiligtenanalyse on A4), the
 * table is printed row by row, each row's cells below each other (`stackedRows`).
 */

/** What a column asks for, in points: `least` keeps its every word whole, `most` each Zettel on one line. */
export interface ColumnNeed {
  least: number
  most: number
  /** Nothing written in any row: the column needs only its header's room. */
  blank?: true
}

/** Space around a cell's text, and the indent of a Zettel after its bullet where a cell holds several. */
export interface CellFrame {
  padding: number
  bullet: number
}

/** A cell's Zettel to print: a blank one says nothing. */
export const cellNotes = (notes: readonly string[]): string[] => notes.filter((note) => note.trim())

/** The pieces a line never breaks inside: words between spaces, cut after a hyphen between letters ("Teilzeit-|Ausbildung"). */
export const unbreakableWords = (text: string): string[] =>
  text
    .split(/\s+/u)
    .filter(Boolean)
    .flatMap((word) => word.split(/(?<=\p{L}[-‐–])(?=\p{L})/u))

/** A Zettel wider than this share of the page wraps rather than taking the page. */
const widestShare = 0.6
/** The label column keeps its words up to this share of the page, when not every column's can. */
const labelShare = 0.35
/** No column narrower: a number column still holds two digits. */
const narrowest = 24

export function columnNeeds(
  columns: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<readonly string[]>>,
  measure: (text: string, bold: boolean) => number,
  frame: CellFrame,
): ColumnNeed[] {
  // With the space after it, as pdfkit measures a word: without, it cuts the word anywhere.
  const longestWord = (text: string, bold: boolean) => Math.max(0, ...unbreakableWords(text).map((word) => measure(`${word} `, bold)))
  const longestLine = (text: string, bold: boolean) => Math.max(0, ...text.split('\n').map((line) => measure(line, bold)))
  return columns.map((column, c) => {
    const cells = rows.map((row) => cellNotes(row[c] ?? []))
    const indent = cells.some((notes) => notes.length > 1) ? frame.bullet : 0
    const notes = cells.flat()
    const least = Math.max(longestWord(column, true), ...notes.map((note) => longestWord(note, false) + indent))
    const most = Math.max(longestLine(column, true), ...notes.map((note) => longestLine(note, false) + indent))
    const need = { least: Math.max(narrowest, least + 2 * frame.padding), most: Math.max(narrowest, most + 2 * frame.padding) }
    return notes.length === 0 ? { ...need, blank: true as const } : need
  })
}

/** `wanted` widths squeezed into `room`: the narrow ones whole, the widest sharing what is left, none wider than the others. */
function shareUnder(wanted: readonly number[], room: number): number[] {
  const sorted = [...wanted].sort((a, b) => a - b)
  let used = 0
  let cap = 0
  for (const [i, w] of sorted.entries()) {
    cap = (room - used) / (sorted.length - i)
    if (w > cap) break
    used += w
  }
  return wanted.map((w) => Math.min(w, cap))
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

/**
 * Widths that add up to `room`. A column nobody wrote in (beside the label column, and beside
 * others written in) gets no more than its header's words and gives way first where the page is
 * short, its header hyphenated: the Zettel of a filled column („Jobcenter“) are what is read.
 */
export function columnWidths(needs: readonly ColumnNeed[], room: number): number[] {
  const isBlank = needs.map((n, i) => i > 0 && !!n.blank)
  const written = needs.filter((_, i) => !isBlank[i])
  if (written.length === needs.length || written.length < 2) return writtenWidths(needs, room)
  const least = needs.map((n) => Math.min(n.least, room * widestShare))
  const blankLeast = least.filter((_, i) => isBlank[i])
  const writtenLeast = least.filter((_, i) => !isBlank[i])
  let blankW: number[]
  let writtenW: number[]
  if (sum(least) <= room) {
    blankW = blankLeast
    writtenW = writtenWidths(written, room - sum(blankLeast), room)
  } else if (sum(writtenLeast) + blankLeast.length * narrowest <= room) {
    blankW = shareUnder(blankLeast, room - sum(writtenLeast))
    writtenW = writtenWidths(written, room - sum(blankW), room)
  } else return writtenWidths(needs, room)
  return isBlank.map((blank) => (blank ? blankW.shift()! : writtenW.shift()!))
}

/**
 * Widths that add up to `room`: see the file's comment for the order in which columns are served.
 * `page`: the whole table's width, where blank columns took part of it: a word is too wide to keep
 * whole by the page's measure, not by what the blank columns left.
 */
function writtenWidths(needs: readonly ColumnNeed[], room: number, page = room): number[] {
  const most = needs.map((n) => Math.min(n.most, page * widestShare))
  const least = needs.map((n, i) => Math.min(n.least, most[i]!))
  if (sum(most) <= room) {
    // Room to spare goes to the widest columns, where the text is.
    const spare = room - sum(most)
    return most.map((w) => w + (spare * w) / sum(most))
  }
  if (sum(least) <= room) {
    // Every word whole; what is left goes to the columns in the measure they still want it.
    const wanting = most.map((w, i) => w - least[i]!)
    return least.map((w, i) => w + ((room - sum(least)) * wanting[i]!) / sum(wanting))
  }
  // Not every word fits: the label column keeps its words (up to a share of the page), the
  // others share the rest up to a width no column goes beyond (the narrow ones whole, the widest
  // hyphenated).
  if (needs.length === 1) return [room]
  const label = Math.min(least[0]!, room * labelShare)
  const others = least.slice(1)
  const rest = room - label
  if (sum(others) <= rest) return [room - sum(others), ...others]
  return [label, ...shareUnder(others, rest)]
}

/**
 * Whether the columns' words need much more than the page: then a grid would cut most of them
 * into syllables, and the table reads better row by row. A little more is hyphenated instead.
 */
export const crowded = (needs: readonly ColumnNeed[], room: number): boolean =>
  needs.length > 2 && needs.reduce((a, n) => a + Math.min(n.least, room * widestShare), 0) > room * 1.15

/**
 * A table row by row: each row a part headed by its label ("Beteiligte | Jobcenter"), below it a
 * line for each column with something in it ("Ziele | • Vermittlung in Arbeit • Teilzeit…"); a
 * row with nothing in it (a blank form) with all its columns.
 */
export function stackedRows(columns: readonly string[], rows: ReadonlyArray<ReadonlyArray<readonly string[]>>): Array<{ head: string[][]; rows: string[][][] }> {
  return rows.map((row) => {
    const lines = columns.slice(1).map((title, c) => [[title], [...(row[c + 1] ?? [])]])
    const written = lines.filter(([, notes]) => cellNotes(notes!).length > 0)
    return { head: [[columns[0] ?? ''], [...(row[0] ?? [])]], rows: written.length > 0 ? written : lines }
  })
}
