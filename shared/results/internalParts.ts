/**
 * What the network reads of an ordinary board that holds one of the coordination's own
 * instruments (a Beteiligtenanalyse inserted later, `templates/caseBoards.ts`; H 2.3.1): the
 * board without it. Its scaffold, every Zettel lying on it (in its cells, on its labels) and the
 * comment threads about those or about a place on it are left out, so that the pack and the
 * network search read the rest as before. Whether it was worked on is counted from the whole
 * board (`templateNoteCounts`): „Beteiligtenanalyse bearbeitet“, nothing more. The board's own
 * export and its Dokumentation read it whole, for the people on the board, until a release passes
 * the Dokumentation on (`dokumentation.ts`). Pure.
 */
import type { TLShape } from '@tldraw/tlschema'
import type { Comment } from '../board/comments.ts'
import { pageOf, shapesByPage, scaffoldMeta } from '../board/scaffoldMeta.ts'
import { recordBounds } from '../board/shapeBounds.ts'
import { maxShapeDepth } from '../board/shapeTree.ts'
import { findInstances } from '../templates/catalogue.ts'
import { isInternalTemplate } from '../templates/caseBoards.ts'
import { contains, union, type Box } from '../templates/geometry.ts'
import { writtenAt } from '../templates/writtenAt.ts'

/** Shapes that carry what someone wrote (`shapeText`): the ones an internal instrument's area takes with it. */
const written = new Set(['note', 'text', 'geo'])

/** Whether any template on the board is one of the coordination's own (cheap: no geometry read). */
export function holdsInternalPart(records: Iterable<unknown>): boolean {
  for (const record of records) {
    const meta = (record as { typeName?: string }).typeName === 'shape' ? scaffoldMeta(record as TLShape) : undefined
    if (meta?.kind === 'title' && isInternalTemplate(meta.template)) return true
  }
  return false
}

/** The board's records and comments as the network reads them: without its internal instruments' parts. */
export function withoutInternalParts(
  records: readonly unknown[],
  comments: ReadonlyMap<string, Comment> = new Map(),
): { records: readonly unknown[]; comments: ReadonlyMap<string, Comment> } {
  if (!holdsInternalPart(records)) return { records, comments }
  const shapes = new Map<string, TLShape>()
  for (const record of records) if ((record as { typeName?: string }).typeName === 'shape') shapes.set((record as TLShape).id, record as TLShape)
  const byPage = shapesByPage(shapes)
  const gone = new Set<string>()
  const areas: Array<{ page: string; box: Box }> = []
  for (const [page, onPage] of byPage) {
    // Page by page: a duplicated page keeps its templates' instance ids, and each copy lies on its own page.
    for (const instance of findInstances(onPage)) {
      if (!isInternalTemplate(instance.template)) continue
      const scaffold = [instance.title, ...instance.shapes.values()]
      for (const shape of scaffold) gone.add(shape.id)
      const box = union(scaffold.map((s) => recordBounds(s, shapes)).filter((b): b is Box => !!b))
      if (box) areas.push({ page, box })
    }
  }
  const onArea = (page: string, point: { x: number; y: number }) => areas.some((a) => a.page === page && contains(a.box, point))
  for (const shape of shapes.values()) {
    if (!written.has(shape.type) || scaffoldMeta(shape)) continue
    const box = recordBounds(shape, shapes)
    if (box && onArea(pageOf(shape, shapes), writtenAt(shape, box))) gone.add(shape.id)
  }
  // What lies inside a shape left out goes with it.
  const within = (shape: TLShape) => {
    let parentId: string = shape.parentId
    for (let depth = 0; depth < maxShapeDepth; depth++) {
      if (gone.has(parentId)) return true
      const parent = shapes.get(parentId)
      if (!parent) return false
      parentId = parent.parentId
    }
    return false
  }
  for (const shape of shapes.values()) if (within(shape)) gone.add(shape.id)
  const kept = records.filter((record) => {
    const r = record as { typeName?: string; id?: string; fromId?: string; toId?: string }
    if (r.typeName === 'shape') return !gone.has(r.id ?? '')
    if (r.typeName === 'binding') return !gone.has(r.fromId ?? '') && !gone.has(r.toId ?? '')
    return true
  })
  // A thread about a Zettel of it, or about a place on it, goes whole: its replies with it.
  const about = (comment: Comment) =>
    comment.target?.kind === 'shape' ? gone.has(comment.target.shapeId) : comment.target?.kind === 'place' ? onArea(comment.target.pageId, comment.target) : false
  const threadsGone = new Set([...comments].filter(([, c]) => about(c)).map(([id]) => id))
  const shownComments = new Map([...comments].filter(([id, c]) => !threadsGone.has(id) && !(c.replyTo !== undefined && threadsGone.has(c.replyTo))))
  return { records: kept, comments: shownComments }
}
