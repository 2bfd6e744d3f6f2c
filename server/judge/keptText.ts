/**
 * What a shape's rich text keeps as a Y.Text (format 3, `richTextYjs.ts`), beyond what it reads
 * as. The declaration judges the text as read (`readRichText`): words, the 10,000-character
 * budget. Formats read as nothing are tidied away as they appear (`richTextTidy.ts`) or refused
 * (`hiddenFormats.ts`), but a text an older relay took, or one a tidy-up's bounded walks left
 * unfinished, may still keep some. What a text keeps is bounded as one stored JSON value is
 * (`maxJsonValueBytes`); an honest text keeps far less.
 */
import * as Y from 'yjs'
import { recordsMapName } from '../../shared/board/ydoc.ts'
import type { Refusal, Write } from '../../shared/board/declaration.ts'
import { getRecordsMap } from '../../shared/board/records.ts'
import { maxJsonValueBytes } from './updateRules.ts'

export const maxKeptTextChars = maxJsonValueBytes
/**
 * Items a shape's text holds, deleted ones included: every change to the text is walked whole
 * (read, tidied, judged), so this bounds each walk. A Zettel of the 10,000-character budget typed
 * and corrected over years holds a few thousand; 200,000 tombstones cost a keystroke 100-160 ms
 * of the relay's thread.
 */
export const maxTextItems = 20_000

/** The items of a text, deleted ones included, counted up to just past `limit`. */
export function textItems(text: Y.Text, limit = maxTextItems): number {
  let items = 0
  for (let item = text._start; item && items <= limit; item = item.right) items++
  return items
}

/** Characters a text keeps: its strings, and each embed and format as JSON, counted up to just past `limit`. */
export function keptTextChars(text: Y.Text, limit = maxKeptTextChars): number {
  let chars = 0
  for (let item = text._start; item && chars <= limit; item = item.right) {
    if (item.deleted) continue
    const { content } = item
    if (content instanceof Y.ContentString) chars += content.str.length
    else if (content instanceof Y.ContentEmbed) chars += JSON.stringify(content.embed).length
    else if (content instanceof Y.ContentFormat) chars += content.key.length + JSON.stringify(content.value).length
  }
  return chars
}

/** A shape's rich text as a Y.Text, if it is one. */
export const richTextOf = (doc: Y.Doc, id: string) => {
  const record = getRecordsMap(doc).get(id)
  const props = record instanceof Y.Map ? record.get('props') : undefined
  const text = props instanceof Y.Map ? props.get('richText') : undefined
  return text instanceof Y.Text ? text : undefined
}

/**
 * Refuses a write of a shape's rich text that leaves its Y.Text keeping more than the bound,
 * unless it keeps no more than before (a text an older relay took over the bound may shrink).
 */
export function keptTextRefusal(writes: readonly Write[], before: Y.Doc, after: Y.Doc): Refusal | null {
  for (const { path, value } of writes) {
    const [root, id, field, key] = path
    if (path.length !== 4 || root !== recordsMapName || field !== 'props' || key !== 'richText' || !value) continue
    const text = richTextOf(after, id)
    if (!text) continue
    const was = richTextOf(before, id)
    if (textItems(text) > maxTextItems && (!was || textItems(text, Infinity) > textItems(was, Infinity))) {
      return { entry: `${recordsMapName}/${id}`, reason: `a shape's text holds at most ${maxTextItems} edits, deleted ones included` }
    }
    const kept = keptTextChars(text)
    if (kept <= maxKeptTextChars) continue
    if (was && keptTextChars(text, Infinity) <= keptTextChars(was, Infinity)) continue
    return { entry: `${recordsMapName}/${id}`, reason: `a shape's text keeps at most ${maxKeptTextChars} characters` }
  }
  return null
}
