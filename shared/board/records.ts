/**
 * Reading and writing tldraw records in the board's Y.Doc (format 3, see `ydoc.ts`). The client's
 * sync, the relay, templates, exports and tools all go through this module, so there is one
 * place that knows how a record is laid out.
 *
 * Each record is a `Y.Map` of its top-level fields; `props` and `meta` are nested `Y.Map`s of
 * their keys. Two people changing different properties of one note (one its text, the other its
 * position) therefore both keep their change; the same property changed twice resolves as Yjs
 * resolves any map key, identically on every screen. A shape's rich text is a `Y.Text`
 * (`richTextYjs.ts`), so that two people typing in one text both keep their words.
 */
import { equalityDeep } from 'lib0/function'
import * as Y from 'yjs'
import { formatVersion, formatVersionKey, metaMapName, recordsMapName } from './ydoc.ts'
import { readRichText, writeRichText, type RichTextNode } from './richTextYjs.ts'
import { applyRichTextEdit, textBase, type TextBase } from './richTextEdit.ts'

/** A record as plain JSON: validated only when it enters a tldraw store. */
export type StoredRecord = { id: string; typeName: string } & Record<string, unknown>
type Json = Record<string, unknown>

/** Record fields whose keys are separate entries, so that their keys merge one by one. */
export const nestedFields: ReadonlySet<string> = new Set(['props', 'meta'])

/** A field of a record (`['x']`) or one key of a nested field (`['props', 'richText']`). */
export type FieldPath = readonly [field: string] | readonly [field: string, key: string]

export const getRecordsMap = (doc: Y.Doc) => doc.getMap<unknown>(recordsMapName)
export const getMetaMap = (doc: Y.Doc) => doc.getMap<unknown>(metaMapName)

/**
 * Keys of `props` whose value is a `Y.Text` (`richTextYjs.ts`, format 3; a JSON value in format 2
 * boards, and where a format 2 writer replaced it): edits reach it as changes
 * (`richTextEdit.ts`), never as replacements.
 */
export const textKeys: ReadonlySet<string> = new Set(['richText'])

/**
 * An entry of the `tldraw` map as plain JSON; format 1 entries are plain JSON already. A shape's
 * `props.richText` may be a Y.Text (format 3, `richTextYjs.ts`): read as tldraw's JSON.
 */
export function readEntry(entry: unknown): Json | undefined {
  if (entry instanceof Y.Map) {
    const json = entry.toJSON() as Json
    const props = entry.get('props')
    const richText = props instanceof Y.Map ? props.get('richText') : undefined
    if (richText instanceof Y.Text) json.props = { ...(json.props as Json), richText: readRichText(richText) }
    return json
  }
  return isPlainObject(entry) ? entry : undefined
}

/**
 * One field of a stored entry (a format-2 Y.Map or a format-1 plain object), read without
 * converting the entry: a walk over a board's thousands of records reads only what it needs.
 */
export function storedField(entry: unknown, key: string): unknown {
  if (entry instanceof Y.Map) return entry.get(key)
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)[key] : undefined
}

/** True for values shaped like a record whose key in the map is its id. */
export function isStoredRecord(key: string, value: unknown): value is StoredRecord {
  return isPlainObject(value) && typeof value.typeName === 'string' && value.id === key
}

/** The record stored under `id`, if the entry is one. */
export function readRecord(doc: Y.Doc, id: string): StoredRecord | undefined {
  const value = readEntry(getRecordsMap(doc).get(id))
  return isStoredRecord(id, value) ? value : undefined
}

/** Every entry that is a record; the others are left to the caller's judgement (`skipped`). */
export function readRecords(doc: Y.Doc): { records: StoredRecord[]; skipped: string[] } {
  const records: StoredRecord[] = []
  const skipped: string[] = []
  getRecordsMap(doc).forEach((entry, key) => {
    const value = readEntry(entry)
    if (isStoredRecord(key, value)) records.push(value)
    else skipped.push(key)
  })
  return { records, skipped }
}

/** How `writeRecord` writes rich text. */
export interface WriteOptions {
  /**
   * Per `props` key held as a `Y.Text`: the text as the writer's editor last read it. The change
   * from it to the record's value is applied, so that words others typed since stay. Without
   * one the change is taken from the text as it is now.
   */
  bases?: { readonly [propsKey: string]: TextBase | undefined }
}

/** A new record entry, ready to be set into the `tldraw` map; its rich text a `Y.Text`. */
export function recordEntry(record: object): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(record).map(([field, value]) => [field, nestedEntry(field, value) ?? value]))
}

/**
 * Writes a record, touching only what differs from the doc: a record that is new (or still in
 * format 1) is set whole, an existing one only in the fields and keys that changed. Pass `paths`
 * to write just those (a local edit's own changes, so that a remote change to another property,
 * merged meanwhile, is not overwritten with an older value). A rich text held as a `Y.Text` is
 * changed, never replaced (`WriteOptions.bases`).
 */
export function writeRecord(records: Y.Map<unknown>, record: StoredRecord, paths?: Iterable<FieldPath>, options: WriteOptions = {}): void {
  const write = () => {
    const entry = records.get(record.id)
    if (!(entry instanceof Y.Map)) records.set(record.id, recordEntry(record))
    else for (const path of paths ?? allPaths(record, entry)) writePath(entry, record, path, options)
  }
  // One record, one transaction (one update), also when the caller has not opened one.
  if (records.doc) records.doc.transact(write)
  else write()
}

/** Paths where two versions of a record differ. */
export function changedPaths(beforeRecord: object, afterRecord: object): FieldPath[] {
  const [before, after] = [beforeRecord as Json, afterRecord as Json]
  const paths: FieldPath[] = []
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [from, to] = [before[field], after[field]]
    if (nestedFields.has(field) && isPlainObject(from) && isPlainObject(to)) {
      for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
        if (!equalityDeep(from[key], to[key])) paths.push([field, key])
      }
    } else if (!equalityDeep(from, to)) {
      paths.push([field])
    }
  }
  return paths
}

/**
 * Brings a board to the current format in one transaction: format 1 records (plain JSON values)
 * become record maps, format 2 rich texts (JSON values) become `Y.Text`s reading the same.
 * Returns whether anything changed.
 */
export function upgradeFormat(doc: Y.Doc): boolean {
  const upgrade = plannedUpgrade(doc)
  if (!upgrade) return false
  const records = getRecordsMap(doc)
  const { old, texts, needsStamp } = upgrade
  doc.transact(() => {
    for (const record of old) records.set(record.id, recordEntry(record))
    for (const [props, key, json] of texts) props.set(key, newText(json))
    if (needsStamp) getMetaMap(doc).set(formatVersionKey, formatVersion)
  })
  return true
}

/** Whether `upgradeFormat` would change the board; it is read, not changed. */
export const needsFormatUpgrade = (doc: Y.Doc): boolean => plannedUpgrade(doc) !== null

/** What `upgradeFormat` changes; null: nothing. */
function plannedUpgrade(doc: Y.Doc): { old: StoredRecord[]; texts: [props: Y.Map<unknown>, key: string, json: RichTextNode][]; needsStamp: boolean } | null {
  const records = getRecordsMap(doc)
  const meta = getMetaMap(doc)
  const stamped = meta.get(formatVersionKey)
  // A newer format is for a newer program to read; it is left exactly as it is.
  if (typeof stamped === 'number' && stamped > formatVersion) return null
  const old: StoredRecord[] = []
  const texts: [props: Y.Map<unknown>, key: string, json: RichTextNode][] = []
  // On a format 3 board a JSON text is a format 2 writer's replacement: it stays until written again.
  const olderFormat = stamped !== formatVersion
  records.forEach((entry, key) => {
    if (!(entry instanceof Y.Map)) {
      if (isStoredRecord(key, entry)) old.push(entry)
      return
    }
    if (!olderFormat) return
    const props = entry.get('props')
    if (!(props instanceof Y.Map)) return
    for (const textKey of textKeys) {
      const value = props.get(textKey)
      if (isRichText(value)) texts.push([props, textKey, value])
    }
  })
  const needsStamp = records.size > 0 && stamped !== formatVersion
  if (old.length === 0 && texts.length === 0 && !needsStamp) return null
  return { old, texts, needsStamp }
}

function writePath(entry: Y.Map<unknown>, record: Json, [field, key]: FieldPath, options: WriteOptions = {}): void {
  const value = record[field]
  if (key === undefined || !nestedFields.has(field)) {
    if (value === undefined) entry.delete(field)
    else if (!equalityDeep(readEntry(entry.get(field)) ?? entry.get(field), value)) {
      entry.set(field, nestedEntry(field, value) ?? value)
    }
    return
  }
  const nested = entry.get(field)
  if (!(nested instanceof Y.Map) || !isPlainObject(value)) {
    writePath(entry, record, [field])
    return
  }
  const keyValue = value[key]
  const stored = nested.get(key)
  if (stored instanceof Y.Text && textKeys.has(key) && isRichText(keyValue)) writeText(stored, keyValue, options.bases?.[key])
  else if (keyValue === undefined) nested.delete(key)
  else if (!equalityDeep(stored, keyValue)) nested.set(key, textKeys.has(key) && isRichText(keyValue) ? newText(keyValue) : keyValue)
}

/** The change from `base` (default: the text now) to `after`, applied; nothing when the text already reads so. */
function writeText(ytext: Y.Text, after: RichTextNode, base: TextBase | undefined): void {
  if (base ? equalityDeep(base.json, after) : equalityDeep(readRichText(ytext), after)) return
  applyRichTextEdit(ytext, base ?? textBase(ytext), after)
}

function isRichText(value: unknown): value is RichTextNode {
  return isPlainObject(value) && typeof value.type === 'string'
}

function allPaths(record: Json, entry: Y.Map<unknown>): FieldPath[] {
  const paths: FieldPath[] = []
  for (const field of new Set([...Object.keys(record), ...entry.keys()])) {
    const nested = entry.get(field)
    const value = record[field]
    if (nested instanceof Y.Map && nestedFields.has(field) && isPlainObject(value)) {
      for (const key of new Set([...Object.keys(value), ...nested.keys()])) paths.push([field, key])
    } else {
      paths.push([field])
    }
  }
  return paths
}

function nestedEntry(field: string, value: unknown): Y.Map<unknown> | undefined {
  if (!nestedFields.has(field) || !isPlainObject(value)) return undefined
  return new Y.Map(
    Object.entries(value).map(([key, keyValue]) => [key, field === 'props' && textKeys.has(key) && isRichText(keyValue) ? newText(keyValue) : keyValue]),
  )
}

/** A rich text as a new `Y.Text`, filled before it is integrated: Yjs replays the inserts when it enters the doc. */
function newText(json: RichTextNode): Y.Text {
  const text = new Y.Text()
  writeRichText(text, json)
  return text
}

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Y.AbstractType)
}
