/**
 * The box of each page's template on a board, and its highest index, for the rules that keep
 * others' Zettel within reach of it and in front of it (`shared/board/keptInSight.ts`): read once per doc and page, and read again only
 * after a transaction that touched a template shape (the template moves rarely, Zettel often).
 * Reading it afresh for every move of another's Zettel cost more than the rest of judging it.
 */
import * as Y from 'yjs'
import { enclosing, marksTemplate, shapeBox, type Box } from '../../shared/board/keptInSight.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { metaKey as scaffoldMetaKey } from '../../shared/board/scaffoldMeta.ts'
import { caseCellOf, type CaseCell } from '../../shared/board/caseCells.ts'

const caches = new WeakMap<Y.Doc, TemplateBoxes>()

function cacheOf(doc: Y.Doc): TemplateBoxes {
  let cache = caches.get(doc)
  if (!cache) {
    cache = new TemplateBoxes(getRecordsMap(doc))
    caches.set(doc, cache)
  }
  return cache
}

/** The box of `page`'s template in `doc` as it is now, or null when the page has none. */
export const templateBox = (doc: Y.Doc, page: string): Box | null => cacheOf(doc).read(page).box

/** The highest index among `page`'s template shapes in `doc` now, or null when the page has none. */
export const templateTop = (doc: Y.Doc, page: string): string | null => cacheOf(doc).read(page).top

/** The Fallkonferenz case cells on `page` in `doc` now (`shared/board/caseLock.ts`). */
export const caseCells = (doc: Y.Doc, page: string): readonly CaseCell[] => cacheOf(doc).read(page).caseCells

const templateMeta = (entry: unknown) => {
  if (!(entry instanceof Y.Map) || entry.get('typeName') !== 'shape') return false
  const meta = entry.get('meta')
  return meta instanceof Y.Map && meta.has(scaffoldMetaKey) && marksTemplate({ [scaffoldMetaKey]: meta.get(scaffoldMetaKey) })
}

class TemplateBoxes {
  private readonly boxes = new Map<string, { box: Box | null; top: string | null; caseCells: CaseCell[] }>()
  /** The template shapes read into `boxes`: a change to one, or its deletion, reads them again. */
  private readonly shapes = new Set<string>()

  constructor(private readonly records: Y.Map<unknown>) {
    records.observeDeep((events) => {
      if (this.boxes.size === 0) return
      for (const event of events) {
        const ids = event.path.length > 0 ? [String(event.path[0])] : [...event.changes.keys.keys()]
        if (ids.some((id) => this.shapes.has(id) || templateMeta(records.get(id)))) {
          this.boxes.clear()
          this.shapes.clear()
          return
        }
      }
    })
  }

  read(page: string): { box: Box | null; top: string | null; caseCells: CaseCell[] } {
    const kept = this.boxes.get(page)
    if (kept) return kept
    const boxes: Box[] = []
    let top: string | null = null
    const cells: CaseCell[] = []
    for (const [id, entry] of this.records) {
      if (!(entry instanceof Y.Map) || entry.get('parentId') !== page || !templateMeta(entry)) continue
      this.shapes.add(id)
      const props = entry.get('props')
      boxes.push(shapeBox({ x: entry.get('x'), y: entry.get('y'), props: props instanceof Y.Map ? { w: props.get('w'), h: props.get('h') } : undefined }))
      const index = String(entry.get('index'))
      if (top === null || index > top) top = index
      const meta = entry.get('meta') as Y.Map<unknown>
      const scaffold = meta.get(scaffoldMetaKey) as { kind?: unknown } | undefined
      if (scaffold?.kind === 'cell') {
        const cell = caseCellOf({ typeName: 'shape', x: entry.get('x'), y: entry.get('y'), props: props instanceof Y.Map ? props.toJSON() : undefined, meta: meta.toJSON() })
        if (cell) cells.push(cell)
      }
    }
    const read = { box: enclosing(boxes), top, caseCells: cells }
    this.boxes.set(page, read)
    return read
  }
}
