/**
 * Reading a drawn service chain from plain tldraw records: which lane a shape lies in, which
 * arrows connect what, and the order of the steps from a start card along the arrows.
 * Holds no wording; the Dienstleistungskette template names things.
 */
import type { TLArrowBinding, TLShape } from '@tldraw/tlschema'
import { center, contains, type Box, type Point } from './geometry.ts'
import type { Instance } from './definition.ts'
import type { CellRef } from '../board/scaffoldMeta.ts'
import { pageOf, scaffoldMeta } from '../board/scaffoldMeta.ts'
import { writtenAt } from './writtenAt.ts'

/** What reading a chain needs; an `InstanceView` (export) fits, and so does the editor's data. */
export interface ChainSource {
  instance: Instance
  /** Shapes by id: every shape of the board, or at least of the instance's page. */
  shapes: ReadonlyMap<string, TLShape>
  bindings: readonly TLArrowBinding[]
  boundsOf(shape: TLShape): Box | undefined
}

export interface Lane {
  row: string
  organisation: string
  box: Box
}

/** An arrow reduced to what it connects, start terminal → end terminal. */
export interface Link {
  from: string
  to: string
  arrow: string
}

/** The steps reached from the start card, in reading order. */
export interface Chain {
  /** Start card first, end card last (when reached); each shape once. */
  steps: TLShape[]
  /** Which steps lead into a step (loops included), by shape id. */
  before: Map<string, string[]>
  /** Every arrow between reached steps, in step order; parallel arrows count once. */
  links: Array<Pick<Link, 'from' | 'to'>>
  endReached: boolean
}

export const laneSection = (variant: string) => `lanes-${variant}`

const cellRefOf = (shape: TLShape): CellRef | undefined => scaffoldMeta(shape)?.cell

/** The lanes of one variant's chain, as they lie on the page now. */
export function lanesOf(source: ChainSource, variant: string): Lane[] {
  const section = laneSection(variant)
  const lanes: Lane[] = []
  for (const shape of source.instance.shapes.values()) {
    const ref = cellRefOf(shape)
    const box = ref?.section === section ? source.boundsOf(shape) : undefined
    if (ref && box) lanes.push({ row: ref.row ?? '', organisation: ref.rowLabel ?? '', box })
  }
  return lanes.sort((a, b) => a.box.y - b.box.y)
}

/** The lane a shape was written in (`writtenAt`), as the export files it; a shape that straddles two lanes belongs to one. */
export function laneOf(lanes: readonly Lane[], shape: TLShape, boundsOf: ChainSource['boundsOf']): Lane | undefined {
  const box = boundsOf(shape)
  if (!box) return undefined
  const point = writtenAt(shape, box)
  return lanes.find((lane) => contains(lane.box, point))
}

/**
 * Arrows bound at both ends to shapes on the instance's page. Arrows with a loose end say
 * nothing about the order and are left out.
 */
export function linksOf(source: ChainSource): Link[] {
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const binding of source.bindings) {
    if (binding.type !== 'arrow') continue
    const entry = ends.get(binding.fromId) ?? {}
    entry[binding.props.terminal] = binding.toId
    ends.set(binding.fromId, entry)
  }
  const page = source.instance.title.parentId
  const onPage = (id: string) => {
    const shape = source.shapes.get(id)
    return !!shape && pageOf(shape, source.shapes) === page
  }
  const links: Link[] = []
  for (const [arrow, { start, end }] of ends) {
    if (start && end && onPage(start) && onPage(end)) links.push({ from: start, to: end, arrow })
  }
  return links
}

/** Centre of a shape on the page, for ordering left to right, then top to bottom. */
export function positionOf(source: Pick<ChainSource, 'boundsOf'>, shape: TLShape): Point {
  const box = source.boundsOf(shape)
  return box ? center(box) : { x: shape.x, y: shape.y }
}

const byPosition = (a: Point, b: Point) => a.x - b.x || a.y - b.y

/**
 * Follows the arrows from the start card. Arrows leaving the end card are not followed.
 * Branches and joins come out in an order that respects the arrows and otherwise reads left to
 * right (a topological order, picking the leftmost ready step); an arrow back to an earlier step
 * closes a loop and is kept in `before`, but does not decide the order.
 */
export function readChain(source: ChainSource, startKey: string, endKey: string): Chain {
  const start = source.instance.shapes.get(startKey)
  const endId: string | undefined = source.instance.shapes.get(endKey)?.id
  if (!start) return { steps: [], before: new Map(), links: [], endReached: false }

  const scaffold = new Map([...source.instance.shapes.values()].map((s) => [s.id as string, s]))
  const shapeOf = (id: string) => source.shapes.get(id) ?? scaffold.get(id)
  const position = new Map<string, Point>()
  const pos = (id: string) => {
    let p = position.get(id)
    if (!p) {
      const shape = shapeOf(id)
      p = shape ? positionOf(source, shape) : { x: 0, y: 0 }
      position.set(id, p)
    }
    return p
  }
  const next = new Map<string, string[]>()
  for (const link of linksOf(source)) {
    const list = next.get(link.from) ?? []
    if (!list.includes(link.to)) list.push(link.to)
    next.set(link.from, list)
  }
  for (const list of next.values()) list.sort((a, b) => byPosition(pos(a), pos(b)))

  // Depth-first from the start: what is reached, and which arrows point back into the path.
  const state = new Map<string, 'open' | 'done'>()
  const back = new Set<string>()
  const edge = (from: string, to: string) => `${from}\u0000${to}`
  const stack: { id: string; i: number }[] = [{ id: start.id, i: 0 }]
  state.set(start.id, 'open')
  while (stack.length > 0) {
    const top = stack[stack.length - 1]
    const targets = top.id === endId ? [] : (next.get(top.id) ?? [])
    if (top.i >= targets.length) {
      state.set(top.id, 'done')
      stack.pop()
      continue
    }
    const target = targets[top.i++]
    const seen = state.get(target)
    if (seen === 'open') back.add(edge(top.id, target))
    else if (!seen) {
      state.set(target, 'open')
      stack.push({ id: target, i: 0 })
    }
  }

  const reached = [...state.keys()]
  const outOf = (id: string) => (id === endId ? [] : (next.get(id) ?? []))
  const waiting = new Map<string, number>(reached.map((id) => [id, 0]))
  const before = new Map<string, string[]>(reached.map((id) => [id, []]))
  for (const from of reached) {
    for (const to of outOf(from)) {
      before.get(to)!.push(from)
      if (!back.has(edge(from, to))) waiting.set(to, waiting.get(to)! + 1)
    }
  }

  // Topological order; the end card waits until everything else is placed.
  const order: string[] = []
  const ready: string[] = [start.id]
  while (ready.length > 0) {
    ready.sort((a, b) => byPosition(pos(a), pos(b)))
    const id = ready.shift()!
    order.push(id)
    for (const to of outOf(id)) {
      if (back.has(edge(id, to))) continue
      const left = waiting.get(to)! - 1
      waiting.set(to, left)
      if (left === 0 && to !== endId) ready.push(to)
    }
  }
  const endReached = endId !== undefined && state.has(endId)
  if (endReached) order.push(endId)

  const rank = new Map(order.map((id, i) => [id, i]))
  for (const list of before.values()) list.sort((a, b) => rank.get(a)! - rank.get(b)!)
  const links = order.flatMap((from) => outOf(from).map((to) => ({ from, to })))
  links.sort((a, b) => rank.get(a.from)! - rank.get(b.from)! || rank.get(a.to)! - rank.get(b.to)!)
  return {
    steps: order.map(shapeOf).filter((s): s is TLShape => s !== undefined),
    before,
    links,
    endReached,
  }
}
