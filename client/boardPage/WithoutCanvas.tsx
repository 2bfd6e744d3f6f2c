/**
 * The board where tldraw would not run (no key on public https, expired, for another host,
 * unreadable, refused at run time: `licenceGate.ts`): the workshop goes on without the canvas.
 * Every role works in the list „Beitragen“ (read and write, vote, write privately) under a note
 * that says why the canvas is missing and what the operator does (`CanvasMissing.tsx`); the
 * facilitator steers the parts, the vote, the timer and private writing from a panel over her
 * list (`beitragen/FacilitatorList.tsx`); the wall shows the current part as tables
 * (`WallWithoutCanvas.tsx`). Nothing here loads tldraw.
 */
import { lazy, Suspense, useMemo, useState } from 'react'
import { beamerOnOpening, rememberBeamer } from '../beamerMemory.ts'
import type { BoardAccess } from '../board/openBoard.ts'
import { ListBoard } from '../beitragen/ListBoard.tsx'
import type { WithoutCanvas as Steering } from '../beitragen/ContributionView.tsx'
import { CanvasMissing, type CanvasMissingProps } from './CanvasMissing.tsx'
import { WallWithoutCanvas } from './WallWithoutCanvas.tsx'

// Only a facilitator's list holds it.
const FacilitatorList = lazy(() => import('../beitragen/FacilitatorList.tsx').then((chunk) => ({ default: chunk.FacilitatorList })))

export default function WithoutCanvas({ board, reason, verdict }: { board: BoardAccess } & Pick<CanvasMissingProps, 'reason' | 'verdict'>) {
  const facilitator = board.role === 'facilitator'
  // As the canvas's wall: only a facilitator's link makes a device the wall (`beamerMemory.ts`).
  const [wall, setWall] = useState(() =>
    beamerOnOpening(localStorage, { location: window.location, replace: (url) => history.replaceState(history.state, '', url) }, board.boardId, facilitator),
  )
  const withoutCanvas = useMemo<Steering>(
    () => ({
      notice: <CanvasMissing boardId={board.boardId} token={board.token} reason={reason} verdict={verdict} facilitator={facilitator} />,
      steering: facilitator
        ? (reading, connection) => (
            <Suspense fallback={null}>
              <FacilitatorList board={board} connection={connection} reading={reading} />
            </Suspense>
          )
        : undefined,
    }),
    [board, reason, verdict, facilitator],
  )
  if (wall)
    return (
      <WallWithoutCanvas
        boardId={board.boardId}
        token={board.token}
        title={board.title}
        leave={() => {
          rememberBeamer(localStorage, board.boardId, false)
          setWall(false)
        }}
      />
    )
  return <ListBoard boardId={board.boardId} title={board.title} role={board.role} token={board.token} withoutCanvas={withoutCanvas} />
}
