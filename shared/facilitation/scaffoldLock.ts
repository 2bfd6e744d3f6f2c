/**
 * The scaffold lock: template titles, headers, prompts and cells stay where the template put
 * them. tldraw's own `isLocked` is a suggestion anyone can undo ("Unlock all"), so each client
 * also refuses its participant's changes to scaffold shapes; only our own template code (growing,
 * inserting) gets through.
 *
 * Stored format: in the `facilitation` map (see `doc.ts`), key `scaffold`, plain JSON written
 * whole by the facilitator: `{ unlocked: boolean }` (missing = locked). Unlocked means the
 * facilitator restructures: the scaffold shapes lose `isLocked`, so the facilitator may move and
 * edit them; participants stay blocked either way.
 */
import type { TLShape } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { z } from 'zod'
import type { Role } from '../access.ts'
import { scaffoldMeta } from '../templates/instance.ts'
import { metaKey } from '../templates/model.ts'
import { facilitationKeys, facilitationMap } from './doc.ts'

export const ScaffoldState = z.object({ unlocked: z.boolean() })
export type ScaffoldState = z.infer<typeof ScaffoldState>

export function readScaffoldState(doc: Y.Doc): ScaffoldState {
  const parsed = ScaffoldState.safeParse(facilitationMap(doc).get(facilitationKeys.scaffold))
  return parsed.success ? parsed.data : { unlocked: false }
}

export function writeScaffoldState(doc: Y.Doc, state: ScaffoldState): void {
  facilitationMap(doc).set(facilitationKeys.scaffold, { unlocked: state.unlocked })
}

/**
 * Scaffold the lock protects: every template shape except cards, which participants fill in,
 * move and connect with arrows (tldraw binds no arrows to locked shapes).
 */
export function isLockedScaffold(shape: TLShape): boolean {
  const meta = scaffoldMeta(shape)
  return !!meta && meta.kind !== 'card'
}

/** Who the lock holds back: everyone but the facilitator (observers change nothing anyway). */
export const lockApplies = (role: Role) => role !== 'facilitator'

export interface ChangeContext {
  role: Role
  /** Our own template code is running (growing, inserting, or undoing/redoing that). */
  ownCode: boolean
}

/** Whether a local change from `prev` to `next` may happen. */
export function scaffoldChangeAllowed(prev: TLShape, next: TLShape, ctx: ChangeContext): boolean {
  if (!lockApplies(ctx.role) || ctx.ownCode) return true
  return !isLockedScaffold(prev) && !isLockedScaffold(next)
}

/** Whether a local deletion may happen. */
export const scaffoldDeleteAllowed = (shape: TLShape, ctx: ChangeContext) =>
  !lockApplies(ctx.role) || ctx.ownCode || !isLockedScaffold(shape)

/**
 * A shape a participant creates outside our code (a pasted copy of a header) becomes a plain
 * shape: without our meta it does not pose as part of a template.
 */
export function createdShape<S extends TLShape>(shape: S, ctx: ChangeContext): S {
  if (!lockApplies(ctx.role) || ctx.ownCode || !scaffoldMeta(shape)) return shape
  const { [metaKey]: _dropped, ...meta } = shape.meta as Record<string, unknown>
  return { ...shape, meta } as S
}

/** The updates that make every locked-scaffold shape `isLocked: locked` (none for those already so). */
export function lockUpdates(shapes: Iterable<TLShape>, locked: boolean): Pick<TLShape, 'id' | 'type' | 'isLocked'>[] {
  const updates: Pick<TLShape, 'id' | 'type' | 'isLocked'>[] = []
  for (const shape of shapes) {
    if (isLockedScaffold(shape) && shape.isLocked !== locked) updates.push({ id: shape.id, type: shape.type, isLocked: locked })
  }
  return updates
}
