/**
 * A Fallkonferenz's case cells stay shut until its confirmations are recorded (`entries/consent.ts`):
 * nobody, the facilitator included, creates a shape in one of them, moves one into one, or
 * changes one lying in one. Deleting, and moving a shape out, stay open: they take a case off the
 * board, which is what a withdrawn consent asks for.
 *
 * The invariant the relay keeps (`declaration.ts`), for every path that writes records (a
 * client's update, the relay's own writes, an archive or a version taken in): no update leaves a
 * shape it wrote, or one below a frame or group it wrote, with its place inside a case cell of a
 * Fallkonferenz whose record is not complete. „Its place“ is where the export files it: a note's
 * or a box's centre, a text's starting point (`templates/writtenAt.ts`), through its frames.
 *
 * The same rule guards this browser's own changes (`client/board/boardRights.ts`), so that nobody
 * sees a Zettel there the board will not keep.
 */
import { scaffoldMetaOf, type CaseCell } from './caseCells.ts'
import { caseOpen } from './entries/consent.ts'
import { maxShapeDepth } from './shapeTree.ts'
import type { Box } from './keptInSight.ts'

export type { CaseCell }

type Rec = Record<string, unknown>

export interface CaseLockView {
  /** A record after the change. */
  after(id: string): Rec | undefined
  /** The shapes whose parent is `id`, after the change. */
  children(id: string): Iterable<string>
  /** The case cells lying on `page` (each Fallkonferenz's Fallbeschreibung, Lösungswege, Erkenntnisse). */
  caseCells(page: string): readonly CaseCell[]
  /** The stored `facilitation/consent` value the change is judged by. */
  consent: unknown
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
const propsOf = (record: Rec) => (typeof record.props === 'object' && record.props !== null ? (record.props as Rec) : {})

/** Where a shape is filed, in its parent's space: a note's or box's centre, a text's start. */
function placeOf(shape: Rec): { x: number; y: number } {
  const props = propsOf(shape)
  const scale = Math.abs(typeof props.scale === 'number' && Number.isFinite(props.scale) ? props.scale : 1)
  const x = num(shape.x)
  const y = num(shape.y)
  if (shape.type === 'note') return { x: x + 100 * scale, y: y + ((200 + num(props.growY)) * scale) / 2 }
  if (shape.type === 'text') {
    const w = num(props.w) * scale
    return { x: props.textAlign === 'middle' ? x + w / 2 : props.textAlign === 'end' ? x + w : x, y }
  }
  return { x: x + (num(props.w) * scale) / 2, y: y + (num(props.h) * scale) / 2 }
}

/** `p` turned by `angle` about the origin, then moved by `(x, y)`: a point in the parent's space. */
function turned(p: { x: number; y: number }, angle: number, x: number, y: number) {
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)]
  return { x: x + p.x * cos - p.y * sin, y: y + p.x * sin + p.y * cos }
}

/**
 * The shape's place on its page and the page, through its parents (at most `maxShapeDepth`).
 * tldraw turns each shape by its `rotation` about its corner, and a turned parent carries its
 * children with it: both are followed, so that the place is where the canvas shows it.
 */
function pagePlace(shape: Rec, after: (id: string) => Rec | undefined): { page: string; x: number; y: number } | null {
  const own = placeOf(shape)
  const found = onPageOf(shape, [{ x: own.x - num(shape.x), y: own.y - num(shape.y) }], after)
  return found && { page: found.page, ...found.points[0] }
}

/** Points in the shape's own space, placed on its page through its turn and its parents'. */
function onPageOf(shape: Rec, local: readonly { x: number; y: number }[], after: (id: string) => Rec | undefined): { page: string; points: { x: number; y: number }[] } | null {
  let points = local.map((p) => turned(p, num(shape.rotation), num(shape.x), num(shape.y)))
  let parentId = shape.parentId
  for (let depth = 0; depth < maxShapeDepth; depth++) {
    if (typeof parentId !== 'string') return null
    const parent = after(parentId)
    if (!parent || parent.typeName !== 'shape') return { page: parentId, points }
    points = points.map((p) => turned(p, num(parent.rotation), num(parent.x), num(parent.y)))
    parentId = parent.parentId
  }
  return null
}

/**
 * Where an arrow reaches, in its own space: its ends, its label and points along its bend. Its
 * label is written where the arrow runs, far from its corner, so its corner alone would let a
 * label into a case cell. (A bound arrow's ends follow the shapes it is bound to; those are not
 * read here.)
 */
function arrowPoints(shape: Rec): { x: number; y: number }[] {
  const props = propsOf(shape)
  const end = (value: unknown) => {
    const p = typeof value === 'object' && value !== null ? (value as Rec) : {}
    return { x: num(p.x), y: num(p.y) }
  }
  const [a, b] = [end(props.start), end(props.end)]
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1
  // The bend moves the arrow's middle sideways by `bend`; a quadratic through it follows the arc closely enough.
  // Both sides are followed: which way a bend turns is tldraw's to say, and a case cell is shut either way.
  return [num(props.bend), -num(props.bend)].flatMap((bend) => bentPoints(a, b, length, bend, props.labelPosition))
}

function bentPoints(a: { x: number; y: number }, b: { x: number; y: number }, length: number, bend: number, labelPosition: unknown) {
  const mid = { x: (a.x + b.x) / 2 - ((b.y - a.y) / length) * bend, y: (a.y + b.y) / 2 + ((b.x - a.x) / length) * bend }
  const control = { x: 2 * mid.x - (a.x + b.x) / 2, y: 2 * mid.y - (a.y + b.y) / 2 }
  const at = (t: number) => ({
    x: (1 - t) ** 2 * a.x + 2 * (1 - t) * t * control.x + t ** 2 * b.x,
    y: (1 - t) ** 2 * a.y + 2 * (1 - t) * t * control.y + t ** 2 * b.y,
  })
  const label = Math.min(1, Math.max(0, typeof labelPosition === 'number' && Number.isFinite(labelPosition) ? labelPosition : 0.5))
  const steps = 32
  return [at(label), ...Array.from({ length: steps + 1 }, (_, i) => at(i / steps))]
}

const inside = (box: Box, p: { x: number; y: number }) => p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h

/** The Fallkonferenz whose locked case cell holds `shape` after the change, or undefined. */
export function lockedCellOf(shape: Rec, view: Pick<CaseLockView, 'after' | 'caseCells' | 'consent'>): string | undefined {
  if (shape.typeName !== 'shape' || scaffoldMetaOf(shape)) return undefined
  const placed = shape.type === 'arrow' ? onPageOf(shape, arrowPoints(shape), view.after) : null
  const place = placed ? null : pagePlace(shape, view.after)
  const page = placed?.page ?? place?.page
  if (page === undefined) return undefined
  const points = placed?.points ?? [place!]
  for (const cell of view.caseCells(page)) {
    if (points.some((p) => inside(cell.box, p)) && !caseOpen(view.consent, cell.instance, page)) return cell.instance
  }
  return undefined
}

/**
 * The first shape among `written` (or below one of them) that the change leaves in a locked case
 * cell, with the reason; null when there is none. At most `maxWalk` shapes are looked at; a
 * change below more than that is refused rather than let through unjudged.
 */
export function caseLockRefusal(written: Iterable<string>, view: CaseLockView, maxWalk: number): { id: string; reason: string } | null {
  const seen = new Set<string>()
  const stack: string[] = []
  for (const id of written) {
    const shape = view.after(id)
    if (shape?.typeName === 'shape') stack.push(id)
  }
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    if (seen.size > maxWalk) return { id, reason: 'too many shapes below to judge the case lock' }
    const shape = view.after(id)
    if (!shape) continue
    if (lockedCellOf(shape, view) !== undefined) return { id, reason: 'the case stays shut until the Fallkonferenz confirmations are recorded' }
    if (shape.type === 'frame' || shape.type === 'group') for (const child of view.children(id)) stack.push(child)
  }
  return null
}

/** A case cell an update moved or resized: its box before and after, on its page. */
export interface MovedCaseCell {
  cell: CaseCell
  before: Box
  page: string
}

/**
 * A shut case cell moved or resized over a shape that lay outside it: the shape was not written,
 * yet it now lies in the case, which the lock forbids as much as moving the shape in. Every shape
 * on the cell's page is looked at (a case cell is seldom moved), at most `maxWalk` of them.
 */
export function movedCellRefusal(moved: readonly MovedCaseCell[], view: CaseLockView & { before(id: string): Rec | undefined }, maxWalk: number): { id: string; reason: string } | null {
  const shut = moved.filter(({ cell, page }) => !caseOpen(view.consent, cell.instance, page))
  // One walk per page, however many of its cells moved: one update may move them all.
  for (const page of new Set(shut.map((m) => m.page))) {
    const cells = shut.filter((m) => m.page === page)
    const seen = new Set<string>()
    const stack = [...view.children(page)]
    while (stack.length > 0) {
      const id = stack.pop()!
      if (seen.has(id)) continue
      seen.add(id)
      if (seen.size > maxWalk) return { id, reason: 'too many shapes on the page to judge the case lock' }
      const shape = view.after(id)
      if (!shape || shape.typeName !== 'shape') continue
      if (!scaffoldMetaOf(shape)) {
        const place = pagePlace(shape, view.after)
        // A shape that lay in the cell before is carried with it (the whole template moved), not brought in.
        const earlier = view.before(id)
        const was = earlier?.typeName === 'shape' ? pagePlace(earlier, view.before) : null
        const lay = (box: Box, p: { page: string; x: number; y: number } | null) => p !== null && p.page === page && inside(box, p)
        if (place && place.page === page && cells.some(({ cell, before }) => inside(cell.box, place) && !lay(before, place) && !lay(before, was))) {
          return { id, reason: 'a case cell is not moved over a shape while the Fallkonferenz confirmations are not recorded' }
        }
      }
      for (const child of view.children(id)) stack.push(child)
    }
  }
  return null
}
