/**
 * The editor's half of an open board, in a chunk of its own with tldraw: the session on the
 * connection the board page opened for its first paint, and what the page shows of it (the
 * editor, or why not). Loaded after the first paint, so that tldraw does not starve it.
 */
import { useEffect } from 'react'
import { useValue } from 'tldraw'
import type { ClientConfig } from '../../shared/api.ts'
import { locale, t } from '../locale.ts'
import { forgetBoard, forgetToken } from '../recentBoards.ts'
import { Notice } from '../Notice.tsx'
import type { AccessCheck, BoardConnection } from '../board/boardConnection.ts'
import { BoardEditor } from './BoardEditor.tsx'
import { openBoard, type OpenBoard, type BoardAccess } from '../board/openBoard.ts'
import { ensureUserName } from '../board/currentUser.ts'
import { NamePrompt } from '../join/NamePrompt.tsx'
import { keepSignedInName } from '../board/signedInName.ts'
import { laterPart } from '../board/laterParts.tsx'

/** Only for a board this client cannot read, and with the versions' list: in a chunk of its own. */
const ReadableVersions = laterPart(() => import('../facilitation/ReadableVersions.tsx').then((chunk) => chunk.ReadableVersions))

export interface SessionOptions {
  maxAssetBytes: number
  checkAccess: AccessCheck
  beamer: boolean
  setBeamer(on: boolean): void
}

/** The board's session on `connection`; its dispose() leaves the connection to its opener. */
export function openSession(board: BoardAccess, connection: BoardConnection, options: SessionOptions): OpenBoard {
  ensureUserName(locale)
  const stopSignedInName = board.signInRequired ? keepSignedInName() : () => {}
  const session = openBoard(board, { ...options, firstPageName: t.firstPageName, connection })
  return {
    ...session,
    dispose: () => {
      session.dispose()
      stopSignedInName()
    },
  }
}

/** `onShown`: the editor has drawn the board, or a notice stands in its place. */
export function SessionView({ session, config, signedIn, onShown }: { session: OpenBoard; config: ClientConfig; signedIn: boolean; onShown(): void }) {
  const phase = useValue('session phase', () => session.phase.get(), [session])
  const connection = useValue('connection', () => session.connection.state.get(), [session])

  // The relay refused this link for good: this browser forgets what no longer works.
  useEffect(() => {
    if (connection === 'unauthorized') forgetToken(localStorage, session.boardId, session.token)
    if (connection === 'gone') forgetBoard(localStorage, session.boardId)
  }, [connection, session])

  // What stands in the editor's place for good: the first paint must not cover it.
  const refused = connection === 'unauthorized' || connection === 'gone' || phase.name === 'failed'
  useEffect(() => {
    if (refused) queueMicrotask(onShown)
  }, [refused, onShown])

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
          <BoardEditor session={session} licenceKey={config.tldrawLicenseKey} maxAssetBytes={config.maxAssetBytes} onShown={onShown} />
          {/* On a board that requires sign-in the name is the sign-in's: nothing to ask; the wall is nobody. */}
          {!signedIn && !session.beamer && <NamePrompt onBeamer={session.role === 'facilitator' ? () => session.setBeamer(true) : undefined} />}
        </>
      )
  }
}
