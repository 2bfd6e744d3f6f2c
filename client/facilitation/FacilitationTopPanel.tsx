/** Top centre of the board: timer, current step, and "Alle zu mir" or "Moderation folgen". */
import { AgendaControl } from './AgendaControl.tsx'
import { FollowFacilitatorButton, SummonButton } from './RoomControls.tsx'
import { TimerControl } from './TimerControl.tsx'

export function FacilitationTopPanel() {
  return (
    <div className="nws-facilitation" draggable={false}>
      <TimerControl />
      <AgendaControl />
      <SummonButton />
      <FollowFacilitatorButton />
    </div>
  )
}
