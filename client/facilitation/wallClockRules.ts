/**
 * What the wall's clock shows, as rules apart from the screen (WallClock.tsx, and the wall
 * without canvas): which step it names, whether it shows at all, and where its corner lies.
 */
import type { Box } from '../../shared/templates/geometry.ts'

export interface StepRef {
  instance: string
  key: string
}

/**
 * What the wall shows under its clock: a template's slide (its instance, and the step its title
 * names already), or the canvas, where the room's step is named as the top bar names it.
 */
export type WallShows = { slide: { instance: string; step?: StepRef } } | 'canvas'

/**
 * Whether the clock names the current step: beside a slide only its own template's step, and
 * not the one its title names; never another template's step (presenting leaves the step on the
 * last template presented, which is no label for the next template's slides).
 */
export function wallNamesStep(current: StepRef | undefined, shows: WallShows): boolean {
  if (!current) return false
  if (shows === 'canvas') return true
  const { instance, step } = shows.slide
  if (current.instance !== instance) return false
  return !(step && step.instance === current.instance && step.key === current.key)
}

/** Nothing on the wall (not even an empty pill) while no timer runs and no step is named. */
export function wallClockShows(clock: { step?: string; time?: unknown }): boolean {
  return !!clock.step || clock.time !== undefined
}

/**
 * The corner clock over the canvas: in the band above the safe area, right-aligned with it, as
 * tall as that band. The canvas's slides and summoned views are fitted into the safe area
 * (beamerView.ts), so a column header at their top edge stays free; the band is what the wall
 * leaves for an overscanning projector, and a clock cut at its edge loses less than a header.
 */
export function wallCornerPlace(screen: { w: number; h: number }, area: Box): { top: number; right: number; height: number } {
  const band = area.y
  return { top: band * 0.1, right: screen.w - area.x - area.w, height: band * 0.85 }
}
