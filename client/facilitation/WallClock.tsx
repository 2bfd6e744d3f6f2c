/**
 * The room's clock on the wall: the time left and the current step, large enough to read from
 * the back of the room at 1920×1080 (the top bar's 13-px timer is for the people at the board).
 * Beside a slide's title (WallTable.tsx), or, while the wall shows the canvas, in the safe
 * area's top-right corner. The step is left out where the slide's title names it already.
 *
 * A picture for the room, like the wall's table: hidden from screen readers (the top bar's timer
 * and step are there for them).
 */
import { useEditor, useValue } from 'tldraw'
import { formatRemaining } from '../../shared/board/entries/timer.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { useCurrentStepLabel } from './AgendaControl.tsx'
import { safeArea } from './beamerView.ts'
import { useTimerView } from './TimerControl.tsx'
import { wallSlide } from './wallSlide.ts'

/** `slideStep`: the step the slide shows, which its title names already. */
export function WallClock({ slideStep }: { slideStep?: { instance: string; key: string } }) {
  const editor = useEditor()
  const f = useFacilitation()
  const view = useTimerView(f)
  const label = useCurrentStepLabel(editor, f)
  const named = useValue('slide names the step', () => slideStep !== undefined && f.step.get()?.instance === slideStep.instance && f.step.get()?.key === slideStep.key, [f, slideStep])
  const step = named ? undefined : label
  if (!view && !step) return null
  return (
    <div className="nws-wall-clock" data-status={view?.status} data-alert={view?.alert || undefined}>
      {step && <span className="nws-wall-clock__step">{step}</span>}
      {view && <span className="nws-wall-clock__time">{formatRemaining(view.remaining)}</span>}
    </div>
  )
}

/** On the wall while it shows the canvas (no slide's table): the clock in the safe area's top-right corner. */
export function WallCornerClock() {
  const editor = useEditor()
  const table = useValue('wall shows a table', () => wallSlide.get()?.table !== undefined, [])
  const screen = useValue('wall screen', () => editor.getViewportScreenBounds(), [editor])
  if (table) return null
  const area = safeArea(screen)
  return (
    <div className="nws-wall-clock-corner" aria-hidden="true" style={{ top: area.y, right: screen.w - area.x - area.w }}>
      <WallClock />
    </div>
  )
}
