/** On a board of a network this browser coordinates: the way back to its Fahrplan, in the main menu. */
import { useEffect, useState } from 'react'
import { TldrawUiMenuItem } from 'tldraw'
import { networkLink } from '../../shared/networkApi.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { networkHolding } from './boardNetwork.ts'
import type { KnownNetwork } from './knownNetworks.ts'

export function FahrplanMenuItem({ boardId }: { boardId: string }) {
  const [network, setNetwork] = useState<KnownNetwork | null>(null)
  useEffect(() => {
    let cancelled = false
    void networkHolding(boardId).then((found) => !cancelled && setNetwork(found))
    return () => {
      cancelled = true
    }
  }, [boardId])
  if (!network) return null
  return (
    <TldrawUiMenuItem
      id="netzwerkstatt-fahrplan"
      label={format(t.fahrplanMenu, { name: network.name })}
      readonlyOk
      onSelect={() => window.location.assign(networkLink(network.id, network.token))}
    />
  )
}
