/**
 * The facilitator's switches for what participants may change: the scaffold lock (templates) and
 * the protection of others' notes. The rules themselves live in `shared/board/declaration.ts` and
 * are applied to the store in `board/boardRights.ts`; `PageGuard` adds the editor-level part.
 */
import { useLayoutEffect } from 'react'
import { useEditor, useValue } from 'tldraw'
import { protectionEntry } from '../../shared/board/entries/protection.ts'
import { scaffoldEntry } from '../../shared/board/entries/scaffold.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { restrictPageDeletion } from '../board/boardRights.ts'
import { t } from '../locale.ts'
import { scaffoldUnlocked, setScaffoldUnlocked } from '../board/facilitation/scaffoldState.ts'

export function PageGuard() {
  const editor = useEditor()
  const session = useOpenBoard()
  // Before the first paint, so there is no moment without the guard.
  useLayoutEffect(
    () => restrictPageDeletion(editor, session.role, () => session.notices.emit({ kind: 'page-delete-refused' })),
    [editor, session],
  )
  return null
}

export function ScaffoldLockButton() {
  const editor = useEditor()
  const session = useOpenBoard()
  const doc = session.connection.doc
  const unlocked = useValue('scaffold unlocked', () => scaffoldUnlocked(session.facilitation), [session.facilitation])
  // The switch for those who may write the entry it switches.
  if (!scaffoldEntry.mayWrite(session.role)) return null
  return (
    <button
      type="button"
      className="nws-facilitation-button nws-scaffold-button"
      aria-pressed={unlocked}
      title={unlocked ? t.scaffoldLockHint : t.scaffoldUnlockHint}
      onClick={() => setScaffoldUnlocked(editor, doc, !unlocked)}
    >
      {unlocked ? t.scaffoldLock : t.scaffoldUnlock}
    </button>
  )
}

/** "Zettel anderer schützen": on by default; the facilitator switches it. */
export function NoteProtectionSwitch() {
  const session = useOpenBoard()
  const doc = session.connection.doc
  const protectedNotes = useValue('notes protected', () => session.facilitation.entries.protection.get().othersNotes, [session.facilitation])
  if (!protectionEntry.mayWrite(session.role)) return null
  return (
    <label className="nws-facilitation-button nws-protection-switch" title={t.protectNotesHint}>
      <input
        type="checkbox"
        checked={protectedNotes}
        onChange={(event) => protectionEntry.set(doc, { othersNotes: event.target.checked })}
      />
      {t.protectNotes}
    </label>
  )
}
