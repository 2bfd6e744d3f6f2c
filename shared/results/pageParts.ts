/**
 * The parts of a page the room goes through, one after another: what a presentation shows as
 * slides, a PDF prints as sheets, and the list „Beitragen“ lists on every phone. In reading order:
 * - each template (key: its instance id), with what lies on it;
 * - each group's result returned by „Zurückholen“ (`board/collectGroups.ts`): the copy of the
 *   group's template in its frame, named after the group (key: the copy's instance id); a
 *   returned page without a template is its frame;
 * - each inserted document and each frame someone drew that holds no template (key: the frame's id).
 * A frame that holds a template is no part of its own: its templates are (a frame drawn around a
 * template must not hide it). The original of a returned group's template, on the group's page,
 * is marked `duplicate`: the list, like the Dokumentation, shows each group's result once.
 * Pure: records, a box for each and the board's parts (`boardParts.ts`) in, the parts out.
 */
import type { TLShape } from '@tldraw/tlschema'
import { isScaffold, scaffoldMeta } from '../board/scaffoldMeta.ts'
import { maxShapeDepth } from '../board/shapeTree.ts'
import { findKnownInstances } from '../templates/knownTemplates.ts'
import { center, contains, union, type Box } from '../templates/geometry.ts'
import type { Instance } from '../templates/instance.ts'
import { inReadingOrder } from '../templates/readingOrder.ts'
import { plainText } from '../templates/richText.ts'
import type { BoardParts } from './boardParts.ts'

export type PagePartKind = 'template' | 'group' | 'document' | 'frame'

export interface PagePart {
  /** Stable and meaningful: a template's (or a group's copy's) instance id, a frame's shape id. */
  key: string
  kind: PagePartKind
  label: string
  box: Box
  /** The template, for a template and a group's copy of one. */
  instance?: Instance
  /** The group's name, for a group's result (and the original on its page). */
  group?: string
  /** A returned group's original on the group's page: its copy on the plenary is the result. */
  duplicate: boolean
  /** What it is made of: a template's scaffold and what lies on it; a frame (with all it holds). */
  shapes: TLShape[]
}

export interface PageInput {
  pageId: string
  /** The page's shapes, those in frames included. */
  shapes: readonly TLShape[]
  /** Every shape of the board by id, to walk up from a shape to its frames. */
  byId: ReadonlyMap<string, TLShape>
  boundsOf(shape: TLShape): Box | undefined
  board: Pick<BoardParts, 'groupOf' | 'frameKind'>
}

export interface PartNames {
  /** A template whose title shape holds no words: the template's own name. */
  template(instance: Instance): string
  /** An unnamed frame, the n-th of the page's frames. */
  frame(n: number): string
}

const frameName = (frame: TLShape) => {
  const name = (frame.props as { name?: unknown }).name
  return typeof name === 'string' ? name.trim() : ''
}

/** The frames a shape lies in, innermost first. */
function framesAround(shape: TLShape, byId: ReadonlyMap<string, TLShape>): TLShape[] {
  const frames: TLShape[] = []
  let parent = byId.get(shape.parentId)
  for (let depth = 0; parent && depth < maxShapeDepth; depth++, parent = byId.get(parent.parentId)) if (parent.type === 'frame') frames.push(parent)
  return frames
}

export function pageParts(input: PageInput, names: PartNames): PagePart[] {
  const { shapes, byId, boundsOf, board } = input
  const holding = new Set<string>()
  const unordered: Omit<PagePart, 'label'>[] = []
  const titles = new Map<string, string>()
  for (const instance of findKnownInstances(shapes)) {
    const scaffold = [...instance.shapes.values()]
    const box = union(scaffold.flatMap((s) => boundsOf(s) ?? []))
    if (!box) continue
    for (const frame of framesAround(instance.title, byId)) holding.add(frame.id)
    // What lies on the template beside it (Zettel, texts, drawings) belongs to it.
    const parent = instance.title.parentId
    const riders = shapes.filter((s) => {
      if (s.parentId !== parent || s.type === 'frame' || isScaffold(s)) return false
      const b = boundsOf(s)
      return !!b && contains(box, center(b))
    })
    const { group, duplicate } = board.groupOf(instance.title, instance.template)
    titles.set(instance.instance, plainText((instance.title.props as { richText?: unknown }).richText).trim() || names.template(instance))
    unordered.push({ key: instance.instance, kind: group === null ? 'template' : 'group', box, instance, ...(group === null ? {} : { group }), duplicate, shapes: [...scaffold, ...riders] })
  }
  const frames = shapes.filter((s) => s.type === 'frame')
  const partFrames = new Set(frames.filter((f) => !holding.has(f.id)).map((f) => f.id))
  // Each shape's frames, walked once for all frames.
  const around = frames.length > 0 ? new Map(shapes.map((s) => [s.id as string, framesAround(s, byId)])) : new Map<string, TLShape[]>()
  for (const frame of frames) {
    // The outermost frame without a template is the part; frames within it are its own.
    if (!partFrames.has(frame.id) || around.get(frame.id)!.some((outer) => partFrames.has(outer.id))) continue
    const box = boundsOf(frame)
    if (!box) continue
    const kind = board.frameKind(frame)
    unordered.push({
      key: frame.id,
      kind: kind?.kind ?? 'frame',
      box,
      ...(kind?.kind === 'group' ? { group: kind.group } : {}),
      duplicate: false,
      shapes: [frame, ...shapes.filter((s) => around.get(s.id)!.includes(frame))],
    })
  }
  let frameCount = 0
  return inReadingOrder(unordered, (part) => part.box).map((part): PagePart => {
    if (!part.instance) {
      const frame = part.shapes[0]!
      frameCount++
      return { ...part, label: frameName(frame) || part.group || names.frame(frameCount) }
    }
    const title = titles.get(part.key)!
    return { ...part, label: part.group && !title.endsWith(` · ${part.group}`) ? `${title} · ${part.group}` : title }
  })
}

/** The parts of the page that hold cells: every template, a returned group's copy once. */
export const listedParts = (parts: readonly PagePart[]) => parts.filter((part) => !part.duplicate)

/** A cell lies on its page itself, or in the frame of a group's returned copy. */
export function placedCell(shape: TLShape, pageId: string, byId: ReadonlyMap<string, TLShape>): boolean {
  return scaffoldMeta(shape)?.kind === 'cell' && (shape.parentId === pageId || byId.get(shape.parentId)?.type === 'frame')
}
