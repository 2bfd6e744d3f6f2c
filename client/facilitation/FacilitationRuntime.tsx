/**
 * The facilitation tools' effects, mounted in front of the canvas (there even in focus mode):
 * follows a facilitator's "Alle zu mir" once per summon, says "Die Zeit ist abgelaufen" when the timer runs
 * out while the board is open, and shows the countdown in focus mode, where the top bar is hidden.
 */
import { useEffect, useRef } from 'react'
import { react, unsafe__withoutCapture, useEditor, useToasts } from 'tldraw'
import { expiresAt } from '../../shared/board/entries/timer.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { StepHighlight } from './StepHighlight.tsx'
import { FocusModeTimer } from './TimerControl.tsx'
import { PrivateNotesSync } from './PrivateWriting.tsx'
import { followSummon, newSummons } from './summon.ts'
import { followedSummon } from './FollowedTable.tsx'
import { wallFollows } from './slideChoice.ts'
import { followPresentedSlide, type WallHeard } from './wallFollow.ts'

export function FacilitationInFront() {
  return (
    <>
      <StepHighlight />
      <FacilitationRuntime />
      <FocusModeTimer />
      <PrivateNotesSync />
    </>
  )
}

/** A timer that ran out longer ago than this (e.g. before a reload) gets no toast. */
const toastWindowMs = 10_000

export function FacilitationRuntime() {
  const editor = useEditor()
  const f = useFacilitation()
  const { beamer } = useOpenBoard()
  const { addToast } = useToasts()

  // The wall's latest view summon and the part it shows: a slide presented before either yields to it.
  const heard = useRef<WallHeard>({ viewAt: -Infinity })
  useEffect(() => (beamer ? followPresentedSlide(editor, f, heard.current) : undefined), [editor, f, beamer])

  useEffect(() => {
    const seen = new Set<string>()
    return react('follow summons', () => {
      // Freshness needs the relay's clock; wait for the first measurement (or its failure).
      if (!f.clock.settled.get()) return
      const summons = newSummons(f.peers.get(), seen, f.clock.now())
      // Moving the camera reads editor state; that must not make camera moves re-run this.
      unsafe__withoutCapture(() => {
        for (const { peer, summon } of summons) {
          // The wall shows a presented slide itself, by its id (wallFollow.ts), not the view its summon brings the
          // room to; so too the part „Alle zu …“ named, which summons the room with it.
          const { partAt } = heard.current
          if (beamer && (summon.slide || wallFollows(f.slide.get(), summon, partAt === undefined ? undefined : { at: partAt }) !== 'view')) continue
          if (beamer) Object.assign(heard.current, { viewAt: summon.at, partAt: undefined })
          const following = editor.getInstanceState().followingUserId
          followSummon(editor, summon, peer.userId, beamer)
          // A small window may show it as a table (FollowedTable.tsx); one following the summoner shows their view anyway.
          if (!beamer && !(following && following === peer.userId)) followedSummon.set({ key: summon.id, pageId: summon.pageId, bounds: summon.bounds, userId: peer.userId })
          const name = editor.getCollaborators().find((c) => c.userId === peer.userId)?.userName?.trim()
          // The wall shows the board, not notices over it.
          if (name && !beamer) addToast({ id: 'netzwerkstatt-summon', title: format(t.summoned, { name }) })
        }
      })
    })
  }, [editor, f, addToast, beamer])

  const toasted = useRef<number | null>(null)
  useEffect(() => {
    const check = () => {
      const timer = f.timer.get()
      const end = timer && expiresAt(timer)
      if (!end || toasted.current === end) return
      const since = f.clock.now() - end
      if (since < 0 || since > toastWindowMs) return
      toasted.current = end
      if (beamer) return
      addToast({ id: 'netzwerkstatt-timer-up', title: t.timerUp, severity: 'warning' })
    }
    const id = setInterval(check, 250)
    return () => clearInterval(id)
  }, [f, addToast, beamer])

  return null
}
