/**
 * Top centre of the board: its title, timer, current step, and "Alle zu mir", "Alle zu …" and
 * "Präsentieren" or "Moderation folgen".
 */
import { BoardTitle } from './BoardTitle.tsx'
import { AgendaControl } from './AgendaControl.tsx'
import { BringControl } from './BringControl.tsx'
import { PresentationControl } from './PresentationControl.tsx'
import { FollowFacilitatorButton, SummonButton } from './RoomControls.tsx'
import { TimerControl } from './TimerControl.tsx'
import { CaseBanner } from '../templates/CaseBanner.tsx'

export function FacilitationTopPanel() {
  return (
    <div className="nws-facilitation" draggable={false}>
      <BoardTitle />
      <TimerControl />
      <AgendaControl />
      <SummonButton />
      <BringControl />
      <PresentationControl />
      <FollowFacilitatorButton />
      <CaseBanner />
    </div>
  )
}
