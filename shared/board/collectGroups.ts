/**
 * "Zurückholen": planning the copy of every group's page into the plenary, side by side, each in
 * a frame named after its group. Pure: it takes the records as tldraw stores them and returns
 * the records to put, so the browser only reads the pages and writes the plan in one step.
 *
 * - every shape of a group's page is copied (template, cells, Zettel, arrows), with a new id;
 *   its parent is the copied parent, or the group's frame for the page's top-level shapes, which
 *   keep where they lay relative to each other;
 * - bindings (an arrow's ends) are copied when both their shapes are, with the new ids;
 * - a template's copy gets its own instance id (`scaffoldMeta.ts`), so the plenary never holds
 *   two shapes that claim to be the same template as a group's page;
 * - the frame names the page it copies (`collectedFromKey`), so documents show each result once;
 * - the group's name heads its frame in large letters (the frame's own label is small on a
 *   projector), above the copy;
 * - the groups' records are only read: nothing in a group changes.
 *
 * Bounded: a board whose groups hold more than `maxCollectedShapes` shapes together is not
 * collected at all (`tooMany`), rather than filling the plenary half-way.
 */
import { toRichText } from './textRichText.ts'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import { metaKey } from './scaffoldMeta.ts'

/**
 * Together, over all groups: a busy group page holds a few hundred, a template a hundred or two.
 * The copy goes to the relay as one update; at about 1 KB a shape this keeps it at some 5 MB,
 * well inside a message and a board's bytes per second (`server/ops/config.ts`).
 */
export const maxCollectedShapes = 5_000

/** A shape record, as far as the plan reads it; every other field is copied as it is. */
export interface ShapeRecord {
  id: string
  typeName: 'shape'
  parentId: string
  x: number
  y: number
  meta: Record<string, unknown>
  [field: string]: unknown
}

export interface BindingRecord {
  id: string
  typeName: 'binding'
  fromId: string
  toId: string
  [field: string]: unknown
}

export interface Box {
  x: number
  y: number
  w: number
  h: number
}

export interface GroupPage {
  name: string
  pageId: string
  /** Every shape on the group's page (descendants too), in any order. */
  shapes: readonly ShapeRecord[]
  /** Bindings among them (others are left out anyway). */
  bindings: readonly BindingRecord[]
  /** Page bounds of the page's content; null for an empty page. */
  bounds: Box | null
}

export interface CollectTarget {
  plenaryPageId: string
  /** Where the first frame's top-left corner goes (e.g. right of what the plenary holds). */
  origin: { x: number; y: number }
  /** One fractional index per group, above what the plenary holds (tldraw's `getIndicesAbove`). */
  frameIndices: readonly string[]
  newShapeId(): string
  newBindingId(): string
  newInstance(): string
}

export type CollectPlan =
  | { kind: 'plan'; frames: ShapeRecord[]; headings: ShapeRecord[]; shapes: ShapeRecord[]; bindings: BindingRecord[] }
  | { kind: 'tooMany'; count: number }

/** The frame meta key naming the group page a collected frame holds the copy of (`results/boardParts.ts`). */
export const collectedFromKey = 'collectedFrom'

/** Room inside a frame around the group's content, and between frames. */
export const framePadding = 80
export const frameGap = 160
/** A heading's line at scale 1 (tldraw's xl text). */
const headingLineHeight = 60
/** The size of an empty group's frame. */
const emptyFrame = { w: 800, h: 500 }

export function planCollect(groups: readonly GroupPage[], target: CollectTarget): CollectPlan {
  const count = groups.reduce((n, g) => n + g.shapes.length, 0)
  if (count > maxCollectedShapes) return { kind: 'tooMany', count }
  if (target.frameIndices.length < groups.length) throw new RangeError('one frame index per group')

  const frames: ShapeRecord[] = []
  const headings: ShapeRecord[] = []
  const shapes: ShapeRecord[] = []
  const bindings: BindingRecord[] = []
  let x = target.origin.x
  groups.forEach((group, i) => {
    const bounds = group.bounds ?? { x: 0, y: 0, ...emptyFrame }
    // Readable beside the content: a wide group page gets a larger heading.
    const scale = Math.min(8, Math.max(1, bounds.w / 1000))
    const headingHeight = headingLineHeight * scale
    const top = framePadding + headingHeight + framePadding / 2
    const frame: ShapeRecord = {
      id: target.newShapeId(),
      typeName: 'shape',
      type: 'frame',
      parentId: target.plenaryPageId,
      index: target.frameIndices[i],
      x,
      y: target.origin.y,
      rotation: 0,
      isLocked: false,
      opacity: 1,
      props: { w: bounds.w + 2 * framePadding, h: bounds.h + top + framePadding, name: group.name, color: 'black' },
      // Which page it holds the copy of: the Dokumentation shows the group's result once, named.
      meta: { [collectedFromKey]: group.pageId },
    }
    frames.push(frame)
    headings.push({
      id: target.newShapeId(),
      typeName: 'shape',
      type: 'text',
      parentId: frame.id,
      // Above the group's shapes, which keep their own indices in the frame.
      index: getIndexAbove(topIndex(group) as IndexKey | null),
      x: framePadding,
      y: framePadding,
      rotation: 0,
      isLocked: false,
      opacity: 1,
      props: { color: 'black', size: 'xl', font: 'sans', textAlign: 'start', w: bounds.w / scale, richText: toRichText(group.name), scale, autoSize: false },
      meta: {},
    })
    x += bounds.w + 2 * framePadding + frameGap

    const ids = new Map<string, string>()
    for (const shape of group.shapes) ids.set(shape.id, target.newShapeId())
    const instances = new Map<string, string>()
    for (const shape of group.shapes) {
      const onPage = shape.parentId === group.pageId
      // A shape whose parent is neither the page nor on it (a broken board) hangs in the frame.
      const parent = onPage ? frame.id : (ids.get(shape.parentId) ?? frame.id)
      const moved = onPage || !ids.has(shape.parentId)
      shapes.push({
        ...shape,
        id: ids.get(shape.id)!,
        parentId: parent,
        x: moved ? shape.x - bounds.x + framePadding : shape.x,
        y: moved ? shape.y - bounds.y + top : shape.y,
        meta: withNewInstance(shape.meta, instances, target.newInstance),
      })
    }
    for (const binding of group.bindings) {
      const from = ids.get(binding.fromId)
      const to = ids.get(binding.toId)
      if (from && to) bindings.push({ ...binding, id: target.newBindingId(), fromId: from, toId: to })
    }
  })
  return { kind: 'plan', frames, headings, shapes, bindings }
}

/** The highest index among a page's top-level shapes (fractional indices sort as strings). */
function topIndex(group: GroupPage): string | null {
  let top: string | null = null
  for (const shape of group.shapes) {
    const index = shape.index
    if (shape.parentId === group.pageId && typeof index === 'string' && (top === null || index > top)) top = index
  }
  return top
}

/** The meta with the template's instance id replaced by the copy's own (the same for one instance). */
function withNewInstance(meta: Record<string, unknown>, instances: Map<string, string>, newInstance: () => string): Record<string, unknown> {
  const scaffold = meta[metaKey]
  if (typeof scaffold !== 'object' || scaffold === null || Array.isArray(scaffold)) return meta
  const instance = (scaffold as { instance?: unknown }).instance
  if (typeof instance !== 'string') return meta
  let copy = instances.get(instance)
  if (!copy) {
    copy = newInstance()
    instances.set(instance, copy)
  }
  return { ...meta, [metaKey]: { ...scaffold, instance: copy } }
}
