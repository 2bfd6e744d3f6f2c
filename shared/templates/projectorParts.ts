/**
 * A template on the projector, part by part. With a whole Planspiel in view, a note is a few
 * pixels tall; shrinking notes until a cell holds several makes them unreadable from the back of
 * the room. So a template whose cells cannot hold readable notes with all of it in view is shown
 * in parts: its agenda steps or sections, and where one of those is still too large, bands of its
 * rows (or, for a single row, runs of its columns). Every cell of a part has room for a few notes
 * whose text is readable at the part's projector zoom (projector.ts), and that zoom sets their size.
 */
import { union, type Box } from './geometry.ts'
import type { Block, Layout } from './model.ts'
import { legibleNoteScale, projectorZoom } from './projector.ts'
import { readableScale, slotsAt } from './noteSlots.ts'

/** A part of a template may be magnified this much on the projector (a whole template never is). */
export const maxPartZoom = 2
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

/** Every cell of `blocks` holds `slots` readable notes with all of `blocks` on the projector. */
function readable(blocks: readonly Block[], maxZoom: number, slots = slotsPerCell): boolean {
  const box = union(blocks.map(boxOf))
  if (!box) return true
  const scale = readableScale(legibleNoteScale(box, maxZoom))
  const cards = blocks.filter((b) => b.kind === 'card').map(boxOf)
  return blocks.filter(isCell).every((cell) => slotsAt(cell, cell.label ?? '', scale, cards).length >= slots)
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
function runs(blocks: readonly Block[], axis: 'x' | 'y', lines: readonly number[], slots: number): Block[][] {
  const anchors = blocks.filter(isAnchor)
  const others = blocks.filter((b) => !isAnchor(b))
  const edge = (b: Block) => Math.round(b[axis])
  const between = ([from, to]: readonly [number, number]) =>
    anchors.filter((b) => (from === 0 || edge(b) >= lines[from]!) && (to >= lines.length || edge(b) < lines[to]!))
  /** The runs for these ranges of lines, each with the headers nearest to it. */
  const withHeaders = (ranges: readonly (readonly [number, number])[]) => {
    const result: Block[][] = ranges.map(between).filter((run) => run.length > 0)
    const boxes = result.map((run) => union(run.map(boxOf))!)
    for (const block of others) {
      const away = boxes.map((box) => distance(box, boxOf(block)))
      result[away.indexOf(Math.min(...away))]!.push(block)
    }
    return result
  }
  const even = (count: number) =>
    Array.from({ length: count }, (_, i) => [Math.round((i * lines.length) / count), Math.round(((i + 1) * lines.length) / count)] as const)
  for (let count = 2; count < lines.length; count++) {
    const pieces = withHeaders(even(count))
    if (pieces.every((piece) => readable(piece, maxPartZoom, slots))) return pieces
  }
  // No even split works (one line needs a part of its own): each run takes as many lines as
  // stay readable, judged with the rest of the lines as one more run.
  const ranges: (readonly [number, number])[] = []
  for (let from = 0; from < lines.length; ) {
    let to = from + 1
    const fits = (end: number) => readable(withHeaders([...ranges, [from, end], [end, lines.length]]).at(-2) ?? [], maxPartZoom, slots)
    while (to < lines.length && fits(to + 1)) to++
    ranges.push([from, to])
    from = to
  }
  return withHeaders(ranges)
}

/** The screen's shape: a part wider than this is split into columns first, else into rows. */
const screenAspect = 1680 / 930

function split(blocks: readonly Block[], slots: number): Block[][] {
  if (readable(blocks, maxPartZoom, slots)) return [[...blocks]]
  const pieces = blocks.filter(isAnchor)
  const box = union(blocks.map(boxOf))!
  const axes = box.w / box.h > screenAspect ? (['x', 'y'] as const) : (['y', 'x'] as const)
  for (const axis of axes) {
    const lines = [...new Set(pieces.map((c) => Math.round(c[axis])))].sort((a, b) => a - b)
    if (lines.length < 2) continue
    const runsOf = runs(blocks, axis, lines, slots)
    if (runsOf.length > 1) return runsOf.flatMap((run) => split(run, slots))
  }
  return [[...blocks]]
}

/** Parts with room for a few readable notes per cell, or for one where a few would take too many parts. */
function fewestParts(blocks: readonly Block[]): Block[][] {
  if (readable(blocks, maxPartZoom)) return [[...blocks]]
  return clusters(blocks).flatMap((cluster) => {
    const roomy = split(cluster, slotsPerCell)
    return roomy.length <= maxPartsPerGroup ? roomy : split(cluster, 1)
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
 */
export function projectorParts(layout: Layout, groups?: readonly (readonly string[])[]): ProjectorPart[] {
  const byKey = new Map(layout.blocks.map((b) => [b.key, b]))
  const whole = layout.blocks
  const keyGroups = groups && groups.length > 0 ? groups : readable(whole, 1) ? [whole.map((b) => b.key)] : sections(layout)
  return keyGroups.flatMap((keys, group) => {
    const blocks = keys.flatMap((key) => byKey.get(key) ?? [])
    // A whole template keeps its fit, never magnified; its parts may be.
    const maxZoom = blocks.length === whole.length ? 1 : maxPartZoom
    const pieces = maxZoom === 1 ? [blocks] : fewestParts(blocks)
    return pieces.flatMap((piece, i): ProjectorPart[] => {
      const box = union(piece.map(boxOf))
      if (!box) return []
      const legibleScale = legibleNoteScale(box, maxZoom)
      return [
        {
          keys: piece.map((b) => b.key),
          box,
          group,
          ...(pieces.length > 1 ? { piece: { n: i + 1, of: pieces.length } } : {}),
          zoom: projectorZoom(box, maxZoom),
          legibleScale,
        },
      ]
    })
  })
}
