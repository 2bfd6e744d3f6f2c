/**
 * The wall's only control (Beamer mode, `client/beamerMemory.ts`), in the bottom-left corner and
 * faint until pointed at or reached by Tab: present from this device (a facilitator's: ‹ ›, the
 * arrow and page keys of a clicker, Escape to end) and leave the mode. While the connection is
 * gone it says so: the picture on the wall then stops following the board.
 */
import { useValue } from 'tldraw'
import { useOpenBoard } from '../board/boardContext.ts'
import { t } from '../locale.ts'
import { PresentationControl } from './PresentationControl.tsx'
import { WallCornerClock } from './WallClock.tsx'
import './beamer.css'

export function BeamerBar() {
  const session = useOpenBoard()
  const state = useValue('connection state', () => session.connection.state.get(), [session])
  return (
    <>
      <WallCornerClock />
      <div className="nws-beamer-bar" role="group" aria-label={t.beamerBar} data-connection={state}>
        {state !== 'connected' && (
          <span className="nws-beamer-bar__offline" role="status">
            {t.beamerNotConnected}
          </span>
        )}
        <PresentationControl onWall />
        <button type="button" className="nws-chip nws-beamer-bar__leave" onClick={() => session.setBeamer(false)}>
          {t.beamerLeave}
        </button>
      </div>
    </>
  )
}
