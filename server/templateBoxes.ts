/**
 * The box of each page's template on a board, for the rule that keeps others' Zettel within
 * reach of it (`shared/board/keptInSight.ts`): read once per doc and page, and read again only
 * after a transaction that touched a template shape (the template moves rarely, Zettel often).
 * Reading it afresh for every move of another's Zettel cost more than the rest of judging it.
 */
import * as Y from 'yjs'
import { enclosing, marksTemplate, shapeBox, type Box } from '../shared/board/keptInSight.ts'
import { getRecordsMap } from '../shared/board/records.ts'
import { metaKey as scaffoldMetaKey } from '../shared/board/scaffoldMeta.ts'

const caches = new WeakMap<Y.Doc, TemplateBoxes>()

/** The box of `page`'s template in `doc` as it is now, or null when the page has none. */
export function templateBox(doc: Y.Doc, page: string): Box | null {
  let cache = caches.get(doc)
  if (!cache) {
    cache = new TemplateBoxes(getRecordsMap(doc))
    caches.set(doc, cache)
  }
  return cache.box(page)
}

const templateMeta = (entry: unknown) => {
  if (!(entry instanceof Y.Map) || entry.get('typeName') !== 'shape') return false
  const meta = entry.get('meta')
  return meta instanceof Y.Map && meta.has(scaffoldMetaKey) && marksTemplate({ [scaffoldMetaKey]: meta.get(scaffoldMetaKey) })
}

class TemplateBoxes {
  private readonly boxes = new Map<string, Box | null>()
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

  box(page: string): Box | null {
    if (this.boxes.has(page)) return this.boxes.get(page)!
    const boxes: Box[] = []
    for (const [id, entry] of this.records) {
      if (!(entry instanceof Y.Map) || entry.get('parentId') !== page || !templateMeta(entry)) continue
      this.shapes.add(id)
      const props = entry.get('props')
      boxes.push(shapeBox({ x: entry.get('x'), y: entry.get('y'), props: props instanceof Y.Map ? { w: props.get('w'), h: props.get('h') } : undefined }))
    }
    const box = enclosing(boxes)
    this.boxes.set(page, box)
    return box
  }
}
