/**
 * „Zettel anderer schützen“ keeps another person's arrow pointing where she drew it: in a
 * Dienstleistungskette an arrow says „this service leads to that one“, so where its ends are
 * bound, and where its free ends lie, is what she said.
 *
 * - a binding from an arrow (tldraw's `binding` of type `arrow`, `fromId` the arrow) is created,
 *   re-pointed or deleted only by whoever may change the arrow: its author and the facilitator
 *   (template arrows: whoever may change the template); others' bindings go only together with
 *   the arrow or with the shape they point to, as tldraw deletes them;
 * - the arrow's free ends (`props.start`, `props.end` of a terminal bound to nothing) stay where
 *   they are; a bound end's are not drawn (the binding places it), and tldraw rewrites them
 *   when it lets go of the binding. An end bound the old way (in the arrow's props) becomes only
 *   what tldraw's migration makes of it: bound to the same shape by a binding record;
 * - which way it points and how it runs are what it says too: its heads („A leads to B“ turned
 *   round is „B leads to A“), its kind, its elbow and its bend. tldraw rewrites the bend on its
 *   own only as it lets go of a binding (keeping the arc as drawn, bent to the same side).
 */
import { isEqual } from '@tldraw/utils'

type Rec = Record<string, unknown>

/** The board before and after one change, as these rules read it. */
export interface ArrowView {
  before(id: string): Rec | undefined
  after(id: string): Rec | undefined
  /** Whether this writer may change the arrow (given it as it was, or as created). */
  mayChange(arrow: Rec): boolean
  /** The ids of the bindings from `arrow`, before or after the change (deleted and created ones included). */
  bindings(arrow: string): Iterable<string>
  /**
   * Whether the bindings a change deletes are not seen yet: a canvas judges an arrow's change
   * before tldraw deletes the binding it lets go of (it rewrites the end first), so a bound end
   * rewritten counts as let go there; the relay sees the whole update.
   */
  unbindingUnseen?: boolean
}

const terminals = ['start', 'end'] as const
const propsOf = (record: Rec | undefined) => (typeof record?.props === 'object' && record.props !== null ? (record.props as Rec) : {})

/** The shape an end was bound to before tldraw 2.2 kept bindings as records of their own (`{ type: 'binding', boundShapeId }` in the arrow's props). */
function legacyBound(props: Rec, terminal: unknown): unknown {
  if (terminal !== 'start' && terminal !== 'end') return undefined
  const end = props[terminal] as Rec | undefined
  return end?.type === 'binding' ? end.boundShapeId : undefined
}

/** How an arrow runs, besides its ends: its heads, kind and elbow; missing ones as tldraw's migration writes them. */
const course = (props: Rec) => [props.arrowheadStart, props.arrowheadEnd, props.kind ?? 'arc', props.elbowMidPoint ?? 0.5]

/** A free end's place, the old way (`{ type: 'point', x, y }`) or the new (`{ x, y }`) alike: a migration moves nothing. */
function pointOf(end: unknown): unknown {
  if (typeof end !== 'object' || end === null) return end
  const { type, ...rest } = end as Rec
  return type === 'point' ? rest : end
}

/** Why writing the binding `id` is not this writer's; null when it is. */
export function bindingRefusal(id: string, view: ArrowView): string | null {
  const [was, is] = [view.before(id), view.after(id)]
  const binding = was ?? is
  if (binding?.typeName !== 'binding' || (was && is && isEqual(was, is))) return null
  // Still from the same arrow's same end to the same shape (a schema migration written back, the
  // spot on the shape moved): it points where it did.
  if (was && is && was.fromId === is.fromId && was.toId === is.toId && was.type === is.type && propsOf(was).terminal === propsOf(is).terminal) return null
  for (const side of [was, is]) {
    if (!side || typeof side.fromId !== 'string') continue
    const arrow = view.before(side.fromId) ?? view.after(side.fromId)
    if (arrow?.typeName !== 'shape' || view.mayChange(arrow)) continue
    // Deleted with its arrow or with the shape it points to: tldraw's own side effect of a deletion judged on its own.
    const goneWith = was && !is && (view.after(side.fromId) === undefined || (typeof was.toId === 'string' && view.after(was.toId) === undefined))
    // Made from what the arrow said before tldraw kept bindings apart: a migration written back.
    const carriedOver = !was && is && legacyBound(propsOf(arrow), propsOf(is).terminal) === is.toId
    if (!goneWith && !carriedOver) return "others' arrows keep what they point to"
  }
  return null
}

/** Why the change of the arrow `id` changes what it says (its free ends, heads, kind, elbow, bend) by another hand; null when it does not. */
export function arrowRefusal(id: string, view: ArrowView): string | null {
  const [was, is] = [view.before(id), view.after(id)]
  if (was?.typeName !== 'shape' || was.type !== 'arrow' || !is || view.mayChange(was)) return null
  const [wasProps, isProps] = [propsOf(was), propsOf(is)]
  if (!isEqual(course(wasProps), course(isProps))) return "others' arrows keep their heads and course"
  const bound = new Map<unknown, boolean>()
  const boundAfter = (terminal: string, shape: unknown) => {
    for (const binding of view.bindings(id)) {
      const record = view.after(binding)
      if (record?.typeName === 'binding' && record.fromId === id && record.toId === shape && propsOf(record).terminal === terminal) return true
    }
    return false
  }
  for (const binding of view.bindings(id)) {
    const record = view.before(binding)
    // Whether tldraw may be letting go of it: gone after the change (or, unseen, its end rewritten).
    if (record?.typeName === 'binding' && record.fromId === id) bound.set(propsOf(record).terminal, view.after(binding) === undefined)
  }
  for (const terminal of terminals) {
    if (view.unbindingUnseen && bound.has(terminal) && !isEqual(wasProps[terminal], isProps[terminal])) bound.set(terminal, true)
  }
  for (const terminal of terminals) {
    // An end bound the old way (in the arrow's props) lies where its shape is, like a binding's;
    // it migrates into tldraw's {0, 0} bound by a binding record from the same end to the same shape.
    const shape = legacyBound(wasProps, terminal)
    if (shape === undefined) continue
    bound.set(terminal, bound.get(terminal) ?? false)
    if (!isEqual(wasProps[terminal], isProps[terminal]) && !(isEqual(isProps[terminal], { x: 0, y: 0 }) && boundAfter(terminal, shape))) {
      return "others' arrows keep their ends"
    }
  }
  for (const terminal of terminals) {
    if (!bound.has(terminal) && !isEqual(pointOf(wasProps[terminal]), pointOf(isProps[terminal]))) return "others' arrows keep their ends"
  }
  const [bendWas, bendIs] = [Number(wasProps.bend ?? 0), Number(isProps.bend ?? 0)]
  const letGo = [...bound.values()].some((gone) => gone)
  if (bendIs !== bendWas && !(letGo && Math.sign(bendIs) === Math.sign(bendWas))) return "others' arrows keep their heads and course"
  return null
}
