/**
 * A Zettel's earlier texts, kept by its author's browser so that the author can bring one back:
 * with „Zettel anderer schützen“ off anyone may change anyone's words, and even one's own can be
 * typed away. The browser keeps, for each of its person's Zettel, the text it had before each
 * burst of changes (its own or others'), in this browser only, forgotten with the Zettel and with
 * the board (`recentBoards.forgetBoard`).
 */
import * as Y from 'yjs'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { readRichText, readRichTextBefore } from '../../shared/board/richTextYjs.ts'
import { isEqual } from '@tldraw/utils'
import { earlierTextsKey } from '../sinceMemory.ts'


/** Earlier texts kept per Zettel, and Zettel kept at most: a bounded share of the browser's storage. */
const perNote = 5
const maxNotes = 200
/** Changes closer together than this are one burst (typing): only the text before it is kept. */
const burstMs = 5000

/** Earlier texts by Zettel id, oldest first; the Zettel most recently changed last. */
type Stored = Record<string, unknown[]>

export interface EarlierTexts {
  /** The text the Zettel had before its last change, if this browser kept it. */
  latest(id: string): unknown
  /** Takes that text out of the list, to be written back (the text it replaces is kept in turn). */
  take(id: string): unknown
  dispose(): void
}

export function keepEarlierTexts(doc: Y.Doc, boardId: string, author: string, storage: Storage = localStorage, now: () => number = Date.now): EarlierTexts {
  const records = getRecordsMap(doc)
  const lastChange = new Map<string, number>()
  const read = (): Stored => {
    try {
      const value = JSON.parse(storage.getItem(earlierTextsKey(boardId)) ?? '{}') as unknown
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Stored) : {}
    } catch {
      return {}
    }
  }
  const write = (stored: Stored) => {
    const ids = Object.keys(stored)
    for (const id of ids.slice(0, Math.max(0, ids.length - maxNotes))) delete stored[id]
    try {
      if (Object.keys(stored).length === 0) storage.removeItem(earlierTextsKey(boardId))
      else storage.setItem(earlierTextsKey(boardId), JSON.stringify(stored))
    } catch {
      // Storage full or switched off: nothing kept, as before.
    }
  }
  const ownNote = (record: unknown) =>
    record instanceof Y.Map && record.get('type') === 'note' && (record.get('meta') as Y.Map<unknown> | undefined)?.get?.(authorMetaKey) === author

  const observer = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    let stored: Stored | undefined
    for (const event of events) {
      if (event.target === records) {
        for (const [id, change] of event.changes.keys) {
          if (change.action !== 'delete') continue
          stored ??= read()
          if (id in stored) delete stored[id]
        }
        continue
      }
      const [id, field, key] = event.path
      if (field !== 'props' || typeof id !== 'string' || !ownNote(records.get(id))) continue
      let before: unknown
      if (event instanceof Y.YTextEvent && event.path.length === 3 && key === 'richText') {
        // A change inside the text (format 3): what it read before, unless it reads the same (formats tidied away).
        before = readRichTextBefore(event)
        if (isEqual(before, readRichText(event.target))) continue
      } else {
        const change = event.path.length === 2 ? (event as Y.YMapEvent<unknown>).changes.keys.get('richText') : undefined
        // A text replaced whole: a JSON value (format 2) is the text it had; a replaced Y.Text reads as nothing now.
        if (change?.action !== 'update' || change.oldValue instanceof Y.AbstractType) continue
        before = change.oldValue
      }
      const at = now()
      const inBurst = at - (lastChange.get(id) ?? -Infinity) < burstMs
      lastChange.set(id, at)
      if (inBurst) continue
      stored ??= read()
      const list = (Array.isArray(stored[id]) ? stored[id] : []).concat([before]).slice(-perNote)
      delete stored[id]
      stored[id] = list
    }
    if (stored) write(stored)
  }
  records.observeDeep(observer)

  return {
    latest: (id) => read()[id]?.at(-1),
    take(id) {
      const stored = read()
      const list = stored[id]
      if (!Array.isArray(list) || list.length === 0) return undefined
      const text = list.pop()
      if (list.length === 0) delete stored[id]
      write(stored)
      // The write-back is a change of its own, not part of the burst before it.
      lastChange.delete(id)
      return text
    },
    dispose: () => records.unobserveDeep(observer),
  }
}

const byEditor = new WeakMap<object, EarlierTexts>()

/** Keeps earlier texts while this editor shows the board; returns the stopper. */
export function keepEarlierTextsFor(editor: object, ...args: Parameters<typeof keepEarlierTexts>): () => void {
  const kept = keepEarlierTexts(...args)
  byEditor.set(editor, kept)
  return () => {
    kept.dispose()
    if (byEditor.get(editor) === kept) byEditor.delete(editor)
  }
}

export const earlierTextsOf = (editor: object): EarlierTexts | undefined => byEditor.get(editor)
