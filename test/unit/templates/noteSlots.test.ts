/**
 * Notes dropped into a cell take a slot of their own: inside the cell, beneath its label, not on
 * another note while a slot is free, and at a size that leaves room for several as far as the
 * projector can still show them readably.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { overlaps, type Box } from '../../../shared/templates/geometry.ts'
import { cellSlots, placeInSlots } from '../../../shared/templates/noteSlots.ts'
import { legibleNoteScale, projectorZoom } from '../../../shared/templates/projector.ts'

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h

const noteBox = (p: { x: number; y: number; scale: number }): Box => ({ x: p.x, y: p.y, w: 200 * p.scale, h: 200 * p.scale })

describe('slots for notes in a cell', () => {
  it('a Planspiel scene cell, presented as a part of its step, takes readable notes beneath its two-line label; a wide lane keeps full-size notes', () => {
    // The step's band of scenes on the projector: notes from scale 0.54 up are readable there.
    const scene = cellSlots({ x: 0, y: 0, w: 320, h: 240 }, 'Szene 1 – wer trifft wen, was passiert?', 0.54)
    expect(scene.boxes.length).toBeGreaterThanOrEqual(2)
    expect(scene.scale).toBeGreaterThanOrEqual(0.54)
    // Below the label's two lines.
    expect(Math.min(...scene.boxes.map((b) => b.y))).toBeGreaterThan(60)
    const lane = cellSlots({ x: 0, y: 0, w: 1680, h: 280 }, '')
    expect(lane.scale).toBe(1)
  })

  it('never shrinks notes below what the projector shows readably to make room for more: a full cell lays the next note down and right of one, inside the cell', () => {
    const cell = { x: 0, y: 0, w: 420, h: 250 }
    // Four slots would need notes of 0.5; readable is 0.6.
    const slots = cellSlots(cell, '', 0.6)
    expect(slots.scale).toBeGreaterThanOrEqual(0.6)
    expect(slots.boxes.length).toBeLessThan(4)
    const placed: Box[] = []
    for (let i = 0; i < slots.boxes.length + 2; i++) placed.push(noteBox(placeInSlots(slots, { x: 0, y: 0, w: 200, h: 200 }, placed)))
    const [beneath, ...rest] = placed
    const onTop = rest.filter((box) => overlaps(box, beneath!, -1))
    expect(onTop.length).toBeGreaterThan(0)
    // The note beneath still shows its top line, and nothing leaves the cell.
    for (const box of onTop) expect(box.y).toBeGreaterThan(beneath!.y)
    for (const box of placed) expect(inside(box, cell)).toBe(true)
  })

  it('every note dropped into a cell lands inside it, on a free slot while there is one', () => {
    fc.assert(
      fc.property(
        fc.record({ w: fc.integer({ min: 200, max: 1800 }), h: fc.integer({ min: 150, max: 800 }) }),
        fc.string({ maxLength: 60 }),
        fc.array(fc.record({ x: fc.integer({ min: -50, max: 1800 }), y: fc.integer({ min: -50, max: 800 }) }), { minLength: 1, maxLength: 20 }),
        (size, label, drops) => {
          const cell = { x: 100, y: 50, ...size }
          const slots = cellSlots(cell, label)
          const placed: Box[] = []
          for (const drop of drops) {
            const box = noteBox(placeInSlots(slots, { x: cell.x + drop.x, y: cell.y + drop.y, w: 200, h: 200 }, placed))
            if (slots.boxes.length > 0 && (slots.boxes[0].y + slots.boxes[0].h <= cell.y + cell.h)) expect(inside(box, cell)).toBe(true)
            if (placed.length < slots.boxes.length) expect(placed.some((other) => overlaps(box, other, -1))).toBe(false)
            placed.push(box)
          }
        },
      ),
    )
  })

  it('takes the free slot nearest to where the note was dropped, and leaves a placed note where it is', () => {
    const cell = { x: 0, y: 0, w: 420, h: 250 }
    const slots = cellSlots(cell, '')
    const last = slots.boxes[slots.boxes.length - 1]
    const dropped = placeInSlots(slots, { x: last.x + 5, y: last.y + 5, w: 200, h: 200 }, [])
    // Dropped with its top-left corner near the last slot, its centre is nearer the slot below-right.
    const centreDrop = placeInSlots(slots, { x: last.x + last.w / 2 - 100, y: last.y + last.h / 2 - 100, w: 200, h: 200 }, [])
    expect(centreDrop).toMatchObject({ x: last.x, y: last.y })
    const again = placeInSlots(slots, noteBox(centreDrop), [])
    expect(again).toEqual(centreDrop)
    expect(dropped.scale).toBe(slots.scale)
  })

  it('a cell with room for several notes readable on the projector gets them at that size, a cell too small for one the largest that fits', () => {
    // A Netzwerkkarte's ring: the whole map on a 1920×1080 projector is shown at about 0.41.
    const map = { w: 4160, h: 2071 }
    const legible = legibleNoteScale(map)
    expect(legible).toBeGreaterThan(1)
    const ring = cellSlots({ x: 0, y: 0, w: 2000, h: 1500 }, '', legible)
    expect(ring.scale).toBeGreaterThanOrEqual(legible)
    expect(ring.boxes.length).toBeGreaterThanOrEqual(4)
    // Its text: 22 page pixels at scale 1, on screen at the projector's zoom.
    expect(22 * ring.scale * projectorZoom(map)).toBeGreaterThanOrEqual(14)
    const small = cellSlots({ x: 0, y: 0, w: 320, h: 200 }, '', legible)
    expect(small).toEqual(cellSlots({ x: 0, y: 0, w: 320, h: 200 }, ''))
  })

  it('no slot covers a card lying in the cell', () => {
    const cell = { x: 0, y: 0, w: 2000, h: 1500 }
    const cards = [{ x: 780, y: 650, w: 440, h: 200 }, { x: 820, y: 40, w: 360, h: 180 }, { x: 100, y: 660, w: 360, h: 180 }]
    const slots = cellSlots(cell, '', 1.5, cards)
    expect(slots.boxes.length).toBeGreaterThanOrEqual(4)
    expect(slots.boxes.filter((slot) => cards.some((card) => overlaps(slot, card)))).toEqual([])
  })
})
