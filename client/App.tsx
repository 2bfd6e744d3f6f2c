import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { Notice } from './Notice.tsx'
import { StorageNote } from './StorageNote.tsx'
import { t } from './firstLoadLocale.ts'
import { routeFor } from './routes.ts'
import { takeJoinFragment, watchJoinFragment } from './join/joinFragment.ts'
import { replaceAddress } from './linkKey.ts'
import { chooseBoardView } from './contributionChoice.ts'

// The editor is most of the bundle; the start page should not wait for it.
const BoardPage = lazy(() => import('./boardPage/BoardPage.tsx'))
// The list to contribute from reads the board without the editor: a phone loads a fraction of it.
const ContributionPage = lazy(() => import('./beitragen/ContributionPage.tsx'))
// Each page its own chunk: the start page's templates and every page's zod-checked API calls
// stay off a phone's first load, which only needs the list (test/integration/phoneFirstLoad.test.ts).
const StartPage = lazy(() => import('./start/StartPage.tsx'))
const JoinPage = lazy(() => import('./join/JoinPage.tsx').then((chunk) => ({ default: chunk.JoinPage })))
const NetworkPage = lazy(() => import('./network/NetworkPage.tsx').then((chunk) => ({ default: chunk.NetworkPage })))
const PackPage = lazy(() => import('./network/PackPage.tsx').then((chunk) => ({ default: chunk.PackPage })))

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
      return <JoinRoute pathCode={route.code} onOpened={moved} />
    case 'network':
      return <NetworkPage networkId={route.networkId} />
    case 'pack':
      return <PackPage networkId={route.networkId} />
    case 'unknown':
      return <Notice title={t.pageNotFound} home />
  }
}

/**
 * The join page with the code it opened with, and anew with each code that comes in the fragment
 * later (typed into the address bar, a second scan in this tab): the same code again is tried again.
 */
function JoinRoute({ pathCode, onOpened }: { pathCode: string | null; onOpened(): void }) {
  const [arrival, setArrival] = useState(() => ({ code: pathCode ?? takeJoinFragment(window.location, replaceAddress), count: 0 }))
  useEffect(() => watchJoinFragment(window, replaceAddress, (code) => setArrival((last) => ({ code, count: last.count + 1 }))), [])
  return <JoinPage key={arrival.count} code={arrival.code} onOpened={onOpened} />
}
