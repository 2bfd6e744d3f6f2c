/**
 * Everything written on a board that a search finds, read from its records and comments: notes
 * (Zettel), text and geo shapes, template titles, headings, cells (their labels) and cards, frame
 * names, comments. Each with its page and, inside a template, the template and cell it lies in,
 * named as the export names them: a note belongs to the smallest cell of its page holding the
 * point it was written at (`writtenAt`), as in `shared/results/export.ts`, which does much more
 * per note than a search can afford after every change on a large board.
 * Plain records in, so the unit tests and the bench read it without an editor.
 */
import type { TLShape } from '@tldraw/tlschema'
import { commentThreads, type Comment, type CommentTarget } from '../board/comments.ts'
import { pageOf, scaffoldMeta, type CellRef } from '../board/scaffoldMeta.ts'
import { foldText, matchText, searchWords, type FoldedText, type TextRange } from '../board/textMatch.ts'
import { exportedRecords } from '../board/shapeTree.ts'
import { recordBounds } from '../board/shapeBounds.ts'
import { contains, type Box } from '../templates/geometry.ts'
import { plainText, shapeText } from '../templates/richText.ts'
import { writtenAt } from '../templates/writtenAt.ts'

/** `template`: a template's title; `heading`: its row and column headings and prompts. */
export type SearchKind = 'note' | 'text' | 'shape' | 'template' | 'heading' | 'cell' | 'card' | 'frame' | 'comment'

export interface SearchItem {
  /** The shape's or the comment's id. */
  key: string
  kind: SearchKind
  text: string
  folded: FoldedText
  pageId: string
  pageName: string
  /** The shape to show and select: the shape itself, or the one a comment is about. */
  shapeId?: string
  /** A comment about a place on the page: where to look. */
  point?: { x: number; y: number }
  /** Its template and cell, outermost first ("Zielsystem", "Ziele", "Teilziel 2", "Beschreibung"). */
  where: string[]
  /** Who wrote it, for comments. */
  author?: string
}

export interface SearchHit {
  item: SearchItem
  ranges: TextRange[]
}

/** A cell in words: its section, row and column as the board labels them, each once. */
export const cellParts = (cell: CellRef | undefined): string[] =>
  cell ? [...new Set([cell.sectionTitle, cell.rowLabel, cell.colLabel].filter((p): p is string => !!p && !!p.trim()))] : []

const richTextOf = (shape: TLShape) => plainText((shape.props as { richText?: unknown }).richText)?.trim() ?? ''

interface PageRecord {
  typeName: 'page'
  id: string
  name: string
  index: string
}

/** The board's searchable texts in reading order: page by page, top to bottom, left to right. */
export function boardTexts(
  records: Iterable<unknown>,
  comments: ReadonlyMap<string, Comment> = new Map(),
  /** Folding again only what changed: the panel keeps the texts it folded before. */
  fold: (text: string) => FoldedText = foldText,
): SearchItem[] {
  const all = exportedRecords(records)
  const shapes = new Map<string, TLShape>()
  const pages = new Map<string, PageRecord>()
  for (const record of all) {
    const r = record as { typeName?: string; id: string }
    if (r.typeName === 'shape') shapes.set(r.id, record as TLShape)
    if (r.typeName === 'page') pages.set(r.id, record as PageRecord)
  }
  // Template titles by page and instance: a duplicated page keeps its templates' instance ids.
  const titles = new Map<string, string>()
  const cellsByPage = new Map<string, Array<{ box: Box; area: number; instance: string; template: string; cell: CellRef }>>()
  for (const shape of shapes.values()) {
    const meta = scaffoldMeta(shape)
    if (!meta) continue
    const page = pageOf(shape, shapes)
    if (meta.kind === 'title') titles.set(`${page} ${meta.instance}`, richTextOf(shape) || meta.template)
    const box = meta.cell && recordBounds(shape, shapes)
    if (!meta.cell || !box) continue
    const onPage = cellsByPage.get(page) ?? []
    onPage.push({ box, area: box.w * box.h, instance: meta.instance, template: meta.template, cell: meta.cell })
    cellsByPage.set(page, onPage)
  }
  const titleOf = (page: string, instance: string, template: string) => titles.get(`${page} ${instance}`) ?? template
  /** The cell a shape was written in: the smallest holding its point, where cells nest. */
  const cellAt = (page: string, point: { x: number; y: number }) => {
    let found: { area: number; instance: string; template: string; cell: CellRef } | undefined
    for (const c of cellsByPage.get(page) ?? []) if (contains(c.box, point) && (!found || c.area < found.area)) found = c
    return found
  }

  const placed: Array<{ item: SearchItem; y: number; x: number }> = []
  const add = (item: Omit<SearchItem, 'folded' | 'pageName'>, at: { x: number; y: number } | undefined) => {
    const page = pages.get(item.pageId)
    if (!page || !item.text) return
    placed.push({ item: { ...item, folded: fold(item.text), pageName: page.name }, y: at?.y ?? 0, x: at?.x ?? 0 })
  }
  const whereOf = new Map<string, string[]>()

  for (const shape of shapes.values()) {
    const pageId = pageOf(shape, shapes)
    const bounds = recordBounds(shape, shapes)
    const meta = scaffoldMeta(shape)
    let item: Omit<SearchItem, 'folded' | 'pageName'> | undefined
    if (meta) {
      const title = titleOf(pageId, meta.instance, meta.template)
      const kind: SearchKind = meta.kind === 'title' ? 'template' : meta.kind === 'header' || meta.kind === 'prompt' ? 'heading' : meta.kind
      const where = meta.kind === 'title' ? [] : [title, ...cellParts(meta.cell)]
      item = { key: shape.id, kind, text: richTextOf(shape), pageId, shapeId: shape.id, where }
    } else if (shape.type === 'frame') {
      item = { key: shape.id, kind: 'frame', text: String((shape.props as { name?: unknown }).name ?? '').trim(), pageId, shapeId: shape.id, where: [] }
    } else {
      const text = shapeText(shape)?.trim()
      if (!text || !bounds) continue
      const kind: SearchKind = shape.type === 'note' ? 'note' : shape.type === 'text' ? 'text' : 'shape'
      const inCell = cellAt(pageId, writtenAt(shape, bounds))
      const where = inCell ? [titleOf(pageId, inCell.instance, inCell.template), ...cellParts(inCell.cell)] : []
      item = { key: shape.id, kind, text, pageId, shapeId: shape.id, where }
    }
    whereOf.set(shape.id, item.where)
    add(item, bounds ?? shape)
  }

  for (const thread of commentThreads(comments)) {
    const target: CommentTarget = thread.start.target
    const shape = target.kind === 'shape' ? shapes.get(target.shapeId) : undefined
    const at = shape ? (recordBounds(shape, shapes) ?? shape) : target.kind === 'place' ? { x: target.x, y: target.y } : undefined
    for (const { id, comment } of [{ id: thread.id, comment: thread.start as Comment }, ...thread.replies]) {
      add(
        {
          key: id,
          kind: 'comment',
          text: comment.text.trim(),
          pageId: shape ? pageOf(shape, shapes) : target.pageId,
          ...(shape ? { shapeId: shape.id } : target.kind === 'place' ? { point: { x: target.x, y: target.y } } : {}),
          where: (shape && whereOf.get(shape.id)) ?? [],
          author: comment.name,
        },
        at,
      )
    }
  }

  const pageOrder = [...pages.values()].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0)).map((p) => p.id)
  const rank = new Map(pageOrder.map((id, i) => [id, i]))
  return placed
    .sort((a, b) => rank.get(a.item.pageId)! - rank.get(b.item.pageId)! || a.y - b.y || a.x - b.x)
    .map(({ item }) => item)
}

/** The items holding every word of the query, in the board's reading order, with what to mark. */
export function searchBoard(items: readonly SearchItem[], query: string): SearchHit[] {
  const words = searchWords(query)
  if (words.length === 0) return []
  const hits: SearchHit[] = []
  for (const item of items) {
    const ranges = matchText(words, item.folded)
    if (ranges) hits.push({ item, ranges })
  }
  return hits
}
