/**
 * A template on the wall as slides of tables (client/facilitation/WallTable.tsx): not a camera
 * view of the canvas, where a Zettel is small in its cell, but its cells drawn anew from the
 * board's records: column headers on top, row headers at the left, each cell's Zettel as cards
 * with their whole text, at a type between 28 and 14 px.
 *
 * Which cells make a slide is decided here, from the layout and the texts written in each cell,
 * for the presenter, everyone's followed view and the wall alike: consecutive sections (or the
 * parts of one agenda step) share a slide while they fit; a table too tall for one is cut into
 * bands of rows, each with the table's column headers again. The heights are estimated with
 * character widths taken on the wide side, so that what the wall then measures fits.
 */
import type { Block, Layout } from './model.ts'

/** The 16:9 safe area of a 1920×1080 wall (projector.ts `wallRoom`): the slide's room. */
export const wallSlideRoom = { w: 1728, h: 972 }
/** The type of the Zettel on a slide: as large as fits, never below the smallest readable across a room. */
export const wallFontMax = 28
export const wallFontMin = 14
/** A template should take no more slides than this where its cells hold a workshop's Zettel. */
export const wallSlideGoal = 6

/**
 * The slide's geometry, shared by the estimate here and the wall's CSS (beamer.css): lengths in
 * em of the slide's type unless said otherwise.
 */
export const wallGeometry = {
  /** The title line above the tables, in px: template and part. */
  titlePx: 30,
  titleLine: 1.2,
  /** Room between the title and the first table, in px. */
  titleGapPx: 12,
  line: 1.25,
  /** Between two tables on one slide. */
  tableGap: 0.7,
  /** A table's caption (its section's title) above it. */
  captionScale: 1.05,
  captionGap: 0.25,
  /** Between the grid's cells, in px. */
  gridGapPx: 4,
  /** Inside a header or a cell. */
  pad: 0.35,
  /** The row headers' column: at most this share of the table's width, and up to this many em of their words. */
  rowHeadShare: 0.2,
  rowHeadEm: 9,
  /** A card's least width, its padding and the room between cards. */
  cardMin: 12.5,
  cardPadX: 0.45,
  cardPadY: 0.3,
  cardGap: 0.35,
} as const

/** What lies in a cell: Zettel, text and a marker for drawings or pictures, each a card. */
export type WallItem = { kind: 'zettel' | 'text' | 'mark'; text: string; /** A Zettel's tldraw colour name. */ color?: string }

/** A table on a slide: one section's rows (all, or a band of them). */
export interface WallTable {
  section: string
  title: string
  /** Column headers over the grid (none where the section has one column without a name of its own). */
  columns: { col: string; label: string | undefined }[]
  /** Row headers at its left (none where every row is named by the section already). */
  rows: { row: string; label: string | undefined }[]
  showColumns: boolean
  showRows: boolean
  /** The row headers' column in em of the slide's type (`rowHeadEmOf`), the same on every band. */
  rowHeadEm: number
  /** The cell at each row and column, where there is one. */
  cell(row: string, col: string): string | undefined
}

type Cell = Extract<Block, { kind: 'cell' }>
const isCell = (b: Block): b is Cell => b.kind === 'cell'

/**
 * The tables `cellKeys` of `layout` make, in the order of `cellKeys`' sections, each with its
 * rows and columns in the layout's order (top to bottom, left to right).
 */
export function wallTables(layout: Layout, cellKeys: readonly string[]): WallTable[] {
  const wanted = new Set(cellKeys)
  const all = layout.blocks.filter(isCell)
  const cells = all.filter((c) => wanted.has(c.key))
  const byKey = new Map(cells.map((c) => [c.key, c]))
  const order = [...new Set(cellKeys.flatMap((key) => byKey.get(key)?.cell.section ?? []))]
  return order.map((section): WallTable => {
    const own = cells.filter((c) => c.cell.section === section)
    const whole = all.filter((c) => c.cell.section === section)
    const rowOf = (c: Cell) => c.cell.row ?? ''
    const colOf = (c: Cell) => c.cell.col ?? ''
    const firstBy = (list: Cell[], pick: (c: Cell) => string, at: (c: Cell) => number) => {
      const seen = new Map<string, Cell>()
      for (const c of [...list].sort((a, b) => at(a) - at(b))) if (!seen.has(pick(c))) seen.set(pick(c), c)
      return [...seen.values()]
    }
    const title = own[0]!.cell.sectionTitle
    const rowsOf = (list: Cell[]) => firstBy(list, rowOf, (c) => c.y).map((c) => ({ row: rowOf(c), label: c.cell.rowLabel?.trim() || undefined }))
    const rows = rowsOf(own)
    const allRows = rowsOf(whole)
    // Every band of a table shows all its columns, and its headers as the whole table does.
    const columns = firstBy(whole, colOf, (c) => c.x).map((c) => ({ col: colOf(c), label: c.cell.colLabel?.trim() || undefined }))
    // Headers that say no more than the section's title (a one-row section named by its row).
    const showRows = allRows.some((r) => r.label) && (allRows.length > 1 || allRows.some((r) => r.label !== title))
    const showColumns =
      columns.some((c) => c.label) && (columns.length > 1 || columns.some((c) => c.label !== title && !allRows.some((r) => r.label === c.label)))
    const at = new Map(own.map((c) => [`${rowOf(c)}\u0000${colOf(c)}`, c.key]))
    return { section, title, columns, rows, rowHeadEm: rowHeadEmOf(allRows), showColumns, showRows, cell: (row, col) => at.get(`${row}\u0000${col}`) }
  })
}

/**
 * A character's width in em: IBM Plex Sans (tldraw's sans, the wall's type) in its bold face,
 * the wider of the two the wall uses, each class at its widest member; anything else as wide as
 * an „M“.
 */
const widths: [string, number][] = [
  [' ', 0.24],
  ["ijl.,:;!'|", 0.34],
  ['ftr()-', 0.41],
  ['I/"', 0.5],
  ['cszyvgx?„“', 0.56],
  ['aekoäöeJL', 0.58],
  ['bdpqhnuü0123456789+–T', 0.61],
  ['ßABCDEFGHKNOPQRSUVXYZÄÖÜ&', 0.73],
  ['mwM', 0.9],
]
function charEm(c: string): number {
  for (const [chars, em] of widths) if (chars.includes(c)) return em
  return c === 'W' || c === '%' ? 0.98 : 0.82
}

const widthEm = (word: string) => [...word].reduce((sum, c) => sum + charEm(c), 0)

/** The lines `text` takes in a box `widthEm` wide: words wrapped as a browser does, a word too long broken anywhere. */
export function linesOf(text: string, width: number): number {
  const key = `${Math.round(width * 100)}\u0000${text}`
  let lines = known.get(key)
  if (lines === undefined) {
    lines = wrap(text, width)
    if (known.size > 20_000) known.clear()
    known.set(key, lines)
  }
  return lines
}

/** Presenting asks again on every change to the board, for the same few texts. */
const known = new Map<string, number>()

function wrap(text: string, width: number): number {
  let lines = 0
  for (const paragraph of text.split('\n')) {
    lines++
    let used = 0
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const w = widthEm(word)
      const needed = used === 0 ? w : used + widthEm(' ') + w
      if (needed <= width) {
        used = needed
        continue
      }
      if (used > 0) lines++
      // A word longer than the line: broken where the line ends (overflow-wrap: anywhere).
      used = w
      while (used > width) {
        lines++
        used -= width
      }
    }
  }
  return Math.max(1, lines)
}

/** The slide's title: template, then the part. */
export const wallTitleHeight = (title: string) => {
  const g = wallGeometry
  const lines = linesOf(title, wallSlideRoom.w / g.titlePx)
  return lines * g.titlePx * g.titleLine + g.titleGapPx
}

/** The longest word of `text`, in em. */
export const longestWord = (text: string) => Math.max(0, ...text.split(/\s+/).map(widthEm))

/**
 * The row headers' column, in em of the slide's type: as wide as their longest word and up to
 * `rowHeadEm` of their words, never more than `rowHeadShare` of the table (`rowHeadMax`, px).
 */
function rowHeadEmOf(rows: readonly { label: string | undefined }[]): number {
  const g = wallGeometry
  const labels = rows.map((r) => r.label ?? '')
  const word = Math.max(...labels.map(longestWord))
  const line = Math.max(...labels.map((l) => widthEm(l.replace(/\s+/g, ' '))))
  return Math.max(word, Math.min(g.rowHeadEm, line)) + 2 * g.pad
}
export const rowHeadMax = Math.round(wallSlideRoom.w * wallGeometry.rowHeadShare)

/** The widths of a table's columns in px at `font`: the row headers', then equal columns. */
export function tableColumns(table: Pick<WallTable, 'columns' | 'rowHeadEm' | 'showRows'>, font: number, width = wallSlideRoom.w): { rowHead: number; column: number } {
  const g = wallGeometry
  const rowHead = table.showRows ? Math.min(rowHeadMax, table.rowHeadEm * font) : 0
  const gaps = g.gridGapPx * (table.columns.length - (table.showRows ? 0 : 1))
  return { rowHead, column: (width - rowHead - gaps) / table.columns.length }
}

/** How many cards stand side by side in a cell `px` wide at `font` (the CSS grid's auto-fill). */
export function cardsPerLine(px: number, font: number): number {
  const g = wallGeometry
  const inner = px - 2 * g.pad * font
  return Math.max(1, Math.floor((inner + g.cardGap * font) / ((g.cardMin + g.cardGap) * font)))
}

/** The room for a card's words in a cell `px` wide at `font`, in em. */
export function cardTextEm(px: number, font: number): number {
  const g = wallGeometry
  const across = cardsPerLine(px, font)
  const cardW = (px - 2 * g.pad * font - (across - 1) * g.cardGap * font) / across
  return (cardW - 2 * g.cardPadX * font) / font
}

/** A cell's height in px at `font`, `px` wide, holding `items`. */
export function cellHeight(items: readonly WallItem[], px: number, font: number): number {
  const g = wallGeometry
  const line = g.line * font
  if (items.length === 0) return line + 2 * g.pad * font
  const across = cardsPerLine(px, font)
  const textEm = cardTextEm(px, font)
  const heights = items.map((item) => linesOf(item.text, textEm) * line + 2 * g.cardPadY * font)
  let total = 0
  for (let i = 0; i < heights.length; i += across) total += Math.max(...heights.slice(i, i + across))
  const lines = Math.ceil(heights.length / across)
  return total + (lines - 1) * g.cardGap * font + 2 * g.pad * font
}

/** A header's height in px at `font`, `px` wide. */
const headerHeight = (label: string | undefined, px: number, font: number) => {
  const g = wallGeometry
  return linesOf(label ?? '', (px - 2 * g.pad * font) / font) * g.line * font + 2 * g.pad * font
}

/**
 * The heights of a table at `font`: its caption and column headers, and each of its rows; and
 * whether a word is wider than its card or header there (it would be broken in the middle).
 */
export function tableHeights(table: WallTable, contents: (cell: string) => readonly WallItem[], font: number): { head: number; rows: number[]; broken: boolean } {
  const g = wallGeometry
  const { rowHead, column } = tableColumns(table, font)
  const caption = linesOf(table.title, wallSlideRoom.w / (font * g.captionScale)) * g.line * font * g.captionScale + g.captionGap * font
  const heads = table.showColumns ? Math.max(...table.columns.map((c) => headerHeight(c.label, column, font))) + g.gridGapPx : 0
  const rows = table.rows.map((r) => {
    const cells = table.columns.map((c) => {
      const key = table.cell(r.row, c.col)
      return key ? cellHeight(contents(key), column, font) : 0
    })
    return Math.max(table.showRows ? headerHeight(r.label, rowHead, font) : 0, ...cells) + g.gridGapPx
  })
  // (A hair of room: the row headers' column is made exactly as wide as their longest word.)
  const headEm = (px: number) => (px - 2 * g.pad * font) / font + 0.01
  const card = cardTextEm(column, font) + 0.01
  const broken =
    (table.showColumns && table.columns.some((c) => longestWord(c.label ?? '') > headEm(column))) ||
    (table.showRows && table.rows.some((r) => longestWord(r.label ?? '') > headEm(rowHead))) ||
    table.rows.some((r) => table.columns.some((c) => contents(table.cell(r.row, c.col) ?? '').some((item) => longestWord(item.text) > card)))
  return { head: caption + heads, rows, broken }
}

/** A slide's cells: one or more whole steps or sections, or a band of rows of one. */
export interface WallPart {
  /** The cells shown, in reading order. */
  cells: string[]
  /** Which of the groups (agenda steps, else sections) it shows: several where sections share a slide. */
  groups: number[]
  /** Its place among the bands of a group cut into several. */
  piece?: { n: number; of: number }
}

export interface WallPacking {
  parts: WallPart[]
  /** The type the packing was made for (the wall measures its own, as large as fits). */
  font: number
}

/**
 * The slides for `layout`'s cells: `groups` are the cell keys of its agenda steps (never sharing a
 * slide, since presenting one makes it the current step), or of its sections (`merge`: those
 * that follow each other share a slide while they fit). `contents` says what each cell holds.
 * The type is the largest from 28 px down at which the template takes no more slides than the
 * goal (or than it takes at 14 px, where more is written than that allows).
 */
export function packWallSlides(
  layout: Layout,
  groups: readonly (readonly string[])[],
  contents: (cell: string) => readonly WallItem[],
  merge: boolean,
  titleOf: (part: WallPart) => string = () => '',
): WallPacking {
  const at = (font: number) => packAt(layout, groups, contents, merge, titleOf, font)
  const cuts = new Map<number, WallPart[] | undefined>()
  const cut = (font: number) => (cuts.has(font) ? cuts.get(font) : cuts.set(font, at(font)).get(font))
  const fonts: number[] = []
  for (let font = wallFontMax; font >= wallFontMin; font -= 2) fonts.push(font)
  const count = (font: number) => cut(font)?.length ?? Infinity
  const choose = (enough: number) => {
    // The fewest slides at a comfortable type (the wall sets it larger where a slide has room),
    // at the largest type that takes no more; else the largest type within the goal.
    const comfortable = fonts.filter((font) => font >= wallFontComfortable && count(font) <= enough)
    const fewest = Math.min(...comfortable.map(count))
    return comfortable.find((f) => count(f) === fewest) ?? fonts.find((f) => count(f) <= enough)
  }
  // Where even the least type takes more than the goal, as many as it takes (every cut is taken
  // there: a row too tall for a slide is a slide of its own).
  const font = choose(wallSlideGoal) ?? choose(cut(wallFontMin)!.length) ?? wallFontMin
  return { parts: cut(font)!, font }
}

/** A type read without effort across a room: slides are cut for it where the goal allows. */
export const wallFontComfortable = 20

function packAt(
  layout: Layout,
  groups: readonly (readonly string[])[],
  contents: (cell: string) => readonly WallItem[],
  merge: boolean,
  titleOf: (part: WallPart) => string,
  font: number,
): WallPart[] | undefined {
  const g = wallGeometry
  const cellKeys = new Set(layout.blocks.filter(isCell).map((c) => c.key))
  const parts: WallPart[] = []
  let feasible = true
  // The body's room under a title of one line; a longer title is measured with its part.
  const room = (part: WallPart) => wallSlideRoom.h - wallTitleHeight(titleOf(part))
  // Each table measured once, whole: a band's height is its caption and headers and its rows'.
  const placeOf = new Map(layout.blocks.filter(isCell).map((c) => [c.key, { section: c.cell.section, row: c.cell.row ?? '' }]))
  const sectionCells = new Map<string, string[]>()
  for (const [key, { section }] of placeOf) sectionCells.set(section, [...(sectionCells.get(section) ?? []), key])
  const measured = new Map<string, { head: number; rows: Map<string, number>; broken: boolean }>()
  const measure = (section: string) => {
    let m = measured.get(section)
    if (!m) {
      const table = wallTables(layout, sectionCells.get(section) ?? [])[0]!
      const { head, rows, broken } = tableHeights(table, contents, font)
      m = { head, rows: new Map(table.rows.map((r, i) => [r.row, rows[i]!])), broken }
      measured.set(section, m)
    }
    return m
  }
  // Above the least type, a word broken in the middle does not fit either.
  const fits = (part: WallPart) => {
    const rowsIn = new Map<string, Set<string>>()
    for (const key of part.cells) {
      const place = placeOf.get(key)
      if (!place) continue
      const rows = rowsIn.get(place.section) ?? rowsIn.set(place.section, new Set()).get(place.section)!
      rows.add(place.row)
    }
    let height = 0
    let i = 0
    for (const [section, rows] of rowsIn) {
      const m = measure(section)
      if (m.broken && font > wallFontMin) return false
      height += (i++ > 0 ? g.tableGap * font : 0) + m.head
      for (const row of rows) height += m.rows.get(row) ?? 0
    }
    return height <= room(part)
  }
  groups.forEach((keys, group) => {
    const cells = keys.filter((k) => cellKeys.has(k))
    if (cells.length === 0) return
    const whole: WallPart = { cells, groups: [group] }
    const last = parts[parts.length - 1]
    if (merge && last && !last.piece) {
      const joined: WallPart = { cells: [...last.cells, ...cells], groups: [...last.groups, group] }
      if (fits(joined)) return void (parts[parts.length - 1] = joined)
    }
    if (fits(whole)) return void parts.push(whole)
    // Too tall: bands of rows, each with its tables' captions and column headers.
    const rows = wallTables(layout, cells).flatMap((table) => table.rows.map((r) => table.columns.flatMap((c) => table.cell(r.row, c.col) ?? [])))
    const bands: string[][] = []
    let band: string[] = []
    const piece = (cells: string[]): WallPart => ({ cells, groups: [group], piece: { n: 1, of: 2 } })
    for (const row of rows) {
      const tried = [...band, ...row]
      if (band.length > 0 && !fits(piece(tried))) {
        bands.push(band)
        band = [...row]
      } else band = tried
      // A row that does not fit a slide alone: this type is too large for it.
      if (band.length === row.length && !fits(piece(band)) && font > wallFontMin) feasible = false
    }
    if (band.length > 0) bands.push(band)
    bands.forEach((band, i) => parts.push({ cells: band, groups: [group], ...(bands.length > 1 ? { piece: { n: i + 1, of: bands.length } } : {}) }))
  })
  return feasible ? parts : undefined
}

/**
 * What a template's slides are cut from: its agenda steps (cells in no step after them, by
 * section), or, without an agenda, its sections in the layout's order, which may share a slide.
 */
export function wallGroups(layout: Layout, stepGroups: readonly (readonly string[])[]): { groups: string[][]; merge: boolean } {
  const cells = layout.blocks.filter(isCell)
  const inStep = new Set(stepGroups.flat())
  const bySection = new Map<string, string[]>()
  for (const cell of cells.filter((c) => !inStep.has(c.key))) bySection.set(cell.cell.section, [...(bySection.get(cell.cell.section) ?? []), cell.key])
  const cellKeys = new Set(cells.map((c) => c.key))
  const steps = stepGroups.map((keys) => keys.filter((k) => cellKeys.has(k)))
  return { groups: [...steps, ...bySection.values()], merge: stepGroups.length === 0 }
}
