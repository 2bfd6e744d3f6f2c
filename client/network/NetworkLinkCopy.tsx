/**
 * „Netzwerk-Link kopieren“ in the Fahrplan: the address bar no longer shows the link's key
 * (`linkKey.ts`), so the coordinator takes the whole link to another device from here.
 */
import { useState } from 'react'
import { networkLink } from '../../shared/networkApi.ts'
import { copyText } from '../clipboard.ts'
import { t } from '../locale.ts'
import type { NetworkAccess } from './networkAccess.ts'

export function NetworkLinkCopy({ network }: { network: NetworkAccess }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null)
  const copy = async () => setCopied((await copyText(new URL(networkLink(network.id, network.token), window.location.origin).href)) ? 'yes' : 'failed')
  return (
    <button type="button" className="nws-button nws-button--secondary" data-network-link-copy title={t.networkLinkHint} onClick={() => void copy()}>
      {copied === 'yes' ? t.linkCopied : copied === 'failed' ? t.copyFailed : t.networkLinkCopy}
    </button>
  )
}
