/** /b/<id>: looks the board up, checks the licence gate, then opens the live session. */
import { useEffect, useState } from 'react'
import { useValue } from 'tldraw'
import type { ClientConfig } from '../../shared/api.ts'
import { fetchConfig, lookupBoard } from '../api.ts'
import { decideEditorGate } from '../licenceGate.ts'
import { locale, t } from '../locale.ts'
import { findRecentBoard, forgetBoard, rememberBoard } from '../recentBoards.ts'
import { Notice } from '../Notice.tsx'
import { BoardEditor } from './BoardEditor.tsx'
import { openBoardSession, type BoardSession } from './boardSession.ts'
import { ensureUserName } from './currentUser.ts'

type Lookup =
  | { state: 'loading' }
  | { state: 'not-found' }
  | { state: 'error'; message: string }
  | { state: 'found'; title: string; config: ClientConfig }

export default function BoardPage({ boardId }: { boardId: string }) {
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' })

  useEffect(() => {
    let cancelled = false
    Promise.all([fetchConfig(), lookupBoard(boardId)]).then(
      ([config, found]) => {
        if (cancelled) return
        if (found.kind === 'not-found') {
          forgetBoard(localStorage, boardId)
          return setLookup({ state: 'not-found' })
        }
        // Offline, the title we saw last time stands in for the server's answer.
        const title = found.kind === 'found' ? found.meta.title : (findRecentBoard(localStorage, boardId)?.title ?? '')
        if (found.kind === 'found' || title) rememberBoard(localStorage, { id: boardId, title })
        setLookup({ state: 'found', title, config })
      },
      (error: unknown) => !cancelled && setLookup({ state: 'error', message: String(error) }),
    )
    return () => {
      cancelled = true
    }
  }, [boardId])

  useEffect(() => {
    if (lookup.state !== 'found') return
    document.title = lookup.title ? `${lookup.title} · ${t.appName}` : t.appName
  }, [lookup])

  switch (lookup.state) {
    case 'loading':
      return <Notice busy title={t.loadingBoard} />
    case 'not-found':
      return <Notice title={t.notFoundHeading} text={t.notFoundText} home />
    case 'error':
      return <Notice title={t.loadFailedHeading} text={lookup.message} home />
    case 'found': {
      const gate = decideEditorGate(window.location, lookup.config.tldrawLicenseKey)
      if (!gate.mount) return <Notice title={t.licenceHeading} text={t.licenceText} detail={t.licenceOperator} />
      return <LiveBoard boardId={boardId} config={lookup.config} />
    }
  }
}

function LiveBoard({ boardId, config }: { boardId: string; config: ClientConfig }) {
  const [session, setSession] = useState<BoardSession | null>(null)

  useEffect(() => {
    ensureUserName(locale)
    const opened = openBoardSession(boardId, config.maxAssetBytes, t.firstPageName)
    setSession(opened)
    return () => {
      opened.dispose()
      setSession(null)
    }
  }, [boardId, config.maxAssetBytes])

  if (!session) return <Notice busy title={t.loadingBoard} />
  return <SessionView session={session} config={config} />
}

function SessionView({ session, config }: { session: BoardSession; config: ClientConfig }) {
  const phase = useValue('session phase', () => session.phase.get(), [session])
  const connection = useValue('connection', () => session.connection.state.get(), [session])
  switch (phase.name) {
    case 'waiting':
      return connection === 'offline' || connection === 'gone' ? (
        <Notice title={t.statusOffline} text={t.waitingOffline} home />
      ) : (
        <Notice busy title={t.waitingForServer} />
      )
    case 'failed':
      return <Notice title={t.loadFailedHeading} text={t.newerVersionText} reload />
    case 'ready':
      return (
        <BoardEditor session={session} licenceKey={config.tldrawLicenseKey} maxAssetBytes={config.maxAssetBytes} />
      )
  }
}
