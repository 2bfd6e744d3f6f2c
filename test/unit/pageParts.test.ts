/**
 * The day's parts (shared/results/pageParts.ts) on the plenary after „Zurückholen“: the templates,
 * each group's returned copy named after its group, documents and drawn frames, in reading order;
 * and the list „Beitragen“ reading them: a returned copy with its cells and its group's name, each
 * result once, a document as a part whose Zettel are those stuck on it, and Zettel pinned from the
 * list landing in a copy's cell and on a drawn frame.
 */
import type { TLShape } from '@tldraw/tlschema'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readContribution } from '../../client/beitragen/contributionModel.ts'
import { pinZettel } from '../../client/beitragen/zettelWrites.ts'
import { planCollect, type ShapeRecord } from '../../shared/board/collectGroups.ts'
import { pageOf, scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { readRecords } from '../../shared/board/records.ts'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { boardParts } from '../../shared/results/boardParts.ts'
import { pageParts, type PartNames } from '../../shared/results/pageParts.ts'
import { center, contains } from '../../shared/templates/geometry.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { putRecords } from '../helpers/records.ts'
import { build, newShapeId, noteAt } from './templates/helpers.ts'

const pageRecord = (id: string, name: string, index: string) => ({ id, typeName: 'page', name, index, meta: {} })
const names: PartNames = { template: (instance) => instance.template, frame: (n) => `Rahmen ${n}` }

/** A template built on `pageId` at `origin`, with a Zettel in its first cell. */
function templateOn(pageId: string, origin = { x: 0, y: 0 }, zettel?: string): TLShape[] {
  const shapes = build('angebotsuebersicht', {}, 'de', origin).shapes.map((s) => ({ ...s, parentId: pageId as TLShape['parentId'] }))
  if (!zettel) return shapes
  const cell = shapes.find((s) => scaffoldMeta(s)?.kind === 'cell')!
  const { w, h } = cell.props as { w: number; h: number }
  return [...shapes, { ...noteAt(cell.x + w / 2, cell.y + h / 2, zettel), parentId: pageId as TLShape['parentId'] }]
}

const frame = (name: string, x: number, y: number, id = newShapeId()): TLShape =>
  ({ id, typeName: 'shape', type: 'frame', parentId: 'page:page', index: 'a5', x, y, rotation: 0, opacity: 1, isLocked: false, meta: {}, props: { w: 1200, h: 800, name, color: 'black' } }) as unknown as TLShape

/** The plenary's template, the two groups' pages collected right of it, a drawn frame and a document below. */
function dayBoard() {
  const plenary = templateOn('page:page')
  const groups = (['Gruppe 1', 'Gruppe 2'] as const).map((name, i) => {
    const pageId = `page:g${i + 1}`
    const shapes = templateOn(pageId, { x: 0, y: 0 }, `Ergebnis ${name}`) as unknown as ShapeRecord[]
    const xs = shapes.filter((s) => s.parentId === pageId)
    // The template's own box, so that the copies lie apart (the Zettel may sit in any of its cells).
    const size = (s: ShapeRecord) => s.props as { w?: number; h?: number }
    const x = Math.min(...xs.map((s) => s.x))
    const y = Math.min(...xs.map((s) => s.y))
    const w = Math.max(...xs.map((s) => s.x + (size(s).w ?? 0))) - x
    const h = Math.max(...xs.map((s) => s.y + (size(s).h ?? 0))) - y
    return { name, pageId, shapes, bindings: [], bounds: { x, y, w, h } }
  })
  const plan = planCollect(groups, {
    plenaryPageId: 'page:page',
    origin: { x: 6000, y: 0 },
    frameIndices: ['a8', 'a9'],
    newShapeId,
    newBindingId: () => `binding:${newShapeId()}`,
    newInstance: () => `copy-${newShapeId()}`,
  })
  if (plan.kind !== 'plan') throw new Error('planned')
  const drawn = frame('Ideen', 0, 9000)
  const document = frame('Protokoll.pdf', 3000, 9000)
  const image = { id: newShapeId(), typeName: 'shape', type: 'image', parentId: document.id, index: 'a1', x: 40, y: 40, rotation: 0, opacity: 1, isLocked: false, meta: {}, props: { w: 600, h: 700 } }
  const onDocument = { ...noteAt(800, 300, 'Seite 2 prüfen'), parentId: document.id }
  const records = [
    pageRecord('page:page', 'Plenum', 'a1'),
    pageRecord('page:g1', 'Gruppe 1', 'a2'),
    pageRecord('page:g2', 'Gruppe 2', 'a3'),
    ...plenary,
    ...groups.flatMap((g) => g.shapes),
    ...plan.frames,
    ...plan.headings,
    ...plan.shapes,
    ...plan.bindings,
    drawn,
    document,
    image,
    onDocument,
  ] as unknown as TLShape[]
  return { records, frames: plan.frames, drawn, document }
}

function partsOf(records: readonly TLShape[], pageId: string) {
  const byId = new Map(records.filter((r) => r.typeName === 'shape').map((s) => [s.id as string, s]))
  const boundsOf = (shape: TLShape) => recordBounds(shape, byId)
  const board = boardParts(records, byId, (shape) => pageOf(shape, byId), boundsOf)
  const shapes = [...byId.values()].filter((s) => pageOf(s, byId) === pageId)
  return pageParts({ pageId, shapes, byId, boundsOf, board }, names)
}

describe('the day’s parts', () => {
  it('after „Zurückholen“: the template, each group’s copy named after its group, a drawn frame and a document, in reading order', () => {
    const { records, drawn, document } = dayBoard()
    const parts = partsOf(records, 'page:page')
    expect(parts.map((p) => [p.kind, p.label])).toEqual([
      ['template', 'Angebotsübersicht'],
      ['group', 'Angebotsübersicht · Gruppe 1'],
      ['group', 'Angebotsübersicht · Gruppe 2'],
      ['frame', 'Ideen'],
      ['document', 'Protokoll.pdf'],
    ])
    // Keys others build on: a template's (or a copy's) instance id, a frame's shape id.
    expect(parts.slice(0, 3).map((p) => p.key)).toEqual(parts.slice(0, 3).map((p) => p.instance!.instance))
    expect(new Set(parts.slice(0, 3).map((p) => p.key)).size).toBe(3)
    expect(parts.slice(3).map((p) => p.key)).toEqual([drawn.id, document.id])
    // The collected frames are no parts of their own: their copies are; a copy holds its group's Zettel.
    const copy = parts[1]!
    expect(copy.shapes.filter((s) => s.type === 'note').map((s) => plainText((s.props as { richText: unknown }).richText))).toEqual(['Ergebnis Gruppe 1'])
    expect(parts.every((p) => !p.duplicate)).toBe(true)
  })

  it('on a returned group’s page, its original is the group’s too, and marked as shown on the plenary', () => {
    const { records } = dayBoard()
    expect(partsOf(records, 'page:g2').map((p) => [p.kind, p.label, p.duplicate])).toEqual([['group', 'Angebotsübersicht · Gruppe 2', true]])
  })

  it('a frame drawn around a template hides nothing: the template is the part; an unnamed frame is numbered', () => {
    const around = frame('Vormittag', -100, -100)
    const template = templateOn('page:page').map((s) => (s.parentId === 'page:page' ? { ...s, parentId: around.id as TLShape['parentId'], x: s.x + 100, y: s.y + 100 } : s))
    const empty = frame('', 0, 9000)
    const records = [pageRecord('page:page', 'Plenum', 'a1'), around, ...template, empty] as unknown as TLShape[]
    expect(partsOf(records, 'page:page').map((p) => [p.kind, p.label])).toEqual([
      ['template', 'Angebotsübersicht'],
      ['frame', 'Rahmen 1'],
    ])
  })

  it('a page without templates or frames has no parts (the caller shows the whole page)', () => {
    const records = [pageRecord('page:page', 'Plenum', 'a1'), noteAt(0, 0, 'lose')] as unknown as TLShape[]
    expect(partsOf(records, 'page:page')).toEqual([])
  })
})

describe('the list reads the day’s parts', () => {
  const reader = { role: 'participant' as const, author: 'me', protection: undefined }

  it('lists each returned copy with its cells under its group’s name, once, and a document with its Zettel', () => {
    const { records } = dayBoard()
    const parts = readContribution(records, reader)
    expect(parts.map((p) => p.title)).toEqual(['Angebotsübersicht', 'Angebotsübersicht · Gruppe 1', 'Angebotsübersicht · Gruppe 2', 'Ideen', 'Protokoll.pdf'])
    const [plenary, first, second] = parts
    expect(first!.cells.map((c) => c.heading)).toEqual(plenary!.cells.map((c) => c.heading))
    expect(first!.cells.flatMap((c) => c.zettel.map((z) => z.text))).toEqual(['Ergebnis Gruppe 1'])
    expect(second!.cells.flatMap((c) => c.zettel.map((z) => z.text))).toEqual(['Ergebnis Gruppe 2'])
    expect([first!.group, second!.group]).toEqual(['Gruppe 1', 'Gruppe 2'])
    expect(parts[4]!.cells.map((c) => [c.heading, c.zettel.map((z) => z.text), c.extras.map((e) => e.kind)])).toEqual([['Protokoll.pdf', ['Seite 2 prüfen'], ['picture']]])
  })

  it('pins a Zettel into a returned copy’s cell and onto a drawn frame, each inside it', () => {
    const { records, drawn } = dayBoard()
    const doc = new Y.Doc()
    putRecords(doc, records)
    const copy = readContribution(records, reader)[2]!
    const cell = copy.cells[3]!
    const pinned = pinZettel(doc, cell.id, 'Vom Handy', 'me')!
    const onFrame = pinZettel(doc, drawn.id, 'Auf dem Rahmen', 'me')!
    const stored = readRecords(doc).records as unknown as TLShape[]
    const byId = new Map(stored.filter((r) => r.typeName === 'shape').map((r) => [r.id as string, r]))
    const noteBox = recordBounds(byId.get(pinned)!, byId)!
    expect(contains(cell.box, center(noteBox)), 'in the copy’s cell').toBe(true)
    expect(contains(recordBounds(drawn, byId)!, center(recordBounds(byId.get(onFrame)!, byId)!)), 'on the frame').toBe(true)
    const again = readContribution(stored, reader)
    expect(again[2]!.cells[3]!.zettel.map((z) => z.text)).toEqual(['Vom Handy'])
    expect(again[3]!.cells[0]!.zettel.map((z) => z.text)).toEqual(['Auf dem Rahmen'])
  })
})
