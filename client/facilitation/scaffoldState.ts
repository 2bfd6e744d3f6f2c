/** Whether the facilitator has unlocked the scaffold, as an atom; and the switch itself. */
import { atom, type Atom, type Editor } from 'tldraw'
import type * as Y from 'yjs'
import { facilitationKeys, facilitationMap } from '../../shared/facilitation/doc.ts'
import { lockUpdates, readScaffoldState, writeScaffoldState, type ScaffoldState } from '../../shared/facilitation/scaffoldLock.ts'

const byDoc = new WeakMap<Y.Doc, Atom<ScaffoldState>>()

export function scaffoldStateAtom(doc: Y.Doc): Atom<ScaffoldState> {
  const existing = byDoc.get(doc)
  if (existing) return existing
  const map = facilitationMap(doc)
  const state = atom('scaffold lock', readScaffoldState(doc))
  const onChange = (event: Y.YMapEvent<unknown>) => {
    if (event.keysChanged.has(facilitationKeys.scaffold)) state.set(readScaffoldState(doc))
  }
  map.observe(onChange)
  byDoc.set(doc, state)
  doc.once('destroy', () => map.unobserve(onChange))
  return state
}

/**
 * Unlocks (or locks again) every template's scaffold on every page, and records that for everyone.
 * Outside the undo history: undoing it would leave the shapes and the recorded state apart.
 * Scaffold grown or inserted while unlocked arrives locked; locking and unlocking again catches it.
 */
export function setScaffoldUnlocked(editor: Editor, doc: Y.Doc, unlocked: boolean): void {
  const updates = lockUpdates(editor.store.query.records('shape').get(), !unlocked)
  editor.run(() => editor.updateShapes(updates), { history: 'ignore', ignoreShapeLock: true })
  writeScaffoldState(doc, { unlocked })
}
