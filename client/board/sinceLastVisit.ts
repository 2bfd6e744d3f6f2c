/**
 * "Seit Ihrem letzten Besuch": what changed on the board since this browser last showed it.
 *
 * The only memory is in this browser's localStorage, per board: the document's snapshot
 * (`shared/board/changesSince.ts`) as it was when the board was last in view, and the changes
 * shown on return that the person has not seen yet, and the random Yjs client ids of this
 * browser's pages of the board (what one wrote in another tab is not news to one). No names, no
 * author ids, nothing sent.
 *
 * "Last here" is the last moment the page was visible: the snapshot is taken every half minute
 * while the board is in view and when the tab is hidden or closed, so what someone watched
 * arrive is not shown to them again. On return (the first sync with the relay), and when a tab
 * comes back after a long while hidden, the changes since are shown until seen: selected, jumped
 * to, or all marked as seen; at the latest they are dropped a few days after first shown.
 */
import { atom, type Atom } from 'tldraw'
import type * as Y from 'yjs'
import { changesSince, seenNow, type CommentChange, type ShapeChange } from '../../shared/board/changesSince.ts'
import { comments } from '../../shared/board/comments.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { sinceKey } from '../sinceMemory.ts'

export interface Unseen {
  shapes: ShapeChange[]
  deletedShapes: number
  comments: CommentChange[]
  /** When these were first shown (ms): they are not kept for ever. */
  shownAt: number
}

export interface SinceLastVisit {
  /** What is still unseen; null when nothing is. */
  unseen: Atom<Unseen | null>
  /** The comparison with the last visit is done (after the first sync with the relay). */
  compared: Atom<boolean>
  markSeen(ids: Iterable<string>): void
  markAllSeen(): void
  dispose(): void
}

/** How long unseen changes are kept after they were first shown. */
export const unseenLifetimeMs = 3 * 24 * 60 * 60 * 1000
/** While the board is in view, its snapshot is taken this often. */
const seenEveryMs = 30_000
/** A tab hidden this long counts as a visit ended when it is shown again. */
const awayMs = 5 * 60 * 1000

interface Stored {
  seen: string
  unseen?: Unseen
  /** This browser's Yjs client ids on the board (its tabs, newest last): their writes are not news here. */
  own?: number[]
}

/** How many of this browser's client ids are kept: its tabs of the last while. */
const ownKept = 32

export function trackSinceLastVisit(
  boardId: string,
  doc: Y.Doc,
  serverSynced: Promise<void>,
  options: { storage?: Storage; now?: () => number } = {},
): SinceLastVisit {
  const storage = options.storage ?? localStorage
  const now = options.now ?? Date.now
  const unseen = atom<Unseen | null>('unseen changes', null)
  let seen: Uint8Array | null = null
  const comparedAtom = atom('compared with last visit', false)
  let compared = false
  let disposed = false
  let hiddenAt: number | null = null

  /** This browser's writers, with those another tab of it has stored meanwhile. */
  const ownClients = () => {
    const own = new Set(read(storage, boardId)?.own ?? [])
    own.delete(doc.clientID)
    return [...own, doc.clientID].slice(-ownKept)
  }
  const save = () => {
    if (!compared) return
    const value: Stored = { seen: toBase64(seen!), ...(unseen.get() ? { unseen: unseen.get()! } : {}), own: ownClients() }
    try {
      storage.setItem(sinceKey(boardId), JSON.stringify(value))
    } catch {
      // Storage full or switched off: the next visit is a first visit.
    }
  }
  const takeSeen = () => {
    if (!compared || document.visibilityState !== 'visible') return
    seen = seenNow(doc)
    save()
  }
  const setUnseen = (next: Unseen | null) => {
    const empty = !next || (next.shapes.length === 0 && next.comments.length === 0 && next.deletedShapes === 0)
    unseen.set(empty ? null : next)
  }

  /** Adds the changes since `seen` to what is unseen (a new shape changed again stays new). */
  const compare = (since: Uint8Array) => {
    const own = new Set(read(storage, boardId)?.own ?? [])
    const changes = changesSince(doc, since, { ignoreClient: doc.clientID, ignoreClients: own })
    if (!changes.comparable) return
    const before = unseen.get()
    const shapes = new Map((before?.shapes ?? []).map((s) => [s.id, s]))
    for (const s of changes.shapes) {
      const earlier = shapes.get(s.id)
      shapes.set(s.id, earlier ? { ...earlier, moved: earlier.moved || s.moved, text: earlier.text || s.text } : s)
    }
    const commentChanges = new Map((before?.comments ?? []).map((c) => [c.id, c]))
    for (const c of changes.comments) if (!commentChanges.has(c.id)) commentChanges.set(c.id, c)
    setUnseen({
      shapes: [...shapes.values()],
      comments: [...commentChanges.values()],
      deletedShapes: (before?.deletedShapes ?? 0) + changes.deletedShapes,
      shownAt: before?.shownAt ?? now(),
    })
  }

  void serverSynced.then(() => {
    if (disposed) return
    const stored = read(storage, boardId)
    const shownAt = stored?.unseen?.shownAt
    // Shown in the past, and not too long ago: a time to come (a poisoned entry) would keep them for ever.
    if (stored?.unseen && typeof shownAt === 'number' && shownAt <= now() && now() - shownAt < unseenLifetimeMs) setUnseen(stillThere(doc, stored.unseen))
    const since = stored && fromBase64(stored.seen)
    if (since) compare(since)
    compared = true
    seen = seenNow(doc)
    save()
    comparedAtom.set(true)
  })

  const onVisibility = () => {
    if (document.visibilityState === 'hidden') {
      takeSeenOnLeaving()
      hiddenAt = now()
    } else {
      if (compared && seen && hiddenAt !== null && now() - hiddenAt >= awayMs) compare(seen)
      hiddenAt = null
      takeSeen()
    }
  }
  // Hiding or closing the page comes right after the last look: what it held then was seen
  // (unless it was hidden already, and what came since was not).
  const takeSeenOnLeaving = () => {
    if (!compared || hiddenAt !== null) return
    seen = seenNow(doc)
    save()
  }
  document.addEventListener('visibilitychange', onVisibility)
  window.addEventListener('pagehide', takeSeenOnLeaving)
  const timer = setInterval(takeSeen, seenEveryMs)

  const markSeen = (ids: Iterable<string>) => {
    const current = unseen.get()
    if (!current) return
    const gone = new Set(ids)
    const shapes = current.shapes.filter((s) => !gone.has(s.id))
    const left = current.comments.filter((c) => !gone.has(c.id))
    if (shapes.length === current.shapes.length && left.length === current.comments.length) return
    // Deletions cannot be shown one by one: once all else is seen, so are they.
    setUnseen(shapes.length + left.length === 0 ? null : { ...current, shapes, comments: left })
    save()
  }

  return {
    unseen,
    compared: comparedAtom,
    markSeen,
    markAllSeen() {
      setUnseen(null)
      save()
    },
    dispose() {
      if (disposed) return
      takeSeenOnLeaving()
      disposed = true
      clearInterval(timer)
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', takeSeenOnLeaving)
    },
  }
}

/** This browser's Yjs client ids on the board, from its earlier tabs: what they wrote is its own. */
export const ownClientIds = (boardId: string, storage: Storage = localStorage): Set<number> => new Set(read(storage, boardId)?.own ?? [])

function read(storage: Storage, boardId: string): Stored | null {
  try {
    const value = JSON.parse(storage.getItem(sinceKey(boardId)) ?? 'null') as Stored | null
    if (!value || typeof value.seen !== 'string') return null
    return { ...value, own: Array.isArray(value.own) ? value.own.filter((id) => Number.isSafeInteger(id)) : [] }
  } catch {
    return null
  }
}

/** Unseen changes from an earlier page of this browser, without what has gone since. */
function stillThere(doc: Y.Doc, stored: Unseen): Unseen {
  const records = getRecordsMap(doc)
  const notes = comments(doc)
  return {
    shapes: Array.isArray(stored.shapes) ? stored.shapes.filter((s) => typeof s?.id === 'string' && records.has(s.id)) : [],
    comments: Array.isArray(stored.comments) ? stored.comments.filter((c) => typeof c?.id === 'string' && notes.has(c.id)) : [],
    deletedShapes: Number.isSafeInteger(stored.deletedShapes) && stored.deletedShapes > 0 ? stored.deletedShapes : 0,
    shownAt: stored.shownAt,
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}
