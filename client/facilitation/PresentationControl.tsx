/**
 * Presenting, for the facilitator: one step at a time through the page's frames or template
 * steps (presentation.ts). Each step moves the facilitator's view there and brings everyone's
 * view along, as "Alle zu mir" does; a template step also becomes the current step. A presenter's
 * clicker (Page Down / Page Up) and the arrow keys step through while nothing is selected.
 */
import { uniqueId, useEditor, useValue, type Editor } from 'tldraw'
import { useEffect, useRef, useState } from 'react'
import { chooseStep } from '../../shared/board/entries/step.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { showBounds } from '../templates/showInView.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { presentationSlides, slideView, type Slide } from './presentation.ts'
import { showOnWall } from './beamerView.ts'
import { presenterTable, wallSlide } from './wallSlide.ts'
import { slideFocus } from './focus.ts'

/** `onWall`: on the Beamer (BeamerBar.tsx), where slides fill the projector's safe area and Escape ends. */
export function PresentationControl({ onWall = false }: { onWall?: boolean }) {
  const f = useFacilitation()
  const [presenting, setPresenting] = useState(false)
  if (!f.isFacilitator) return null
  const end = () => {
    setPresenting(false)
    wallSlide.set(undefined)
  }
  if (presenting) return <PresenterBar onEnd={end} onWall={onWall} />
  return (
    <button type="button" className="nws-chip" data-action="present" title={t.presentHint} onClick={() => setPresenting(true)}>
      {t.presentStart}
    </button>
  )
}

function present(editor: Editor, f: Facilitation, slide: Slide, onWall: boolean) {
  if (editor.getCurrentPageId() !== slide.pageId) editor.setCurrentPage(slide.pageId)
  if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
  // Everyone else sees the slide with a little room around it; the wall the slide alone, in its safe area.
  const around = slideView(slide)
  // The presenter's own screen shows a template's slide as the wall does (WallTable.tsx): a
  // laptop on the projector is the wall then. Everyone else's canvas goes to the part.
  wallSlide.set(slide)
  if (onWall) showOnWall(editor, slide.bounds, true, slide.maxZoom)
  else showBounds(editor, slide.bounds, undefined, true, slide.maxZoom)
  const now = f.clock.now()
  // The slide is the room's focus (the lists follow it, latecomers land on it, and it stays when
  // presenting ends); a template step's slide makes its step the current one.
  f.bring(slideFocus(slide, now), slide.step ? chooseStep(slide.step.instance, slide.step.key, now) : undefined)
  f.summon({ id: uniqueId(), bounds: around, pageId: slide.pageId, at: now })
}

function PresenterBar({ onEnd, onWall }: { onEnd(): void; onWall: boolean }) {
  const editor = useEditor()
  const f = useFacilitation()
  const slides = useValue('presentation slides', () => presentationSlides(editor), [editor])
  // The slide shown is held by its key, so that it stays when slides before it come or go (a
  // template grown meanwhile); by its place if it is gone.
  const [at, setAt] = useState<{ index: number; key?: string; moves: number }>({ index: 0, moves: 0 })
  const last = slides.length - 1
  const kept = at.key === undefined ? -1 : slides.findIndex((s) => s.key === at.key)
  const current = kept >= 0 ? kept : Math.min(at.index, last)
  const slide = slides[current]
  const go = (index: number) => {
    const target = Math.max(0, Math.min(last, index))
    setAt({ index: target, key: slides[target]?.key, moves: at.moves + 1 })
  }

  // The view moves only when the presenter moves on: someone writing, which can cut the
  // template into other parts, never pulls everyone's view away.
  const shown = useRef<Slide | undefined>(undefined)
  shown.current = slide
  // However the bar goes (ended, the page left), the slide's table goes with it.
  useEffect(
    () => () => {
      wallSlide.set(undefined)
    },
    [],
  )
  useEffect(() => {
    if (shown.current) present(editor, f, shown.current, onWall)
  }, [editor, f, at.moves, onWall])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null
      if (editor.getEditingShapeId() || target?.closest('input, textarea, select, [contenteditable="true"]')) return
      // On the wall a clicker's or keyboard's Escape ends the presentation; elsewhere it is tldraw's.
      if (onWall && event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        return onEnd()
      }
      const free = editor.getSelectedShapeIds().length === 0
      const step = event.key === 'PageDown' || (free && event.key === 'ArrowRight') ? 1 : event.key === 'PageUp' || (free && event.key === 'ArrowLeft') ? -1 : 0
      if (step === 0) return
      event.preventDefault()
      event.stopPropagation()
      go(current + step)
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  })

  const where = slide ? format(t.presentPosition, { n: current + 1, total: slides.length, label: slide.label }) : ''
  return (
    <div className="nws-presenter" role="toolbar" aria-label={t.presentBar}>
      <button type="button" className="nws-presenter__step" aria-label={t.presentPrevious} title={t.presentPrevious} disabled={current <= 0} onClick={() => go(current - 1)}>
        ‹
      </button>
      <span className="nws-presenter__where" role="status" title={where}>
        {where}
      </span>
      <button type="button" className="nws-presenter__step" aria-label={t.presentNext} title={t.presentNext} disabled={current >= last} onClick={() => go(current + 1)}>
        ›
      </button>
      {!onWall && <TableToggle />}
      <button type="button" className="nws-presenter__end" onClick={onEnd}>
        {t.presentEnd}
      </button>
    </div>
  )
}

/** On the presenter's own screen: the slide as the wall's table, or the canvas beneath it (a vote's dots, the laser pointer). */
function TableToggle() {
  const on = useValue('presenter table', () => presenterTable.get(), [])
  return (
    <button type="button" className="nws-presenter__step nws-presenter__table" aria-pressed={on} aria-label={t.presentTable} title={t.presentTableHint} onClick={() => presenterTable.set(!on)}>
      ▦
    </button>
  )
}
