/**
 * The scaffold lock in the editor: `ScaffoldGuard` holds participants' hands off the template
 * scaffold; `ScaffoldLockButton` lets the facilitator unlock it for restructuring.
 */
import { useLayoutEffect } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useBoardSession } from '../board/boardContext.ts'
import { registerScaffoldGuard } from './scaffoldGuard.ts'
import { scaffoldStateAtom, setScaffoldUnlocked } from './scaffoldState.ts'
import { t } from '../locale.ts'

export function ScaffoldGuard() {
  const editor = useEditor()
  const session = useBoardSession()
  // Before the first paint, so there is no moment without the guard.
  useLayoutEffect(() => registerScaffoldGuard(editor, () => session.role), [editor, session])
  return null
}

export function ScaffoldLockButton() {
  const editor = useEditor()
  const session = useBoardSession()
  const doc = session.connection.doc
  const unlocked = useValue('scaffold unlocked', () => scaffoldStateAtom(doc).get().unlocked, [doc])
  if (session.role !== 'facilitator') return null
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
