/**
 * What is written in a cell is filed in that cell, and only there: a text started anywhere inside
 * a Beteiligtenanalyse cell, however long it grows (a 480-unit line started in the middle of
 * "Ziele" reaches far into "Interessen"), and a note put anywhere inside it, at any size.
 */
import fc from 'fast-check'
import { toRichText, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard } from '../../../shared/results/export.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { build, noteAt } from './helpers.ts'
import { propertyParameters } from '../../helpers/propertyRuns.ts'

const board = { id: 'b', title: 'Beteiligte' }
const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter', 'Jugendamt', 'Kita-Träger'] })
// The partner matrix (the export's first table); the candidates' cell below it is a table of its own.
const cells = shapes
  .filter((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)?.cell?.section === 'matrix')
  .map((shape) => {
    const { w, h } = shape.props as { w: number; h: number }
    return { ref: scaffoldMeta(shape)!.cell!, box: { x: shape.x, y: shape.y, w, h } }
  })

type Align = 'start' | 'middle' | 'end'

/** A text shape as tldraw keeps it: started at `at`, grown from there as aligned to width `w` (scaled). */
function textAt(at: { x: number; y: number }, w: number, scale: number, textAlign: Align, text: string): TLShape {
  const width = w * scale
  const x = textAlign === 'start' ? at.x : textAlign === 'middle' ? at.x - width / 2 : at.x - width
  return {
    id: 'shape:written',
    typeName: 'shape',
    type: 'text',
    parentId: 'page:page',
    index: 'b10',
    x,
    y: at.y,
    rotation: 0,
    opacity: 1,
    isLocked: false,
    meta: {},
    props: { color: 'black', size: 'm', font: 'draw', textAlign, w, richText: toRichText(text), scale, autoSize: true },
  } as TLShape
}

/** Where the export files `text`: the (row, column) labels of every table cell holding it. */
function filedAt(written: TLShape, text: string): string[] {
  const [table] = exportBoard(board, [...shapes, written]).templates[0].tables
  const places: string[] = []
  table.rows.forEach((row) => row.forEach((notes, c) => c > 0 && notes.includes(text) && places.push(`${row[0][0]} × ${table.columns[c]}`)))
  return places
}

/** A cell and a point strictly inside it, as fractions of its size. */
const inCell = fc.record({
  cell: fc.integer({ min: 0, max: cells.length - 1 }),
  fx: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
  fy: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
})
const pointIn = ({ cell, fx, fy }: { cell: number; fx: number; fy: number }) => {
  const { box } = cells[cell]
  return { x: box.x + fx * box.w, y: box.y + fy * box.h }
}

describe('filing what is written into a cell', () => {
  it('files a text started in Jugendamt × Ziele under Ziele, though it runs 480 units into Interessen', () => {
    const goals = cells.find((c) => c.ref.rowLabel === 'Jugendamt' && c.ref.col === 'ziele')!
    const text = textAt({ x: goals.box.x + goals.box.w / 2, y: goals.box.y + goals.box.h / 2 }, 480, 1, 'start', 'Kooperationsvereinbarung')
    expect(filedAt(text, 'Kooperationsvereinbarung')).toEqual(['Jugendamt × Ziele'])
  })

  it('files a text in the cell it was started in, and only there, at any width, size and alignment', () => {
    fc.assert(
      fc.property(
        inCell,
        fc.double({ min: 8, max: 3000, noNaN: true }),
        fc.constantFrom(0.5, 1, 1.5, 2),
        fc.constantFrom<Align>('start', 'middle', 'end'),
        (where, w, scale, align) => {
          const { ref } = cells[where.cell]
          expect(filedAt(textAt(pointIn(where), w, scale, align, 'Wunsch'), 'Wunsch')).toEqual([`${ref.rowLabel} × ${ref.colLabel}`])
        },
      ),
      propertyParameters({ gate: 100, full: 1000 }),
    )
  })

  it('files a note in the cell its middle lies in, and only there, at any size', () => {
    fc.assert(
      fc.property(inCell, fc.double({ min: 0.35, max: 2, noNaN: true }), (where, scale) => {
        const { ref } = cells[where.cell]
        const at = pointIn(where)
        const note = noteAt(at.x, at.y, 'Wunsch')
        const props = note.props as { scale: number }
        const placed = { ...note, x: at.x - 100 * scale, y: at.y - 100 * scale, props: { ...props, scale } } as TLShape
        expect(filedAt(placed, 'Wunsch')).toEqual([`${ref.rowLabel} × ${ref.colLabel}`])
      }),
      propertyParameters({ gate: 100, full: 1000 }),
    )
  })
})
