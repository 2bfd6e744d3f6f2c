/** Records as tldraw writes them, for tests and benchmarks (no test runner needed). */
import * as Y from 'yjs'
import { toRichText, type TLShape, type TLShapeId } from '@tldraw/tlschema'
import { changedPaths, getRecordsMap, readEntry, readRecords, recordEntry, writeRecord, type FieldPath, type StoredRecord } from '../../shared/board/records.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { plainText } from '../../shared/templates/richText.ts'

let notes = 0
const newNoteId = () => `shape:note${++notes}` as TLShapeId

/** A participant's note with its centre on the given point. */
export function noteAt(x: number, y: number, text: string, id = newNoteId()): TLShape {
  return {
    id,
    typeName: 'shape',
    type: 'note',
    parentId: 'page:page',
    index: 'b10' as TLShape['index'],
    x: x - 100,
    y: y - 100,
    rotation: 0,
    opacity: 1,
    isLocked: false,
    meta: {},
    props: {
      color: 'yellow',
      richText: toRichText(text),
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      labelColor: 'black',
      growY: 0,
      fontSizeAdjustment: 1,
      url: '',
      scale: 1,
      textLastEditedBy: null,
    },
  } as TLShape
}

/** The records in a board's doc, as plain JSON (`shared/board/records.ts`). */
export function recordsIn<T = TLShape>(doc: Y.Doc): T[] {
  return readRecords(doc).records as T[]
}

/**
 * Writes a record as a browser of format 2 did: its `props.richText` a JSON value, set whole when
 * written (`paths` as `writeRecord`'s); everything else as `writeRecord` writes it.
 */
export function writeFormat2Record(records: Y.Map<unknown>, record: StoredRecord, paths?: FieldPath[]): void {
  const { richText, ...props } = (record.props ?? {}) as Record<string, unknown>
  const isText = ([field, key]: FieldPath) => field === 'props' && key === 'richText'
  records.doc!.transact(() => {
    const entry = records.get(record.id)
    if (!(entry instanceof Y.Map)) records.set(record.id, recordEntry({ ...record, props }))
    else writeRecord(records, record, (paths ?? changedPaths(readEntry(entry) ?? {}, record)).filter((path) => !isText(path)))
    if (richText !== undefined && (!(entry instanceof Y.Map) || !paths || paths.some(isText))) {
      ;((records.get(record.id) as Y.Map<unknown>).get('props') as Y.Map<unknown>).set('richText', richText)
    }
  })
}

/** Writes records into a board's doc in one transaction, as a client's store would. */
export function putRecords(doc: Y.Doc, records: object[]): void {
  doc.transact(() => {
    for (const record of records) writeRecord(getRecordsMap(doc), record as StoredRecord)
  })
}

/**
 * Tests that only need "some edit" write notes by key: `putNote(doc, 'a1')` is the note
 * `shape:a1` with the text `a1`, a record the relay's declaration accepts from a participant.
 */
export function putNote(doc: Y.Doc, key: string, text = key): void {
  putRecords(doc, [noteAt(0, 0, text, `shape:${key}` as TLShapeId)])
}

/**
 * A note that weighs `bytes` for tests of the relay's byte budgets: its text stays short (a
 * Zettel holds at most `maxShapeTextChars`), the weight rides in its `meta`.
 */
export function bulkyNote(key: string, bytes: number): TLShape {
  const note = noteAt(0, 0, key, `shape:${key}` as TLShapeId)
  return { ...note, meta: { ...note.meta, ballast: ballast(key, bytes) } }
}

/**
 * Characters that do not compress (a sequence seeded by `key`): the relay's socket compresses
 * what it sends, and repeated letters would shrink to nothing on the wire, so a test of what it
 * buffers or sends would weigh nothing.
 */
function ballast(key: string, bytes: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  let seed = [...key].reduce((s, c) => (s * 31 + c.charCodeAt(0)) >>> 0, 2166136261)
  let out = ''
  for (let i = 0; i < bytes; i++) {
    // xorshift32: deterministic per key, no pattern zlib can use.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    seed >>>= 0
    out += alphabet[seed & 63]
  }
  return out
}

/** Writes a `bulkyNote`. */
export function putBulkyNote(doc: Y.Doc, key: string, bytes: number): void {
  putRecords(doc, [bulkyNote(key, bytes)])
}

/** The text of note `shape:<key>`, or undefined when the doc does not hold it. */
export function noteText(doc: Y.Doc, key: string): string | undefined {
  const note = readRecords(doc).records.find((record) => record.id === `shape:${key}`)
  return note ? plainText((note.props as { richText?: unknown }).richText) : undefined
}

/** Keys of all notes written with `putNote`, sorted. */
export function noteKeys(doc: Y.Doc): string[] {
  return readRecords(doc)
    .records.filter((record) => record.typeName === 'shape')
    .map((record) => record.id.replace(/^shape:/, ''))
    .sort()
}

/** An unbound tldraw arrow (`arrowBinding` ties its ends to shapes). */
export function arrowShape(id: string, parentId = 'page:page'): TLShape {
  return {
    id: id as TLShapeId,
    typeName: 'shape',
    type: 'arrow',
    parentId: parentId as TLShape['parentId'],
    index: 'b20' as TLShape['index'],
    x: 0,
    y: 0,
    rotation: 0,
    opacity: 1,
    isLocked: false,
    meta: {},
    props: {
      kind: 'arc', labelColor: 'black', color: 'black', fill: 'none', dash: 'draw', size: 'm',
      arrowheadStart: 'none', arrowheadEnd: 'arrow', font: 'draw', start: { x: 0, y: 0 }, end: { x: 200, y: 0 },
      bend: 0, richText: toRichText(''), labelPosition: 0.5, scale: 1, elbowMidPoint: 0.5,
    },
  } as unknown as TLShape
}

/** A binding of an arrow's end (`terminal`) to a shape, as tldraw writes it. */
export function arrowBinding(id: string, fromId: string, toId: string, terminal: 'start' | 'end' = 'end'): object {
  return {
    id, typeName: 'binding', type: 'arrow', fromId, toId, meta: {},
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
  }
}

/** A frame on a page or inside another frame. */
export function frameShape(id: string, parentId = 'page:page'): TLShape {
  return {
    // Above a template's scaffold, as tldraw puts a frame drawn after it; below the notes.
    id: id as TLShapeId, typeName: 'shape', type: 'frame', parentId: parentId as TLShape['parentId'], index: 'b0Z' as TLShape['index'],
    x: 10, y: 10, rotation: 0, opacity: 1, isLocked: false, meta: {}, props: { w: 400, h: 400, name: 'Rahmen', color: 'black' },
  } as unknown as TLShape
}

/**
 * Zettel written into template cells (by cell key) as one stored update: a Zettel whose typing is
 * not a test's subject. Each lands near its cell's top centre, a second one in a cell a little lower.
 */
export function putNotesInCells(doc: Y.Doc, entries: Array<[key: string, text: string]>, meta: TLShape['meta'] = {}): TLShape[] {
  const notes = entries.map(([key, text], i) => {
    const cell = recordsIn(doc).find((shape) => scaffoldMeta(shape)?.key === key)
    if (!cell) throw new Error(`no cell ${key}`)
    const { w, h } = cell.props as { w: number; h: number }
    return { ...noteAt(cell.x + w / 2, cell.y + Math.min(h / 2, 110) + (i % 2) * 6, text), meta }
  })
  putRecords(doc, notes)
  return notes
}
