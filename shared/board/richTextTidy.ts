/**
 * Removes the formats of a shape's text (`richTextYjs.ts`) that change nothing a reader reads:
 * a mark begun again with the value it has, an end of a mark that is not in force, a format
 * overwritten by a later one before the next character, a mark on nothing but line ends (its
 * words deleted by someone else meanwhile), a line's block on nothing but characters. Honest
 * concurrent editing leaves them (Anna and Ben bold the same words at once: two begins, two
 * ends). Yjs means to do part of this itself (`cleanupYTextFormatting`), but 13.6.33 tidies only
 * before the text's first character and compares values by identity.
 *
 * The relay runs it after every change it applies to a text (`tidiedAfter`): on its rehearsal
 * copy, so that it judges the tidied text, and on the board, where the deletions are stored and
 * sent like Yjs's own tidy-up. Deletions carry no new ids, so the copy and the board agree.
 */
import { isEqual } from '@tldraw/utils'
import * as Y from 'yjs'
import { lineKeys } from './richTextYjs.ts'

const isLineKey = (key: string) => (lineKeys as readonly string[]).includes(key)

/** At most this many walks over one text per tidy-up: each removes what the one before made void. */
const maxTidyWalks = 4

/** Deletes `text`'s formats that change nothing a reader reads; returns how many. */
export function tidyFormats(text: Y.Text, transaction: Y.Transaction): number {
  let deleted = 0
  for (let walk = 0; walk < maxTidyWalks; walk++) {
    const now = tidyGaps(text, transaction) + tidyUnread(text, transaction)
    deleted += now
    if (now === 0) break
  }
  return deleted
}

/**
 * Between two characters: a format overwritten by a later one of its key, or one that sets the
 * value its key has already (a mark begun again as it is, an end of a mark not in force; not a
 * line's block begun again on its own line end).
 */
function tidyGaps(text: Y.Text, transaction: Y.Transaction): number {
  let deleted = 0
  // The value of each key in force before the current gap (absent: not in force).
  const inForce = new Map<string, unknown>()
  // Live format items since the last character or embed.
  let gap: Y.Item[] = []
  const closeGap = (next: Y.Item | null) => {
    if (gap.length === 0) return
    const last = new Map<string, Y.Item>()
    for (const item of gap) last.set((item.content as Y.ContentFormat).key, item)
    const endsLine = next?.content instanceof Y.ContentString && next.content.str.startsWith('\n')
    for (const item of gap) {
      const { key, value } = item.content as Y.ContentFormat
      // A line's block begun again as it is, on its line end, stays: it is that line's own (two
      // headings after an Enter), and the begin before it may yet change (the first made a paragraph).
      const ownLine = endsLine && value !== null && isLineKey(key)
      if (last.get(key) !== item || (!ownLine && isEqual(inForce.get(key) ?? null, value))) {
        item.delete(transaction)
        deleted++
      }
    }
    for (const [key, item] of last) {
      const { value } = item.content as Y.ContentFormat
      if (value === null) inForce.delete(key)
      else inForce.set(key, value)
    }
    gap = []
  }
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue
    if (item.content instanceof Y.ContentFormat) gap.push(item)
    else closeGap(item)
  }
  closeGap(null)
  return deleted
}

/**
 * A begun format that nothing reads before its key changes again: a mark on nothing but line
 * ends, a line's `block` or `containers` on nothing but characters. Left there, a mark on a line
 * end lands on the words someone types before it next.
 */
function tidyUnread(text: Y.Text, transaction: Y.Transaction): number {
  let deleted = 0
  const open = new Map<string, { item: Y.Item; read: boolean }>()
  const close = (key: string) => {
    const format = open.get(key)
    if (format && !format.read && (format.item.content as Y.ContentFormat).value !== null) {
      format.item.delete(transaction)
      deleted++
    }
    open.delete(key)
  }
  const readBy = (line: boolean) => {
    for (const [key, format] of open) if (isLineKey(key) === line) format.read = true
  }
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue
    const { content } = item
    if (content instanceof Y.ContentFormat) {
      close(content.key)
      open.set(content.key, { item, read: false })
    } else if (content instanceof Y.ContentString) {
      if (content.str.includes('\n')) readBy(true)
      if (content.str.replaceAll('\n', '').length > 0) readBy(false)
    } else if (content instanceof Y.ContentEmbed) readBy(false)
  }
  for (const key of [...open.keys()]) close(key)
  return deleted
}

/**
 * Runs `apply` on `doc`, then tidies the formats of every text it changed, in a transaction of
 * its own with origin null (as Yjs's tidy-up): the relay stores and sends it after the change.
 */
export function tidiedAfter<T>(doc: Y.Doc, apply: () => T): T {
  const texts = new Set<Y.Text>()
  const capture = (transaction: Y.Transaction) => {
    for (const type of transaction.changed.keys()) if (type instanceof Y.Text && type._hasFormatting) texts.add(type)
  }
  doc.on('afterTransaction', capture)
  let result: T
  try {
    result = apply()
  } finally {
    doc.off('afterTransaction', capture)
  }
  const alive = [...texts].filter((text) => text.doc === doc && !text._item?.deleted)
  if (alive.length > 0) {
    Y.transact(doc, (transaction) => {
      for (const text of alive) tidyFormats(text, transaction)
    })
  }
  return result
}
