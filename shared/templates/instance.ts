/**
 * Template instances on a board: building one, finding the ones already there, growing one.
 * Works on plain tldraw records, so the browser and the server share it. Each function takes the
 * catalogue of templates it may meet; `catalogue.ts` offers them bound to the registry's templates.
 */
import type { TLParentId, TLShape, TLShapeId } from '@tldraw/tlschema'
import { getIndicesBelow, type IndexKey } from '@tldraw/utils'
import { center, contains, overlaps, union, type Box } from './geometry.ts'
import { plainText } from './richText.ts'
import type { Catalogue, Instance, TemplateDefinition } from './definition.ts'
import type { Block, Layout } from './model.ts'
import type { Locale } from '../locale.ts'
import { metaKey, scaffoldMeta } from '../board/scaffoldMeta.ts'
import { blockToShape, layoutToRecords } from './records.ts'

export type { Instance } from './definition.ts'

export function templateDefinition(catalogue: Catalogue, name: string): TemplateDefinition | undefined {
  return Object.hasOwn(catalogue, name) ? catalogue[name] : undefined
}

export interface TemplatePlan<Name extends string = string> {
  name: Name
  options: unknown
  layout: Layout
}

/** Parses the options (throws zod's error on bad ones) and lays the template out from (0, 0). */
export function planTemplate<Name extends string>(catalogue: Catalogue<Name>, name: Name, rawOptions: unknown, locale: Locale): TemplatePlan<Name> {
  const definition: TemplateDefinition = catalogue[name]
  const parsed = definition.options.parse(rawOptions ?? {})
  const options = definition.prepare ? definition.prepare(parsed, locale) : parsed
  return { name, options, layout: definition.layout(options, locale) }
}

export interface PlaceOptions {
  locale: Locale
  origin: { x: number; y: number }
  parentId: TLParentId
  instance: string
  newShapeId: () => TLShapeId
  indexAbove?: IndexKey | null
}

export function buildTemplate(plan: TemplatePlan, place: PlaceOptions): TLShape[] {
  return layoutToRecords(plan.layout, { template: plan.name, options: plan.options, ...place })
}

/** Template instances on a page, found through their title shape; those of templates not in the catalogue are left out. */
export function findInstances<Name extends string>(catalogue: Catalogue<Name>, shapes: Iterable<TLShape>): Instance<Name>[] {
  const byInstance = new Map<string, TLShape[]>()
  for (const shape of shapes) {
    const meta = scaffoldMeta(shape)
    if (!meta) continue
    const list = byInstance.get(meta.instance) ?? []
    list.push(shape)
    byInstance.set(meta.instance, list)
  }
  const found: Instance<Name>[] = []
  for (const [instance, list] of byInstance) {
    const title = list.find((s) => scaffoldMeta(s)?.kind === 'title')
    const meta = title && scaffoldMeta(title)
    const definition = meta && templateDefinition(catalogue, meta.template)
    if (!title || !meta || !definition) continue
    const parsed = definition.options.safeParse(meta.options ?? {})
    if (!parsed.success) continue
    found.push({
      instance,
      template: meta.template as Name,
      definition,
      options: parsed.data,
      locale: meta.locale === 'en' ? 'en' : 'de',
      title,
      shapes: new Map(list.map((s) => [scaffoldMeta(s)!.key, s])),
    })
  }
  return found
}

export interface GrowInput {
  /** Every shape on the instance's page. */
  shapes: TLShape[]
  instance: Instance
  actionId: string
  input?: string
  boundsOf(shape: TLShape): Box | undefined
  newShapeId(): TLShapeId
}

/** The template is as big as it can get (its options would exceed their limits). */
export class GrowRefused extends Error {
  constructor(readonly actionId: string) {
    super(`${actionId}: the template is at its limit`)
  }
}

export interface GrowResult {
  create: TLShape[]
  update: TLShape[]
}

/**
 * Applies a grow action: scaffold blocks move and resize to the new layout, new blocks appear
 * beneath everything, notes move with the cell they lie in, and other shapes the grown template
 * would now cover move out of its way.
 *
 * Locked blocks go to where the new layout puts them, wherever they are now: an instance built by
 * an earlier version of the template (a column fewer, other sizes) comes out tidy in the current
 * layout. Cards move by as much as the layout moved them, so a card someone nudged keeps its offset.
 */
export function growInstance(catalogue: Catalogue, g: GrowInput): GrowResult {
  const { instance } = g
  const { definition } = instance
  const action = definition.actions.find((a) => a.id === g.actionId)
  if (!action) throw new Error(`unknown action ${g.actionId}`)
  const before = definition.layout(instance.options, instance.locale)
  const options = action.apply(instance.options, g.input)
  // Unchanged options: the template is at a limit. Options the template would refuse on the
  // next read would make the instance vanish.
  const unchanged = JSON.stringify(options) === JSON.stringify(instance.options)
  if (unchanged || !definition.options.safeParse(options).success) throw new GrowRefused(g.actionId)
  const after = definition.layout(options, instance.locale)
  const origin = { x: instance.title.x, y: instance.title.y }
  const beforeByKey = new Map(before.blocks.map((b) => [b.key, b]))

  const updates = new Map<TLShapeId, TLShape>()
  const created: Block[] = []
  const moved = new Set<TLShapeId>()
  const cellMoves: { box: Box; dx: number; dy: number }[] = []

  for (const block of after.blocks) {
    const shape = instance.shapes.get(block.key)
    const old = beforeByKey.get(block.key)
    const bounds = shape && g.boundsOf(shape)
    if (!shape || !bounds || (block.kind === 'card' && !old)) {
      if (!shape && !carriedByHeader(block, instance)) created.push(block)
      continue
    }
    // In the parent's space, as the title's origin is.
    const dx = block.kind === 'card' ? block.x - old!.x : origin.x + block.x - shape.x
    const dy = block.kind === 'card' ? block.y - old!.y : origin.y + block.y - shape.y
    const resized = !sameSize(block, bounds)
    if (dx === 0 && dy === 0 && !resized) continue
    if (bounds && (block.kind === 'cell' || block.kind === 'header')) cellMoves.push({ box: bounds, dx, dy })
    const next = { ...shape, x: shape.x + dx, y: shape.y + dy } as TLShape
    if (resized && 'w' in next.props) {
      // A text's width is multiplied by its scale on the page.
      const scale = next.type === 'text' ? (next.props as { scale: number }).scale : 1
      next.props = { ...next.props, w: block.w / scale, ...('h' in next.props ? { h: block.h } : {}) } as TLShape['props']
    }
    updates.set(shape.id, next)
    moved.add(shape.id)
  }

  const title = updates.get(instance.title.id) ?? instance.title
  const titleMeta = { ...scaffoldMeta(title)!, options }
  updates.set(title.id, { ...title, meta: { ...title.meta, [metaKey]: titleMeta } } as unknown as TLShape)

  const pageShapes = g.shapes.filter((s) => s.parentId === instance.title.parentId)
  const scaffoldIds = new Set([...instance.shapes.values()].map((s) => s.id))
  // Other templates on the page, each with the notes lying in it, are moved only as a whole.
  const neighbours = neighbourUnits(catalogue, pageShapes, instance, g.boundsOf)
  const inNeighbour = new Set(neighbours.flatMap((unit) => unit.members.map((s) => s.id)))
  const free = pageShapes.filter((s) => !scaffoldIds.has(s.id) && !inNeighbour.has(s.id))

  // Notes ride along with the cell they lie in.
  for (const shape of free) {
    const bounds = g.boundsOf(shape)
    if (!bounds) continue
    const move = cellMoves.find((m) => contains(m.box, center(bounds)))
    if (!move) continue
    updates.set(shape.id, { ...shape, x: shape.x + move.dx, y: shape.y + move.dy } as TLShape)
    moved.add(shape.id)
  }

  // What lies below the template (in its width) moves down by as much as it grew down, what lies
  // beside it (in its height) right by as much as it grew right: all by the same amount, so that
  // neighbouring templates keep their own layout and their distance to each other. The box it had
  // is the one its shapes cover now.
  const oldBox = union([...instance.shapes.values()].flatMap((s) => g.boundsOf(s) ?? [])) ?? boxOf(before, origin)
  const newBox = boxOf(after, origin)
  const growRight = Math.max(0, newBox.x + newBox.w - (oldBox.x + oldBox.w))
  const growDown = Math.max(0, newBox.y + newBox.h - (oldBox.y + oldBox.h))
  const units = [
    ...neighbours,
    ...free.filter((s) => !moved.has(s.id)).map((shape) => ({ members: [shape], box: g.boundsOf(shape) })),
  ]
  for (const { members, box } of units) {
    if (!box || overlaps(box, oldBox)) continue
    const below = box.y >= oldBox.y + oldBox.h && box.x < newBox.x + newBox.w && box.x + box.w > newBox.x
    const beside = box.x >= oldBox.x + oldBox.w && box.y < newBox.y + newBox.h && box.y + box.h > newBox.y
    const dx = beside ? growRight : 0
    const dy = below ? growDown : 0
    if (dx === 0 && dy === 0) continue
    for (const shape of members) {
      updates.set(shape.id, { ...shape, x: shape.x + dx, y: shape.y + dy } as TLShape)
      moved.add(shape.id)
    }
  }

  // A note parked in the template's own gaps (under a shorter column) that a new or grown block
  // would now cover moves just below that block.
  const grownBoxes = after.blocks
    .map((block) => ({ block, box: { x: origin.x + block.x, y: origin.y + block.y, w: block.w, h: block.h } }))
    .filter(({ block, box }) => {
      const shape = instance.shapes.get(block.key)
      const now = shape && g.boundsOf(shape)
      return !now || now.x !== box.x || now.y !== box.y || !sameSize(block, now)
    })
    .map(({ box }) => box)
  // A note whose centre lies in one of the template's cells belongs there, however far it reaches over the cell's edge.
  const cellBoxes = [...instance.shapes.values()].filter((s) => scaffoldMeta(s)?.kind === 'cell').flatMap((s) => g.boundsOf(s) ?? [])
  for (const shape of free) {
    if (moved.has(shape.id)) continue
    const b = g.boundsOf(shape)
    if (b && cellBoxes.some((box) => contains(box, center(b)))) continue
    const covering = b && grownBoxes.filter((box) => overlaps(b, box))
    if (!b || !covering || covering.length === 0) continue
    const dy = Math.max(...covering.map((box) => box.y + box.h)) + 40 - b.y
    updates.set(shape.id, { ...shape, y: shape.y + dy } as TLShape)
  }

  const lowest = pageShapes.map((s) => s.index).sort()[0] ?? null
  const indices = getIndicesBelow(lowest, created.length)
  const ctx = {
    template: instance.template,
    instance: instance.instance,
    options,
    locale: instance.locale,
    origin,
    parentId: instance.title.parentId,
    newShapeId: g.newShapeId,
  }
  const create = created.map((block, i) => blockToShape(block, ctx, indices[i]))
  return { create, update: [...updates.values()] }
}

/** Whether a shape already has its block's size; a text's height follows its words, not the layout. */
function sameSize(block: Block, bounds: Box): boolean {
  const text = block.kind === 'title' || block.kind === 'prompt'
  return Math.abs(block.w - bounds.w) < 0.01 && (text || Math.abs(block.h - bounds.h) < 0.01)
}

/**
 * Boards made before prompts moved out of their headers: the header still carries the prompt
 * beneath its title, so writing it again beside would double it.
 */
function carriedByHeader(block: Block, instance: Instance): boolean {
  if (block.kind !== 'prompt' || !block.on) return false
  const header = instance.shapes.get(block.on)
  return !!header && plainText((header.props as { richText?: unknown }).richText).includes(block.text)
}

/** Every other template on the page with the shapes whose centre lies in it, and its box. */
function neighbourUnits(catalogue: Catalogue, pageShapes: TLShape[], grown: Instance, boundsOf: (shape: TLShape) => Box | undefined) {
  const others = findInstances(catalogue, pageShapes).filter((other) => other.instance !== grown.instance)
  const claimed = new Set<string>([...grown.shapes.values()].map((s) => s.id))
  for (const other of others) for (const shape of other.shapes.values()) claimed.add(shape.id)
  return others.map((other) => {
    const scaffold = [...other.shapes.values()]
    const area = union(scaffold.flatMap((s) => boundsOf(s) ?? []))
    const riders = area
      ? pageShapes.filter((s) => {
          if (claimed.has(s.id)) return false
          const b = boundsOf(s)
          return !!b && contains(area, center(b))
        })
      : []
    for (const rider of riders) claimed.add(rider.id)
    const members = [...scaffold, ...riders]
    return { members, box: union(members.flatMap((s) => boundsOf(s) ?? [])) }
  })
}

const boxOf = (layout: Layout, origin: { x: number; y: number }): Box =>
  union(layout.blocks.map((b) => ({ x: origin.x + b.x, y: origin.y + b.y, w: b.w, h: b.h }))) ?? {
    ...origin,
    w: layout.w,
    h: layout.h,
  }
