/**
 * Records of the board's doc that the store does not hold, because tldraw cannot show them
 * without hanging or failing: shapes whose parent chain does not reach a page
 * (`shared/board/shapeTree.ts`), bindings from or to such a shape, and bindings tldraw cannot
 * draw (an arrow bound to itself or to another arrow): the board opens in a safe mode without them. They stay in the doc untouched (nothing a participant wrote
 * is lost; the facilitator repairs the board from a version) and are kept here, in their latest
 * form, so that a change that repairs them brings them into the store.
 */
import type { TLRecord, TLStore } from 'tldraw'
import { isShown, reachesPage, shapeAnchor, type TreeRecord } from '../../shared/board/shapeTree.ts'

/** How many records of the doc the store leaves out, by kind. */
export interface LeftOutCount {
  shapes: number
  bindings: number
}

export class LeftOutRecords {
  private readonly records = new Map<string, TLRecord>()

  /** `onChange` hears how many shapes and bindings are left out, whenever that set changes. */
  constructor(private readonly onChange: (leftOut: LeftOutCount) => void = () => {}) {}

  get(id: string): TLRecord | undefined {
    return this.records.get(id)
  }

  has(id: string): boolean {
    return this.records.has(id)
  }

  ids(): string[] {
    return [...this.records.keys()]
  }

  values(): IterableIterator<TLRecord> {
    return this.records.values()
  }

  /** Takes `add` in (or their newer form) and lets `drop` go. */
  update(add: Iterable<TLRecord>, drop: Iterable<string> = []): void {
    let changed = false
    for (const id of drop) changed = this.records.delete(id) || changed
    for (const record of add) {
      changed ||= !this.records.has(record.id)
      this.records.set(record.id, record)
    }
    if (!changed) return
    const count = { shapes: 0, bindings: 0 }
    for (const record of this.records.values()) {
      if (record.typeName === 'shape') count.shapes++
      else if (record.typeName === 'binding') count.bindings++
    }
    this.onChange(count)
  }
}

/**
 * Which of `candidates` the store may hold once `changed` (records about to be put) and `gone`
 * (ids about to leave) are applied to what the store and `leftOut` hold. Pages come from the
 * store or `changed`; a left-out shape is no page's descendant.
 */
export function shownAfter(
  store: TLStore,
  leftOut: LeftOutRecords,
  changed: ReadonlyMap<string, TLRecord>,
  gone: ReadonlySet<string>,
  candidates: Iterable<TLRecord>,
): Map<string, boolean> {
  const lookup = (id: string): TreeRecord | undefined =>
    changed.get(id) ?? (gone.has(id) ? undefined : (store.get(id as TLRecord['id']) ?? leftOut.get(id)))
  const verdicts = new Map<string, boolean>()
  const all = [...candidates]
  for (const record of all) {
    if (record.typeName === 'shape') verdicts.set(record.id, reachesPage(shapeAnchor(record, lookup)))
  }
  // A shape that is not a candidate keeps its place: in the store it is shown, else not.
  const shapeShown = (id: string) =>
    verdicts.get(id) ?? (!gone.has(id) && (changed.has(id) || store.has(id as TLRecord['id'])) && !leftOut.has(id))
  for (const record of all) if (record.typeName !== 'shape') verdicts.set(record.id, isShown(record, shapeShown, lookup as (id: string) => { type?: unknown } | undefined))
  return verdicts
}
