/**
 * The page of a board that requires sign-in, for someone who is not signed in (or whose groups
 * are not admitted): "Anmelden" leaves for the organisation's provider and comes back to this
 * board. The link's key stays in this tab (`linkKey.ts` keeps it in sessionStorage), never in the
 * return address. In a frame on another site the browser keeps no sign-in for the frame (third-party
 * cookies blocked): the board opens in a tab of its own, with its key, where the sign-in holds.
 */
import { boardPath } from '../../shared/access.ts'
import { authPaths, signInFailedParam, signInRefusedValue } from '../../shared/api.ts'
import { signOut } from '../api.ts'
import { t } from '../locale.ts'
import { Notice } from '../Notice.tsx'
import { isEmbedded, ownTabLink } from '../embedded.ts'

export function SignInGate({ boardId, reason }: { boardId: string; reason: 'required' | 'forbidden' }) {
  const refusedAtProvider = new URLSearchParams(window.location.search).get(signInFailedParam) === signInRefusedValue
  const forbidden = reason === 'forbidden' || refusedAtProvider
  const embedded = isEmbedded()
  const signIn = () => {
    if (embedded) window.open(ownTabLink(), '_blank', 'noopener')
    else window.location.assign(`${authPaths.oidcLogin}?return=${encodeURIComponent(boardPath(boardId))}`)
  }
  return (
    <Notice
      title={forbidden ? t.boardSignInForbiddenHeading : t.boardSignInHeading}
      text={refusedAtProvider ? t.signInRefused : forbidden ? t.boardSignInForbiddenText : embedded ? t.boardSignInEmbedded : t.boardSignInText}
    >
      <div className="nws-actions">
        {reason === 'forbidden' ? (
          <button type="button" className="nws-button" onClick={() => void signOut().then((where) => where === 'here' && window.location.reload())}>
            {t.signOut}
          </button>
        ) : (
          <button type="button" className="nws-button" onClick={signIn}>
            {embedded ? t.boardSignInInOwnTab : t.boardSignInButton}
          </button>
        )}
      </div>
    </Notice>
  )
}
