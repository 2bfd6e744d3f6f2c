/**
 * /b/<id> in the contribution view („Beitragen“): checks the link as the board page does, then
 * opens the board's Y.Doc without the editor and shows it as a list (`ContributionView.tsx`).
 * Its own lazy chunk: nothing here may import tldraw, or a phone pays for the canvas after all.
 *
 * The board's connection opens beside the link check, with the link's token: on a phone the first
 * sync then travels while the check is answered and the view's chunk is fetched and run, instead
 * of after them (issue 64). Where the check sends the person elsewhere, it is closed again.
 */
import { lazy, Suspense, useEffect, useState } from 'react'
import type { Role } from '../../shared/access.ts'
import { lookupBoard } from '../boardLookup.ts'
import { chooseBoardView } from '../contributionChoice.ts'
import { tokenForPage } from '../boardToken.ts'
import { networkTokenForPage } from '../network/networkBoardToken.ts'
import { pageLinkFragment, useOpenAnewOnNewLink } from '../linkKey.ts'
import { t } from '../firstLoadLocale.ts'
import { Notice } from '../Notice.tsx'
import { findRecentBoard, forgetToken, rememberBoard, rememberedRole } from '../recentBoards.ts'
import { removeLocalCopy } from '../localCopy.ts'
import { writerSecret } from '../writerSecret.ts'
import { connectForContribution, type ContributionConnection } from './contributionConnection.ts'
import { ListBoard, loadListView } from './ListBoard.tsx'

// Only for what the list cannot do itself (a board that requires sign-in): the canvas's page, loaded then.
const BoardPage = lazy(() => import('../boardPage/BoardPage.tsx'))

type Lookup =
  | { state: 'loading' }
  | { state: 'refused'; title: string; text: string }
  /** Sign-in, no connection, or anything else the canvas's page knows how to handle: it takes over. */
  | { state: 'board-page' }
  | { state: 'found'; title: string; role: Role; token: string; connection: ContributionConnection }

export default function ContributionPage({ boardId }: { boardId: string }) {
  const [lookup, setLookup] = useState<Lookup>({ state: 'loading' })
  const [writer] = useState(writerSecret)

  useEffect(() => {
    // Opened from the Fahrplan, as its facilitator: the board page opens it through the network (or says why not).
    const fragment = pageLinkFragment()
    if (networkTokenForPage(fragment, localStorage) !== undefined) return setLookup({ state: 'board-page' })
    const remembered = findRecentBoard(localStorage, boardId)
    const page = tokenForPage(fragment, remembered)
    if (!page) return setLookup({ state: 'refused', title: t.linkIncompleteHeading, text: t.linkIncompleteText })
    void loadListView()
    const connection = connectForContribution(boardId, page.token, writer)
    let closed = false
    const close = () => {
      if (!closed) connection.dispose()
      closed = true
    }
    const elsewhere = (next: Lookup) => {
      close()
      setLookup(next)
    }
    let cancelled = false
    lookupBoard(boardId, page.token).then(
      (found) => {
        if (cancelled) return
        if (found.kind === 'found') {
          rememberBoard(localStorage, { id: boardId, title: found.board.title }, { [found.board.role]: page.token })
          // A facilitator's link on a phone, nothing chosen: the canvas, where the facilitation is.
          if (chooseBoardView(window.location.search, localStorage, window.innerWidth, found.board.role) === 'tafel') elsewhere({ state: 'board-page' })
          else setLookup({ state: 'found', title: found.board.title, role: found.board.role, token: page.token, connection })
        } else if (found.kind === 'unauthorized') {
          forgetToken(localStorage, boardId, page.token)
          elsewhere({ state: 'refused', title: t.linkInvalidHeading, text: t.linkInvalidText })
        } else if (found.kind === 'not-found') {
          // A deleted board must not linger in this browser's local copy (closed first: an open copy holds off its removal).
          elsewhere({ state: 'refused', title: t.notFoundHeading, text: t.notFoundText })
          void removeLocalCopy(boardId)
        } else if (found.kind === 'unreachable' && rememberedRole(remembered, page.token)) {
          // Offline: the role and title seen last time stand in, and the local copy holds the board.
          setLookup({ state: 'found', title: remembered!.title, role: rememberedRole(remembered, page.token)!, token: page.token, connection })
        } else elsewhere({ state: 'board-page' })
      },
      () => !cancelled && elsewhere({ state: 'board-page' }),
    )
    return () => {
      cancelled = true
      close()
      // The list must not show this board's closed connection while another board's link is checked.
      setLookup((last) => (last.state === 'found' && last.connection === connection ? { state: 'loading' } : last))
    }
  }, [boardId, writer])
  useOpenAnewOnNewLink()

  useEffect(() => {
    if (lookup.state === 'found') document.title = lookup.title ? `${lookup.title} · ${t.contributeHeading} · ${t.appName}` : t.appName
  }, [lookup])

  switch (lookup.state) {
    case 'loading':
      return <Notice busy title={t.loadingBoard} />
    case 'board-page':
      // Sign-in, an offline visit to a board this browser does not know, a facilitator's phone and the rest are the board page's; this browser's choice stays.
      return (
        <Suspense fallback={<Notice busy title={t.loadingBoard} />}>
          <BoardPage boardId={boardId} />
        </Suspense>
      )
    case 'refused':
      return <Notice title={lookup.title} text={lookup.text} home />
    case 'found':
      return <ListBoard boardId={boardId} title={lookup.title} role={lookup.role} token={lookup.token} connection={lookup.connection} />
  }
}
