/**
 * `/n/<id>#<token>`: a network's Fahrplan. The token is read as the board page reads its own: from
 * the fragment (never in a request line; taken out of the address on load and kept for this tab,
 * `linkKey.ts`), else from the networks this browser knows. A link the relay refuses is forgotten here,
 * and the page says so; unless this browser holds a newer link of the network (renewed in another
 * tab): then the page opens with that one (`networkRenewal.ts`), as it does as soon as it hears of it.
 */
import { useCallback, useEffect, useState } from 'react'
import { tokenFromFragment } from '../../shared/access.ts'
import { networkLink, type NetworkView } from '../../shared/networkApi.ts'
import { networkCredential } from '../../shared/networkCredential.ts'
import { ApiError } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { pageLinkFragment, replaceAddress, useOpenAnewOnNewLink } from '../linkKey.ts'
import { t } from '../locale.ts'
import { Notice } from '../Notice.tsx'
import { FahrplanView } from './FahrplanView.tsx'
import { readKnownNetworks, rememberNetwork } from './knownNetworks.ts'
import { afterNetworkRefused, onNetworkRenewed } from './networkRenewal.ts'
import { fetchNetwork } from './networkCalls.ts'

type Load =
  | { state: 'loading' }
  | { state: 'no-token' }
  /** 401 or 404: the link is wrong, replaced, or the network is gone. */
  | { state: 'refused' }
  | { state: 'error'; message: string }
  | { state: 'found'; view: NetworkView; token: string }

const refused = (error: unknown) => error instanceof ApiError && (error.status === 401 || error.status === 404)

/** This tab opens anew with the network's link renewed in another tab of this browser. */
function openWith(networkId: string, token: string): void {
  replaceAddress(networkLink(networkId, token))
  window.location.reload()
}

/** A refused link: the newer one this browser holds opens the page, else the refused one is forgotten and the page says so. */
function refusedWith(networkId: string, token: string, say: () => void): void {
  const { reopenWith } = afterNetworkRefused(localStorage, networkId, token)
  if (reopenWith) openWith(networkId, reopenWith)
  else say()
}

export function NetworkPage({ networkId }: { networkId: string }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  useEffect(() => {
    const token = tokenFromFragment(pageLinkFragment()) ?? readKnownNetworks(localStorage).find((n) => n.id === networkId)?.token
    if (!token) {
      setLoad({ state: 'no-token' })
      return
    }
    let cancelled = false
    fetchNetwork(networkId, token).then(
      (view) => {
        if (cancelled) return
        rememberNetwork(localStorage, { id: networkId, name: view.name, token })
        setLoad({ state: 'found', view, token })
      },
      (error: unknown) => {
        if (cancelled) return
        if (refused(error)) refusedWith(networkId, token, () => setLoad({ state: 'refused' }))
        else setLoad({ state: 'error', message: problemText(error) })
      },
    )
    return () => {
      cancelled = true
    }
  }, [networkId])
  useOpenAnewOnNewLink()

  const token = load.state === 'found' ? load.token : null
  /** After a change: the network as the relay now has it. */
  const refresh = useCallback(async () => {
    if (!token) return
    try {
      const view = await fetchNetwork(networkId, token)
      setLoad({ state: 'found', view, token })
    } catch (error) {
      if (refused(error)) refusedWith(networkId, token, () => setLoad({ state: 'refused' }))
      else throw error
    }
  }, [networkId, token])

  // The link renewed in another tab of this browser: this one follows it at once.
  useEffect(() => {
    if (!token) return
    return onNetworkRenewed(networkCredential(networkId, token), localStorage, () => {
      const renewed = readKnownNetworks(localStorage).find((n) => n.id === networkId)
      if (renewed) openWith(networkId, renewed.token)
    })
  }, [networkId, token])

  // Back from a board (the browser's back button may restore this page as it was): the board may hold new Zettel.
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) void refresh().catch(() => {})
    }
    window.addEventListener('pageshow', onPageShow)
    return () => window.removeEventListener('pageshow', onPageShow)
  }, [refresh])

  useEffect(() => {
    if (load.state === 'found') document.title = `${load.view.name} · ${t.fahrplanTitle} · ${t.appName}`
  }, [load])

  switch (load.state) {
    case 'loading':
      return <Notice busy title={t.networkLoading} />
    case 'no-token':
      return <Notice title={t.networkNoTokenHeading} text={t.networkNoTokenText} home />
    case 'refused':
      return <Notice title={t.networkRefusedHeading} text={t.networkRefusedText} home />
    case 'error':
      return <Notice title={t.networkLoadFailedHeading} text={load.message} home reload />
    case 'found':
      return <FahrplanView view={load.view} token={load.token} onChange={refresh} />
  }
}
