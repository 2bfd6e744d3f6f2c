/**
 * Removes the formats of a shape's text (`richTextYjs.ts`) that change nothing a reader reads:
 * a mark begun again with the value it has, an end of a mark that is not in force, a format
 * overwritten by a later one before the next character. Honest concurrent formatting leaves
 * them (Anna and Ben bold the same words at once: two begins, two ends). Yjs means to do this
 * itself (`cleanupYTextFormatting`), but 13.6.33 tidies only before the text's first character
 * and compares values by identity, so a link's begin is never equal to another's.
 *
 * The relay runs it after every change it applies to a text (`tidiedAfter`): on its rehearsal
 * copy, so that it judges the tidied text, and on the board, where the deletions are stored and
 * sent like Yjs's own tidy-up. Deletions carry no new ids, so the copy and the board agree.
 */
import { isEqual } from '@tldraw/utils'
import * as Y from 'yjs'

/** Deletes `text`'s formats that change nothing; returns how many. Walks the text once. */
export function tidyFormats(text: Y.Text, transaction: Y.Transaction): number {
  let deleted = 0
  // The value of each key in force before the current gap (absent: not in force).
  const inForce = new Map<string, unknown>()
  // Live format items since the last character or embed.
  let gap: Y.Item[] = []
  const closeGap = () => {
    if (gap.length === 0) return
    const last = new Map<string, Y.Item>()
    for (const item of gap) last.set((item.content as Y.ContentFormat).key, item)
    for (const item of gap) {
      const { key, value } = item.content as Y.ContentFormat
      if (last.get(key) !== item || isEqual(inForce.get(key) ?? null, value)) {
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
    else closeGap()
  }
  closeGap()
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
