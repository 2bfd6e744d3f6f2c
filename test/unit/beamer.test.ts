/**
 * The Beamer's memory and picture: the address's flag is taken once (a facilitator's link only)
 * and dropped from the address, the choice is kept per board and forgotten with the board; a
 * slide fills the projector's 16:9 safe area whole, whatever the laptop's screen.
 */
import { describe, expect, it } from 'vitest'
import { beamerFlag, beamerOnOpening, isBeamer, rememberBeamer, wallAskedFor } from '../../client/beamerMemory.ts'
import { forgetBoard, rememberBoard } from '../../client/recentBoards.ts'
import { safeArea, wallCamera } from '../../client/facilitation/beamerView.ts'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  }
}

function opening(search: string) {
  const replaced: string[] = []
  return { replaced, address: { location: { pathname: '/b/board1', search, hash: '#token' }, replace: (url: string) => void replaced.push(url) } }
}

describe('the Beamer memory', () => {
  it('reads the flag and leaves the rest of the query', () => {
    expect(beamerFlag('?beamer=1')).toEqual({ flag: true, search: '' })
    expect(beamerFlag('?x=2&beamer=0')).toEqual({ flag: false, search: '?x=2' })
    expect(beamerFlag('?x=2')).toEqual({ flag: null, search: '?x=2' })
  })

  it('makes a facilitator’s browser the wall from the link, drops the flag from the address, and keeps the choice', () => {
    const storage = memoryStorage()
    const first = opening('?beamer=1')
    expect(beamerOnOpening(storage, first.address, 'board1', true)).toBe(true)
    expect(first.replaced).toEqual(['/b/board1#token'])
    // A reload without the flag is still the wall; another board is not.
    expect(beamerOnOpening(storage, opening('').address, 'board1', true)).toBe(true)
    expect(isBeamer(storage, 'board2')).toBe(false)
    // `?beamer=0` leaves the mode.
    expect(beamerOnOpening(storage, opening('?beamer=0').address, 'board1', true)).toBe(false)
    expect(isBeamer(storage, 'board1')).toBe(false)
  })

  it('never makes another link’s browser the wall: it would be on the board unseen', () => {
    const storage = memoryStorage()
    const participant = opening('?beamer=1')
    expect(beamerOnOpening(storage, participant.address, 'board1', false)).toBe(false)
    expect(participant.replaced).toEqual(['/b/board1#token'])
    expect(isBeamer(storage, 'board1')).toBe(false)
  })

  // The board page connects before the link check where the role cannot make the browser the wall.
  it.each(['', '?beamer=1', '?beamer=0', '?x=2'].flatMap((search) => [true, false].flatMap((remembered) => [true, false].map((mayBeWall) => [search, remembered, mayBeWall] as const))))(
    'opens as the wall (%s, remembered: %s, facilitator: %s) only where asked for before the role is known',
    (search, remembered, mayBeWall) => {
      const storage = memoryStorage()
      rememberBeamer(storage, 'board1', remembered)
      const asked = wallAskedFor(storage, search, 'board1')
      expect(beamerOnOpening(storage, opening(search).address, 'board1', mayBeWall)).toBe(mayBeWall && asked)
    },
  )

  it('is forgotten with the board', () => {
    const storage = memoryStorage()
    rememberBoard(storage, { id: 'board1', title: 'Netzwerktreffen' }, { facilitator: 'token' })
    rememberBeamer(storage, 'board1', true)
    forgetBoard(storage, 'board1')
    expect(isBeamer(storage, 'board1')).toBe(false)
  })
})

describe('the wall’s picture', () => {
  it('is the inner 90 % of a 16:9 screen, and of the 16:9 middle of another', () => {
    expect(safeArea({ w: 1920, h: 1080 })).toEqual({ x: 96, y: 54, w: 1728, h: 972 })
    // A 5:4 projector laptop: the 16:9 band in its middle, less the edges.
    expect(safeArea({ w: 1280, h: 1024 })).toEqual({ x: 64, y: 188, w: 1152, h: 648 })
  })

  it('shows a slide whole and centred in the safe area', () => {
    const screen = { w: 1920, h: 1080 }
    const slide = { x: 1000, y: 500, w: 3000, h: 1000 }
    const { x, y, z } = wallCamera(screen, slide, 8)
    const left = (slide.x + x) * z
    const top = (slide.y + y) * z
    expect(left).toBeCloseTo(96)
    expect(left + slide.w * z).toBeCloseTo(1824)
    expect(top).toBeGreaterThanOrEqual(54)
    expect(top + slide.h * z).toBeLessThanOrEqual(1026)
    expect(top + (slide.h * z) / 2).toBeCloseTo(540)
    // A small area is magnified no further than the editor allows.
    expect(wallCamera(screen, { x: 0, y: 0, w: 10, h: 10 }, 8).z).toBe(8)
  })
})
