/**
 * What a search on the board finds (`shared/results/boardTexts.ts`), read from plain records and
 * comments: a Zettel in a template cell named by its template and cell, cell labels, frame names,
 * text on a second page, comments on a shape or a place; page by page in the board's order.
 */
import { toRichText, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { boardTexts, cellParts, searchBoard } from '../../shared/results/boardTexts.ts'
import type { Comment } from '../../shared/board/comments.ts'
import { notePlaces } from '../../shared/results/export.ts'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { build, noteAt } from './templates/helpers.ts'

const page = (id: string, name: string, index: string) => ({ typeName: 'page', id, name, index, meta: {} })

function board() {
  const { shapes } = build('zielsystem', {})
  const byId = new Map(shapes.map((s) => [s.id, s]))
  const cell = shapes.find((s) => scaffoldMeta(s)?.key === 'ziele:cell:t2:beschreibung')!
  const box = recordBounds(cell, byId)!
  const note = noteAt(box.x + box.w / 2, box.y + box.h / 2, 'Frau Müller fragt beim Jugendamt', 'shape:mueller' as TLShape['id'])
  const frame = { ...noteAt(0, 0, ''), id: 'shape:frame', type: 'frame', parentId: 'page:two', props: { w: 800, h: 600, name: 'Straßenfest', color: 'black' } } as TLShape
  const text = { ...noteAt(400, 300, ''), id: 'shape:text', type: 'text', parentId: 'page:two', props: { ...noteAt(0, 0, '').props, richText: toRichText('Café am Markt'), w: 200, autoSize: true } } as TLShape
  return [page('page:two', 'Nachmittag', 'a2'), page('page:page', 'Vormittag', 'a1'), ...shapes, note, frame, text]
}

const comment = (c: Partial<Comment>): Comment => ({ author: 'a1', name: 'Anna', text: '', at: 1, ...c })

describe('searching the board', () => {
  it('finds a Zettel in a template cell, named by its page, template and cell', () => {
    const hits = searchBoard(boardTexts(board()), 'mueller')
    expect(hits.map((h) => ({ kind: h.item.kind, page: h.item.pageName, where: h.item.where, shape: h.item.shapeId }))).toEqual([
      { kind: 'note', page: 'Vormittag', where: ['Zielsystem', 'Ziele und Aktivitäten', 'Teilziel 2', 'Beschreibung'], shape: 'shape:mueller' },
    ])
    const [hit] = hits
    expect(hit.ranges.map(([from, to]) => hit.item.text.slice(from, to))).toEqual(['Müller'])
  })

  it('finds template headings, frame names and text on every page, in the order of the pages', () => {
    const items = boardTexts(board())
    expect(searchBoard(items, 'teilziel 2').map((h) => [h.item.kind, h.item.text])).toContainEqual(['heading', 'Teilziel 2'])
    const onPageTwo = searchBoard(items, 'strasse').concat(searchBoard(items, 'cafe'))
    expect(onPageTwo.map((h) => [h.item.kind, h.item.text, h.item.pageName])).toEqual([
      ['frame', 'Straßenfest', 'Nachmittag'],
      ['text', 'Café am Markt', 'Nachmittag'],
    ])
    // Page "Vormittag" comes first however the records are stored.
    expect(items[0].pageName).toBe('Vormittag')
    expect(items.at(-1)!.pageName).toBe('Nachmittag')
  })

  it('finds comments and their replies, pointing at what they are about', () => {
    const comments = new Map<string, Comment>([
      ['c1', comment({ text: 'Wer spricht mit Herrn Özdemir?', target: { kind: 'shape', shapeId: 'shape:mueller', pageId: 'page:page' } })],
      ['c2', comment({ text: 'Ich, nächste Woche (Oezdemir)', replyTo: 'c1', at: 2, name: 'Ben' })],
      ['c3', comment({ text: 'Hier fehlt die Schuldnerberatung', target: { kind: 'place', pageId: 'page:two', x: 50, y: 60 } })],
      // A reply to no thread is nobody's to find.
      ['c4', comment({ text: 'Özdemir verwaist', replyTo: 'gone' })],
    ])
    const items = boardTexts(board(), comments)
    const found = searchBoard(items, 'ozdemir')
    expect(found.map((h) => ({ key: h.item.key, author: h.item.author, shape: h.item.shapeId, where: h.item.where }))).toEqual([
      { key: 'c1', author: 'Anna', shape: 'shape:mueller', where: ['Zielsystem', 'Ziele und Aktivitäten', 'Teilziel 2', 'Beschreibung'] },
      { key: 'c2', author: 'Ben', shape: 'shape:mueller', where: ['Zielsystem', 'Ziele und Aktivitäten', 'Teilziel 2', 'Beschreibung'] },
    ])
    const [place] = searchBoard(items, 'schuldner')
    expect({ page: place.item.pageName, point: place.item.point, shape: place.item.shapeId }).toEqual({ page: 'Nachmittag', point: { x: 50, y: 60 }, shape: undefined })
  })

  it('files every Zettel in the cell the export files it in', () => {
    const { shapes } = build('zielsystem', {})
    const byId = new Map(shapes.map((s) => [s.id, s]))
    // A Zettel in the middle of every cell, and one on each cell's top-left corner (where cells meet).
    const notes = shapes
      .filter((s) => scaffoldMeta(s)?.kind === 'cell')
      .flatMap((cell, i) => {
        const box = recordBounds(cell, byId)!
        return [noteAt(box.x + box.w / 2, box.y + box.h / 2, `Mitte ${i}`), noteAt(box.x, box.y, `Ecke ${i}`)]
      })
    const records = [page('page:page', 'Seite 1', 'a1'), ...shapes, ...notes]
    const places = notePlaces(records)
    const expected = notes.map((n) => {
      const place = places.get(n.id)!
      return [n.id as string, place.template ? [place.template.title, ...cellParts(place.cell)] : []] as const
    })
    const found = boardTexts(records).filter((item) => item.kind === 'note').map((item) => [item.shapeId, item.where] as const)
    expect(new Map(found)).toEqual(new Map(expected))
  })

  it('finds nothing for an empty query', () => {
    expect(searchBoard(boardTexts(board()), '  ')).toEqual([])
  })
})
