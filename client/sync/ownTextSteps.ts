/**
 * Undo and redo of one's own typing in a text held as a `Y.Text`, keeping the words others typed
 * since. tldraw's history replays a step by putting back the record it had before (redo: after),
 * the rich text included; written as a change from the text now, that would delete every word
 * that arrived since. So each write of this browser into a text is also a step of a
 * `Y.UndoManager` (tracking only the bridge's local origin), labelled with the store's values
 * before and after it; when the store shows one of those values again (the same object: tldraw
 * puts back what it recorded, typing always makes a new one), the bridge undoes or redoes the
 * Yjs steps up to it instead: Yjs removes what those steps inserted and restores what they
 * deleted, wherever others' edits have put it.
 */
import * as Y from 'yjs'

type StackItem = Y.UndoManager['undoStack'][number]

const beforeKey = 'netzwerkstatt:before'
const afterKey = 'netzwerkstatt:after'

export class OwnTextSteps {
  /** Record id → props key → the undo manager of that text. */
  private readonly managers = new Map<string, Map<string, Y.UndoManager>>()
  private readonly undoManagers = new WeakSet<object>()
  /** The labels of the steps about to be made (the step is added when its transaction ends). */
  private readonly pending = new Map<Y.UndoManager, { before: unknown; after: unknown }>()

  constructor(private readonly localOrigin: unknown) {}

  /** A transaction of an undo or redo of ours: the bridge has already shown what it meant. */
  isOwnUndo(origin: unknown): boolean {
    return typeof origin === 'object' && origin !== null && this.undoManagers.has(origin)
  }

  /**
   * Call before this browser writes its edit of a text (with the local origin): the step it makes
   * is labelled with the store's values before and after.
   */
  willWrite(id: string, key: string, ytext: Y.Text, before: unknown, after: unknown): void {
    this.pending.set(this.manager(id, key, ytext), { before, after })
  }

  /** The writes are done (a write that changed nothing made no step). */
  written(): void {
    this.pending.clear()
  }

  /** Whether the store's `value` of the text is one it showed before or after a step of ours. */
  isStepValue(id: string, key: string, ytext: Y.Text, value: unknown): boolean {
    const { undoTo, redoTo } = this.find(id, key, ytext, value)
    return undoTo >= 0 || redoTo >= 0
  }

  /**
   * When the store's `value` of the text is one it showed before or after a step of ours (tldraw
   * replayed its history), undoes or redoes the Yjs steps up to it; returns whether it did. Not
   * from inside an observer of the doc (Yjs would take the undo for a new step).
   */
  replay(id: string, key: string, ytext: Y.Text, value: unknown): boolean {
    const { manager, undoTo, redoTo } = this.find(id, key, ytext, value)
    if (!manager) return false
    if (undoTo >= 0) while (manager.undoStack.length > undoTo) carryLabels(() => manager.undo(), manager.redoStack)
    else if (redoTo >= 0) while (manager.redoStack.length > redoTo) carryLabels(() => manager.redo(), manager.undoStack)
    return undoTo >= 0 || redoTo >= 0
  }

  private find(id: string, key: string, ytext: Y.Text, value: unknown) {
    const manager = this.managers.get(id)?.get(key)
    if (!manager || manager.scope[0] !== ytext || typeof value !== 'object' || value === null) return { undoTo: -1, redoTo: -1 }
    const undoTo = manager.undoStack.findLastIndex((step) => step.meta.get(beforeKey) === value)
    const redoTo = manager.redoStack.findLastIndex((step) => step.meta.get(afterKey) === value)
    return { manager, undoTo, redoTo }
  }

  forget(id: string): void {
    for (const manager of this.managers.get(id)?.values() ?? []) manager.destroy()
    this.managers.delete(id)
  }

  dispose(): void {
    for (const id of [...this.managers.keys()]) this.forget(id)
  }

  private manager(id: string, key: string, ytext: Y.Text): Y.UndoManager {
    const byKey = this.managers.get(id) ?? new Map<string, Y.UndoManager>()
    this.managers.set(id, byKey)
    const known = byKey.get(key)
    if (known?.scope[0] === ytext) return known
    known?.destroy()
    // Every write its own step: tldraw's history decides what one undo takes back.
    const manager = new Y.UndoManager(ytext, { trackedOrigins: new Set([this.localOrigin]), captureTimeout: 0 })
    manager.on('stack-item-added', ({ stackItem, origin }) => {
      const label = origin === this.localOrigin ? this.pending.get(manager) : undefined
      if (!label) return
      this.pending.delete(manager)
      stackItem.meta.set(beforeKey, label.before)
      stackItem.meta.set(afterKey, label.after)
    })
    this.undoManagers.add(manager)
    byKey.set(key, manager)
    return manager
  }
}

/** Pops a step and gives the step it pushed on the other stack (if any) the popped one's labels. */
function carryLabels(pop: () => StackItem | null, other: StackItem[]): void {
  const length = other.length
  const popped = pop()
  if (popped && other.length > length) for (const [k, v] of popped.meta) other.at(-1)!.meta.set(k, v)
}
