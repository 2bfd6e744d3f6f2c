/**
 * Notes laid into their cells from the board's records alone (shared/results/cellPlacement.ts),
 * as the relay lays the notes of a round of private writing at the reveal: each in a free slot of
 * the cell it was put in, nearest to where it was put; beside the notes already there; inside the
 * cell when its slots are full; outside cells, where it was put. And in every template, in both
 * languages, the Zettel a workshop writes first (its first cells and its smallest) are filed in
 * the cell they were put in, on no card and no other Zettel: what the browser test then draws
 * (test/browser/templatesOnScreen.test.ts).
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { cellPlacement } from '../../../shared/results/cellPlacement.ts'
import { recordBounds } from '../../../shared/board/shapeBounds.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { center, contains, overlaps, type Box } from '../../../shared/templates/geometry.ts'
import { frameShape } from '../../helpers/records.ts'
import { cellsOf, cellsWrittenFirst, zettelInCells } from '../../helpers/templateBoards.ts'
import { templateNames } from '../../../shared/templates/registry.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, noteAt } from './helpers.ts'

const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter'] })
const cell = shapes.find((s) => scaffoldMeta(s)?.key === 'cell:p0:status')!
const { w, h } = cell.props as { w: number; h: number }
const cellBox: Box = { x: cell.x, y: cell.y, w, h }
const middle = center(cellBox)

const byId = (records: TLShape[]) => new Map(records.map((r) => [r.id, r]))
const boxOf = (note: TLShape, records: TLShape[] = []) => recordBounds(note, byId(records))!
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h
const overlappingPairs = (boxes: Box[]) =>
  boxes.flatMap((a, i) => boxes.flatMap((b, j) => (j > i && overlaps(a, b) ? [`${i} and ${j}`] : [])))

/** Places and lays each note in turn, as the reveal does. */
function layAll(board: TLShape[], notes: TLShape[]): TLShape[] {
  const placement = cellPlacement(board)
  return notes.map((note) => {
    const placed = placement.place(note)
    placement.lay(placed)
    return placed
  })
}

describe('notes laid into cells from the records', () => {
  it('six notes put on one point of a cell take six slots of it, the first the one nearest that point', () => {
    const placed = layAll(shapes, Array.from({ length: 6 }, (_, i) => noteAt(middle.x, middle.y, `Idee ${i}`)))
    const boxes = placed.map((note) => boxOf(note))
    for (const box of boxes) expect(inside(box, cellBox), JSON.stringify(box)).toBe(true)
    expect(overlappingPairs(boxes)).toEqual([])
    const scales = new Set(placed.map((note) => (note.props as { scale: number }).scale))
    expect(scales.size).toBe(1)
    expect([...scales][0]).toBeLessThan(1)
    const away = boxes.map((box) => Math.hypot(center(box).x - middle.x, center(box).y - middle.y))
    expect(away[0]).toBe(Math.min(...away))
  })

  it('leaves the spot of a note already lying in the cell free', () => {
    const [lying] = layAll(shapes, [noteAt(middle.x, middle.y, 'schon da')])
    const [revealed] = layAll([...shapes, lying], [noteAt(middle.x, middle.y, 'aufgedeckt')])
    expect(inside(boxOf(revealed), cellBox)).toBe(true)
    expect(overlaps(boxOf(revealed), boxOf(lying))).toBe(false)
  })

  it('keeps a note outside every cell, and one on another page, where it was put', () => {
    const outside = noteAt(cellBox.x - 2000, cellBox.y, 'daneben')
    const elsewhere = { ...noteAt(middle.x, middle.y, 'andere Seite'), parentId: 'page:other' } as TLShape
    const placement = cellPlacement(shapes)
    expect(placement.place(outside)).toBe(outside)
    expect(placement.place(elsewhere)).toBe(elsewhere)
  })

  it('lays more notes than the cell has slots inside it, none exactly on another', () => {
    const placed = layAll(shapes, Array.from({ length: 9 }, (_, i) => noteAt(middle.x, middle.y, `Idee ${i}`)))
    const boxes = placed.map((note) => boxOf(note))
    for (const box of boxes) expect(inside(box, cellBox), JSON.stringify(box)).toBe(true)
    expect(new Set(boxes.map((box) => `${box.x},${box.y}`)).size).toBe(9)
  })

  it('places a note inside a frame in the frame’s coordinates', () => {
    const frame = { ...frameShape('shape:rahmen'), x: cellBox.x - 50, y: cellBox.y - 50, props: { w: w + 100, h: h + 100, name: 'Rahmen', color: 'black' } } as TLShape
    const note = { ...noteAt(middle.x - frame.x, middle.y - frame.y, 'im Rahmen'), parentId: frame.id } as TLShape
    const [placed] = layAll([...shapes, frame], [note])
    const box = boxOf(placed, [frame])
    expect(inside(box, cellBox)).toBe(true)
    // The same slot as a note put on the page there.
    const [onPage] = layAll(shapes, [noteAt(middle.x, middle.y, 'auf der Seite')])
    expect(box).toEqual(boxOf(onPage))
    expect(contains(cellBox, center(box))).toBe(true)
  })
})

describe('the Zettel a workshop writes first, in every template', () => {
  for (const name of templateNames)
    for (const locale of ['de', 'en'] as Locale[])
      it(`${name} (${locale}): each filed in its cell, on no card and no other Zettel`, () => {
        const { shapes } = build(name, {}, locale)
        const writings = [...cellsOf(shapes).values()].flatMap(cellsWrittenFirst)
        const notes = zettelInCells(shapes, writings)
        const cellOf = new Map(notes.map((note, i) => [note.id, writings.flatMap((w) => w.texts.map(() => w.cell))[i]!]))
        const cards = shapes.filter((s) => scaffoldMeta(s)?.kind === 'card').map((card) => boxOf(card))
        const boxes = notes.map((note) => boxOf(note))
        const cellBoxOf = (cell: TLShape) => ({ x: cell.x, ...(cell.props as { w: number; h: number }), y: cell.y })
        expect(notes.filter((note, i) => !contains(cellBoxOf(cellOf.get(note.id)!), center(boxes[i]!))).map((n) => scaffoldMeta(cellOf.get(n.id)!)!.key)).toEqual([])
        expect(boxes.flatMap((box, i) => cards.filter((card) => overlaps(box, card)).map(() => i))).toEqual([])
        expect(overlappingPairs(boxes)).toEqual([])
      })
})

