/**
 * /b/<id>#<token>: checks the link with the server (which role it grants), checks the licence
 * gate, then opens the live session. Offline, a link this browser opened before opens with the
 * role the server granted it last time.
 */
import { useEffect, useState } from 'react'
import { useValue } from 'tldraw'
import type { ClientConfig } from '../../shared/api.ts'
import { fetchConfig, lookupBoard } from '../api.ts'
import { tokenForPage } from '../boardToken.ts'
import { decideEditorGate } from '../licenceGate.ts'
import { locale, t } from '../locale.ts'
import { removeLocalCopy } from '../localCopy.ts'
import { findRecentBoard, forgetBoard, forgetToken, rememberBoard, rememberedRole } from '../recentBoards.ts'
import { Notice } from '../Notice.tsx'
import { tokenFromFragment } from '../../shared/access.ts'
import type { AccessCheck } from '../board/boardConnection.ts'
import { BoardEditor } from './BoardEditor.tsx'
import { openBoard, type OpenBoard, type BoardAccess } from '../board/openBoard.ts'
import { ensureUserName } from '../board/currentUser.ts'
import { ReadableVersions } from '../facilitation/ReadableVersions.tsx'
import { NamePrompt } from '../join/NamePrompt.tsx'
import { restoreLinkAfterSignIn, SignInGate } from './SignInGate.tsx'
import { keepSignedInName } from '../board/signedInName.ts'
import { beamerOnOpening, rememberBeamer } from '../beamerMemory.ts'

type Lookup =
  | { state: 'loading' }
  /** No token in the address and none remembered: nothing to connect with. */
  | { state: 'incomplete-link' }
  | { state: 'invalid-link' }
  | { state: 'not-found' }
  /** Offline, with a link this browser has never had confirmed: its role is unknown. */
  | { state: 'offline-unchecked' }
  | { state: 'error'; message: string }
  | { state: 'found'; board: BoardAccess; config: ClientConfig }
  /** The board requires sign-in (`SignInGate`). */
  | { state: 'sign-in'; reason: 'required' | 'forbidden' }

export default function BoardPage({ boardId }: { boardId: string }) {
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' })
  // Bumped when the network returns, to check a link that could not be checked offline.
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    restoreLinkAfterSignIn(boardId)
    const remembered = findRecentBoard(localStorage, boardId)
    const page = tokenForPage(window.location.hash, remembered)
    if (!page) {
      setLookup({ state: 'incomplete-link' })
      return
    }
    const { token } = page
    let cancelled = false
    Promise.all([fetchConfig(), lookupBoard(boardId, token)]).then(
      ([config, found]) => {
        if (cancelled) return
        switch (found.kind) {
          case 'not-found':
            forgetBoard(localStorage, boardId)
            void removeLocalCopy(boardId)
            return setLookup({ state: 'not-found' })
          case 'unauthorized':
            forgetToken(localStorage, boardId, token)
            return setLookup({ state: 'invalid-link' })
          case 'sign-in':
            return setLookup({ state: 'sign-in', reason: found.reason })
          case 'found': {
            const { title, role, retentionDays, signInRequired } = found.board
            const entry = rememberBoard(localStorage, { id: boardId, title }, { [role]: token })[0]
            return setLookup({ state: 'found', config, board: { boardId, title, token, role, knownTokens: entry.tokens, retentionDays, signInRequired } })
          }
          case 'unreachable': {
            // Offline, the role and title we saw last time stand in for the server's answer.
            const role = rememberedRole(remembered, token)
            if (!role || !remembered) return setLookup({ state: 'offline-unchecked' })
            const title = remembered.title
            const entry = rememberBoard(localStorage, { id: boardId, title }, { [role]: token })[0]
            return setLookup({ state: 'found', config, board: { boardId, title, token, role, knownTokens: entry.tokens } })
          }
        }
      },
      (error: unknown) => !cancelled && setLookup({ state: 'error', message: String(error) }),
    )
    // A different link pasted into the address bar of this tab only changes the fragment.
    const onHashChange = () => {
      const next = tokenFromFragment(window.location.hash)
      if (next && next !== token) window.location.reload()
    }
    window.addEventListener('hashchange', onHashChange)
    return () => {
      cancelled = true
      window.removeEventListener('hashchange', onHashChange)
    }
  }, [boardId, attempt])

  useEffect(() => {
    if (lookup.state !== 'offline-unchecked') return
    const onOnline = () => setAttempt((n) => n + 1)
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [lookup.state])

  useEffect(() => {
    if (lookup.state !== 'found') return
    document.title = lookup.board.title ? `${lookup.board.title} · ${t.appName}` : t.appName
  }, [lookup])

  switch (lookup.state) {
    case 'loading':
      return <Notice busy title={t.loadingBoard} />
    case 'incomplete-link':
      return <Notice title={t.linkIncompleteHeading} text={t.linkIncompleteText} home />
    case 'invalid-link':
      return <Notice title={t.linkInvalidHeading} text={t.linkInvalidText} home />
    case 'not-found':
      return <Notice title={t.notFoundHeading} text={t.notFoundText} home />
    case 'offline-unchecked':
      return <Notice title={t.linkUncheckedHeading} text={t.linkUncheckedText} home />
    case 'error':
      return <Notice title={t.loadFailedHeading} text={lookup.message} home />
    case 'sign-in':
      return <SignInGate boardId={boardId} reason={lookup.reason} />
    case 'found': {
      const gate = decideEditorGate(window.location, lookup.config.tldrawLicenseKey)
      if (!gate.mount) return <Notice title={t.licenceHeading} text={t.licenceText} detail={t.licenceOperator} />
      return <LiveBoard board={lookup.board} config={lookup.config} />
    }
  }
}

/** What the session asks when connections keep failing: does this link still open the board? */
const accessCheckFor =
  (boardId: string, token: string): AccessCheck =>
  async () => {
    try {
      const found = await lookupBoard(boardId, token)
      // The board now requires sign-in (switched on, or the sign-in ended): the page shows how.
      if (found.kind === 'sign-in') window.location.reload()
      return found.kind === 'found' ? 'ok' : found.kind === 'not-found' ? 'gone' : found.kind === 'sign-in' ? 'unreachable' : found.kind
    } catch {
      return 'unreachable'
    }
  }

/** The wall is a facilitator's choice: with another link a device would be on the board unseen. */
const mayBeWall = (board: BoardAccess) => board.role === 'facilitator'

function LiveBoard({ board, config }: { board: BoardAccess; config: ClientConfig }) {
  const [session, setSession] = useState<OpenBoard | null>(null)
  const [beamer, setBeamer] = useState(() =>
    beamerOnOpening(localStorage, { location: window.location, replace: (url) => history.replaceState(history.state, '', url) }, board.boardId, mayBeWall(board)),
  )

  useEffect(() => {
    ensureUserName(locale)
    const stopSignedInName = board.signInRequired ? keepSignedInName() : () => {}
    // Becoming the wall or leaving it opens the board anew: its presence starts as someone or as nobody.
    const chooseBeamer = (on: boolean) => {
      const wall = on && mayBeWall(board)
      rememberBeamer(localStorage, board.boardId, wall)
      setBeamer(wall)
    }
    const opened = openBoard(board, {
      maxAssetBytes: config.maxAssetBytes,
      firstPageName: t.firstPageName,
      checkAccess: accessCheckFor(board.boardId, board.token),
      beamer,
      setBeamer: chooseBeamer,
    })
    setSession(opened)
    return () => {
      opened.dispose()
      stopSignedInName()
      setSession(null)
    }
  }, [board, config.maxAssetBytes, beamer])

  if (!session) return <Notice busy title={t.loadingBoard} />
  return <SessionView session={session} config={config} signedIn={board.signInRequired === true} />
}

function SessionView({ session, config, signedIn }: { session: OpenBoard; config: ClientConfig; signedIn: boolean }) {
  const phase = useValue('session phase', () => session.phase.get(), [session])
  const connection = useValue('connection', () => session.connection.state.get(), [session])

  // The relay refused this link for good: this browser forgets what no longer works.
  useEffect(() => {
    if (connection === 'unauthorized') forgetToken(localStorage, session.boardId, session.token)
    if (connection === 'gone') forgetBoard(localStorage, session.boardId)
  }, [connection, session])

  if (connection === 'unauthorized') return <Notice title={t.linkInvalidHeading} text={t.linkInvalidText} home />
  if (connection === 'gone') return <Notice title={t.boardDeletedHeading} text={t.boardDeletedText} home />
  switch (phase.name) {
    case 'waiting':
      if (connection === 'offline') return <Notice title={t.statusOffline} text={t.waitingOffline} home />
      // Turned away for now (board full, too many messages): say why while waiting to retry.
      if (connection === 'too-many-connections') return <Notice busy title={t.statusTooManyConnections} />
      if (connection === 'rate-limited') return <Notice busy title={t.statusRateLimited} />
      return <Notice busy title={t.waitingForServer} />
    case 'failed':
      // Perhaps an old client; perhaps a board whose meta was written unreadable: the facilitator can repair that.
      return (
        <Notice title={t.loadFailedHeading} text={t.newerVersionText} detail={session.role === 'facilitator' ? undefined : t.unreadableAskFacilitator} reload>
          {session.role === 'facilitator' && <ReadableVersions boardId={session.boardId} token={session.token} />}
        </Notice>
      )
    case 'ready':
      return (
        <>
          <BoardEditor session={session} licenceKey={config.tldrawLicenseKey} maxAssetBytes={config.maxAssetBytes} />
          {/* On a board that requires sign-in the name is the sign-in's: nothing to ask; the wall is nobody. */}
          {!signedIn && !session.beamer && <NamePrompt onBeamer={session.role === 'facilitator' ? () => session.setBeamer(true) : undefined} />}
        </>
      )
  }
}
