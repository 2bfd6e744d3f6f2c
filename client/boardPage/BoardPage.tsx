/**
 * /b/<id>#<token>: checks the link with the server (which role it grants), checks the licence
 * gate (where tldraw would not run, the workshop goes on without the canvas: `WithoutCanvas.tsx`),
 * then opens the live session. Offline, a link this browser opened before opens with the
 * role the server granted it last time. The board is drawn from its records first (`FirstPaint`);
 * the editor (`LiveSession.tsx`, with tldraw) is fetched after that and takes over.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { react } from '@tldraw/state'
import type { ClientConfig } from '../../shared/api.ts'
import { fetchConfig } from '../clientConfig.ts'
import { lookupBoard, type BoardLookup } from '../boardLookup.ts'
import { tokenForPage } from '../boardToken.ts'
import { networkTokenForPage } from '../network/networkBoardToken.ts'
import { onNetworkRenewed, renewedNetworkCredential } from '../network/networkRenewal.ts'
import { decideEditorGate, useLateRejection, warnsOfLicenceEnd } from '../licenceGate.ts'
import { t } from '../firstLoadLocale.ts'
import { removeLocalCopy } from '../localCopy.ts'
import { findRecentBoard, forgetBoard, forgetToken, rememberBoard, rememberedRole } from '../recentBoards.ts'
import { Notice } from '../Notice.tsx'
import { connectBoard, type AccessCheck, type BoardConnection } from '../board/boardConnection.ts'
import type { ConnectionState } from '../board/connectionState.ts'
import type { OpenBoard, BoardAccess } from '../board/openBoard.ts'
import { writerSecret } from '../writerSecret.ts'
import { pageLinkFragment, useOpenAnewOnNewLink } from '../linkKey.ts'
import { FirstPaint } from './firstPaint/FirstPaint.tsx'
import { beamerOnOpening, rememberBeamer, wallAskedFor } from '../beamerMemory.ts'

// Where tldraw would not run: the list for every role, the facilitator's panel, the wall's tables (no tldraw).
const WithoutCanvas = lazy(() => import('./WithoutCanvas.tsx'))
// Rarely needed, or only once the editor is shown: kept off the first paint's load with their words
// and zod-checked calls (test/integration/phoneFirstLoad.test.ts).
const SignInGate = lazy(() => import('./SignInGate.tsx').then((chunk) => ({ default: chunk.SignInGate })))
const loadNotes = () => Promise.all([import('./LicenceWarning.tsx'), import('../retention/BoardRetentionBanner.tsx')])
// A note whose chunk did not come is left out; the board goes on without it.
const noNote = () => ({ default: () => null })
const LicenceWarning = lazy(() => loadNotes().then(([chunk]) => ({ default: chunk.LicenceWarning }), noNote))
const BoardRetentionBanner = lazy(() => loadNotes().then(([, chunk]) => ({ default: chunk.BoardRetentionBanner }), noNote))

type Lookup =
  | { state: 'loading' }
  /** No token in the address and none remembered: nothing to connect with. */
  | { state: 'incomplete-link' }
  | { state: 'invalid-link' }
  | { state: 'not-found' }
  /** Offline, with a link this browser has never had confirmed: its role is unknown. */
  | { state: 'offline-unchecked' }
  | { state: 'error'; message: string }
  /** `early`: the board's connection, opened beside the link check (`openBeside`). */
  | { state: 'found'; board: BoardAccess; config: ClientConfig; early: EarlyConnection | null }
  /** `#n.<network>` of a network this browser holds no link of. */
  | { state: 'network-unknown' }
  /** The board requires sign-in (`SignInGate`). */
  | { state: 'sign-in'; reason: 'required' | 'forbidden' }

export default function BoardPage({ boardId }: { boardId: string }) {
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' })
  const lateRejection = useLateRejection()
  // Bumped when the network returns, to check a link that could not be checked offline.
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const remembered = findRecentBoard(localStorage, boardId)
    // Opened from the Fahrplan: the network's link opens it (`networkBoardToken.ts`).
    const fragment = pageLinkFragment()
    const throughNetwork = networkTokenForPage(fragment, localStorage)
    if (throughNetwork === null) {
      setLookup({ state: 'network-unknown' })
      return
    }
    const page = throughNetwork ? { token: throughNetwork, fromLink: true } : tokenForPage(fragment, remembered)
    if (!page) {
      setLookup({ state: 'incomplete-link' })
      return
    }
    const { token } = page
    let cancelled = false
    const checked = Promise.all([fetchConfig(), lookupBoard(boardId, token)])
    // On a phone the first sync then travels while the check is answered (issue 64). Only where
    // the role the check says cannot change how the board opens: as someone, not as the wall.
    const early = wallAskedFor(localStorage, window.location.search, boardId) ? null : openBeside(boardId, token, checked.then(([, found]) => found))
    checked.then(
      ([config, found]) => {
        if (cancelled) return
        // The page goes elsewhere: closed before a deleted board's local copy is removed.
        if (found.kind !== 'found' && found.kind !== 'unreachable') early?.drop()
        switch (found.kind) {
          case 'not-found':
            forgetBoard(localStorage, boardId)
            void removeLocalCopy(boardId)
            return setLookup({ state: 'not-found' })
          case 'unauthorized':
            if (!throughNetwork) forgetToken(localStorage, boardId, token)
            return setLookup({ state: 'invalid-link' })
          case 'sign-in':
            return setLookup({ state: 'sign-in', reason: found.reason })
          case 'found': {
            const { title, role, retentionDays, deleteAfter, signInRequired } = found.board
            // A network's credential is not the board's link: not remembered with it.
            const knownTokens = throughNetwork ? (remembered?.tokens ?? {}) : rememberBoard(localStorage, { id: boardId, title }, { [role]: token })[0].tokens
            return setLookup({ state: 'found', config, early, board: { boardId, title, token, role, knownTokens, retentionDays, deleteAfter, signInRequired } })
          }
          case 'unreachable': {
            // Offline, the role and title we saw last time stand in for the server's answer.
            const role = rememberedRole(remembered, token)
            if (!role || !remembered) {
              early?.drop()
              return setLookup({ state: 'offline-unchecked' })
            }
            const title = remembered.title
            const entry = rememberBoard(localStorage, { id: boardId, title }, { [role]: token })[0]
            return setLookup({ state: 'found', config, early, board: { boardId, title, token, role, knownTokens: entry.tokens } })
          }
        }
      },
      (error: unknown) => {
        early?.drop()
        if (!cancelled) setLookup({ state: 'error', message: String(error) })
      },
    )
    return () => {
      cancelled = true
      // Unless the live board has taken it.
      early?.drop()
    }
  }, [boardId, attempt])
  useOpenAnewOnNewLink()

  useEffect(() => {
    if (lookup.state !== 'offline-unchecked') return
    const onOnline = () => setAttempt((n) => n + 1)
    window.addEventListener('online', onOnline)
    return () => window.removeEventListener('online', onOnline)
  }, [lookup.state])

  const gate = lookup.state === 'found' ? decideEditorGate(window.location, lookup.config) : null
  // tldraw refused the key after all (its clock, its judgement): the same, before the canvas goes blank.
  const missing = gate && !gate.mount ? { reason: gate.reason, verdict: gate.verdict } : lateRejection ? { reason: lateRejection.state === 'expired' ? ('expired' as const) : ('refused-at-run-time' as const) } : undefined
  // Without the canvas, nothing takes the connection opened beside the check.
  const withoutCanvas = missing !== undefined
  useEffect(() => {
    if (lookup.state === 'found' && withoutCanvas) lookup.early?.drop()
  }, [lookup, withoutCanvas])

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
    case 'network-unknown':
      return <Notice title={t.boardNetworkUnknownHeading} text={t.boardNetworkUnknownText} home />
    case 'sign-in':
      return (
        <Suspense fallback={<Notice busy title={t.loadingBoard} />}>
          <SignInGate boardId={boardId} reason={lookup.reason} />
        </Suspense>
      )
    case 'found': {
      if (missing)
        return (
          <Suspense fallback={<Notice busy title={t.loadingBoard} />}>
            <WithoutCanvas board={lookup.board} {...missing} />
          </Suspense>
        )
      return <LiveBoard board={lookup.board} config={lookup.config} early={lookup.early} />
    }
  }
}

const accessOf = (found: BoardLookup) => (found.kind === 'found' ? 'ok' : found.kind === 'not-found' ? 'gone' : found.kind === 'sign-in' ? 'unreachable' : found.kind)

/** What the session asks when connections keep failing: does this link still open the board? */
const accessCheckFor =
  (boardId: string, token: string): AccessCheck =>
  async () => {
    try {
      const found = await lookupBoard(boardId, token)
      // The board now requires sign-in (switched on, or the sign-in ended): the page shows how.
      if (found.kind === 'sign-in') window.location.reload()
      return accessOf(found)
    } catch {
      return 'unreachable'
    }
  }

/** The board's connection opened beside the link check, until the live board takes it or the check sends the page elsewhere. */
interface EarlyConnection {
  take(): BoardConnection | null
  drop(): void
}

/**
 * Connects as someone before the link check is answered. Until it is, the connection's own access
 * check (a refused socket cannot say why) is that answer: the page shows a sign-in or a wrong link
 * itself, and closes the connection; afterwards it asks anew, as the live board's does.
 */
function openBeside(boardId: string, token: string, checked: Promise<BoardLookup>): EarlyConnection {
  let answered = false
  const asked = checked.then(accessOf, () => 'unreachable' as const).finally(() => (answered = true))
  const later = accessCheckFor(boardId, token)
  let connection: BoardConnection | null = connectBoard(boardId, token, writerSecret(), () => (answered ? later() : asked))
  return {
    take: () => {
      const taken = connection
      connection = null
      return taken
    },
    drop: () => {
      connection?.dispose()
      connection = null
    },
  }
}

/** The wall is a facilitator's choice: with another link a device would be on the board unseen. */
const mayBeWall = (board: BoardAccess) => board.role === 'facilitator'

/** The editor's chunk (tldraw); asked for once the first paint is on screen. */
type EditorChunk = typeof import('./LiveSession.tsx')
/** Connection states in which the first paint has nothing to draw soon: the editor's notices say why. */
const stalled = new Set<ConnectionState>(['offline', 'rate-limited', 'too-many-connections', 'unauthorized', 'gone', 'not-allowed', 'board-full'])

/**
 * The board's connection, its first paint drawn from the doc as soon as it holds the board, and
 * the editor on the same connection once its chunk is here; the first paint stays over the
 * editor until the editor has drawn.
 */
function LiveBoard({ board, config, early }: { board: BoardAccess; config: ClientConfig; early: EarlyConnection | null }) {
  const [beamer, setBeamer] = useState(() =>
    beamerOnOpening(localStorage, { location: window.location, replace: (url) => history.replaceState(history.state, '', url) }, board.boardId, mayBeWall(board)),
  )
  const [connection, setConnection] = useState<BoardConnection | null>(null)
  const [drawable, setDrawable] = useState(false)
  const [live, setLive] = useState<{ chunk: EditorChunk; session: OpenBoard } | null>(null)
  const [editorShown, setEditorShown] = useState(false)
  const [chunkFailed, setChunkFailed] = useState<string | null>(null)
  const requestEditor = useRef<() => void>(() => {})

  useEffect(() => {
    // Becoming the wall or leaving it opens the board anew: its presence starts as someone or as nobody.
    const chooseBeamer = (on: boolean) => {
      const wall = on && mayBeWall(board)
      rememberBeamer(localStorage, board.boardId, wall)
      setBeamer(wall)
    }
    const checkAccess = accessCheckFor(board.boardId, board.token)
    // The connection opened beside the link check is someone's: the wall opens its own as nobody.
    if (beamer) early?.drop()
    const opened = (!beamer && early?.take()) || connectBoard(board.boardId, board.token, writerSecret(), checkAccess, beamer ? 'nobody' : 'someone')
    let session: OpenBoard | null = null
    let disposed = false
    let requested = false
    setConnection(opened)
    setDrawable(false)
    setEditorShown(false)
    void opened.ready.then(() => !disposed && setDrawable(true))
    requestEditor.current = () => {
      if (requested) return
      requested = true
      import('./LiveSession.tsx').then(
        (chunk) => {
          // The notes over the editor after it (they share most of its chunks), in time to show as it does.
          loadNotes().catch(() => {})
          if (disposed) return
          session = chunk.openSession(board, opened, { maxAssetBytes: config.maxAssetBytes, checkAccess, beamer, setBeamer: chooseBeamer })
          setLive({ chunk, session })
        },
        (error: unknown) => !disposed && setChunkFailed(String(error)),
      )
    }
    // Nothing to draw soon (offline without a local copy, refused): the editor's page says why.
    const stopWatching = react('first paint stalls', () => {
      if (stalled.has(opened.state.get())) queueMicrotask(() => !disposed && requestEditor.current())
    })
    // Opened through the network, whose link this browser renewed (`networkRenewal.ts`): the relay
    // closed the old credential's socket; the page opens again with the new one instead of closing.
    const reopen = () => !disposed && window.location.reload()
    const stopFollowing = onNetworkRenewed(board.token, localStorage, reopen)
    const stopRefusals = react('refused through a renewed network link', () => {
      if (opened.state.get() === 'unauthorized' && renewedNetworkCredential(board.token, localStorage)) queueMicrotask(reopen)
    })
    return () => {
      disposed = true
      stopWatching()
      stopFollowing()
      stopRefusals()
      // The session leaves the board's presence before its connection closes.
      session?.dispose()
      opened.dispose()
      setLive(null)
      setConnection(null)
    }
  }, [board, config.maxAssetBytes, beamer, early])

  const onPainted = useCallback(() => requestEditor.current(), [])
  // At once: whoever acts on the editor next must not meet the drawing over it.
  const onShown = useCallback(() => flushSync(() => setEditorShown(true)), [])

  if (chunkFailed) return <Notice title={t.loadFailedHeading} text={chunkFailed} reload />
  return (
    <>
      {live ? (
        <live.chunk.SessionView session={live.session} config={config} signedIn={board.signInRequired === true} onShown={onShown} />
      ) : (
        !drawable && <Notice busy title={t.loadingBoard} />
      )}
      <Suspense fallback={null}>
        {editorShown && warnsOfLicenceEnd(board.role, beamer) && <LicenceWarning config={config} />}
        {editorShown && !beamer && <BoardRetentionBanner boardId={board.boardId} token={board.token} deleteAfter={board.deleteAfter} retentionDays={board.retentionDays} />}
      </Suspense>
      {connection && drawable && !editorShown && <FirstPaint doc={connection.doc} awareness={connection.awareness} boardId={board.boardId} wall={beamer} onPainted={onPainted} />}
    </>
  )
}
