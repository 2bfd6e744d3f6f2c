/** Asks before a facilitator deletes the board for everyone; then back to the start page. */
import { useState } from 'react'
import {
  TldrawUiButton,
  TldrawUiButtonLabel,
  TldrawUiDialogBody,
  TldrawUiDialogCloseButton,
  TldrawUiDialogFooter,
  TldrawUiDialogHeader,
  TldrawUiDialogTitle,
  type TLUiDialogProps,
} from 'tldraw'
import { deleteBoard } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { forgetBoard } from '../recentBoards.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { FormError } from '../FormError.tsx'

export function DeleteBoardDialog({ onClose }: TLUiDialogProps) {
  const session = useOpenBoard()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const title = session.title || session.boardId

  const confirm = async () => {
    setBusy(true)
    setError(null)
    try {
      await deleteBoard(session.boardId, session.token)
      forgetBoard(localStorage, session.boardId)
      window.location.assign('/')
    } catch (e) {
      setError(format(t.deleteFailed, { error: problemText(e) }))
      setBusy(false)
    }
  }

  return (
    <>
      <TldrawUiDialogHeader>
        <TldrawUiDialogTitle>{t.deleteTitle}</TldrawUiDialogTitle>
        <TldrawUiDialogCloseButton />
      </TldrawUiDialogHeader>
      <TldrawUiDialogBody style={{ maxWidth: 380 }}>
        <p>{format(t.deleteText, { title })}</p>
        <FormError error={error} />
      </TldrawUiDialogBody>
      <TldrawUiDialogFooter className="tlui-dialog__footer__actions">
        <TldrawUiButton type="normal" onClick={onClose} disabled={busy}>
          <TldrawUiButtonLabel>{t.deleteCancel}</TldrawUiButtonLabel>
        </TldrawUiButton>
        <TldrawUiButton type="danger" onClick={confirm} disabled={busy}>
          <TldrawUiButtonLabel>{busy ? t.deleting : t.deleteConfirm}</TldrawUiButtonLabel>
        </TldrawUiButton>
      </TldrawUiDialogFooter>
    </>
  )
}
