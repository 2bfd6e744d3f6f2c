/**
 * The first paint of a board (`client/boardPage/firstPaint/`): what it draws of the records, where
 * it puts the camera, and that the board page reaches it without loading tldraw.
 */
import { relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StoredRecord } from '../../shared/board/records.ts'
import { fittedCamera, sketchPage } from '../../client/boardPage/firstPaint/boardSketch.ts'
import { reachedFrom } from '../helpers/importGraph.ts'

const appRoot = resolve(import.meta.dirname, '../..')
const rich = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
const page = (id: string, index: string, name = id): StoredRecord => ({ id, typeName: 'page', index, name, meta: {} })
const shape = (id: string, type: string, parentId: string, extra: Record<string, unknown> = {}, props: Record<string, unknown> = {}): StoredRecord => ({
  id,
  typeName: 'shape',
  type,
  parentId,
  index: 'a1',
  x: 0,
  y: 0,
  rotation: 0,
  opacity: 1,
  props,
  meta: {},
  ...extra,
})

describe('the board sketch', () => {
  const records = [
    page('page:zwei', 'a2'),
    page('page:eins', 'a1'),
    shape('shape:frame', 'frame', 'page:eins', { x: 100, y: 50 }, { w: 800, h: 600, name: 'Runde 1' }),
    shape('shape:zettel', 'note', 'shape:frame', { x: 10, y: 20 }, { richText: rich('Kita am Nachmittag'), scale: 1, growY: 0, color: 'yellow' }),
    shape('shape:box', 'geo', 'page:eins', { x: -200, y: 0, index: 'a0' }, { w: 100, h: 80, growY: 20, richText: rich('Zeile 1'), scale: 1 }),
    shape('shape:pfeil', 'arrow', 'page:eins', {}, {}),
    shape('shape:anderswo', 'note', 'page:zwei', {}, { richText: rich('andere Seite') }),
  ]

  it('draws the first page in the board’s order, its shapes nested and ordered as tldraw orders them, with their text', () => {
    const sketch = sketchPage(records)!
    expect(sketch.pageId).toBe('page:eins')
    expect(sketch.shapes.map((s) => s.id)).toEqual(['shape:box', 'shape:frame'])
    const frame = sketch.shapes[1]
    expect(frame.text).toBe('Runde 1')
    expect(frame.children.map((c) => [c.kind, c.text, c.w, c.h])).toEqual([['note', 'Kita am Nachmittag', 200, 200]])
    // Left for the editor: arrows.
    expect(JSON.stringify(sketch)).not.toContain('shape:pfeil')
    // The content: from the box's left edge to the frame's right, the box grown by its growY.
    expect(sketch.bounds).toEqual({ x: -200, y: 0, w: 1100, h: 650 })
  })

  it('draws the page this browser last looked at, if it is still there', () => {
    expect(sketchPage(records, 'page:zwei')!.shapes.map((s) => s.text)).toEqual(['andere Seite'])
    expect(sketchPage(records, 'page:weg')!.pageId).toBe('page:eins')
    expect(sketchPage([])).toBeNull()
  })

  it('fits the content as the editor lands a newcomer: beside the buttons on a laptop, below them on a phone, never magnified', () => {
    const bounds = { x: 0, y: 0, w: 3000, h: 2000 }
    const laptop = fittedCamera(bounds, { w: 1366, h: 768 })
    // The height limits it: 768 - 64 (menu bar) - 80 (toolbar).
    expect(laptop.z).toBeCloseTo(624 / 2000)
    const phone = fittedCamera(bounds, { w: 390, h: 844 })
    expect(phone.z).toBeCloseTo(358 / 3000)
    // Its top below the phone's second row of the top panel.
    expect(phone.y * phone.z).toBeGreaterThan(116)
    expect(fittedCamera({ x: 0, y: 0, w: 100, h: 100 }, { w: 1366, h: 768 }).z).toBe(1)
  })
})

describe('the board page before the editor', () => {
  it('loads no tldraw: the editor comes in a chunk of its own (LiveSession.tsx), fetched after the first paint', () => {
    const { files, packages, importedBy } = reachedFrom(resolve(appRoot, 'client/boardPage/BoardPage.tsx'))
    const way = (file: string) => {
      const steps = [file]
      while (importedBy.has(steps[0])) steps.unshift(importedBy.get(steps[0])!)
      return steps.map((f) => relative(appRoot, f)).join(' → ')
    }
    expect([...packages].filter((p) => p === 'tldraw' || p === '@tldraw/editor')).toEqual([])
    expect([...files].filter((f) => f.endsWith('LiveSession.tsx') || f.endsWith('BoardEditor.tsx')).map(way)).toEqual([])
  })
})

describe('where a facilitator looks', () => {
  it('is read from their presence and shown as tldraw’s zoomToBounds shows it', async () => {
    const { viewOfPresence, zoomedToBounds } = await import('../../client/boardPage/firstPaint/boardSketch.ts')
    const view = viewOfPresence({ camera: { x: -1500, y: -900, z: 0.8 }, screenBounds: { x: 0, y: 0, w: 1366, h: 768 }, currentPageId: 'page:eins' })
    expect(view).toEqual({ pageId: 'page:eins', bounds: { x: 1500, y: 900, w: 1366 / 0.8, h: 768 / 0.8 } })
    expect(viewOfPresence({ camera: { x: 0, y: 0, z: 0 }, screenBounds: { w: 1, h: 1 }, currentPageId: 'page:eins' })).toBeNull()
    expect(viewOfPresence(null)).toBeNull()
    const camera = zoomedToBounds(view!.bounds, { w: 390, h: 844 })
    // Its width fills the phone's; its middle is the phone's middle.
    expect(camera.z).toBeCloseTo(390 / (1366 / 0.8))
    expect((view!.bounds.x + view!.bounds.w / 2 + camera.x) * camera.z).toBeCloseTo(195)
    expect((view!.bounds.y + view!.bounds.h / 2 + camera.y) * camera.z).toBeCloseTo(422)
  })
})
