/**
 * *Zusammenfassung per E-Mail* under „Seit Ihrem letzten Besuch“: where the operator set up a
 * mail relay, a person signed in through the provider switches the network's digest on or off
 * for the address the provider gave (`server/digest/`). Shown not at all where the server sends
 * no mail.
 */
import { useEffect, useId, useState } from 'react'
import { authPaths } from '../../shared/api.ts'
import { networkPath } from '../../shared/networkApi.ts'
import type { DigestState } from '../../shared/networkBetween.ts'
import { problemText } from '../apiProblems.ts'
import { format } from '../i18n.ts'
import { locale } from '../locale.ts'
import { digestState, setDigest } from './betweenCalls.ts'
import { w } from './betweenWords.ts'
import type { NetworkAccess } from './networkAccess.ts'

const days = (state: DigestState) => state.everyDays.toLocaleString(locale, { maximumFractionDigits: 1 })

export function DigestOptIn({ network }: { network: NetworkAccess }) {
  const [state, setState] = useState<DigestState | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const hintId = useId()

  useEffect(() => {
    let cancelled = false
    digestState(network).then(
      (read) => !cancelled && setState(read),
      // Without an answer there is nothing to offer.
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [network.id, network.token])

  if (!state?.available) return null
  const change = async (on: boolean) => {
    setBusy(true)
    setError(null)
    try {
      setState(await setDigest(network, on, locale))
    } catch (e) {
      setError(`${w('digestFailed')}: ${problemText(e)}`)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="nws-digest">
      <h3>{w('digestHeading')}</h3>
      {!state.signedIn || !state.email ? (
        <p className="nws-between__hint">
          {format(w('digestSignIn'), { days: days(state) })}{' '}
          <a href={`${authPaths.oidcLogin}?return=${encodeURIComponent(networkPath(network.id))}`}>{w('digestSignInButton')}</a>
        </p>
      ) : (
        <>
          <label className="nws-digest__switch">
            <input type="checkbox" checked={state.subscribed} aria-describedby={hintId} aria-busy={busy || undefined} onChange={(event) => void change(event.target.checked)} />{' '}
            {format(w('digestSwitch'), { days: days(state), email: state.email })}
          </label>
          <p id={hintId} className="nws-between__hint">
            {w('digestWhat')}
          </p>
        </>
      )}
      {error && (
        <p className="nws-between__hint" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
