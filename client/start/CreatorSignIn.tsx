/**
 * The start page's sign-in for creating boards, shown when the server asks for one (another
 * machine than the server's own): the creator password, the organisation's login, or both.
 */
import { useId, useState, type FormEvent } from 'react'
import { authPaths, signInFailedParam, signInRefusedValue, type CreatorStatus } from '../../shared/api.ts'
import { ApiError, signInWithPassword, signOut } from '../api.ts'
import { t } from '../locale.ts'
import { FormError } from '../FormError.tsx'

export function CreatorSignIn({ status, onChange }: { status: CreatorStatus; onChange(): void }) {
  const passwordId = useId()
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(() => {
    const failed = new URLSearchParams(window.location.search).get(signInFailedParam)
    return failed === signInRefusedValue ? t.signInRefused : failed !== null ? t.signInFailed : null
  })
  const { methods } = status

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await signInWithPassword(password)
      setPassword('')
      onChange()
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 401 ? t.signInWrong : e instanceof ApiError && e.status === 429 ? t.signInTooMany : String(e),
      )
    } finally {
      setBusy(false)
    }
  }

  if (!methods.password && !methods.oidc) return <p className="nws-muted">{t.signInUnavailable}</p>
  // Signed in through the provider, but not in a group that may create boards.
  if (status.session?.provider) {
    return (
      <div className="nws-sign-in">
        <p className="nws-muted">{t.signedInMayNotCreate}</p>
        <SignedInNote onChange={onChange} />
      </div>
    )
  }
  return (
    <div className="nws-sign-in">
      <p className="nws-muted">{t.signInIntro}</p>
      {methods.password && (
        <form onSubmit={submit}>
          <label htmlFor={passwordId}>{t.signInPasswordLabel}</label>
          <input
            id={passwordId}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <button className="nws-button" type="submit" disabled={busy || password === ''}>
            {busy ? t.signInBusy : t.signInButton}
          </button>
        </form>
      )}
      {methods.password && methods.oidc && <p className="nws-muted nws-sign-in__or">{t.signInOr}</p>}
      {methods.oidc && (
        // A plain link: the browser leaves for the provider and comes back signed in.
        <a className="nws-button nws-button--secondary" href={authPaths.oidcLogin}>
          {t.signInOidc}
        </a>
      )}
      <FormError error={error} />
    </div>
  )
}

/** For a creator signed in from another machine: the way out (a shared office PC). */
export function SignedInNote({ onChange }: { onChange(): void }) {
  return (
    <p className="nws-muted nws-small nws-signed-in">
      {t.signedIn}{' '}
      <button type="button" className="nws-link-button" onClick={() => void signOut().finally(onChange)}>
        {t.signOut}
      </button>
    </p>
  )
}
