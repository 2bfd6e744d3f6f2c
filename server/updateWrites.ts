/**
 * What an update would write, as paths in the board document: `['tldraw', 'shape:a', 'x']` set
 * to 120, `['facilitation', 'timer']` deleted. Read from the parsed update and the doc without
 * applying anything, so that the board declaration can judge an update before it enters the
 * board (Yjs cannot take an update back).
 *
 * Paths follow Yjs' own rules for where an item lands: its parent and key are written in the
 * item, or taken from its left or right neighbour (for a map: the previous value of the same
 * key). An item whose neighbour was garbage-collected, or whose parent is no longer a map, is
 * dropped by Yjs; it writes nothing here either.
 */
import * as Y from 'yjs'
import type { Write, WrittenValue } from '../shared/boardDeclaration.ts'
import type { Id, ParsedUpdate, Struct } from './updateRules.ts'

type Place = { parentPath: readonly string[]; key: string } | null

export function updateWrites(doc: Y.Doc, parsed: ParsedUpdate): Write[] {
  const places = new Map<Struct, Place>()
  const rootNames = new Map<Y.AbstractType<any>, string>()
  doc.share.forEach((type, name) => rootNames.set(type, name))

  // A run's structs are contiguous in clock order: binary search, since every item of a large
  // update looks up its neighbour (a linear scan made a 1 MB template insert take seconds).
  const findStruct = ([client, clock]: Id): Struct | undefined => {
    const structs = parsed.runs.get(client)?.structs
    if (!structs) return undefined
    let [low, high] = [0, structs.length - 1]
    while (low <= high) {
      const mid = (low + high) >> 1
      const struct = structs[mid]
      if (clock < struct.clock) high = mid - 1
      else if (clock >= struct.clock + struct.length) low = mid + 1
      else return struct
    }
    return undefined
  }
  const docItem = ([client, clock]: Id): Y.Item | null => {
    const structs = doc.store.clients.get(client)
    if (!structs || clock >= Y.getState(doc.store, client)) return null
    const struct = structs[Y.findIndexSS(structs, clock)]
    return struct instanceof Y.Item ? struct : null
  }
  const typePath = (type: Y.AbstractType<any>): readonly string[] | null => {
    const path: string[] = []
    for (let current: Y.AbstractType<any> | null = type; current; ) {
      const item: Y.Item | null = current._item
      if (!item) {
        const name = rootNames.get(current)
        return name === undefined ? null : [name, ...path]
      }
      if (item.parentSub === null || !(item.parent instanceof Y.AbstractType)) return null
      path.unshift(item.parentSub)
      current = item.parent
    }
    return null
  }
  const itemPlace = (item: Y.Item): Place => {
    if (item.parentSub === null || !(item.parent instanceof Y.AbstractType)) return null
    const parentPath = typePath(item.parent)
    return parentPath ? { parentPath, key: item.parentSub } : null
  }
  /** The path of the map an item id holds: in this update, or in the doc. */
  const mapPath = (id: Id): readonly string[] | null => {
    const struct = findStruct(id)
    if (struct) {
      const place = placeOf(struct)
      return struct.content.kind === 'map' && place ? [...place.parentPath, place.key] : null
    }
    const item = docItem(id)
    return item && item.content instanceof Y.ContentType ? typePath(item.content.type) : null
  }
  // Iterative: one key set many times in one update makes a long chain of left neighbours.
  const placeOf = (start: Struct): Place => {
    const chain: Struct[] = []
    let place: Place | undefined
    for (let struct: Struct | undefined = start; struct && place === undefined; ) {
      if (places.has(struct)) {
        place = places.get(struct)!
        break
      }
      chain.push(struct)
      if (struct.parent !== null) {
        const parentPath = typeof struct.parent === 'string' ? [struct.parent] : mapPath(struct.parent)
        place = parentPath && struct.parentSub !== null ? { parentPath, key: struct.parentSub } : null
        break
      }
      const neighbour = struct.origin ?? struct.rightOrigin
      if (!neighbour) {
        place = null
        break
      }
      const next = findStruct(neighbour)
      if (next) {
        if (next.kind !== 'item') place = null
        struct = next
        continue
      }
      const item = docItem(neighbour)
      place = item ? itemPlace(item) : null
    }
    for (const struct of chain) places.set(struct, place ?? null)
    return place ?? null
  }

  const sets = new Map<string, Write>()
  for (const run of parsed.runs.values()) {
    for (const struct of run.structs) {
      if (struct.kind !== 'item') continue
      const place = placeOf(struct)
      if (!place) continue
      const path = [...place.parentPath, place.key]
      const { content } = struct
      // A map holds the last of an item's values.
      const value: WrittenValue =
        content.kind === 'json' ? { kind: 'json', value: content.values.at(-1) } : content
      sets.set(path.join('\u0000'), { path, value })
    }
  }
  const writes = [...sets.values()]
  const deleted = new Set<string>()
  for (const { client, clock, len } of parsed.deletions) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    const end = Math.min(clock + len, Y.getState(doc.store, client))
    for (let i = clock < end ? Y.findIndexSS(structs, clock) : structs.length; i < structs.length; i++) {
      const struct = structs[i]
      if (struct.id.clock >= end) break
      if (!(struct instanceof Y.Item) || struct.deleted) continue
      const place = itemPlace(struct)
      // The current value of its key: a later one in this update replaces rather than deletes it.
      if (!place || struct.right !== null) continue
      const key = [...place.parentPath, place.key].join('\u0000')
      if (sets.has(key) || deleted.has(key)) continue
      deleted.add(key)
      writes.push({ path: [...place.parentPath, place.key], value: null })
    }
  }
  return writes
}
