/**
 * Enforces the scaffold lock in this browser (rules in `shared/facilitation/scaffoldLock.ts`):
 * store side effects refuse a participant's own changes to template scaffold, whatever tldraw's
 * `isLocked` says. Remote changes always pass: refusing them would only split this browser off
 * from the board.
 *
 * Our own template code (growing, inserting) runs inside `withScaffoldAccess`, a scoped flag
 * kept per store. tldraw's `ignoreShapeLock` cannot serve as that flag: tldraw sets it itself
 * (reparenting, deleting pages, toggling locks).
 */
import type { Editor, TLStore } from 'tldraw'
import type { Role } from '../../shared/access.ts'
import {
  createdShape,
  scaffoldChangeAllowed,
  scaffoldDeleteAllowed,
  type ChangeContext,
} from '../../shared/facilitation/scaffoldLock.ts'

const accessDepth = new WeakMap<TLStore, number>()

/** Runs our own code that may change the scaffold (template growth and insertion). */
export function withScaffoldAccess<T>(editor: Pick<Editor, 'store'>, fn: () => T): T {
  const { store } = editor
  accessDepth.set(store, (accessDepth.get(store) ?? 0) + 1)
  try {
    return fn()
  } finally {
    accessDepth.set(store, (accessDepth.get(store) ?? 1) - 1)
  }
}

/** The store-level half: side effects on shapes. Returns their disposer. */
export function guardScaffold(store: TLStore, role: () => Role): () => void {
  const context = (): ChangeContext => ({ role: role(), ownCode: (accessDepth.get(store) ?? 0) > 0 })
  const { sideEffects } = store
  const stops = [
    sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
      source === 'remote' ? shape : createdShape(shape, context()),
    ),
    sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) =>
      source === 'remote' || scaffoldChangeAllowed(prev, next, context()) ? next : prev,
    ),
    sideEffects.registerBeforeDeleteHandler('shape', (shape, source) =>
      source === 'remote' || scaffoldDeleteAllowed(shape, context()) ? undefined : false,
    ),
  ]
  return () => stops.forEach((stop) => stop())
}

/**
 * Editor commands whose scaffold changes are legitimate: undo and redo replay only changes that
 * were allowed when made (history records nothing refused), and deleting a whole page must take
 * its scaffold along or leave shapes without a page.
 */
const trustedCommands = ['undo', 'redo', 'deletePage'] as const

/** Guards the editor's store and trusts its undo, redo and page deletion. Returns a disposer. */
export function registerScaffoldGuard(editor: Editor, role: () => Role): () => void {
  const stopGuard = guardScaffold(editor.store, role)
  const restore = trustedCommands.map((name) => {
    const own = Object.hasOwn(editor, name)
    const original = editor[name] as (...args: unknown[]) => Editor
    Object.defineProperty(editor, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => withScaffoldAccess(editor, () => original.apply(editor, args)),
    })
    return () => {
      if (own) Object.defineProperty(editor, name, { configurable: true, writable: true, value: original })
      else delete (editor as unknown as Record<string, unknown>)[name]
    }
  })
  return () => {
    stopGuard()
    for (const undo of restore) undo()
  }
}
