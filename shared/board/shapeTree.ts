/**
 * Where a shape hangs: its parent chain up to a page. Every walk over `parentId` on the relay and
 * in the client goes through here, bounded in steps, because a stored board may hold a shape
 * that is its own parent, a cycle or a missing parent (written before the relay refused such
 * updates, restored from an old version, imported). An unbounded walk over one of those spins
 * the relay's only thread or freezes every browser on the board.
 */

/**
 * Deeper than any real nesting of frames and groups; tldraw itself walks chains recursively. The
 * relay lets no deeper shape into a board (`declaration.ts`), the client shows none.
 */
export const maxShapeDepth = 32

/** The fields of a record a parent walk reads. */
export interface TreeRecord {
  id: string
  typeName: string
  parentId?: unknown
}

export type ShapeAnchor =
  | { page: string; depth: number }
  | { problem: 'cycle' | 'missing-parent' | 'too-deep' }

/** The page a shape's chain reaches within `maxShapeDepth` steps, or why it does not. */
export function shapeAnchor(shape: TreeRecord, lookup: (id: string) => TreeRecord | undefined): ShapeAnchor {
  let current = shape
  for (let depth = 1; depth <= maxShapeDepth; depth++) {
    const parent = parentOf(current, lookup)
    if (!parent) return { problem: 'missing-parent' }
    if (parent.typeName === 'page') return { page: parent.id, depth }
    if (parent.typeName !== 'shape') return { problem: 'missing-parent' }
    current = parent
  }
  // Only a chain past the bound is walked again, to tell a cycle from a very deep one.
  const seen = new Set<string>()
  for (let at: TreeRecord | undefined = shape; at?.typeName === 'shape'; at = parentOf(at, lookup)) {
    if (seen.has(at.id)) return { problem: 'cycle' }
    if (seen.size > maxShapeDepth) break
    seen.add(at.id)
  }
  return { problem: 'too-deep' }
}

const parentOf = (record: TreeRecord, lookup: (id: string) => TreeRecord | undefined) =>
  typeof record.parentId === 'string' ? lookup(record.parentId) : undefined

export const reachesPage = (anchor: ShapeAnchor): anchor is { page: string; depth: number } => 'page' in anchor

/**
 * The records of a board split into what can be shown and what is left out: shapes whose chain
 * does not reach a page, bindings from or to a shape that is missing or left out, and bindings
 * tldraw cannot draw (`bindsAsTldraw`). Order is kept.
 * Pages are the page records among `records`, unless `isPage` says otherwise.
 */
export function anchoredRecords<R extends TreeRecord>(
  records: Iterable<R>,
  isPage?: (id: string) => boolean,
): { shown: R[]; leftOut: R[] } {
  const all = [...records]
  const byId = new Map(all.map((r) => [r.id, r]))
  const lookup = (id: string): TreeRecord | undefined => (isPage?.(id) ? { id, typeName: 'page' } : byId.get(id))
  const shownShapes = new Set<string>()
  for (const r of all) if (r.typeName === 'shape' && reachesPage(shapeAnchor(r, lookup))) shownShapes.add(r.id)
  const shown: R[] = []
  const leftOut: R[] = []
  const shapeOf = (id: string) => byId.get(id) as { type?: unknown } | undefined
  for (const r of all) (isShown(r, (id) => shownShapes.has(id), shapeOf) ? shown : leftOut).push(r)
  return { shown, leftOut }
}

/**
 * Whether a record may be shown, given which shapes are: other kinds of records always. A
 * binding needs both its shapes shown and, with `shapeOf`, to be one tldraw can draw
 * (`bindsAsTldraw`): an arrow bound to itself or to another arrow makes every tab fail.
 */
export function isShown(record: TreeRecord, shapeShown: (id: string) => boolean, shapeOf?: (id: string) => { type?: unknown } | undefined): boolean {
  if (record.typeName === 'shape') return shapeShown(record.id)
  if (record.typeName !== 'binding') return true
  const { fromId, toId } = record as TreeRecord & { fromId?: unknown; toId?: unknown }
  if (typeof fromId !== 'string' || typeof toId !== 'string' || !shapeShown(fromId) || !shapeShown(toId)) return false
  return !shapeOf || bindsAsTldraw({ type: (record as { type?: unknown }).type, fromId, toId }, shapeOf)
}

/**
 * Whether tldraw binds these ends: never a shape to itself, and an arrow binding from an arrow to
 * a shape that is no arrow (its `ArrowShapeUtil.canBind`). tldraw computes a bound arrow from its
 * target: bound to itself or round through other arrows, that computation never ends.
 */
export function bindsAsTldraw(
  binding: { type?: unknown; fromId: string; toId: string },
  shapeOf: (id: string) => { type?: unknown } | undefined,
): boolean {
  if (binding.fromId === binding.toId) return false
  return binding.type !== 'arrow' || (shapeOf(binding.fromId)?.type === 'arrow' && shapeOf(binding.toId)?.type !== 'arrow')
}

const isPageId = (id: string) => id.startsWith('page:')

/**
 * The records an export reads: shapes whose parent chain does not reach a page id (a cycle, a
 * missing parent: a corrupt board) are left out, and so are bindings to them, so no walk over
 * them meets such a chain. A page id counts without its record: what lies on it is readable, and
 * exports of bare shapes (tests, tools) work.
 */
export const exportedRecords = (records: Iterable<unknown>): unknown[] =>
  anchoredRecords(records as Iterable<TreeRecord>, isPageId).shown
