/**
 * The wall's clock as drawn: the step and the time left, large enough to read from the back of
 * the room. Plain React, no editor: the wall without canvas (licence fallback) shows it too.
 * A picture for the room: hidden from screen readers (the top bar's timer and step are theirs).
 */
import { formatRemaining, remainingMs, timerDisplay, type TimerState, type TimerStatus } from '../../shared/board/entries/timer.ts'
import { useTicker } from './ticker.ts'
import { wallClockShows } from './wallClockRules.ts'
import './beamer.css'

export interface WallTime {
  status: TimerStatus
  remaining: number
  alert: boolean
}

/** `corner`: over the canvas, in the band above the safe area (`wallCornerPlace`); else inline beside a title. */
export function WallClockFace({ step, time, corner }: { step?: string; time?: WallTime; corner?: { top: number; right: number; height: number } }) {
  if (!wallClockShows({ step, time })) return null
  const clock = (
    <div className="nws-wall-clock" aria-hidden="true" data-status={time?.status} data-alert={time?.alert || undefined}>
      {step && <span className="nws-wall-clock__step">{step}</span>}
      {time && <span className="nws-wall-clock__time">{formatRemaining(time.remaining)}</span>}
    </div>
  )
  if (!corner) return clock
  return (
    <div className="nws-wall-clock-corner" aria-hidden="true" style={{ top: corner.top, right: corner.right, height: corner.height, fontSize: corner.height }}>
      {clock}
    </div>
  )
}

/** The time left of the board's timer read without an editor: `offset`, the relay's clock minus ours. */
export function useWallTime(timer: TimerState | undefined, offset: number): WallTime | undefined {
  const now = Date.now() + offset
  const display = timer ? timerDisplay(timer, now) : null
  useTicker(display?.status === 'running' || display?.alert === true)
  if (!timer || !display) return undefined
  return { status: display.status, remaining: remainingMs(timer, now), alert: display.alert }
}
