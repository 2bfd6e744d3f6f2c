/**
 * Parts of a board a document names, beyond templates (`export.ts` reads them):
 * - Kleingruppen: a round's group pages and, after "Zurückholen" (`board/collectGroups.ts`),
 *   their copies in frames named after each group on the plenary page. A template on either
 *   carries its group's name; where a group's page was collected, its copy is the result (it is
 *   what the plenary discussed) and the original on the group page is left out, so each group's
 *   result appears once. A collected frame names the page it came from (`meta.collectedFrom`);
 *   boards collected before that are recognised by a frame named like another page that holds
 *   Zurückholen's heading (the group's name as a text).
 * - Documents: a PDF's pages placed on the board (`client/documents/placeDocument.ts`: a frame
 *   named after the file, its pages images inside). Zettel people wrote on them belong to that
 *   document, not to "Weitere Zettel".
 */
import type { TLShape } from '@tldraw/tlschema'
import { collectedFromKey } from '../board/collectGroups.ts'
import { scaffoldMeta } from '../board/scaffoldMeta.ts'
import { maxShapeDepth } from '../board/shapeTree.ts'
import { contains, type Box } from '../templates/geometry.ts'
import { plainText } from '../templates/richText.ts'


export interface GroupOf {
  /** The group's name, or null for a template outside every group. */
  group: string | null
  /** A group page's original whose collected copy is on the plenary: left out. */
  duplicate: boolean
}

export interface BoardParts {
  groupOf(title: TLShape, template: string): GroupOf
  /** Pages of groups whose copy is on the plenary: their free Zettel are there too. */
  collectedPages: ReadonlySet<string>
  /** The document a point on `page` lies on, by name; null for none. */
  documentAt(point: { x: number; y: number }, page: string): string | null
  /** What a frame is: a collected group's result (with the group's name), a document, or neither. */
  frameKind(frame: TLShape): { kind: 'group'; group: string } | { kind: 'document' } | undefined
  /** Zurückholen's heading of a collected frame (the group's name as a text): a frame's name, no Zettel. */
  isHeading(shape: TLShape): boolean
}

const frameName = (shape: TLShape): string => {
  const name = (shape.props as { name?: unknown }).name
  return typeof name === 'string' ? name.trim() : ''
}

export function boardParts(
  records: Iterable<unknown>,
  shapes: ReadonlyMap<string, TLShape>,
  pageOf: (shape: TLShape) => string,
  boundsOf: (shape: TLShape) => Box | undefined,
): BoardParts {
  const pageNames = new Map<string, string>()
  for (const record of records) {
    const r = record as { typeName?: string; id?: string; name?: unknown }
    if (r.typeName === 'page' && typeof r.id === 'string') pageNames.set(r.id, typeof r.name === 'string' ? r.name.trim() : '')
  }
  const pageByName = new Map<string, string>()
  for (const [id, name] of pageNames) if (name) pageByName.set(name, pageByName.has(name) ? '' : id)

  // Collected frames: the frame's id → the group's name and the page it came from.
  const collected = new Map<string, { group: string; from: string }>()
  const withImages = new Set<string>()
  // An unmarked frame counts as a collected group only with Zurückholen's heading in it (the
  // group's name as a text): a frame that merely shares a page's name is not a group.
  const headed = new Set<string>()
  for (const shape of shapes.values()) {
    if (shape.type === 'image') withImages.add(shape.parentId)
    if (shape.type === 'text') {
      const parent = shapes.get(shape.parentId)
      if (parent?.type === 'frame' && plainText((shape.props as { richText?: unknown }).richText).trim() === frameName(parent)) headed.add(parent.id)
    }
  }
  const documents: Array<{ name: string; page: string; box: Box }> = []
  const documentFrames = new Set<string>()
  for (const shape of shapes.values()) {
    if (shape.type !== 'frame') continue
    const name = frameName(shape)
    const marked = (shape.meta as Record<string, unknown> | undefined)?.[collectedFromKey]
    const page = pageOf(shape)
    const from = typeof marked === 'string' && pageNames.has(marked) ? marked : headed.has(shape.id) ? pageByName.get(name) : undefined
    if (name && from && from !== page) collected.set(shape.id, { group: name, from })
    else if (name && withImages.has(shape.id)) {
      documentFrames.add(shape.id)
      const box = boundsOf(shape)
      if (box) documents.push({ name, page, box })
    }
  }
  const collectedPages = new Set([...collected.values()].map((c) => c.from))

  const frameOf = (shape: TLShape): { group: string; from: string } | undefined => {
    let parent = shapes.get(shape.parentId)
    for (let depth = 0; parent && depth < maxShapeDepth; depth++, parent = shapes.get(parent.parentId)) {
      const found = collected.get(parent.id)
      if (found) return found
    }
    return undefined
  }
  // Which templates each collected page has a copy of, by the template's name.
  const copied = new Set<string>()
  for (const shape of shapes.values()) {
    const found = collected.size > 0 ? frameOf(shape) : undefined
    const meta = scaffoldMeta(shape)
    if (found && meta?.kind === 'title') copied.add(`${found.from}|${meta.template}`)
  }

  return {
    groupOf(title, template) {
      const inFrame = collected.size > 0 ? frameOf(title) : undefined
      if (inFrame) return { group: inFrame.group, duplicate: false }
      const page = pageOf(title)
      if (!collectedPages.has(page)) return { group: null, duplicate: false }
      return { group: pageNames.get(page) || null, duplicate: copied.has(`${page}|${template}`) }
    },
    collectedPages,
    documentAt(point, page) {
      // The smallest document holding the point: a document's page lies inside no other.
      const hit = documents.filter((d) => d.page === page && contains(d.box, point)).sort((a, b) => a.box.w * a.box.h - b.box.w * b.box.h)[0]
      return hit?.name ?? null
    },
    isHeading(shape) {
      const frame = collected.get(shape.parentId)
      return shape.type === 'text' && !!frame && plainText((shape.props as { richText?: unknown }).richText).trim() === frame.group
    },
    frameKind(frame) {
      const found = collected.get(frame.id)
      if (found) return { kind: 'group', group: found.group }
      return documentFrames.has(frame.id) ? { kind: 'document' } : undefined
    },
  }
}
