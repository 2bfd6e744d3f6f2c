/**
 * Notes dropped into a cell take a slot of their own: inside the cell, beneath its label, not on
 * another note while a slot is free, and at a size that leaves room for several.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { overlaps, type Box } from '../../../shared/templates/geometry.ts'
import { cellSlots, placeInSlots } from '../../../shared/templates/noteSlots.ts'
import { legibleNoteScale, projectorZoom } from '../../../shared/templates/projector.ts'
import { propertyParameters } from '../../helpers/propertyRuns.ts'
import { cellPlacement } from '../../../shared/results/cellPlacement.ts'
import { templateNames } from '../../../shared/templates/registry.ts'
import { noteAt } from '../../helpers/records.ts'
import { cellsOf, templatesSideBySide, zettelInCells } from '../../helpers/templateBoards.ts'

const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h

const noteBox = (p: { x: number; y: number; scale: number }): Box => ({ x: p.x, y: p.y, w: 200 * p.scale, h: 200 * p.scale })

describe('slots for notes in a cell', () => {
  it('a Planspiel scene cell takes four notes beneath its two-line label; a wide lane keeps full-size notes', () => {
    const scene = cellSlots({ x: 0, y: 0, w: 300, h: 240 }, 'Szene 1 – wer trifft wen, was passiert?')
    expect(scene.boxes.length).toBeGreaterThanOrEqual(4)
    expect(scene.scale).toBeGreaterThanOrEqual(0.35)
    // Below the label's two lines.
    expect(Math.min(...scene.boxes.map((b) => b.y))).toBeGreaterThan(60)
    const lane = cellSlots({ x: 0, y: 0, w: 1680, h: 280 }, '')
    expect(lane.scale).toBe(1)
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
      propertyParameters({ gate: 100, full: 1000 }),
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

  it('a full cell lays the next note a little off one already there, inside the cell, never exactly on another, even at the cell\'s edge', () => {
    for (const cell of [
      { x: 0, y: 0, w: 420, h: 250 },
      { x: 0, y: 0, w: 392, h: 250 },
      { x: 0, y: 0, w: 420, h: 136 },
    ]) {
      const slots = cellSlots(cell, '', 0.6)
      const placed: Box[] = []
      for (let i = 0; i < slots.boxes.length * 3; i++) placed.push(noteBox(placeInSlots(slots, { x: cell.w, y: cell.h, w: 0, h: 0 }, placed)))
      for (const box of placed) expect(inside(box, cell)).toBe(true)
      const corners = placed.map((b) => `${Math.round(b.x)},${Math.round(b.y)}`)
      expect(new Set(corners).size).toBe(placed.length)
    }
  })

  it('a cell with room for several notes readable on the projector gets them at that size, a small cell notes that leave room for several', () => {
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

  // The sweep of test/browser/wordsKept.test.ts (157 double-clicks into the cells of one template),
  // here for every cell of every template: a double-click is a point, and the page files the note
  // it writes as `cellPlacement` does (the browser keeps a few real double-clicks).
  it('a double-click in the free corner of any template cell holding a Zettel writes a new one inside the cell, off that Zettel', () => {
    let checked = 0
    for (const template of templateNames) {
      const scaffold = templatesSideBySide([{ template }], 'de').flat()
      const cells = [...cellsOf(scaffold).values()].flat()
      // A Zettel in every cell at once, as the page files them; the page then sees them all.
      const zettel = zettelInCells(scaffold, cells.map((cell) => ({ cell, texts: ['Zettel'] })))
      const placement = cellPlacement([...scaffold, ...zettel])
      cells.forEach((cell, i) => {
        const { w, h } = cell.props as { w: number; h: number }
        const box = { x: cell.x, y: cell.y, w, h }
        const first = noteBox({ x: zettel[i]!.x, y: zettel[i]!.y, scale: (zettel[i]!.props as { scale: number }).scale })
        const corner = { x: box.x + box.w - 12, y: box.y + box.h - 12 }
        if (inside({ ...corner, w: 0, h: 0 }, first)) return
        const written = placement.place(noteAt(corner.x, corner.y, '+'))
        const fresh = noteBox({ x: written.x, y: written.y, scale: (written.props as { scale: number }).scale })
        const where = `${template} › ${JSON.stringify(box)}`
        expect(inside(fresh, box), where).toBe(true)
        expect(overlaps(fresh, first, -1), where).toBe(false)
        checked++
      })
    }
    // The templates' cells, each but the few whose corner its Zettel covers.
    expect(checked).toBeGreaterThan(800)
  })
})
