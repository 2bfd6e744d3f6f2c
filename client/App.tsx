import { lazy, Suspense } from 'react'
import { Notice } from './Notice.tsx'
import { t } from './locale.ts'
import { routeFor } from './routes.ts'
import StartPage from './start/StartPage.tsx'
import { JoinPage } from './join/JoinPage.tsx'
import { NetworkPage } from './network/NetworkPage.tsx'

// The editor is most of the bundle; the start page should not wait for it.
const BoardPage = lazy(() => import('./boardPage/BoardPage.tsx'))

export function App() {
  const route = routeFor(window.location.pathname)
  switch (route.page) {
    case 'start':
      return <StartPage />
    case 'board':
      return (
        <Suspense fallback={<Notice busy title={t.loadingBoard} />}>
          <BoardPage boardId={route.boardId} />
        </Suspense>
      )
    case 'join':
      return <JoinPage code={route.code} />
    case 'network':
      return <NetworkPage networkId={route.networkId} />
    case 'unknown':
      return <Notice title={t.pageNotFound} home />
  }
}
