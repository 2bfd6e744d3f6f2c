/** Whether the facilitator has unlocked the scaffold (reactive); and the switch itself. */
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { lockUpdates, writeScaffoldState } from '../../../shared/board/entries/scaffold.ts'
import type { EntryAtoms } from './facilitationValue.ts'

/** Whether the facilitator has unlocked the scaffold, re-read when the stored value changes. */
export const scaffoldUnlocked = (facilitation: { entries: Pick<EntryAtoms, 'scaffold'> }): boolean => facilitation.entries.scaffold.get().unlocked

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
