/**
 * What an update would really change in a board, found by applying it to a copy of the board
 * first: a rehearsal. The copy answers exactly as the board would, because Yjs integrates the
 * same structs into the same state the same way; reading the update instead of applying it misses
 * what Yjs decides on its own (which of two values of a key ends rightmost and wins, an item that
 * lands left of the current value and is deleted at once, a deletion next to a set).
 *
 * The copy is made when the board is first written to and then follows the board: every change
 * the board takes that was not rehearsed is applied to it as well (the relay's own changes are
 * rehearsed too: made on the copy first, `rehearseChange`). A refused
 * update has been applied to the copy only; the copy is then dropped and made afresh from the
 * board when the next update comes. A board nobody writes to for a minute drops its copy too.
 */
import { isEqual } from '@tldraw/utils'
import * as Y from 'yjs'
import type { Write } from '../../shared/board/declaration.ts'
import { readRichText } from '../../shared/board/richTextYjs.ts'
import { tidiedAfter } from '../../shared/board/richTextTidy.ts'

/** Deeper than any entry the declaration knows (`tldraw/<id>/props/<key>`): refused there anyway. */
const maxWriteDepth = 5

/** What a rehearsed update changes, and the board as it would be after it. */
export interface Rehearsed {
  /** Every entry whose kept value changes, as paths from a root map; `null` value: deleted. */
  writes: Write[]
  /** The board as it would be after the update (read it before the next rehearsal). */
  after: Y.Doc
}

/** A board nobody wrote to for this long gives its copy back: a second doc per quiet board is memory for nothing. */
const keptWhileQuietMs = 60_000

export class Rehearsal {
  private copy: Y.Doc | null = null
  private quietTimer: NodeJS.Timeout | null = null
  private readonly follow = (update: Uint8Array, origin: unknown) => {
    if (this.copy && !this.wasRehearsed(origin)) Y.applyUpdate(this.copy, update)
  }

  /**
   * @param board the board's doc
   * @param wasRehearsed true for the transaction origin of updates the board takes only after
   *   their rehearsal: the copy has them already.
   * @param restoreCopy a copy of the board made off the relay's thread (from storage), or null
   *   where copying here is cheap: a big board's copy took half a second of the relay's thread.
   * @param prepare what the judging reads of a fresh copy, made ahead a part per turn (its
   *   graph index, `graphIndex.ts`).
   */
  constructor(
    private readonly board: Y.Doc,
    private readonly wasRehearsed: (origin: unknown) => boolean,
    private readonly restoreCopy: () => Promise<Y.Doc | null> = async () => null,
    private readonly prepare: (copy: Y.Doc) => Promise<void> = async () => {},
  ) {
    board.on('update', this.follow)
  }

  /**
   * Makes the copy, if there is none, without holding the thread. Called where the board takes no
   * other change meanwhile (the room's write queue), so the copy cannot miss one; whatever the
   * restored copy lacks of the board is added, and a copy that still differs is not used.
   */
  async ready(): Promise<void> {
    if (this.copy) return
    const restored = await this.restoreCopy()
    if (restored && !this.copy) {
      Y.applyUpdate(restored, Y.encodeStateAsUpdate(this.board, Y.encodeStateVector(restored)))
      if (sameClocks(restored, this.board)) this.copy = restored
      else restored.destroy()
    } else restored?.destroy()
    const copy = (this.copy ??= copyOf(this.board))
    await this.prepare(copy)
  }

  /** Applies the update to the copy and tells what it changed there. */
  rehearse(update: Uint8Array): Rehearsed {
    const copy = (this.copy ??= copyOf(this.board))
    this.quietTimer?.refresh()
    this.quietTimer ??= setTimeout(() => this.discard(), keptWhileQuietMs).unref()
    const [changed, capture] = changedTypes()
    copy.on('afterTransaction', capture)
    try {
      // Judged as the board will hold it: with the formats that change nothing tidied away (`Room.applyStored`).
      tidiedAfter(copy, () => Y.applyUpdate(copy, update))
    } catch (error) {
      // Half applied: the copy is no longer the board plus anything.
      this.discard()
      throw error
    } finally {
      copy.off('afterTransaction', capture)
    }
    return { writes: writesOf(changed, copy, this.board), after: copy }
  }

  /**
   * Makes a change of the relay's own on the copy, written by Yjs client `clientID`, and tells
   * what it changed there and the update it made (null: nothing). The board takes the update
   * only once it is judged and stored; until then it is applied to the copy only, like a
   * client's update. Should `change` throw, the copy is dropped and the board is untouched.
   */
  rehearseChange(change: (doc: Y.Doc) => void, clientID: number): Rehearsed & { update: Uint8Array | null } {
    const copy = (this.copy ??= copyOf(this.board))
    this.quietTimer?.refresh()
    this.quietTimer ??= setTimeout(() => this.discard(), keptWhileQuietMs).unref()
    // A client id of the relay's own, never the board's: Yjs gives a doc a new id when another writes under its own.
    copy.clientID = clientID
    const [changed, capture] = changedTypes()
    let update: Uint8Array | null = null
    const captureUpdate = (made: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, made]) : made
    }
    copy.on('afterTransaction', capture)
    copy.on('update', captureUpdate)
    try {
      tidiedAfter(copy, () => Y.transact(copy, () => change(copy)))
    } catch (error) {
      this.discard()
      throw error
    } finally {
      copy.off('afterTransaction', capture)
      copy.off('update', captureUpdate)
    }
    return { writes: writesOf(changed, copy, this.board), after: copy, update }
  }

  /** The copy no longer mirrors the board (a refused or unstored update): made afresh when needed. */
  discard(): void {
    if (this.quietTimer) clearTimeout(this.quietTimer)
    this.quietTimer = null
    this.copy?.destroy()
    this.copy = null
  }

  destroy(): void {
    this.board.off('update', this.follow)
    this.discard()
  }
}

/**
 * The types and keys every transaction on the copy changed. One update may run more than one:
 * after a remote change to a text with formats, Yjs tidies its formats in a transaction of its
 * own, whose `changed` would otherwise hide what the update itself changed.
 */
function changedTypes(): [Map<Y.AbstractType<any>, Set<string | null>>, (transaction: Y.Transaction) => void] {
  const changed = new Map<Y.AbstractType<any>, Set<string | null>>()
  const capture = (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed as Map<Y.AbstractType<any>, Set<string | null>>) {
      const known = changed.get(type)
      if (known) for (const key of keys) known.add(key)
      else changed.set(type, new Set(keys))
    }
  }
  return [changed, capture]
}

function sameClocks(a: Y.Doc, b: Y.Doc): boolean {
  const [x, y] = [Y.encodeStateVector(a), Y.encodeStateVector(b)]
  return x.byteLength === y.byteLength && x.every((byte, i) => byte === y[i])
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: doc.gc })
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** A JSON value, or a Y.Text read as one: `text` names the text's item, its identity. */
type Entry = { kind: 'map'; map: Y.Map<unknown> } | { kind: 'json'; value: unknown; text?: string } | { kind: 'absent' }

/** The writes that turn `before` into `after`, for the keys Yjs says a transaction touched. */
function writesOf(changed: Map<Y.AbstractType<any>, Set<string | null>>, after: Y.Doc, before: Y.Doc): Write[] {
  const rootNames = new Map<Y.AbstractType<any>, string>()
  after.share.forEach((type, name) => rootNames.set(type, name))
  const writes: Write[] = []
  const texts = new Set<string>()
  for (const [type, keys] of changed) {
    const path = pathOf(type, rootNames)
    // Inside a map that is itself gone: its parent's key says so.
    if (!path) continue
    if (type instanceof Y.Text) {
      // A character, format or embed changed inside a shape's rich text (the update rules let a
      // text be nowhere else): the write is the text as Yjs merged it, judged as a JSON value is.
      if (!texts.has(path.join('/'))) writes.push({ path, value: { kind: 'json', value: readRichText(type) } })
      texts.add(path.join('/'))
      continue
    }
    for (const key of keys) {
      // An item without a key, in a map: the board holds none, so its mere presence is a write.
      if (key === null) writes.push({ path: [...path, ''], value: { kind: 'json', value: null } })
      else compare([...path, key], entryOf((type as Y.Map<unknown>)._map.get(key)), entryAt(before, [...path, key]), writes)
    }
  }
  return writes
}

/** Adds the writes for one entry; a map that is new is written with everything in it. */
function compare(path: string[], now: Entry, was: Entry, writes: Write[]): void {
  if (now.kind === 'absent') {
    if (was.kind !== 'absent') writes.push({ path, value: null })
    return
  }
  if (now.kind === 'json') {
    // A text replaced by another, even one reading the same, is a write: what others type into
    // the one replaced meanwhile is lost, so the declaration judges who may replace it.
    const replacesText = was.kind === 'json' && was.text !== undefined && was.text !== now.text
    if (was.kind !== 'json' || !isEqual(was.value, now.value) || replacesText) {
      writes.push({ path, value: { kind: 'json', value: now.value, ...(replacesText ? { replacesText } : {}) } })
    }
    return
  }
  // The same map as before: what changed inside it is listed under it by Yjs.
  if (was.kind === 'map' && sameItem(was.map, now.map)) return
  writes.push({ path, value: { kind: 'map' } })
  if (path.length >= maxWriteDepth) return
  for (const [key, item] of now.map._map) compare([...path, key], entryOf(item), { kind: 'absent' }, writes)
}

function entryOf(item: Y.Item | undefined): Entry {
  if (!item || item.deleted) return { kind: 'absent' }
  const { content } = item
  if (content instanceof Y.ContentType) {
    if (content.type instanceof Y.Map) return { kind: 'map', map: content.type }
    if (content.type instanceof Y.Text) return { kind: 'json', value: readRichText(content.type), text: `${item.id.client}:${item.id.clock}` }
    return { kind: 'json', value: content.type.toJSON() }
  }
  const values = content.getContent()
  return { kind: 'json', value: values[values.length - 1] }
}

/** The entry at a path in the board as it is, before the update. */
function entryAt(doc: Y.Doc, path: readonly string[]): Entry {
  // A root nobody asked for by type yet (a board just loaded) is a plain AbstractType, its entries there all the same.
  const root = doc.share.get(path[0])
  if (!root) return { kind: 'absent' }
  let map = root as unknown as Y.Map<unknown>
  for (let i = 1; i < path.length - 1; i++) {
    const entry = entryOf(map._map.get(path[i]))
    if (entry.kind !== 'map') return { kind: 'absent' }
    map = entry.map
  }
  return entryOf(map._map.get(path[path.length - 1]))
}

function sameItem(a: Y.Map<unknown>, b: Y.Map<unknown>): boolean {
  const [x, y] = [a._item?.id, b._item?.id]
  return x !== undefined && y !== undefined && x.client === y.client && x.clock === y.clock
}

/** A type's path from its root, or null if it or a map above it is deleted or has no key. */
function pathOf(type: Y.AbstractType<any>, rootNames: Map<Y.AbstractType<any>, string>): string[] | null {
  const path: string[] = []
  for (let current: Y.AbstractType<any> = type; ; ) {
    const item: Y.Item | null = current._item
    if (!item) {
      const name = rootNames.get(current)
      return name === undefined ? null : [name, ...path]
    }
    if (item.deleted || item.parentSub === null || !(item.parent instanceof Y.AbstractType)) return null
    path.unshift(item.parentSub)
    current = item.parent as Y.AbstractType<any>
    // Maps nest no deeper than the rules let values nest; a path this long is refused anyway.
    if (path.length > 64) return null
  }
}

