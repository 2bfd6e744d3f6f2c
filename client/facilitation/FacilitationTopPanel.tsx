/**
 * Top centre of the board: its title, timer, current step, and "Alle zu mir", "Alle zu …" and
 * "Präsentieren" or "Moderation folgen".
 */
import { BoardTitle } from './BoardTitle.tsx'
import { AgendaControl } from './AgendaControl.tsx'
import { FollowFacilitatorButton, SummonButton } from './RoomControls.tsx'
import { TimerControl } from './TimerControl.tsx'
import { CaseBanner } from '../templates/CaseBanner.tsx'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { laterPart } from '../board/laterParts.tsx'

// The facilitator's alone, in a chunk of their own (`laterParts.tsx`): a participant's editor does without them.
const BringControl = laterPart(() => import('./BringControl.tsx').then((chunk) => chunk.BringControl))
const PresentationControl = laterPart(() => import('./PresentationControl.tsx').then((chunk) => chunk.PresentationControl))

export function FacilitationTopPanel() {
  const f = useFacilitation()
  return (
    <div className="nws-facilitation" draggable={false}>
      <BoardTitle />
      <TimerControl />
      <AgendaControl />
      <SummonButton />
      {f.isFacilitator && <BringControl quiet />}
      {f.isFacilitator && <PresentationControl quiet />}
      <FollowFacilitatorButton />
      <CaseBanner />
    </div>
  )
}
