/**
 * Top centre of the board: its title, timer, current step, and "Alle zu mir", "Alle zu …" and
 * "Präsentieren" or "Moderation folgen".
 */
import { useEffect, useRef } from 'react'
import { BoardTitle } from './BoardTitle.tsx'
import { AgendaControl } from './AgendaControl.tsx'
import { BringControl } from './BringControl.tsx'
import { PresentationControl } from './PresentationControl.tsx'
import { FollowFacilitatorButton, SummonButton } from './RoomControls.tsx'
import { TimerControl } from './TimerControl.tsx'
import { CaseBanner } from '../templates/CaseBanner.tsx'
import { wrapWhenFull } from './topBarRows.ts'

export function FacilitationTopPanel() {
  const bar = useRef<HTMLDivElement>(null)
  useEffect(() => (bar.current ? wrapWhenFull(bar.current) : undefined), [])
  return (
    <div className="nws-facilitation" ref={bar} draggable={false}>
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
