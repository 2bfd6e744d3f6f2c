/**
 * The board's graph as tldraw reads it in every tab: shapes hang from parents down from a page
 * (`shapeTree.ts`), arrows are bound to shapes. What tldraw cannot read makes a tab fail or hide
 * shapes, so the relay judges the graph whole after each update (`declaration.ts`), not the
 * records an update names:
 *
 * - a binding joins the kinds of shapes tldraw binds: an arrow binding goes from an arrow to a
 *   shape that is no arrow (tldraw's `ArrowShapeUtil.canBind`). An arrow bound to itself or two
 *   arrows bound to each other make tldraw compute each arrow from the other: the tab fails. With
 *   every binding going from an arrow to a non-arrow, no chain of bindings comes back round;
 * - every shape below a shape whose parent changed stays within `maxShapeDepth` of its page: a
 *   frame moved into another takes everything in it along, however deep;
 * - a record is deleted only with everything that refers to it.
 *
 * Each check walks only the part of the graph an update touched, through an index of who refers
 * to whom (`GraphView`), and within `maxGraphWalk` shapes: more is refused, never walked.
 */
import { bindsAsTldraw, maxShapeDepth, reachesPage, shapeAnchor, type TreeRecord } from './shapeTree.ts'

/**
 * Shapes below moved shapes that one update may make the relay walk. tldraw lets a page hold
 * 4,000 shapes; a move of more at once than five full pages is refused, not walked.
 */
export const maxGraphWalk = 20_000

/** What a record is, as far as the graph cares. */
export interface GraphNode {
  id?: unknown
  typeName: unknown
  /** A shape's or binding's kind (`note`, `arrow`, …). */
  type?: unknown
  parentId?: unknown
}

/** The board after an update, as the graph checks read it. */
export interface GraphView {
  /** The records whose parent, binding end or asset is `id`. */
  referrers(id: string): Iterable<string>
  /** The shapes whose parent is `id`. */
  children(id: string): Iterable<string>
  /** The kind of the record `id`, or undefined when there is none. */
  node(id: string): GraphNode | undefined
  /** How many pages the board holds, when the view counts them. */
  pages?(): number
}

/** A record's references to other records, as stored (any may be missing or wrong). */
export interface References {
  id: string
  parentId: unknown
  fromId: unknown
  toId: unknown
  /** An image's or video's asset (`props.assetId`). */
  assetId: unknown
}

/** Why a binding, as it will be, is not one tldraw can show; null when it is. */
export function bindingProblem(binding: { type?: unknown; fromId?: unknown; toId?: unknown }, node: (id: string) => GraphNode | undefined): string | null {
  const from = typeof binding.fromId === 'string' ? node(binding.fromId) : undefined
  const to = typeof binding.toId === 'string' ? node(binding.toId) : undefined
  if (from?.typeName !== 'shape' || to?.typeName !== 'shape') return 'a binding joins two shapes that exist'
  if (binding.fromId === binding.toId) return 'a shape is not bound to itself'
  const ends = { type: binding.type, fromId: binding.fromId as string, toId: binding.toId as string }
  return bindsAsTldraw(ends, node) ? null : 'an arrow is bound to a shape that is no arrow'
}

/**
 * Why the shapes below `moved` (a shape whose parent changed, now at `depth` below its page) do
 * not all stay within `maxShapeDepth`; null when they do. Shapes that themselves moved are
 * judged on their own and not walked again. `walked` counts shapes across one update's walks.
 */
export function subtreeProblem(
  moved: string,
  depth: number,
  graph: GraphView,
  isMoved: (id: string) => boolean,
  walked: { shapes: number },
): string | null {
  let level = [moved]
  const seen = new Set(level)
  for (let below = depth + 1; level.length > 0; below++) {
    const next: string[] = []
    for (const parent of level) {
      for (const child of graph.children(parent)) {
        if (isMoved(child) || seen.has(child)) continue
        if (below > maxShapeDepth) return 'a shape below it would nest too deep'
        if (++walked.shapes > maxGraphWalk) return 'too many shapes moved at once'
        seen.add(child)
        next.push(child)
      }
    }
    level = next
  }
  return null
}

/** A view over the board made by reading every record's references once: for callers without an index. */
export function scannedGraph(references: Iterable<References>, node: (id: string) => GraphNode | undefined): GraphView {
  const referrers = new Map<string, string[]>()
  const children = new Map<string, string[]>()
  const add = (map: Map<string, string[]>, key: unknown, id: string) => {
    if (typeof key !== 'string') return
    const list = map.get(key)
    if (list) list.push(id)
    else map.set(key, [id])
  }
  for (const { id, parentId, fromId, toId, assetId } of references) {
    for (const target of new Set([parentId, fromId, toId, assetId])) add(referrers, target, id)
    add(children, parentId, id)
  }
  return {
    referrers: (id) => referrers.get(id) ?? [],
    children: (id) => (children.get(id) ?? []).filter((child) => node(child)?.typeName === 'shape'),
    node,
  }
}

/** The board before and after an update, as the graph checks read it. */
export interface GraphContext {
  recordBefore(id: string): Record<string, unknown> | undefined
  recordAfter(id: string): Record<string, unknown> | undefined
  graph: GraphView
}

const anchorProblems = {
  cycle: 'the parents form a cycle',
  'missing-parent': 'the parent is neither a page nor a shape on one',
  'too-deep': 'shapes nest too deep',
} as const

/**
 * The first record among `written` (the records an update wrote) that leaves the graph as tldraw
 * cannot read it, and why; null when the graph after the update is whole. tldraw walks parents
 * without a bound, so a cycle would hang every browser on the board: the relay lets none in (and
 * the client leaves out any a board already holds, `shapeTree.ts`).
 */
export function graphProblem(written: Iterable<string>, ctx: GraphContext): { id: string; reason: string } | null {
  const { graph } = ctx
  const lookup = (id: string) => graph.node(id) as TreeRecord | undefined
  /** Shapes whose parent changed, with their depth below their page. */
  const moved = new Map<string, number>()
  const deleted: string[] = []
  for (const id of written) {
    const before = ctx.recordBefore(id)
    const after = ctx.recordAfter(id)
    if (!after) {
      if (before) deleted.push(id)
      continue
    }
    if (after.typeName === 'shape') {
      if (before?.parentId !== after.parentId) {
        const anchor = shapeAnchor(after as unknown as TreeRecord, lookup)
        if (!reachesPage(anchor)) return { id, reason: anchorProblems[anchor.problem] }
        moved.set(id, anchor.depth)
      }
      // An arrow that became a note, or a note an arrow: the bindings to it are judged again.
      if (before && before.type !== after.type) {
        for (const referrer of graph.referrers(id)) {
          const binding = graph.node(referrer)
          const problem = binding?.typeName === 'binding' ? bindingProblem(ctx.recordAfter(referrer) ?? {}, graph.node) : null
          if (problem) return { id: referrer, reason: problem }
        }
      }
    }
    if (after.typeName === 'binding' && (before?.fromId !== after.fromId || before?.toId !== after.toId || before?.type !== after.type)) {
      const problem = bindingProblem(after, graph.node)
      if (problem) return { id, reason: problem }
    }
  }
  for (const id of deleted) {
    for (const _referrer of graph.referrers(id)) return { id, reason: 'deleted while other records refer to it' }
  }
  const walked = { shapes: 0 }
  for (const [id, depth] of moved) {
    const problem = subtreeProblem(id, depth, graph, (shape) => moved.has(shape), walked)
    if (problem) return { id, reason: problem }
  }
  return null
}
