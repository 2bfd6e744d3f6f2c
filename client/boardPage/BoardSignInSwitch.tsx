/**
 * The facilitator's switch "only signed-in members" (`server/http/boardSignIn.ts`), in the links
 * menu: shown only where the server has the organisation's sign-in. Switching it on needs the
 * facilitator's own sign-in with the right to facilitate, so they cannot lock themselves out.
 * Where the server's SIGN_IN_POLICY asks a sign-in of some links anyway, it says which; where it
 * asks it of all, the switch stays on and says why.
 */
import { useEffect, useId, useState } from 'react'
import { boardPath } from '../../shared/access.ts'
import { authPaths, type BoardSignIn } from '../../shared/api.ts'
import { fetchBoardSignIn, setBoardSignIn } from '../api.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { roleName } from '../board/roleNames.ts'
import { signInSwitchView } from '../board/signInSwitch.ts'

export function BoardSignInSwitch() {
  const session = useOpenBoard()
  const hintId = useId()
  const [state, setState] = useState<BoardSignIn | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    let cancelled = false
    fetchBoardSignIn(session.boardId, session.token).then(
      (answer) => !cancelled && setState(answer),
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [session])

  if (!state?.available) return null
  const change = async (required: boolean) => {
    setBusy(true)
    setProblem(null)
    try {
      setState(await setBoardSignIn(session.boardId, session.token, required))
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error))
    } finally {
      setBusy(false)
    }
  }
  const view = signInSwitchView(state, t, locale, roleName)
  return (
    <div className="nws-links__switch" data-board-sign-in>
      <label>
        <input
          type="checkbox"
          checked={view.checked}
          disabled={busy || view.locked}
          aria-describedby={hintId}
          onChange={(event) => void change(event.target.checked)}
        />
        {t.boardSignInSwitch}
      </label>
      <p id={hintId} className="nws-field__hint">
        {t.boardSignInSwitchHint}{' '}
        {state.signedInAs && format(t.boardSignInAs, { name: state.signedInAs })}
      </p>
      {view.policy && (
        <p className="nws-field__hint" data-sign-in-policy>
          {view.policy.text}
        </p>
      )}
      {view.needsSignIn && (
        <p className="nws-field__hint">
          {t.boardSignInSwitchNeedsSignIn}{' '}
          <a href={`${authPaths.oidcLogin}?return=${encodeURIComponent(boardPath(session.boardId))}`}>{t.boardSignInButton}</a>
        </p>
      )}
      {problem && <p className="nws-error">{problem}</p>}
    </div>
  )
}
