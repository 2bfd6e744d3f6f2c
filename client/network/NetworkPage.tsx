/**
 * `/n/<id>#<token>`: a network's Fahrplan. The token is read as the board page reads its own: from
 * the fragment (never in a request line; taken out of the address on load and kept for this tab,
 * `linkKey.ts`), else from the networks this browser knows. A link the relay refuses is forgotten here,
 * and the page says so.
 */
import { useCallback, useEffect, useState } from 'react'
import { tokenFromFragment } from '../../shared/access.ts'
import type { NetworkView } from '../../shared/networkApi.ts'
import { ApiError } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { pageLinkFragment, useOpenAnewOnNewLink } from '../linkKey.ts'
import { t } from '../locale.ts'
import { Notice } from '../Notice.tsx'
import { FahrplanView } from './FahrplanView.tsx'
import { forgetNetwork, readKnownNetworks, rememberNetwork } from './knownNetworks.ts'
import { fetchNetwork } from './networkCalls.ts'

type Load =
  | { state: 'loading' }
  | { state: 'no-token' }
  /** 401 or 404: the link is wrong, replaced, or the network is gone. */
  | { state: 'refused' }
  | { state: 'error'; message: string }
  | { state: 'found'; view: NetworkView; token: string }

const refused = (error: unknown) => error instanceof ApiError && (error.status === 401 || error.status === 404)

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
        if (refused(error)) {
          forgetNetwork(localStorage, networkId)
          setLoad({ state: 'refused' })
        } else setLoad({ state: 'error', message: problemText(error) })
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
      if (refused(error)) {
        forgetNetwork(localStorage, networkId)
        setLoad({ state: 'refused' })
      } else throw error
    }
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
