/**
 * The scaffold lock: template titles, headers, prompts, cells and cards stay as the template put
 * them. tldraw's own `isLocked` is a suggestion anyone can undo ("Unlock all"); the relay refuses
 * a participant's changes to scaffold while it is locked (`../declaration.ts`), and each client
 * refuses them before they are made, so that nobody sees a change the board will not hold.
 *
 * Stored format: in the `facilitation` map (`../facilitation.ts`), key `scaffold`, plain JSON written
 * whole by the facilitator: `{ unlocked: boolean }` (missing = locked). Unlocked means the
 * facilitator restructures: the scaffold shapes lose `isLocked`, and participants may move, edit,
 * insert and grow templates too.
 */
import type { TLShape } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { canEdit, isFacilitator, type Role } from '../rights.ts'
import { scaffoldMeta } from '../scaffoldMeta.ts'
import { metaKey } from '../scaffoldMeta.ts'

export const ScaffoldState = z.object({ unlocked: z.boolean() })
export type ScaffoldState = z.infer<typeof ScaffoldState>

export const scaffoldEntry = defineEntry({
  key: 'scaffold',
  schema: ScaffoldState,
  default: { unlocked: false } as ScaffoldState,
  write: (state) => ({ unlocked: state.unlocked }),
  mayWrite: isFacilitator,
})

export const readScaffoldState = (doc: Y.Doc): ScaffoldState => scaffoldEntry.get(doc)

export const writeScaffoldState = (doc: Y.Doc, state: ScaffoldState): void => scaffoldEntry.set(doc, state)

/**
 * Scaffold the lock protects: every template shape except cards, which participants fill in,
 * move and connect with arrows (tldraw binds no arrows to locked shapes).
 */
export function isLockedScaffold(shape: TLShape): boolean {
  const meta = scaffoldMeta(shape)
  return !!meta && meta.kind !== 'card'
}

/** Scaffold for the board's rights: any shape carrying template meta, also a malformed one. */
export const isScaffoldRecord = (record: { meta?: unknown } | undefined) =>
  !!record && typeof record.meta === 'object' && record.meta !== null && metaKey in record.meta

/**
 * Who may change template scaffold (cards included): the facilitator always, everyone who edits
 * while the facilitator has unlocked it. The relay enforces this (`../declaration.ts`).
 */
export const mayChangeScaffold = (role: Role, unlocked: boolean) => isFacilitator(role) || (canEdit(role) && unlocked)

export interface ChangeContext {
  role: Role
  /** Whether the facilitator has unlocked the scaffold. */
  unlocked: boolean
}

/** Whether a local change from `prev` to `next` may happen. */
export function scaffoldChangeAllowed(prev: TLShape, next: TLShape, ctx: ChangeContext): boolean {
  return mayChangeScaffold(ctx.role, ctx.unlocked) || (!isScaffoldRecord(prev) && !isScaffoldRecord(next))
}

/** Whether a local deletion may happen. */
export const scaffoldDeleteAllowed = (shape: TLShape, ctx: ChangeContext) =>
  mayChangeScaffold(ctx.role, ctx.unlocked) || !isScaffoldRecord(shape)

/**
 * A shape a participant creates while the scaffold is locked (a pasted copy of a header) becomes
 * a plain shape: without our meta it does not pose as part of a template.
 */
export function createdShape<S extends TLShape>(shape: S, ctx: ChangeContext): S {
  if (mayChangeScaffold(ctx.role, ctx.unlocked) || !isScaffoldRecord(shape)) return shape
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
