/**
 * Renewing the network link from the Fahrplan, after a dialog that says what happens: the old link
 * is refused at once (on this person's other devices too) and what it opened closes; the page
 * then opens with the new link, which this browser remembers instead of the old one.
 */
import { useState } from 'react'
import { networkLink } from '../../shared/networkApi.ts'
import { problemText } from '../apiProblems.ts'
import { FormError } from '../FormError.tsx'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { rememberNetwork } from './knownNetworks.ts'
import { renewNetworkLink } from './linkCalls.ts'
import { Modal } from './Modal.tsx'
import type { NetworkAccess } from './networkAccess.ts'
import './networkLinks.css'

export function NetworkLinkRenewal({ network, name }: { network: NetworkAccess; name: string }) {
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const renew = async () => {
    setBusy(true)
    setError(null)
    try {
      const renewed = await renewNetworkLink(network.id, network.token)
      rememberNetwork(localStorage, { id: network.id, name, token: renewed.token })
      // The page reloads on the new fragment (NetworkPage listens for it).
      window.location.replace(networkLink(network.id, renewed.token))
    } catch (e) {
      setError(format(t.networkLinkRenewFailed, { error: problemText(e) }))
      setBusy(false)
    }
  }
  return (
    <>
      <button type="button" className="nws-button nws-button--secondary" data-network-link-renew onClick={() => setOpen(true)}>
        {t.networkLinkRenew}
      </button>
      {open && (
        <Modal title={t.networkLinkRenew} onClose={() => setOpen(false)}>
          <div className="nws-modal__form">
            <p className="nws-modal__hint">{t.networkLinkHint}</p>
            <p>{t.networkLinkRenewWarning}</p>
            <div className="nws-modal__actions">
              <button type="button" className="nws-button nws-button--secondary" onClick={() => setOpen(false)}>
                {t.fahrplanCancel}
              </button>
              <button type="button" className="nws-button nws-button--danger" disabled={busy} onClick={() => void renew()}>
                {t.networkLinkRenewConfirm}
              </button>
            </div>
            <FormError error={error} />
          </div>
        </Modal>
      )}
    </>
  )
}
