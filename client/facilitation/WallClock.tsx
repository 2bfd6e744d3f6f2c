/**
 * The room's clock on the wall: the time left and the current step (`WallClockFace.tsx`; the top
 * bar's 13-px timer is for the people at the board). Beside a slide's title (WallTable.tsx) or a
 * vote's result (VoteOnWall.tsx), or, while the wall shows the canvas, in its top-right corner.
 * Which step it names: `wallNamesStep` (only the template's the wall shows).
 */
import { useEditor, useValue } from 'tldraw'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'
import { useCurrentStepLabel } from './AgendaControl.tsx'
import { safeArea } from './beamerView.ts'
import { useTimerView } from './TimerControl.tsx'
import { WallClockFace } from './WallClockFace.tsx'
import { wallCornerPlace, wallNamesStep, type WallShows } from './wallClockRules.ts'
import { wallSlide } from './wallSlide.ts'

/** `shows`: what the wall shows under the clock; `corner`: drawn in the canvas's corner. */
export function WallClock({ shows, corner }: { shows: WallShows; corner?: boolean }) {
  const editor = useEditor()
  const f = useFacilitation()
  const time = useTimerView(f)
  const label = useCurrentStepLabel(editor, f)
  const named = useValue('wall names the step', () => wallNamesStep(f.step.get(), shows), [f, shows])
  const screen = useValue('wall screen', () => editor.getViewportScreenBounds(), [editor])
  return <WallClockFace step={named ? label : undefined} time={time} corner={corner ? wallCornerPlace(screen, safeArea(screen)) : undefined} />
}

/** What the wall shows beneath: the slide's template, or the canvas. */
export function useWallShows(): WallShows {
  const table = useValue('wall slide table', () => wallSlide.get()?.table?.instance, [])
  const step = useValue('wall slide step', () => wallSlide.get()?.step, [])
  return table ? { slide: { instance: table, step } } : 'canvas'
}

/** On the wall while it shows the canvas (no slide's table): the clock in the top-right corner. */
export function WallCornerClock() {
  const shows = useWallShows()
  if (shows !== 'canvas') return null
  return <WallClock shows="canvas" corner />
}
