/**
 * A template on the projector, part by part. With a whole Planspiel in view, a note is a few
 * pixels tall. So a template is shown in parts: its agenda steps or sections, and where one of
 * those is still too small to read, bands of its rows, runs of its columns or an even grid of both,
 * each part magnified as far as the screen allows (up to `maxPartZoom`, projector.ts).
 *
 * Two uses: without notes, parts in which every cell has room for readable notes, which sets how
 * large a note written into a cell may be (noteSlots.ts); with the notes written (their smallest
 * scale per cell), the parts presenting shows, each at a zoom where every one of them is readable.
 */
import { center, union, type Box } from './geometry.ts'
import type { Block, Layout } from './model.ts'
import { legibleNoteScale, legibleTypeScale, maxPartZoom, projectorZoom, wallZoom, type Strips } from './projector.ts'
import { readableScale, slotsAt } from './noteSlots.ts'
import { frozenHeaders, type Placed } from './frozenHeaders.ts'

/** Readable notes a cell of a part should have room for… */
const slotsPerCell = 2
/** …unless that takes more parts than this for one step or section: then one note will do. */
const maxPartsPerGroup = 3
/** A header or prompt belongs to the section whose cells lie within this distance (layout units). */
const nearSection = 200

export interface ProjectorPart {
  /** The blocks shown together. */
  keys: string[]
  /** Their box in layout coordinates. */
  box: Box
  /** Presented: whether the wall shows the table's column or row headers beside the part (frozenHeaders.ts). */
  strips?: Strips
  /** The whole template, readable at once: shown as it is, never magnified. */
  whole: boolean
  /** Which of the groups (steps or sections) the part belongs to. */
  group: number
  /** This part's place among its group's parts, when the group needed several. */
  piece?: { n: number; of: number }
  /** The zoom the part is shown at, and the note scale readable at it. */
  zoom: number
  legibleScale: number
}

type Cell = Extract<Block, { kind: 'cell' }>
const isCell = (block: Block): block is Cell => block.kind === 'cell'
const boxOf = ({ x, y, w, h }: Block): Box => ({ x, y, w, h })

/** Whether `blocks`, shown together on the projector at up to `maxZoom`, can be read. */
type Readable = (blocks: readonly Block[], maxZoom: number) => boolean

/** Every cell of `blocks` has room for `slots` readable notes with all of `blocks` on the projector. */
const roomFor =
  (slots: number): Readable =>
  (blocks, maxZoom) => {
    const box = union(blocks.map(boxOf))
    if (!box) return true
    const scale = readableScale(legibleNoteScale(box, maxZoom))
    const cards = blocks.filter((b) => b.kind === 'card').map(boxOf)
    return blocks.filter(isCell).every((cell) => slotsAt(cell, cell.label ?? '', scale, cards).length >= slots)
  }

/**
 * The notes lying in the cells of `blocks` (their smallest type scale per cell) are readable with
 * all of `blocks`, and the headers shown beside them, on the wall.
 */
const notesReadable =
  (typeScales: ReadonlyMap<string, number>, stripsOf: (blocks: readonly Block[]) => Strips): Readable =>
  (blocks, maxZoom) => {
    const box = union(blocks.map(boxOf))
    if (!box) return true
    const legible = legibleTypeScale(box, maxZoom, stripsOf(blocks))
    return blocks.filter(isCell).every((cell) => (typeScales.get(cell.key) ?? Infinity) >= legible - 1e-9)
  }

/** Which strips of their table's headers a slide of `blocks` shows (frozenHeaders.ts). */
function stripping(layout: Layout): (blocks: readonly Block[]) => Strips {
  const placed: Placed[] = layout.blocks.map((b) => ({ key: b.key, kind: b.kind, box: boxOf(b) }))
  const known = new Map<string, Strips>()
  return (blocks) => {
    const keys = blocks.map((b) => b.key)
    const id = keys.join('|')
    let strips = known.get(id)
    if (!strips) {
      const moved = frozenHeaders(placed, new Set(keys))
      strips = { column: moved.some((h) => h.axis === 'column'), row: moved.some((h) => h.axis === 'row') }
      known.set(id, strips)
    }
    return strips
  }
}

/** What a part is cut between: cells, and cards (a case card beside the role cells). */
const isAnchor = (block: Block): boolean => block.kind === 'cell' || block.kind === 'card'

/**
 * Splits `blocks` along `axis` at the leading edges of its cells and cards (`lines`) into the
 * fewest runs of about equal length that are each readable, or else into runs as long as stay
 * readable. Headers and prompts go with the run whose cells lie nearest (the first of equals):
 * column headers with the first band, a table's row headers with the table, not with a cell
 * that happens to lie further left.
 */
function runs(blocks: readonly Block[], axis: 'x' | 'y', lines: readonly number[], readable: Readable): Block[][] {
  const anchors = blocks.filter(isAnchor)
  const others = blocks.filter((b) => !isAnchor(b))
  const edge = (b: Block) => Math.round(b[axis])
  const between = ([from, to]: readonly [number, number]) =>
    anchors.filter((b) => (from === 0 || edge(b) >= lines[from]!) && (to >= lines.length || edge(b) < lines[to]!))
  /** The runs for these ranges of lines, each with the headers nearest to it. */
  const withHeaders = (ranges: readonly (readonly [number, number])[]) =>
    withNearest(
      ranges.map(between).filter((run) => run.length > 0),
      others,
    )
  const even = (count: number) =>
    Array.from({ length: count }, (_, i) => [Math.round((i * lines.length) / count), Math.round(((i + 1) * lines.length) / count)] as const)
  let evenly: Block[][] | undefined
  for (let count = 2; count < lines.length && !evenly; count++) {
    const pieces = withHeaders(even(count))
    if (pieces.every((piece) => readable(piece, maxPartZoom))) evenly = pieces
  }
  // Each run takes as many lines as stay readable, judged with the rest of the lines as one more
  // run: fewer runs than any even split where one line needs much more room than the others (a
  // column of prompts beside columns left empty). Where they come to as many, the even split.
  const ranges: (readonly [number, number])[] = []
  for (let from = 0; from < lines.length; ) {
    let to = from + 1
    const fits = (end: number) => {
      const rest: (readonly [number, number])[] = end < lines.length ? [[end, lines.length]] : []
      return readable(withHeaders([...ranges, [from, end], ...rest])[ranges.length] ?? [], maxPartZoom)
    }
    while (to < lines.length && fits(to + 1)) to++
    ranges.push([from, to])
    from = to
  }
  const greedy = withHeaders(ranges)
  return evenly && evenly.length <= greedy.length ? evenly : greedy
}

/** The screen's shape: a part wider than this is cut into columns first, else into rows (where both give as many parts). */
const screenAspect = 1680 / 930

/**
 * Headers and prompts each go with the piece whose cells lie nearest to their middle (the first
 * of equals): a column header with the cells beneath it, not with the cell that touches its corner.
 */
function withNearest(pieces: Block[][], others: readonly Block[]): Block[][] {
  const boxes = pieces.map((piece) => union(piece.map(boxOf))!)
  for (const block of others) {
    const middle = { ...center(boxOf(block)), w: 0, h: 0 }
    const away = boxes.map((box) => distance(box, middle))
    pieces[away.indexOf(Math.min(...away))]!.push(block)
  }
  return pieces
}

/**
 * A table cut evenly into bands and runs at once (3 × 2 rather than bands first, then each band
 * into runs): the fewest pieces, each readable, or none if no even grid of them is.
 */
function evenGrid(blocks: readonly Block[], readable: Readable): Block[][] | undefined {
  const anchors = blocks.filter(isAnchor)
  const others = blocks.filter((b) => !isAnchor(b))
  const linesOf = (axis: 'x' | 'y') => [...new Set(anchors.map((a) => Math.round(a[axis])))].sort((a, b) => a - b)
  const [rows, cols] = [linesOf('y'), linesOf('x')]
  const bandOf = (lines: number[], count: number, value: number) => {
    const index = lines.indexOf(Math.round(value))
    return Math.min(count - 1, Math.floor((index * count) / lines.length))
  }
  const shapes: [number, number][] = []
  for (let r = 1; r <= rows.length; r++) for (let c = 1; c <= cols.length; c++) if (r * c > 1) shapes.push([r, c])
  shapes.sort((a, b) => a[0] * a[1] - b[0] * b[1])
  for (const [r, c] of shapes.slice(0, 40)) {
    const cells: Block[][] = Array.from({ length: r * c }, () => [])
    for (const a of anchors) cells[bandOf(rows, r, a.y) * c + bandOf(cols, c, a.x)]!.push(a)
    const pieces = withNearest(cells.filter((piece) => piece.length > 0), others)
    if (pieces.every((piece) => readable(piece, maxPartZoom))) return pieces
  }
  return undefined
}

/** Cuts already judged, per criterion: trying both axes at every level meets the same runs again. */
const judged = new WeakMap<Readable, Map<string, Block[][]>>()

function split(blocks: readonly Block[], readable: Readable, leaveOut = false): Block[][] {
  const memo = judged.get(readable) ?? judged.set(readable, new Map()).get(readable)!
  const key = `${leaveOut}:${blocks.map((b) => b.key).join('|')}`
  const known = memo.get(key)
  if (known) return known.map((piece) => [...piece])
  const pieces = cut(blocks, readable, leaveOut)
  memo.set(key, pieces)
  return pieces.map((piece) => [...piece])
}

function cut(blocks: readonly Block[], readable: Readable, leaveOut: boolean): Block[][] {
  if (readable(blocks, maxPartZoom)) return [[...blocks]]
  const grid = evenGrid(blocks, readable)
  const pieces = blocks.filter(isAnchor)
  const box = union(blocks.map(boxOf))!
  const axes = box.w / box.h > screenAspect ? (['x', 'y'] as const) : (['y', 'x'] as const)
  // Cut along the axis that gives the fewest parts: a table whose rows are too wide to read
  // whole is cut into runs of columns first, each then into bands of rows, rather than each row
  // into pieces of its own (slivers).
  let best: Block[][] | undefined = grid
  for (const axis of axes) {
    const lines = [...new Set(pieces.map((c) => Math.round(c[axis])))].sort((a, b) => a - b)
    if (lines.length < 2) continue
    // A run is long enough when it is readable, or when each of its lines across is (it will be cut into those).
    const across = axis === 'x' ? 'y' : 'x'
    const runsOf = runs(blocks, axis, lines, (run, maxZoom) => readable(run, maxZoom) || slices(run, across).every((slice) => readable(slice, maxZoom)))
    if (runsOf.length < 2) continue
    const parts = runsOf.flatMap((run) => split(run, readable, leaveOut))
    if (!best || parts.length < best.length) best = parts
  }
  // Nothing left to cut between, or (with `leaveOut`, the last resort of `fewestParts`) cutting
  // takes more parts: a header reaching far beyond these cells (over a whole table, beside a band
  // of wide rows) is left out rather than keep the cells too small to read, or a row to a part.
  const anchors = union(pieces.map(boxOf))
  const near = anchors && { x: anchors.x - nearSection, y: anchors.y - nearSection, w: anchors.w + 2 * nearSection, h: anchors.h + 2 * nearSection }
  const within = near ? blocks.filter((b) => isAnchor(b) || contains(near, b)) : blocks
  if (within.length < blocks.length && (!best || (leaveOut && best.length > 1))) {
    const without = split(within, readable, leaveOut)
    // Headers are worth a few parts more: left out only where that halves the parts.
    if (!best || without.length * 2 <= best.length) best = without
  }
  return best ?? [[...blocks]]
}

/** `blocks` cut at every line of its cells and cards along `axis`, each slice with its nearest headers. */
function slices(blocks: readonly Block[], axis: 'x' | 'y'): Block[][] {
  const anchors = blocks.filter(isAnchor)
  const lines = [...new Set(anchors.map((a) => Math.round(a[axis])))].sort((a, b) => a - b)
  if (lines.length < 2) return [[...blocks]]
  const pieces = lines.map((line) => anchors.filter((a) => Math.round(a[axis]) === line))
  return withNearest(pieces, blocks.filter((b) => !isAnchor(b)))
}

const contains = (outer: Box, inner: Box) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h

/**
 * The parts of a step or section: each readable by the first of `criteria` that needs no more
 * than `maxPartsPerGroup` parts (the last one whatever it takes).
 */
function fewestParts(blocks: readonly Block[], criteria: readonly Readable[]): Block[][] {
  if (criteria[0]!(blocks, maxPartZoom)) return [[...blocks]]
  return clusters(blocks).flatMap((cluster) => {
    for (const criterion of criteria.slice(0, -1)) {
      const pieces = split(cluster, criterion)
      if (pieces.length <= maxPartsPerGroup) return pieces
    }
    return split(cluster, criteria.at(-1)!, true)
  })
}

/** The blocks in groups that lie apart (more than `nearSection`), in layout order: a step's header far from its cells. */
function clusters(blocks: readonly Block[]): Block[][] {
  const root = blocks.map((_, i) => i)
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)))
  for (let i = 0; i < blocks.length; i++)
    for (let j = i + 1; j < blocks.length; j++) if (distance(boxOf(blocks[i]!), boxOf(blocks[j]!)) <= nearSection) root[find(i)] = find(j)
  const byRoot = new Map<number, Block[]>()
  blocks.forEach((block, i) => byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), block]))
  return [...byRoot.values()]
}

const distance = (a: Box, b: Box) => Math.hypot(Math.max(0, a.x - (b.x + b.w), b.x - (a.x + a.w)), Math.max(0, a.y - (b.y + b.h), b.y - (a.y + a.h)))

/** The layout's sections, each with the headers, prompts and cards lying at its cells. */
function sections(layout: Layout): string[][] {
  const bySection = new Map<string, Cell[]>()
  for (const cell of layout.blocks.filter(isCell)) bySection.set(cell.cell.section, [...(bySection.get(cell.cell.section) ?? []), cell])
  const areas = [...bySection.values()].map((cells) => ({ keys: cells.map((c) => c.key), box: union(cells.map(boxOf))! }))
  for (const block of layout.blocks) {
    if (block.kind === 'cell' || block.kind === 'title') continue
    const nearest = areas
      .map((area) => ({ area, distance: distance(area.box, boxOf(block)) }))
      .sort((a, b) => a.distance - b.distance)[0]
    if (nearest && nearest.distance <= nearSection) nearest.area.keys.push(block.key)
  }
  return areas.map((area) => area.keys)
}

/**
 * The parts the projector shows `layout` in, in order. `groups` are the block keys of its agenda
 * steps, where it has some; otherwise the whole template is one part if it is readable so, and
 * else its sections are the groups.
 *
 * With `typeScales` (per cell, its smallest Zettel's type: scale times tldraw's shrink for long
 * words), the parts presenting shows on the wall, each with the copies of its table's headers.
 */
export function projectorParts(layout: Layout, groups?: readonly (readonly string[])[], typeScales?: ReadonlyMap<string, number>): ProjectorPart[] {
  const byKey = new Map(layout.blocks.map((b) => [b.key, b]))
  const hasSteps = !!groups && groups.length > 0
  const stripsOf = stripping(layout)
  // Room for a few readable notes in every cell, else for one; or the notes there are, readable.
  const criteria = typeScales ? [notesReadable(typeScales, stripsOf)] : Array.from({ length: slotsPerCell }, (_, i) => roomFor(slotsPerCell - i))
  // A template read whole keeps its fit, never magnified; its parts may be.
  const whole = !hasSteps && criteria[0]!(layout.blocks, 1)
  const keyGroups = hasSteps ? groups : whole ? [layout.blocks.map((b) => b.key)] : sections(layout)
  return keyGroups.flatMap((keys, group) => {
    const blocks = keys.flatMap((key) => byKey.get(key) ?? [])
    const maxZoom = whole ? 1 : maxPartZoom
    const pieces = whole ? [blocks] : fewestParts(blocks, criteria)
    return pieces.flatMap((piece, i): ProjectorPart[] => {
      const box = union(piece.map(boxOf))
      if (!box) return []
      if (typeScales) {
        const strips = stripsOf(piece)
        const zoom = wallZoom(box, maxZoom, strips)
        return [{ keys: piece.map((b) => b.key), box, strips, whole, group, ...(pieces.length > 1 ? { piece: { n: i + 1, of: pieces.length } } : {}), zoom, legibleScale: legibleTypeScale(box, maxZoom, strips) }]
      }
      const legibleScale = legibleNoteScale(box, maxZoom)
      return [
        {
          keys: piece.map((b) => b.key),
          box,
          whole,
          group,
          ...(pieces.length > 1 ? { piece: { n: i + 1, of: pieces.length } } : {}),
          zoom: projectorZoom(box, maxZoom),
          legibleScale,
        },
      ]
    })
  })
}
