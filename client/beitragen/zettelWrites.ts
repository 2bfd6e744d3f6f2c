/**
 * Zettel written from the list: the same tldraw note record the canvas makes (every prop its
 * validator asks for), on the cell's page, in the cell's next free slot, signed with this
 * browser's author id, so that the relay judges it as any participant's and the canvas shows it
 * where a note put there by hand would lie.
 */
import { toRichText } from '../../shared/board/textRichText.ts'
import { getIndexAbove, type IndexKey } from '@tldraw/utils'
import * as Y from 'yjs'
import { authorMetaKey } from '../../shared/board/authorship.ts'
import { getRecordsMap, readRecord, readRecords, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { textBase, type TextBase } from '../../shared/board/richTextEdit.ts'
import type { RichTextNode } from '../../shared/board/richTextYjs.ts'
import { cellPlacement } from '../../shared/results/cellPlacement.ts'
import { recordBounds } from '../../shared/board/shapeBounds.ts'
import { plainText } from '../../shared/templates/richText.ts'
import { withPlainTextEdit } from '../../shared/board/plainTextEdit.ts'
import { randomKey } from '../randomKey.ts'


/** The note record for `text`, not yet placed: a speck in the cell's top-left corner, so that the placement takes the first free slot in reading order. */
export function zettelRecord(id: string, text: string, author: string, cell: { pageId: string; x: number; y: number }, index: string, editedBy: string | null = null): StoredRecord {
  const speck = 0.01
  return {
    id,
    typeName: 'shape',
    type: 'note',
    parentId: cell.pageId,
    index,
    x: cell.x + 1,
    y: cell.y + 1,
    rotation: 0,
    opacity: 1,
    isLocked: false,
    meta: { [authorMetaKey]: author },
    props: {
      color: 'yellow',
      richText: toRichText(text),
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      labelColor: 'black',
      growY: 0,
      // A ratio since tldraw 5 (its default 1); 0 drew the words at 0 px on every canvas.
      fontSizeAdjustment: 1,
      url: '',
      scale: speck,
      textLastEditedBy: editedBy,
    },
  }
}

/**
 * Pins a new Zettel into the cell; returns its id, or undefined when the cell is gone. `editedBy`:
 * the writer's tldraw user id, by which the canvas shows their name on the Zettel.
 */
export function pinZettel(doc: Y.Doc, cellId: string, text: string, author: string, editedBy: string | null = null): string | undefined {
  const note = placedZettel(readRecords(doc).records, cellId, text, author, editedBy)
  if (note) writeRecord(getRecordsMap(doc), note)
  return note?.id
}

/**
 * A new Zettel in the cell's next free slot among `records` (the board's, and one's own private
 * ones), beside the cell in its parent: the page, or the frame of a group's returned copy. Pinned
 * on a document or frame (the list's part of one cell), it lies in that frame, after its Zettel.
 */
export function placedZettel(records: StoredRecord[], cellId: string, text: string, author: string, editedBy: string | null = null): StoredRecord | undefined {
  const shapes = new Map(records.filter((r) => r.typeName === 'shape').map((r) => [r.id, r] as const))
  const cell = shapes.get(cellId)
  const box = cell && recordBounds(cell as never, shapes as never)
  if (!cell || !box || typeof cell.parentId !== 'string' || typeof cell.x !== 'number' || typeof cell.y !== 'number') return undefined
  const onFrame = cell.type === 'frame'
  const parentId = onFrame ? cell.id : cell.parentId
  const within = records.filter((r) => r.typeName === 'shape' && r.parentId === parentId)
  // Above everything beside it, as a note the canvas creates lies on top.
  const top = within
    .filter((r) => typeof r.index === 'string')
    .map((r) => r.index as string)
    .sort()
    .at(-1)
  const id = `shape:${randomKey(15)}`
  const index = getIndexAbove((top ?? null) as IndexKey | null)
  if (onFrame) {
    // In rows of four, after the Zettel already on it, at the canvas's size.
    const n = within.filter((r) => r.type === 'note').length
    const note = zettelRecord(id, text, author, { pageId: parentId, x: 39 + (n % 4) * 240, y: 39 + Math.floor(n / 4) * 240 }, index, editedBy)
    return { ...note, props: { ...(note.props as object), scale: 1 } }
  }
  // The cell's x and y are its parent's, and so are the note's.
  const note = cellPlacement(records).place(zettelRecord(id, text, author, { pageId: parentId, x: cell.x, y: cell.y }, index, editedBy))
  // Placed outside every cell (a crafted cell): at least readable, at scale 1.
  return (note.props as { scale: number }).scale === 0.01 ? { ...note, props: { ...(note.props as object), scale: 1 } } : note
}

/**
 * The Zettel's text as the list's field opens with it: the Y.Text's base (format 3), so that the
 * save is a change from it, or the JSON value (format 2), which a save replaces as before.
 */
export type ZettelBase = TextBase | RichTextNode

export function zettelBase(doc: Y.Doc, id: string): ZettelBase | undefined {
  const entry = getRecordsMap(doc).get(id)
  const props = entry instanceof Y.Map ? entry.get('props') : undefined
  const richText = props instanceof Y.Map ? props.get('richText') : undefined
  if (richText instanceof Y.Text) return textBase(richText)
  return (readRecord(doc, id)?.props as { richText?: RichTextNode } | undefined)?.richText
}

/** The words the list's field opens with: the base's own text, as the list shows it (trimmed). */
export function zettelFieldText(base: ZettelBase): string {
  return plainText('tokens' in base ? base.json : base)
}

/**
 * New words for a Zettel, only its text and who last wrote it touched (a move made meanwhile on
 * the canvas is kept), as the canvas does. With the `base` the field opened with, a text held as
 * a Y.Text gets the change from it: words others added meanwhile stay.
 */
export function rewriteZettel(doc: Y.Doc, id: string, text: string, editedBy: string | null = null, base?: ZettelBase): void {
  const note = readRecord(doc, id)
  if (!note) return
  const bases = base && 'tokens' in base ? { richText: base } : undefined
  // The field's edit applied to the text it showed: marks, hard breaks and the white space at the ends it did not show stay.
  const richText = base ? withPlainTextEdit('tokens' in base ? base.json : base, text) : toRichText(text)
  const props = { ...(note.props as object), richText, ...(editedBy ? { textLastEditedBy: editedBy } : {}) }
  writeRecord(getRecordsMap(doc), { ...note, props }, editedBy ? [['props', 'richText'], ['props', 'textLastEditedBy']] : [['props', 'richText']], { bases })
}

export function removeZettel(doc: Y.Doc, id: string): void {
  getRecordsMap(doc).delete(id)
}

