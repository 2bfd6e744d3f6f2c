/**
 * The Steuerungsgruppe's own link in the Fahrplan's pack area (`shared/networkCredential.ts`): it
 * downloads the pack and nothing else. Made on first asking; copied; renewed after a confirmation
 * (the old one downloads nothing from then on). The relay keeps it sealed under the network link,
 * so every device of the coordinator shows the same one.
 */
import { useEffect, useId, useState } from 'react'
import type { PackLinkView } from '../../shared/networkCredential.ts'
import { problemText } from '../apiProblems.ts'
import { copyText } from '../clipboard.ts'
import { FormError } from '../FormError.tsx'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { fetchPackLink, renewPackLink } from './linkCalls.ts'
import type { NetworkAccess } from './networkAccess.ts'
import './networkLinks.css'

export function PackLinkArea({ network }: { network: NetworkAccess }) {
  const [link, setLink] = useState<PackLinkView | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const [message, setMessage] = useState('')
  const [error, setError] = useState<string | null>(null)
  const inputId = useId()

  useEffect(() => {
    let cancelled = false
    fetchPackLink(network.id, network.token).then(
      (view) => !cancelled && setLink(view),
      (e: unknown) => !cancelled && setError(format(t.packLinkFailed, { error: problemText(e) })),
    )
    return () => {
      cancelled = true
    }
  }, [network.id, network.token])

  const url = link?.link ? new URL(link.link, window.location.origin).href : null
  const renew = async () => {
    setBusy(true)
    setError(null)
    setMessage('')
    try {
      const made = await renewPackLink(network.id, network.token)
      if (url) setMessage(t.packLinkRenewed)
      setLink(made)
      setCopied(null)
    } catch (e) {
      setError(format(t.packLinkFailed, { error: problemText(e) }))
    } finally {
      setBusy(false)
      setConfirming(false)
    }
  }
  const copy = async () => url && setCopied((await copyText(url)) ? 'yes' : 'failed')

  return (
    <div className="nws-pack-link" data-pack-link>
      <h3>{t.packLinkHeading}</h3>
      <p className="nws-pack-link__hint">{t.packLinkHint}</p>
      {url ? (
        <div className="nws-pack-link__url">
          <input id={inputId} readOnly value={url} aria-label={t.packLinkLabel} onClick={(e) => e.currentTarget.select()} />
          <button type="button" className="nws-button nws-button--small" onClick={() => void copy()}>
            {copied === 'yes' ? t.shareCopied : t.shareCopy}
          </button>
        </div>
      ) : (
        link && <p className="nws-pack-link__hint">{t.packLinkNone}</p>
      )}
      {copied === 'failed' && <p className="nws-error">{t.shareCopyFailed}</p>}
      {link &&
        (!url ? (
          <button type="button" className="nws-button nws-button--secondary nws-button--small" disabled={busy} onClick={() => void renew()}>
            {t.packLinkMake}
          </button>
        ) : confirming ? (
          <div className="nws-pack-link__confirm" role="group" aria-label={t.packLinkRenew}>
            <p>{t.packLinkRenewWarning}</p>
            <div className="nws-pack-link__buttons">
              <button type="button" className="nws-button nws-button--small" disabled={busy} onClick={() => void renew()}>
                {t.packLinkRenewConfirm}
              </button>
              <button type="button" className="nws-button nws-button--secondary nws-button--small" disabled={busy} onClick={() => setConfirming(false)}>
                {t.rotateCancel}
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => (setMessage(''), setConfirming(true))}>
            {t.packLinkRenew}
          </button>
        ))}
      <p className="nws-pack-link__hint" role="status">
        {message}
      </p>
      <FormError error={error} />
    </div>
  )
}
