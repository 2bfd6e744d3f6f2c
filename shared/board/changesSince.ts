/**
 * What changed on a board since a browser last saw it, read from the document's own history:
 * every Yjs item carries the id (client, clock) of the write that made it, and a snapshot
 * (state vector + delete set) says which items one had seen. Nothing about people is kept or
 * read: the snapshot is the only memory, and it stays in the browser (`client/board/sinceLastVisit`).
 *
 * A shape is new when no item of its entry was seen; changed when any item of its record
 * (the entry, a field, a key of `props` or `meta`, a character or format inside its text) was
 * not, or a character of its text that was seen is gone; deleted when an entry that was seen
 * is gone. (A deletion in a text carries no author: this browser's own deletions count too,
 * as they only happen while it looks.) Comments are written whole, so a comment is new when its entry had no earlier value
 * that was seen, and changed (edited, resolved) otherwise.
 *
 * A document that is not a successor of the seen one (restored from a backup, stored updates
 * skipped, replaced) or that was upgraded from format 1 since (every record rewritten) says
 * nothing rather than everything: `comparable: false`. The upgrade from format 2 only turns each
 * text into a `Y.Text` reading the same: no change, and what is typed into it since is one.
 */
import * as Y from 'yjs'
import { commentsMapName, readComments } from './comments.ts'
import { formatVersionKey, metaMapName, recordsMapName } from './ydoc.ts'

export interface ShapeChange {
  id: string
  kind: 'new' | 'changed'
  /** A note (Zettel); the others are frames, cards, arrows, drawings, template parts. */
  note: boolean
  /** Its place changed: position, rotation or the frame/cell it lies in. */
  moved: boolean
  /** Its text changed. */
  text: boolean
}

export interface CommentChange {
  id: string
  kind: 'new' | 'changed'
}

export type Changes =
  | { comparable: true; shapes: ShapeChange[]; deletedShapes: number; comments: CommentChange[] }
  | { comparable: false; reason: 'not-a-successor' | 'upgraded' }

/** Fields whose change puts a shape elsewhere. */
const placeFields: ReadonlySet<string> = new Set(['x', 'y', 'rotation', 'parentId'])
const textKeys: ReadonlySet<string> = new Set(['richText', 'text'])

/** What this browser has seen now, for the next comparison (Yjs' snapshot encoding). */
export function seenNow(doc: Y.Doc): Uint8Array {
  return Y.encodeSnapshot(Y.snapshot(doc))
}

/**
 * The changes since `seen` (from `seenNow`); `ignoreClient` is this page's own writes,
 * `ignoreClients` those of this browser's other pages of the board (its other tabs, earlier visits).
 */
export function changesSince(doc: Y.Doc, seen: Uint8Array, options: { ignoreClient?: number; ignoreClients?: ReadonlySet<number> } = {}): Changes {
  let snapshot: Y.Snapshot
  try {
    snapshot = Y.decodeSnapshot(seen)
  } catch {
    return { comparable: false, reason: 'not-a-successor' }
  }
  // State vectors only grow; a clock the doc no longer reaches means it is another document.
  for (const [client, clock] of snapshot.sv) {
    if (Y.getState(doc.store, client) < clock) return { comparable: false, reason: 'not-a-successor' }
  }
  const wasSeen = (item: Y.Item) => isVisibleIn(item, snapshot)
  const mine = (item: Y.Item) => item.id.client === options.ignoreClient || options.ignoreClients?.has(item.id.client) === true
  const isNew = (item: Y.Item) => !wasSeen(item) && !mine(item)
  /** Seen, or written by this browser: what someone else did to it since is a change, not something new. */
  const known = (item: Y.Item) => wasSeen(item) || mine(item)

  // The relay's upgrade stamps the format in the transaction that rewrote what it upgraded.
  const stamp = entries(doc.getMap<unknown>(metaMapName)).get(formatVersionKey)
  const upgrader = stamp && !stamp.deleted && !wasSeen(stamp) ? stamp.id.client : undefined
  /** A text the upgrade from format 2 made of a value that was seen: its own characters are no change. */
  const upgradedText = (item: Y.Item) => item.id.client === upgrader && item.left !== null && known(item.left)

  const records = doc.getMap<unknown>(recordsMapName)
  const shapes: ShapeChange[] = []
  let deletedShapes = 0
  const rewrittenBy = new Set<number>()
  for (const [id, item] of entries(records)) {
    if (!id.startsWith('shape:')) continue
    const seenBefore = chain(item).some(known)
    if (item.deleted) {
      if (seenBefore) deletedShapes++
      continue
    }
    const value = item.content.getContent()[0]
    if (!(value instanceof Y.Map)) continue
    const note = value.get('type') === 'note'
    if (!seenBefore) {
      if (isNew(item)) shapes.push({ id, kind: 'new', note, moved: false, text: false })
      continue
    }
    if (isNew(item)) {
      // Set whole again although it was seen: a format upgrade (or a restore) wrote it anew.
      rewrittenBy.add(item.id.client)
      shapes.push({ id, kind: 'changed', note, moved: true, text: true })
      continue
    }
    let moved = false
    let text = false
    let other = false
    for (const [field, fieldItem] of entries(value)) {
      if (fieldItem.deleted) continue
      const nested = fieldItem.content.getContent()[0]
      if (nested instanceof Y.Map && !isNew(fieldItem)) {
        for (const [key, keyItem] of entries(nested)) {
          if (keyItem.deleted) continue
          const keyValue = keyItem.content.getContent()[0]
          if (field === 'props' && keyValue instanceof Y.Text && (known(keyItem) || upgradedText(keyItem))) {
            if (textChanged(keyValue, known(keyItem) ? isNew : (item) => isNew(item) && item.id.client !== upgrader, wasSeen, !known(keyItem))) text = true
            continue
          }
          if (!isNew(keyItem)) continue
          if (field === 'props' && textKeys.has(key)) text = true
          else other = true
        }
      } else if (isNew(fieldItem)) {
        if (placeFields.has(field)) moved = true
        else other = true
      }
    }
    if (moved || text || other) shapes.push({ id, kind: 'changed', note, moved, text })
  }

  // The upgrade from format 1 rewrote every record.
  if (upgrader !== undefined && rewrittenBy.has(upgrader)) {
    return { comparable: false, reason: 'upgraded' }
  }

  const valid = readComments(doc)
  const comments: CommentChange[] = []
  for (const [id, item] of entries(doc.getMap<unknown>(commentsMapName))) {
    if (item.deleted || !valid.has(id) || !isNew(item)) continue
    comments.push({ id, kind: chain(item).some(known) ? 'changed' : 'new' })
  }
  return { comparable: true, shapes, deletedShapes, comments }
}

/**
 * Whether a text holds a character or format someone else wrote since (`isNew`), or lost one that
 * was seen; for a text the upgrade made (`upgraded`), whether it lost any: all it held was seen, as JSON.
 */
function textChanged(text: Y.Text, isNew: (item: Y.Item) => boolean, wasSeen: (item: Y.Item) => boolean, upgraded: boolean): boolean {
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted ? upgraded || wasSeen(item) : isNew(item)) return true
  }
  return false
}

/** Whether the item existed and was not deleted when the snapshot was taken. */
function isVisibleIn(item: Y.Item, snapshot: Y.Snapshot): boolean {
  return (snapshot.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(snapshot.ds, item.id)
}

/** A map's latest item per key, deleted ones included (Yjs keeps them, content collected). */
function entries(map: Y.Map<unknown>): Map<string, Y.Item> {
  return (map as unknown as { _map: Map<string, Y.Item> })._map
}

/** The values a map key has had, newest first: each set's item points to the one it replaced. */
function chain(item: Y.Item): Y.Item[] {
  const items: Y.Item[] = []
  for (let at: Y.Item | null = item; at !== null; at = at.left) items.push(at)
  return items
}
