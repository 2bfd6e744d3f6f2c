/**
 * Slides named by what they are (client/facilitation/slideChoice.ts): the wall finds the slide
 * the facilitator presents by its id, never by the view it shows (steps 1–3 of a
 * Zukunftskonferenz share one table and one view); a presentation skips slides with nothing on
 * them unless asked for; a later „Alle zu mir“ takes the wall from a slide to its view; a later
 * „Alle zu …“ to a template (or one of its steps) shows that part's table, anything else the canvas.
 * The wall showing each step's own title, and a part „Alle zu …“ names: test/browser/presenting.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { findPresentedSlide, slideOfPart, slidesToPresent, wallFollows } from '../../../client/facilitation/slideChoice.ts'
import { PresentedSlide, slideKey } from '../../../shared/board/entries/slide.ts'

const view = { x: 0, y: 1000, w: 1400, h: 1100 }
/** Steps 1–3 of a Zukunftskonferenz: one table, the same bounds; and a section of two bands. */
const slides = [
  { id: { section: 'zk', part: 'step:1/cell:auftrag' }, pageId: 'page:a', step: { key: 'step:1' }, table: { cells: ['cell:auftrag', 'cell:g1:vergangenheit'] }, bounds: { ...view, y: 100, h: 2000 } },
  { id: { section: 'zk', part: 'step:2/cell:g1:gegenwart' }, pageId: 'page:a', step: { key: 'step:2' }, table: { cells: ['cell:g1:gegenwart', 'cell:g2:gegenwart'] }, bounds: view },
  { id: { section: 'zk', part: 'step:3/cell:g1:vision' }, pageId: 'page:a', step: { key: 'step:3' }, table: { cells: ['cell:g1:vision', 'cell:g2:vision'] }, bounds: view },
  { id: { section: 'ba', part: 'section:p/cell:p1' }, pageId: 'page:a', table: { cells: ['cell:p1', 'cell:p2'] }, bounds: view },
  { id: { section: 'ba', part: 'section:p/cell:p3' }, pageId: 'page:a', table: { cells: ['cell:p3'] }, bounds: view },
  { id: { section: 'shape:frame1' }, pageId: 'page:b', bounds: view },
]
const presented = (slide: (typeof slides)[number], more: Partial<PresentedSlide> = {}): PresentedSlide => ({
  pageId: slide.pageId,
  ...slide.id,
  ...('step' in slide && slide.step ? { step: slide.step.key } : {}),
  ...('table' in slide && slide.table ? { cells: slide.table.cells } : {}),
  setAt: 1,
  ...more,
})

describe('the slide presented, by its id', () => {
  it('is found by its id, also among slides with the same view: step 3 is never step 2', () => {
    for (const slide of slides) expect(findPresentedSlide(slides, presented(slide))).toBe(slide)
    expect(slides[1]!.bounds).toEqual(slides[2]!.bounds)
  })

  it('cut anew (someone wrote meanwhile): the slide of the same section and step that shows its first cell, or the step\'s first', () => {
    const recut = [slides[0]!, { ...slides[2]!, table: { cells: ['cell:g1:vision'] } }, { ...slides[2]!, id: { section: 'zk', part: 'step:3/cell:g2:vision' }, table: { cells: ['cell:g2:vision'] } }]
    expect(findPresentedSlide(recut, presented(slides[2]!, { part: 'step:3/cell:g0:vision', cells: ['cell:g2:vision'] }))).toBe(recut[2])
    expect(findPresentedSlide(recut, presented(slides[2]!, { part: 'step:3/cell:gone', cells: ['cell:gone'] }))).toBe(recut[1])
    // A band of a section without a step: only the band that shows its first cell.
    expect(findPresentedSlide(slides, presented(slides[4]!, { part: 'section:p/cell:p2', cells: ['cell:p2'] }))).toBe(slides[3])
    expect(findPresentedSlide(slides, presented(slides[4]!, { part: 'section:p/cell:x', cells: ['cell:x'] }))).toBeUndefined()
  })

  it('is not found on another page, in another section or for a step the section does not have', () => {
    expect(findPresentedSlide(slides, presented(slides[2]!, { pageId: 'page:b' }))).toBeUndefined()
    expect(findPresentedSlide(slides, presented(slides[2]!, { section: 'other' }))).toBeUndefined()
    expect(findPresentedSlide(slides, presented(slides[2]!, { part: 'step:9/cell:x', step: 'step:9', cells: ['cell:x'] }))).toBeUndefined()
  })

  it('is stored as the board entry takes it, and its key tells sections and parts apart', () => {
    for (const slide of slides) expect(PresentedSlide.safeParse(presented(slide)).success).toBe(true)
    expect(new Set(slides.map((s) => slideKey(s.id))).size).toBe(slides.length)
  })
})

describe('the slides a presentation walks through', () => {
  const walk = [{ key: 'a', empty: true }, { key: 'b' }, { key: 'c', empty: true }, { key: 'd', empty: false }]
  it('skips those with nothing on them; with the presenter\'s toggle, shows them all', () => {
    expect(slidesToPresent(walk, false).map((s) => s.key)).toEqual(['b', 'd'])
    expect(slidesToPresent(walk, true).map((s) => s.key)).toEqual(['a', 'b', 'c', 'd'])
  })
  it('a page where nothing is written yet shows every slide: there is nothing else to present', () => {
    const blank = [{ key: 'a', empty: true }, { key: 'b', empty: true }]
    expect(slidesToPresent(blank, false)).toEqual(blank)
  })
})

describe('what the wall follows', () => {
  it('the slide, unless a later „Alle zu mir“ took it to a view', () => {
    expect(wallFollows({ setAt: 10 }, undefined)).toBe('slide')
    expect(wallFollows({ setAt: 10 }, { at: 10 })).toBe('slide')
    expect(wallFollows({ setAt: 10 }, { at: 11 })).toBe('view')
    expect(wallFollows(undefined, { at: 1 })).toBe('view')
    expect(wallFollows(undefined, undefined)).toBe('none')
  })
})

describe('the part the room was brought to, on the wall', () => {
  const zk = { part: 'zk', pageId: 'page:a' }
  it('a later „Alle zu …“ shows its part; a slide presented later, or a later „Alle zu mir“, takes over again', () => {
    expect(wallFollows(undefined, undefined, { at: 5 })).toBe('part')
    expect(wallFollows({ setAt: 10 }, { at: 1 }, { at: 11 })).toBe('part')
    // „Alle zu …“ summons the room's canvases at the same time: the part, not the view.
    expect(wallFollows(undefined, { at: 11 }, { at: 11 })).toBe('part')
    expect(wallFollows({ setAt: 12 }, { at: 11 }, { at: 11 })).toBe('slide')
    expect(wallFollows(undefined, { at: 12 }, { at: 11 })).toBe('view')
  })

  it('a template is shown as its first slide with something on it, one of its steps as that step\'s slide', () => {
    const cut = slides.map((s, i) => ({ ...s, empty: i === 0 }))
    expect(slideOfPart(cut, zk)).toBe(cut[1])
    expect(slideOfPart(slides, { ...zk, step: 'step:3' })).toBe(slides[2])
    // A step's slide even with nothing on it: the facilitator named it.
    expect(slideOfPart(cut, { ...zk, step: 'step:1' })).toBe(cut[0])
    // Nothing written anywhere in it: its first slide.
    const blank = slides.map((s) => ({ ...s, empty: true }))
    expect(slideOfPart(blank, zk)).toBe(blank[0])
  })

  it('a step sharing its slide with others is found by its cells', () => {
    const shared = [{ id: { section: 'zk', part: 'step:1/cell:auftrag' }, pageId: 'page:a', table: { cells: ['cell:auftrag', 'cell:g1:gegenwart'] } }]
    expect(slideOfPart(shared, { ...zk, step: 'step:2' }, ['cell:g1:gegenwart'])).toBe(shared[0])
  })

  it('a frame, a document or a focus narrowed to cells („Alle zu mir“, a presented slide) keep the canvas; a part not (yet) on the page is not found', () => {
    expect(slideOfPart(slides, { part: 'shape:frame1', pageId: 'page:b' })).toBe('canvas')
    expect(slideOfPart(slides, { ...zk, cells: ['cell:g1:vision'] })).toBe('canvas')
    expect(slideOfPart(slides, { part: 'zk', pageId: 'page:b' })).toBeUndefined()
    expect(slideOfPart(slides, { part: 'gone', pageId: 'page:a' })).toBeUndefined()
  })
})
