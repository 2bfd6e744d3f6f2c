/**
 * Who refers to whom in a board's doc, kept current as the doc changes: the index the board's
 * graph checks read (`shared/board/boardGraph.ts`), so that judging a deletion or a move costs
 * what the update touched, not a scan of every record of the board.
 *
 * Made for a doc the first time it is asked for (one read of every record's references), then
 * kept by the doc's own transactions: each record a transaction touched is read again. The
 * relay asks for it on its rehearsal copy (`rehearsal.ts`), which follows every update of the
 * board and is made afresh after a refusal; the index goes with the copy.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import * as Y from 'yjs'
import type { GraphNode, GraphView, References } from '../../shared/board/boardGraph.ts'
import { getRecordsMap, storedField } from '../../shared/board/records.ts'

interface Indexed extends References {
  typeName: unknown
  type: unknown
}

const indexes = new WeakMap<Y.Doc, GraphIndex>()

/** The index of `doc`, made on first use and kept current from then on. */
export function graphIndex(doc: Y.Doc): GraphView {
  let index = indexes.get(doc)
  if (!index) {
    index = new GraphIndex(doc)
    for (const id of index.ids()) index.reindex(id)
    indexes.set(doc, index)
  }
  return index
}

/** Records read per turn of the event loop when the index is prepared ahead (about 10 ms). */
const recordsPerTurn = 2_000

/**
 * Makes the index of `doc` ahead of its first use, a batch of records per turn of the event
 * loop: all at once, 15,000 notes held the relay's thread for 90 ms at the first write to a big
 * board. The doc's own transactions keep what is read current meanwhile.
 */
export async function prepareGraphIndex(doc: Y.Doc): Promise<void> {
  if (indexes.has(doc)) return
  const index = new GraphIndex(doc)
  let read = 0
  for (const id of index.ids()) {
    index.reindex(id)
    if (++read % recordsPerTurn === 0) await nextTurn()
  }
  if (indexes.has(doc)) index.detach()
  else indexes.set(doc, index)
}

class GraphIndex implements GraphView {
  private readonly records: Y.Map<unknown>
  private readonly nodes = new Map<string, Indexed>()
  private readonly referrersOf = new Map<string, Set<string>>()
  private readonly pageIds = new Set<string>()
  readonly detach: () => void

  /** Follows the doc from now on; the records it holds already are read with `reindex`. */
  constructor(doc: Y.Doc) {
    this.records = getRecordsMap(doc)
    const follow = (transaction: Y.Transaction) => {
      for (const [type, keys] of transaction.changed) {
        if ((type as unknown) === this.records) {
          for (const key of keys) if (key !== null) this.reindex(key)
        } else {
          const id = this.recordOf(type as Y.AbstractType<any>)
          if (id !== null) this.reindex(id)
        }
      }
    }
    doc.on('afterTransaction', follow)
    this.detach = () => doc.off('afterTransaction', follow)
  }

  /** The records' ids as they are now (a copy: reading them may span turns of the event loop). */
  ids(): string[] {
    return [...this.records.keys()]
  }

  referrers(id: string): Iterable<string> {
    return this.referrersOf.get(id) ?? []
  }

  *children(id: string): Iterable<string> {
    for (const referrer of this.referrers(id)) {
      const node = this.nodes.get(referrer)
      if (node?.typeName === 'shape' && node.parentId === id) yield referrer
    }
  }

  pages(): number {
    return this.pageIds.size
  }

  /** An arrow property: the checks pass it on as a lookup of its own. */
  readonly node = (id: string): GraphNode | undefined => this.nodes.get(id)

  /** The record a changed map belongs to: the record's own map, or its `props` or `meta`. */
  private recordOf(type: Y.AbstractType<any>): string | null {
    for (let current: Y.AbstractType<any> | null = type, steps = 0; current && steps < 3; steps++) {
      const item: Y.Item | null = current._item
      if (!item) return null
      if (item.parent === this.records) return item.parentSub
      current = item.parent instanceof Y.AbstractType ? (item.parent as Y.AbstractType<any>) : null
    }
    return null
  }

  reindex(id: string): void {
    const before = this.nodes.get(id)
    if (before) {
      for (const target of targets(before)) {
        const set = this.referrersOf.get(target)
        if (set?.delete(id) && set.size === 0) this.referrersOf.delete(target)
      }
    }
    const entry = this.records.get(id)
    const field = (name: string): unknown => storedField(entry, name)
    this.pageIds.delete(id)
    if (entry === undefined) {
      this.nodes.delete(id)
      return
    }
    const props = field('props')
    const assetId = props instanceof Y.Map ? props.get('assetId') : (props as Record<string, unknown> | null | undefined)?.assetId
    const node: Indexed = { id, typeName: field('typeName'), type: field('type'), parentId: field('parentId'), fromId: field('fromId'), toId: field('toId'), assetId }
    this.nodes.set(id, node)
    if (node.typeName === 'page') this.pageIds.add(id)
    for (const target of targets(node)) {
      const set = this.referrersOf.get(target)
      if (set) set.add(id)
      else this.referrersOf.set(target, new Set([id]))
    }
  }
}

function targets(node: References): Set<string> {
  const found = new Set<string>()
  for (const target of [node.parentId, node.fromId, node.toId, node.assetId]) if (typeof target === 'string') found.add(target)
  return found
}
