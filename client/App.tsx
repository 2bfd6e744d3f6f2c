import { lazy, Suspense, useCallback, useState } from 'react'
import { Notice } from './Notice.tsx'
import { StorageNote } from './StorageNote.tsx'
import { t } from './locale.ts'
import { routeFor } from './routes.ts'
import { takeJoinFragment } from './join/joinFragment.ts'
import { replaceAddress } from './linkKey.ts'
import { chooseBoardView } from './contributionChoice.ts'
import StartPage from './start/StartPage.tsx'
import { JoinPage } from './join/JoinPage.tsx'
import { NetworkPage } from './network/NetworkPage.tsx'
import { PackPage } from './network/PackPage.tsx'

// The editor is most of the bundle; the start page should not wait for it.
const BoardPage = lazy(() => import('./boardPage/BoardPage.tsx'))
// The list to contribute from reads the board without the editor: a phone loads a fraction of it.
const ContributionPage = lazy(() => import('./beitragen/ContributionPage.tsx'))

export function App() {
  return (
    <>
      <StorageNote />
      <Page />
    </>
  )
}

function Page() {
  // A page that moves to another address in place (JoinPage) has the app drawn for it anew.
  const [pathname, setPathname] = useState(window.location.pathname)
  const moved = useCallback(() => setPathname(window.location.pathname), [])
  const route = routeFor(pathname)
  switch (route.page) {
    case 'start':
      return <StartPage />
    case 'board':
      return (
        <Suspense fallback={<Notice busy title={t.loadingBoard} />}>
          {chooseBoardView(window.location.search, localStorage, window.innerWidth) === 'beitragen' ? (
            <ContributionPage boardId={route.boardId} />
          ) : (
            <BoardPage boardId={route.boardId} />
          )}
        </Suspense>
      )
    case 'join':
      return <JoinPage code={route.code ?? takeJoinFragment(window.location, replaceAddress)} onOpened={moved} />
    case 'network':
      return <NetworkPage networkId={route.networkId} />
    case 'pack':
      return <PackPage networkId={route.networkId} />
    case 'unknown':
      return <Notice title={t.pageNotFound} home />
  }
}
