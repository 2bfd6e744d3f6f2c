/**
 * The workshop countdown, stored under `facilitation.timer`.
 *
 * It never ticks in the document: it stores when it was started (relay time, see `clock.ts`), and
 * every client computes the remaining time from its own estimate of the relay's clock. So all
 * screens agree, nobody has to write every second, and a reload shows the same countdown.
 *
 * - ready:   `startedAt` null, `remainingAtPauseMs` null → the full `durationMs` is left;
 * - running: `startedAt` = relay time of the last start or resume, counting down from
 *            `remainingAtPauseMs` (after a pause) or `durationMs` (fresh start);
 * - paused:  `startedAt` null, `remainingAtPauseMs` = what was left when it was paused;
 * - expired: running with nothing left.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

export const minute = 60_000
/** Longer than any workshop day: a typo of minutes must not become a week. */
export const maxTimerMs = 12 * 60 * minute
export const timerPresetMinutes = [5, 10, 15, 90] as const

export const TimerState = z.object({
  durationMs: z.number().int().positive().max(maxTimerMs),
  startedAt: z.number().nullable(),
  remainingAtPauseMs: z.number().min(0).max(maxTimerMs).nullable(),
  /** Relay time of the last change (start, pause, reset, new duration). */
  setAt: z.number(),
})
export type TimerState = z.infer<typeof TimerState>

export const timerEntry = defineEntry({ key: 'timer', schema: TimerState, default: undefined, mayWrite: isFacilitator })

/** The stored value, or undefined when there is none or it is not a timer we understand. */
export const readTimer = timerEntry.read

export type TimerStatus = 'ready' | 'running' | 'paused' | 'expired'

/** A new timer of that length, not yet started. */
export function setTimer(durationMs: number, serverNow: number): TimerState {
  const duration = Math.round(durationMs)
  if (!(duration > 0 && duration <= maxTimerMs)) throw new RangeError(`timer duration out of range: ${durationMs}`)
  return { durationMs: duration, startedAt: null, remainingAtPauseMs: null, setAt: serverNow }
}

/** Milliseconds left at relay time `serverNow`; never negative, never more than it was. */
export function remainingMs(timer: TimerState, serverNow: number): number {
  const base = Math.min(timer.remainingAtPauseMs ?? timer.durationMs, timer.durationMs)
  if (timer.startedAt === null) return base
  // A client whose offset estimate is a little behind must not see more than the start value.
  const elapsed = Math.max(0, serverNow - timer.startedAt)
  return Math.max(0, base - elapsed)
}

export function timerStatus(timer: TimerState, serverNow: number): TimerStatus {
  if (timer.startedAt !== null) return remainingMs(timer, serverNow) > 0 ? 'running' : 'expired'
  return timer.remainingAtPauseMs === null ? 'ready' : 'paused'
}

/** How long an expired timer shows a red, pulsing 00:00 before it clears itself from every screen. */
export const expiredShownMs = 60_000

/**
 * What the screens show at relay time `serverNow`: the status, whether the zero alert is on, or
 * nothing once an expired timer has had its minute. Computed alike on every screen from the
 * relay's clock, so nobody has to write anything for the timer to go.
 */
export function timerDisplay(timer: TimerState, serverNow: number): { status: TimerStatus; alert: boolean } | null {
  const status = timerStatus(timer, serverNow)
  if (status !== 'expired') return { status, alert: false }
  const sinceZero = serverNow - (expiresAt(timer) ?? serverNow)
  return sinceZero < expiredShownMs ? { status, alert: true } : null
}

/** Relay time at which a running timer reaches zero, or null while it is not running. */
export function expiresAt(timer: TimerState): number | null {
  if (timer.startedAt === null) return null
  return timer.startedAt + Math.min(timer.remainingAtPauseMs ?? timer.durationMs, timer.durationMs)
}

/** Starts a ready timer, resumes a paused one, starts an expired one afresh. */
export function startTimer(timer: TimerState, serverNow: number): TimerState {
  switch (timerStatus(timer, serverNow)) {
    case 'running':
      return timer
    case 'expired':
    case 'ready':
      return { ...timer, startedAt: serverNow, remainingAtPauseMs: null, setAt: serverNow }
    case 'paused':
      return { ...timer, startedAt: serverNow, setAt: serverNow }
  }
}

/** Freezes a running timer at what is left; anything else stays as it is. */
export function pauseTimer(timer: TimerState, serverNow: number): TimerState {
  if (timerStatus(timer, serverNow) !== 'running') return timer
  return { ...timer, startedAt: null, remainingAtPauseMs: remainingMs(timer, serverNow), setAt: serverNow }
}

/** Back to the full duration, not running. */
export function resetTimer(timer: TimerState, serverNow: number): TimerState {
  return setTimer(timer.durationMs, serverNow)
}

/** `mm:ss`, or `h:mm:ss` from one hour; seconds round up, so 0:00 shows only at the end. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`
}
