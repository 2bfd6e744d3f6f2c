/**
 * The wall's clock (issue 60): it names the current step only beside that step's own template
 * (never the last presented template's step beside another's slide), shows nothing while no
 * timer runs and no step is named, and over the canvas sits above the safe area, where the
 * canvas's views leave room, not over a column header.
 */
import { describe, expect, it } from 'vitest'
import { safeArea, wallCamera } from '../../client/facilitation/beamerView.ts'
import { wallClockShows, wallCornerPlace, wallNamesStep } from '../../client/facilitation/wallClockRules.ts'

const zukunft = { instance: 'zk1', key: 'step:5' }

describe('the step the wall names', () => {
  it('not beside another template\'s slide: the Angebotsübersicht after the Zukunftskonferenz was presented', () => {
    expect(wallNamesStep(zukunft, { slide: { instance: 'angebote1' } })).toBe(false)
    expect(wallNamesStep(zukunft, { slide: { instance: 'angebote1', step: { instance: 'angebote1', key: 'step:1' } } })).toBe(false)
  })
  it('beside its own template\'s slide, unless the slide\'s title names it already', () => {
    expect(wallNamesStep(zukunft, { slide: { instance: 'zk1', step: { instance: 'zk1', key: 'step:4' } } })).toBe(true)
    expect(wallNamesStep(zukunft, { slide: { instance: 'zk1' } })).toBe(true)
    expect(wallNamesStep(zukunft, { slide: { instance: 'zk1', step: zukunft } })).toBe(false)
  })
  it('over the canvas: the room\'s step; no step, no name', () => {
    expect(wallNamesStep(zukunft, 'canvas')).toBe(true)
    expect(wallNamesStep(undefined, 'canvas')).toBe(false)
    expect(wallNamesStep(undefined, { slide: { instance: 'zk1' } })).toBe(false)
  })
})

describe('the wall\'s clock', () => {
  it('shows nothing before any timer runs and with no step named', () => {
    expect(wallClockShows({})).toBe(false)
    expect(wallClockShows({ step: undefined, time: undefined })).toBe(false)
    expect(wallClockShows({ time: { remaining: 0 } })).toBe(true)
    expect(wallClockShows({ step: '3 · Vision' })).toBe(true)
  })
  it('over the canvas: in the band above the safe area, clear of a view fitted into it', () => {
    for (const screen of [{ w: 1920, h: 1080 }, { w: 1366, h: 768 }, { w: 1440, h: 900 }]) {
      const area = safeArea(screen)
      const place = wallCornerPlace(screen, area)
      // A view as wide as the safe area: its top edge (a column header) at the area's top.
      const bounds = { x: 0, y: 0, w: 1600, h: 500 }
      const camera = wallCamera(screen, bounds, Infinity)
      const topOnScreen = (bounds.y + camera.y) * camera.z
      expect(place.top + place.height, `at ${screen.w}×${screen.h}`).toBeLessThanOrEqual(topOnScreen + 0.5)
      expect(place.top).toBeGreaterThanOrEqual(0)
      expect(place.right).toBeCloseTo(screen.w - area.x - area.w)
      expect(place.height, 'tall enough to read from the back').toBeGreaterThanOrEqual(30)
    }
  })
})
