/**
 * The countdown in the top bar: everyone sees the time left; the facilitator opens its controls
 * (presets, own minutes, start, pause, reset). At zero it turns red and pulses for a minute, then
 * clears itself on every screen (the facilitator can start the next one).
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import { TldrawUiPopover, TldrawUiPopoverContent, TldrawUiPopoverTrigger, useEditor, useValue } from 'tldraw'
import {
  formatRemaining,
  maxTimerMs,
  minute,
  pauseTimer,
  remainingMs,
  resetTimer,
  setTimer,
  startTimer,
  timerPresetMinutes,
  timerDisplay,
  type TimerState,
  type TimerStatus,
} from '../../shared/board/entries/timer.ts'
import { format } from '../i18n.ts'
import { useTicker } from './ticker.ts'
import { t } from '../locale.ts'
import type { Facilitation } from '../board/facilitation/facilitationState.ts'
import { useFacilitation } from '../board/facilitation/useFacilitation.ts'

export interface TimerView {
  timer: TimerState
  status: TimerStatus
  remaining: number
  /** Just reached zero: red and pulsing. */
  alert: boolean
}

export function useTimerView(f: Facilitation): TimerView | undefined {
  const timer = useValue('facilitation timer', () => f.timer.get(), [f])
  // Re-read when the clock estimate changes.
  useValue('server clock offset', () => f.clock.offset.get(), [f])
  const now = f.clock.now()
  const display = timer ? timerDisplay(timer, now) : null
  // Ticks while running, and through the alert after zero, so that the timer clears by itself.
  useTicker(display?.status === 'running' || display?.alert === true)
  if (!timer || !display) return undefined
  return { timer, status: display.status, remaining: remainingMs(timer, now), alert: display.alert }
}

export function TimerControl() {
  const f = useFacilitation()
  const view = useTimerView(f)
  if (!view && !f.isFacilitator) return null
  const display = view ? <TimerDisplay view={view} /> : <span className="nws-timer__time">{t.timerButton}</span>
  const label = view ? format(t.timerLeft, { time: formatRemaining(view.remaining) }) : t.timerButton
  const state = view ? { 'data-status': view.status, 'data-alert': view.alert || undefined } : { 'data-status': 'none' }
  if (!f.isFacilitator) {
    return (
      <div className="nws-chip nws-timer" role="timer" aria-label={label} {...state}>
        {display}
      </div>
    )
  }
  return (
    <TldrawUiPopover id="netzwerkstatt-timer">
      <TldrawUiPopoverTrigger>
        <button type="button" className="nws-chip nws-timer" title={t.timerTitle} aria-label={label} {...state}>
          {display}
        </button>
      </TldrawUiPopoverTrigger>
      <TldrawUiPopoverContent side="bottom" align="center" sideOffset={6} collisionPadding={8}>
        <TimerControls f={f} view={view} />
      </TldrawUiPopoverContent>
    </TldrawUiPopover>
  )
}

/**
 * The countdown alone, for focus mode: tldraw hides the top bar there, and a room in a timed
 * exercise still needs to see the time.
 */
export function FocusModeTimer() {
  const editor = useEditor()
  const focus = useValue('focus mode', () => editor.getInstanceState().isFocusMode, [editor])
  // Outside focus mode the top bar's timer ticks; this one must not tick as well.
  return focus ? <FocusTimer /> : null
}

function FocusTimer() {
  const view = useTimerView(useFacilitation())
  if (!view) return null
  return (
    <div
      className="nws-chip nws-timer nws-timer--focus"
      role="timer"
      aria-label={format(t.timerLeft, { time: formatRemaining(view.remaining) })}
      data-status={view.status}
      data-alert={view.alert || undefined}
    >
      <TimerDisplay view={view} />
    </div>
  )
}

function TimerDisplay({ view }: { view: TimerView }) {
  return (
    <>
      <svg className="nws-timer__icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M8 5.5V9l2.2 1.6M6.2 1.5h3.6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <span className="nws-timer__time">{formatRemaining(view.remaining)}</span>
      {view.status === 'paused' && <span className="nws-timer__note">{t.timerPaused}</span>}
    </>
  )
}

function TimerControls({ f, view }: { f: Facilitation; view: TimerView | undefined }) {
  const minutesId = useId()
  const [minutes, setMinutes] = useState('')
  const now = () => f.clock.now()
  const startNew = (durationMs: number) => f.setTimer(startTimer(setTimer(durationMs, now()), now()))
  const custom = Number(minutes.replace(',', '.'))
  const customValid = Number.isFinite(custom) && custom > 0 && custom * minute <= maxTimerMs
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (customValid) startNew(custom * minute)
  }
  // Typing minutes must not trigger tldraw's shortcuts.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') event.stopPropagation()
  }
  return (
    <div className="nws-popover nws-timer-controls" onKeyDown={onKeyDown}>
      {view && (
        <div className="nws-timer-controls__now" data-status={view.status}>
          <span className="nws-timer-controls__time">{formatRemaining(view.remaining)}</span>
          <div className="nws-timer-controls__buttons">
            {view.status === 'running' ? (
              <button type="button" className="nws-pill" onClick={() => f.setTimer(pauseTimer(view.timer, now()))}>
                {t.timerPause}
              </button>
            ) : (
              <button type="button" className="nws-pill nws-pill--primary" onClick={() => f.setTimer(startTimer(view.timer, now()))}>
                {view.status === 'paused' ? t.timerResume : t.timerStart}
              </button>
            )}
            {view.status !== 'ready' && (
              <button type="button" className="nws-pill" onClick={() => f.setTimer(resetTimer(view.timer, now()))}>
                {t.timerReset}
              </button>
            )}
            <button type="button" className="nws-pill nws-pill--quiet" onClick={() => f.setTimer(null)}>
              {t.timerRemove}
            </button>
          </div>
        </div>
      )}
      <div className="nws-timer-controls__presets">
        {timerPresetMinutes.map((m) => (
          <button key={m} type="button" className="nws-pill" data-minutes={m} onClick={() => startNew(m * minute)}>
            {format(t.timerPreset, { minutes: m })}
          </button>
        ))}
      </div>
      <form className="nws-timer-controls__custom" onSubmit={onSubmit}>
        <label htmlFor={minutesId}>{t.timerMinutesLabel}</label>
        <input
          id={minutesId}
          type="number"
          inputMode="decimal"
          min={0}
          max={maxTimerMs / minute}
          step="any"
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
        />
        {/* Not "Starten": that is the current timer's button above. */}
        <button type="submit" className="nws-pill nws-pill--primary" disabled={!customValid}>
          {t.timerNew}
        </button>
      </form>
      <p className="nws-popover__hint">
        {t.timerNewHint} {t.timerHint}
      </p>
    </div>
  )
}
