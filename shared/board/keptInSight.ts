/**
 * „Zettel anderer schützen“ keeps others' shapes in sight, not only their words: a participant
 * may move someone else's Zettel (clustering is what a workshop does with them), recolour and
 * enlarge it, but not make it unreadable or unfindable without deleting it. Judged on the board
 * as the change leaves it, for the shape changed and for everything below it (a frame or group
 * carries its children: its opacity, clip and place are theirs too):
 *
 * - fainter: the opacity it is seen with (its own times its parents') does not go down;
 * - turned, for an arrow: its turn on the page (its own and its parents') stays, since an arrow
 *   turned round says the other way round what it said;
 * - smaller: `scale` (and a drawing's `scaleX`/`scaleY`), `w` and `h` do not go down, and a
 *   note's font stays at least what tldraw's own fitting leaves it (14 px), or what it was;
 * - white: its colour or its words' colour does not become white, which vanishes on the white
 *   board; a label colour (a note's words: black is „readable on any colour“) stays as it was;
 * - ground: a box's words do not get a full fill of their own colour (tldraw draws both alike);
 * - marks: its `meta` stays as it is (the facilitator's tools act on Zettel by their marks);
 * - kind: a note stays a note (a geo of it would keep its words two pixels wide);
 * - lock: it stays locked or unlocked as it is (a Zettel locked by another hand is one its author
 *   can no longer edit; the template's lock is `entries/scaffold.ts`'s), and nothing carrying it
 *   becomes locked (tldraw edits nothing below a lock), whether a frame or group is locked over
 *   it or it is moved into a locked one: its own lock is `restyleRefusal`'s, its carriers' are
 *   `placementRefusal`'s;
 * - clipped: a frame shows at least a quarter of it (tldraw takes a note into a frame it
 *   partly overlaps), or as much as before;
 * - behind: it is not sent below the template (its own index, or that of the frame or group
 *   carrying it): the template's cells and headers are opaque, and locked for participants, so
 *   nobody could move them off it;
 * - away: it stays on its page, and within reach of the page's template (its box widened by
 *   `reachMargin` on every side; the page's origin on a page without template), or at least no
 *   farther from it than it was. The reach is fixed by the template, which participants do not
 *   move while it is locked, so no walk of small steps carries a Zettel away.
 *
 * Covering a Zettel with another shape is not hiding it: whatever covers it can be moved away
 * by anyone. A turned Zettel is still read, so turning is open; but places, frames and what they
 * show are worked out with every turn along the way (its own and its parents'), as tldraw draws
 * them: a turn must not lay it outside its frame or carry it off with a turned frame.
 */
import { isEqual } from '@tldraw/utils'
import { maxShapeDepth } from './shapeTree.ts'
import { metaKey as scaffoldMetaKey } from './scaffoldMeta.ts'

/** How far beyond the template others may move a Zettel: about three full-HD screens at 100 %. */
export const reachMargin = 5_000
/** The smallest note font tldraw's own fitting leaves (its `measureNoteLabelSize`), in px. */
const smallestFittedFont = 14
/** tldraw's label font size per `size` (`LABEL_FONT_SIZES`), for a note's fitted font. */
const labelFontPx: Record<string, number> = { s: 18, m: 22, l: 26, xl: 32 }
/** Of a shape inside a frame, at least this part stays shown. */
const shownAtLeast = 0.25
/** Rounding of stored numbers (tldraw writes positions and sizes as floats). */
const epsilon = 1e-6

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

type Rec = Record<string, unknown>

/** The board before and after one change, as these rules read it. */
export interface SightView {
  before(id: string): Rec | undefined
  after(id: string): Rec | undefined
  /** The shapes whose parent is `id`, after the change. */
  children(id: string): Iterable<string>
  /** The box of the page's template scaffold before the change, or null when it has none. */
  templateBox(pageId: string): Box | null
  /** The highest index among the page's template scaffold before the change, or null when it has none. */
  templateTop(pageId: string): string | null
}

const num = (value: unknown, otherwise = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : otherwise)
const propsOf = (record: Rec | undefined) => (typeof record?.props === 'object' && record.props !== null ? (record.props as Rec) : {})

/** A note's words in px before the board's zoom: tldraw's label size times its fitting. */
const noteFontPx = (props: Rec) => (labelFontPx[String(props.size)] ?? labelFontPx.m) * num(props.fontSizeAdjustment, 1)

/**
 * Why a change of another person's shape, by its own fields, makes it harder to see; null when
 * it does not. The place, clip and inherited opacity are `placementRefusal`'s.
 */
export function restyleRefusal(before: Rec, after: Rec): string | null {
  // A note made a geo two pixels wide keeps its words and loses its size rules; tldraw offers no
  // such change, so no honest client makes it.
  if (before.type !== after.type) return "others' shapes keep their kind"
  // What the board's tools read of a Zettel (a small-group draw deletes the Zettel its last draw
  // marked, a carry skips what it carried): another's mark would make the facilitator's tool act on it.
  if (!isEqual(before.meta ?? {}, after.meta ?? {})) return "others' shapes keep their marks"
  // Locked, a Zettel can no longer be edited by its author: locking it is deciding about her words.
  if ((before.isLocked === true) !== (after.isLocked === true)) return "others' shapes keep their lock"
  const [was, is] = [propsOf(before), propsOf(after)]
  for (const key of ['scale', 'scaleX', 'scaleY', 'w', 'h'] as const) {
    if (typeof was[key] === 'number' && Math.abs(num(is[key])) < Math.abs(num(was[key])) - epsilon) return "others' shapes are not made smaller"
  }
  if (before.type === 'note' && after.type === 'note' && noteFontPx(is) < Math.min(noteFontPx(was), smallestFittedFont) - epsilon) {
    return "others' shapes are not made smaller"
  }
  if (is.labelColor !== was.labelColor) return "the colour of others' words stays"
  if (is.color === 'white' && was.color !== 'white') return "others' shapes are not made white"
  // tldraw draws a geo's words in its label colour's solid and `fill: 'fill'` in its colour's: the
  // same colour hides the words (an arrow's label has a ground of its own).
  const groundLikeWords = (props: Rec) => props.fill === 'fill' && props.color === props.labelColor
  if (after.type === 'geo' && groundLikeWords(is) && !groundLikeWords(was)) return "others' words are not coloured like their ground"
  return null
}

interface Placement {
  page: string
  box: Box
  opacity: number
  /** Its turn on the page: its own and its parents'. */
  angle: number
  /** Whether anything carrying it is locked (its own lock is `restyleRefusal`'s): tldraw edits no shape below a lock. */
  locked: boolean
  /** The part of it its frames show, 0 to 1. */
  shown: number
  /** The index of what carries it on its page (itself, or its outermost frame or group). */
  order: string
}

type Point = { x: number; y: number }

/**
 * Where a shape is seen on its page, and how much of it; null when it does not reach a page.
 * tldraw places each shape in its parent's space: moved by its `x`, `y`, then turned by its
 * `rotation` about that corner. So a turn can lay a shape outside the frame that shows it, and a
 * turned frame carries its children with it: both are followed here, as the canvas draws them.
 */
function placement(id: string, read: (id: string) => Rec | undefined): Placement | null {
  const chain: Rec[] = []
  let current = read(id)
  while (current?.typeName === 'shape' && chain.length <= maxShapeDepth) {
    chain.push(current)
    current = typeof current.parentId === 'string' ? read(current.parentId) : undefined
  }
  if (current?.typeName !== 'page') return null
  let origin: Point = { x: 0, y: 0 }
  let [angle, opacity, locked] = [0, 1, false]
  const frames: Point[][] = []
  const corners = (w: number, h: number) => [{ x: 0, y: 0 }, { x: w, y: 0 }, { x: w, y: h }, { x: 0, y: h }].map((p) => onPage(origin, angle, p))
  for (let i = chain.length - 1; i >= 0; i--) {
    const shape = chain[i]
    origin = onPage(origin, angle, { x: num(shape.x), y: num(shape.y) })
    angle += num(shape.rotation)
    opacity *= num(shape.opacity, 1)
    locked ||= i > 0 && shape.isLocked === true
    if (i > 0 && shape.type === 'frame') frames.push(corners(num(propsOf(shape).w), num(propsOf(shape).h)))
  }
  const { w, h } = extent(chain[0])
  const outline = corners(w, h)
  const xs = outline.map((p) => p.x)
  const ys = outline.map((p) => p.y)
  const box = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) }
  const shown = frames.length === 0 ? 1 : polygonArea(frames.reduce(clipConvex, outline)) / Math.max(w * h, epsilon)
  return { page: String(current.id), box, opacity, angle, locked, shown, order: String(chain[chain.length - 1].index) }
}

/** Whether two turns leave a shape pointing the same way (whole turns apart). */
function sameTurn(a: number, b: number): boolean {
  const turn = 2 * Math.PI
  const apart = (((a - b) % turn) + turn) % turn
  return apart < epsilon || turn - apart < epsilon
}

/** `p` in its parent's space, placed on the page by the parent's corner `origin` and turn `angle`. */
function onPage(origin: Point, angle: number, p: Point): Point {
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)]
  return { x: origin.x + p.x * cos - p.y * sin, y: origin.y + p.x * sin + p.y * cos }
}

/** The part of `subject` inside the convex polygon `clip` (Sutherland–Hodgman). */
function clipConvex(subject: Point[], clip: Point[]): Point[] {
  // Either winding: a frame of negative size or mirrored by turns is still the same area.
  const sign = Math.sign(signedArea(clip))
  // A frame of no size shows nothing.
  if (Math.abs(signedArea(clip)) <= epsilon) return []
  let out = subject
  for (let i = 0; i < clip.length && out.length > 0; i++) {
    const [a, b] = [clip[i], clip[(i + 1) % clip.length]]
    const inside = (p: Point) => sign * ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) >= 0
    const cross = (p: Point, q: Point): Point => {
      const [dx, dy, ex, ey] = [q.x - p.x, q.y - p.y, b.x - a.x, b.y - a.y]
      const denominator = dx * ey - dy * ex
      const t = denominator === 0 ? 0 : ((a.x - p.x) * ey - (a.y - p.y) * ex) / denominator
      return { x: p.x + t * dx, y: p.y + t * dy }
    }
    const input = out
    out = []
    for (let j = 0; j < input.length; j++) {
      const [p, q] = [input[j], input[(j + 1) % input.length]]
      if (inside(q)) {
        if (!inside(p)) out.push(cross(p, q))
        out.push(q)
      } else if (inside(p)) out.push(cross(p, q))
    }
  }
  return out
}

function signedArea(polygon: Point[]): number {
  let sum = 0
  for (let i = 0; i < polygon.length; i++) {
    const [p, q] = [polygon[i], polygon[(i + 1) % polygon.length]]
    sum += p.x * q.y - q.x * p.y
  }
  return sum / 2
}

const polygonArea = (polygon: Point[]) => Math.abs(signedArea(polygon))

/** A shape's size as far as these rules need it: its `w` and `h`, a note's square, else a fallback. */
function extent(shape: Rec): { w: number; h: number } {
  const props = propsOf(shape)
  const scale = Math.abs(num(props.scale, 1))
  if (shape.type === 'note') return { w: 200 * scale, h: (200 + num(props.growY)) * scale }
  const w = num(props.w, 100)
  return { w: w * scale, h: num(props.h, 40) * scale }
}

/** A shape's box in its parent's space, as far as `keptInSight.ts` needs it. */
export function shapeBox(shape: { x?: unknown; y?: unknown; props?: unknown }): Box {
  const props = (typeof shape.props === 'object' && shape.props !== null ? shape.props : {}) as Record<string, unknown>
  const n = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)
  return { x: n(shape.x), y: n(shape.y), w: n(props.w), h: n(props.h) }
}

/** The box around `boxes`, or null when there are none. */
export function enclosing(boxes: Iterable<Box>): Box | null {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const box of boxes) {
    x0 = Math.min(x0, box.x)
    y0 = Math.min(y0, box.y)
    x1 = Math.max(x1, box.x + box.w)
    y1 = Math.max(y1, box.y + box.h)
  }
  return x0 === Infinity ? null : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 }
}

/** How far a point lies outside `box` (0 inside). */
function distance(box: Box, x: number, y: number): number {
  const dx = Math.max(box.x - x, 0, x - (box.x + box.w))
  const dy = Math.max(box.y - y, 0, y - (box.y + box.h))
  return Math.hypot(dx, dy)
}

/**
 * Whether a shape marks out the template on its page: scaffold (`meta.netzwerkstatt`) other than
 * a card, which participants move about; so the reach is what only the facilitator moves (or
 * whoever edits while the facilitator has unlocked the template).
 */
export function marksTemplate(meta: unknown): boolean {
  const scaffold = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>)[scaffoldMetaKey] : undefined
  return scaffold !== undefined && (scaffold as { kind?: unknown } | null)?.kind !== 'card'
}

/** Where others may move a Zettel on a page: its template's box, or its origin, widened by `reachMargin`. */
export function reachOf(template: Box | null): Box {
  const box = template ?? { x: 0, y: 0, w: 0, h: 0 }
  return { x: box.x - reachMargin, y: box.y - reachMargin, w: box.w + 2 * reachMargin, h: box.h + 2 * reachMargin }
}

/** Why `id` (another person's shape, there before and after) is seen less after the change; null when it is not. */
export function placementRefusal(id: string, view: SightView): string | null {
  const was = placement(id, view.before)
  const is = placement(id, view.after)
  if (!was || !is) return null
  if (is.page !== was.page) return "others' shapes stay on their page"
  if (is.opacity < was.opacity - epsilon) return "others' shapes are not made fainter"
  if (is.locked && !was.locked) return "others' shapes keep their lock"
  // Turned, an arrow says the other way round what it said: its free ends are its content (`arrowRights.ts`).
  if (view.after(id)?.type === 'arrow' && !sameTurn(is.angle, was.angle)) return "others' arrows keep their direction"
  if (is.shown < Math.min(was.shown, shownAtLeast) - epsilon) return "others' shapes are not hidden in a frame"
  // Fractional indices sort as strings, as tldraw sorts them.
  const top = view.templateTop(is.page)
  if (top !== null && is.order < top && !(was.order < top)) return "others' shapes are not put behind the template"
  const reach = reachOf(view.templateBox(is.page))
  const [far, farBefore] = [distance(reach, is.box.x, is.box.y), distance(reach, was.box.x, was.box.y)]
  return far > 0 && far > farBefore + epsilon ? "others' shapes stay within reach of the board" : null
}

/**
 * The first refusal for the shapes a change touched (`changed`: shapes there before and after)
 * and everything below them, for those `isOthers` says are protected from this writer; null when
 * every one is seen as before. At most `maxWalk` shapes are walked: more is refused, not walked.
 */
export function sightRefusal(changed: Iterable<string>, isOthers: (shape: Rec) => boolean, view: SightView, maxWalk: number): { id: string; reason: string } | null {
  const seen = new Set<string>()
  const stack = [...changed]
  while (stack.length > 0) {
    const id = stack.pop()!
    if (seen.has(id)) continue
    seen.add(id)
    if (seen.size > maxWalk) return { id, reason: 'too many shapes below the shapes changed' }
    const before = view.before(id)
    if (before?.typeName === 'shape' && view.after(id) && isOthers(before)) {
      const reason = placementRefusal(id, view)
      if (reason) return { id, reason }
    }
    for (const child of view.children(id)) stack.push(child)
  }
  return null
}
