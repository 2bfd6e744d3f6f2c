/**
 * Where an update's items may sit (an update rule, `updateRules.ts`): every item of a map has a
 * key and sits at most `maxItemDepth` maps below its root, and text content only in a shape's rich
 * text, `tldraw/<id>/props/richText`. An item's place is found from its parent, or its
 * neighbours', in the update or in the doc.
 */
import * as Y from 'yjs'
import { recordsMapName } from '../../shared/board/ydoc.ts'
import { reject } from './updateRejection.ts'
import type { ClientRun, Id, ItemContent, Struct } from './updateStructs.ts'

/**
 * Maps above an item, from its root map: a record's field has one (the record), a key of its
 * props two. One more than the board uses, so that the declaration names what is wrong.
 */
export const maxItemDepth = 3

/**
 * Where an item sits, as far as the rules care: in a map (`path` from the root's name to the map,
 * `key` its entry there; an item placed by its neighbours has theirs), inside a shape's rich text,
 * or next to collected content, which Yjs collects too, whatever it holds.
 */
type Place = { kind: 'map'; path: readonly string[]; key: string | null } | { kind: 'text' } | { kind: 'collected' }

const collected: Place = { kind: 'collected' }

/** The one place a Y.Text may be: `tldraw/<id>/props/richText`. */
const isRichTextPlace = (place: Place) =>
  place.kind === 'map' && place.path.length === 3 && place.path[0] === recordsMapName && place.path[2] === 'props' && place.key === 'richText'

/** Where the children of a type held by an item at `holder` (holding `kind`) sit. */
function childPlace(holder: Place, kind: ItemContent['kind'], key: string | null): Place {
  if (holder.kind === 'collected') return collected
  // A text's items hold characters, never types: nothing has one of them as its parent.
  if (holder.kind === 'text') reject('content-type')
  if (kind === 'text') return { kind: 'text' }
  return { kind: 'map', path: [...holder.path, holder.key ?? ''], key }
}

/** Whether an item may hold `content` where it sits; the item's own key, if it names one. */
function checkPlace(place: Place, struct: { parent: unknown; parentSub: string | null }, kind: ItemContent['kind']): void {
  if (place.kind === 'collected') return
  if (place.kind === 'text') {
    // Characters, formats and embeds in order, none of them a map entry or a type.
    if (struct.parentSub !== null || !(kind === 'string' || kind === 'format' || kind === 'embed' || kind === 'deleted')) reject('content-type')
    return
  }
  if (struct.parent !== null && struct.parentSub === null) reject('keyless-item')
  if (place.path.length - 1 > maxItemDepth) reject('nesting')
  if (kind === 'string' || kind === 'format' || kind === 'embed') reject('content-type')
  if (kind === 'text' && !isRichTextPlace(place)) reject('content-type')
}

/**
 * Every item has a key and sits at most `maxItemDepth` maps below its root, and text content only
 * in a shape's rich text (`isRichTextPlace`), its items without keys. An item's parent is written
 * in it, or is its neighbour's (origin or right origin): walked without recursion, each struct
 * once, since one update may chain thousands of neighbours.
 */
export function checkNesting(doc: Y.Doc, runs: Map<number, ClientRun>): void {
  const places = new Map<Struct, Place>()
  const findStruct = ([client, clock]: Id): Struct | undefined => {
    const structs = runs.get(client)?.structs
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
  let rootNames: Map<Y.AbstractType<any>, string> | undefined
  const rootName = (type: Y.AbstractType<any>) => {
    if (!rootNames) {
      rootNames = new Map()
      doc.share.forEach((root, name) => rootNames!.set(root, name))
    }
    return rootNames.get(type)
  }
  /** Where an item the doc has sits: its parent types, walked up to past the bound, then down. */
  const docPlace = (item: Y.Item): Place => {
    const chain: Y.Item[] = [item]
    for (let current = item; ; ) {
      const parent = current.parent
      if (!(parent instanceof Y.AbstractType)) return collected
      if (parent._item === null) {
        const name = rootName(parent)
        if (name === undefined) return collected
        let place: Place = { kind: 'map', path: [name], key: current.parentSub }
        checkPlace(place, current, docKind(current))
        for (let i = chain.length - 2; i >= 0; i--) {
          place = childPlace(place, docKind(chain[i + 1]), chain[i].parentSub)
          checkPlace(place, chain[i], docKind(chain[i]))
        }
        return place
      }
      current = parent._item
      chain.push(current)
      if (chain.length > maxItemDepth + 2) reject('nesting')
    }
  }
  /** The place of an item placed next to, or (`holdsParent`) below, an item the doc has. */
  const besideDoc = ([client, clock]: Id, holdsParent: boolean, key: string | null): Place => {
    const structs = doc.store.clients.get(client)
    if (!structs || clock >= Y.getState(doc.store, client)) reject('missing-reference')
    const item = structs[Y.findIndexSS(structs, clock)]
    if (!(item instanceof Y.Item)) return collected
    const place = docPlace(item)
    return holdsParent ? childPlace(place, docKind(item), key) : place
  }
  let structCount = 0
  for (const run of runs.values()) structCount += run.structs.length
  for (const run of runs.values()) {
    for (const start of run.structs) {
      if (start.kind !== 'item' || places.has(start)) continue
      // Follow parents and neighbours to a place already known; then fill in the way back.
      const way: Struct[] = []
      let place: Place | undefined
      for (let struct: Struct = start; place === undefined; ) {
        // References were checked to resolve without a cycle (`integrateInOrder`); defence in depth.
        if (way.length > structCount) reject('missing-reference')
        way.push(struct)
        const reference = typeof struct.parent === 'string' ? null : (struct.parent ?? struct.origin ?? struct.rightOrigin)
        if (reference === null) {
          place = { kind: 'map', path: [String(struct.parent)], key: struct.parentSub }
          break
        }
        const next = findStruct(reference)
        const known = next && places.get(next)
        if (known !== undefined) {
          place = struct.parent !== null ? childPlace(known, next!.content.kind, struct.parentSub) : known
          break
        }
        if (next?.kind === 'item') {
          struct = next
          continue
        }
        // Next to collected content: Yjs collects the item too, whatever it holds.
        if (next) place = collected
        else place = besideDoc(reference, struct.parent !== null, struct.parentSub)
      }
      // `place` is the last struct's on the way; each before it sits beside or below the next.
      for (let i = way.length - 1; i >= 0; i--) {
        const struct = way[i]
        if (i < way.length - 1) {
          const next = way[i + 1]
          place = struct.parent !== null ? childPlace(places.get(next)!, next.content.kind, struct.parentSub) : places.get(next)!
        }
        checkPlace(place!, struct, struct.content.kind)
        places.set(struct, place!)
      }
    }
  }
}

/** What an item of the doc holds, in the terms of `ItemContent`. */
function docKind(item: Y.Item): ItemContent['kind'] {
  const { content } = item
  if (content instanceof Y.ContentType) return content.type instanceof Y.Text ? 'text' : 'map'
  if (content instanceof Y.ContentString) return 'string'
  if (content instanceof Y.ContentFormat) return 'format'
  if (content instanceof Y.ContentEmbed) return 'embed'
  if (content instanceof Y.ContentDeleted) return 'deleted'
  return 'json'
}
