/** Which pages of a long PDF a person asked for ("1-5, 8"), and where the pages lie in their frame. */
import { describe, expect, it } from 'vitest'
import { choosePages, firstPages } from '../../client/documents/pageChoice.ts'
import { documentName, layoutPages, maxPageOnBoard, pageOnBoard } from '../../client/documents/placeDocument.ts'

describe('choosing pages', () => {
  it('reads pages and ranges as people write them, in their order, each once', () => {
    expect(choosePages('1-5, 8', 25)).toEqual({ ok: true, pages: [1, 2, 3, 4, 5, 8] })
    expect(choosePages('3–4; 1 ,2-3', 25)).toEqual({ ok: true, pages: [3, 4, 1, 2] })
    expect(choosePages('23-', 25)).toEqual({ ok: true, pages: [23, 24, 25] })
  })

  it('says what is wrong', () => {
    expect(choosePages('', 25)).toEqual({ ok: false, problem: 'unreadable' })
    expect(choosePages('eins', 25)).toEqual({ ok: false, problem: 'unreadable' })
    expect(choosePages('0-3', 25)).toEqual({ ok: false, problem: 'unreadable' })
    expect(choosePages('5-2', 25)).toEqual({ ok: false, problem: 'unreadable' })
    expect(choosePages('20-30', 25)).toEqual({ ok: false, problem: 'missing', page: 30 })
  })

  it('refuses more than 50 pages at once without listing them', () => {
    expect(choosePages('1-500', 500)).toEqual({ ok: false, problem: 'too-many', count: 500 })
    expect(choosePages('1-30, 20-60', 500)).toEqual({ ok: false, problem: 'too-many', count: 60 })
    expect(choosePages('1-50', 500)).toMatchObject({ ok: true })
    expect(choosePages('1-1000000000', 1_000_000_000)).toMatchObject({ ok: false, problem: 'too-many' })
  })

  it('suggests the first 20 pages', () => {
    expect(firstPages(25)).toBe('1-20')
    expect(firstPages(1)).toBe('1')
  })
})

describe('laying out pages', () => {
  const a4 = { w: 800, h: 1132 }
  it('puts up to five pages in a row, then further rows', () => {
    const three = layoutPages([a4, a4, a4])
    expect(three.places.map((p) => p.y)).toEqual([40, 40, 40])
    expect(three.w).toBe(40 + 3 * 800 + 2 * 40 + 40)
    const seven = layoutPages(Array(7).fill(a4))
    expect(seven.places[5]).toEqual({ x: 40, y: 40 + 1132 + 40 })
    expect(seven.h).toBe(40 + 2 * 1132 + 40 + 40)
  })

  it('names the frame after the file', () => {
    expect(documentName('Kooperationsvereinbarung.PDF')).toBe('Kooperationsvereinbarung')
    expect(documentName('.pdf')).toBe('.pdf')
  })

  it('gives a page of a hostile PDF a size the board can hold: 100,000 points square, a sliver, a page of 10^30 points', () => {
    expect(pageOnBoard(595, 842)).toEqual({ w: 800, h: 1132 })
    expect(pageOnBoard(100_000, 100_000)).toEqual({ w: maxPageOnBoard, h: maxPageOnBoard })
    const huge = pageOnBoard(1e30, 842)
    expect(huge.w).toBe(maxPageOnBoard)
    expect(huge.h).toBeGreaterThanOrEqual(1)
    expect(pageOnBoard(0.2, 842)).toEqual({ w: 1, h: 1132 })
  })
})

