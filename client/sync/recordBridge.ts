/**
 * Keeps the store's document records and the Y.Doc's `tldraw` map equal, in both directions,
 * property by property (format 2, `shared/board/records.ts`).
 *
 * Echo-free: local store changes are written in transactions tagged with `localOrigin`, which the
 * map observer ignores; remote map changes enter the store through `mergeRemoteChanges`, which
 * marks them 'remote', and the store listener only hears 'user' changes.
 *
 * Records tldraw cannot show (`leftOutRecords.ts`) are kept out of the store, and since they never
 * enter it, no store change ever deletes them from the doc.
 *
 * A text held as a `Y.Text` (format 3, `richTextYjs.ts`) is written as a change from the text the
 * store and the doc last agreed on (`SyncedTexts`), never as a replacement: words others typed
 * since the editor read the text stay. An undo or redo of tldraw's history that puts back an
 * earlier text is written as the undo or redo of this browser's own steps (`ownTextSteps.ts`).
 */
import * as Y from 'yjs'
import type { RecordsDiff, TLRecord, TLShape, TLStore } from 'tldraw'
import { isEqual } from '@tldraw/utils'
import {
  changedPaths,
  getRecordsMap,
  isStoredRecord,
  readRecord,
  writeRecord,
  type FieldPath,
  type StoredRecord,
} from '../../shared/board/records.ts'
import { applyRichTextEdit, type TextBase } from '../../shared/board/richTextEdit.ts'
import { readRichText, type RichTextNode } from '../../shared/board/richTextYjs.ts'
import { isPrivateRecord } from '../../shared/board/entries/private.ts'
import { isSyncedTypeName } from './syncedRecords.ts'
import { shownAfter, type LeftOutRecords } from './leftOutRecords.ts'
import { OwnTextSteps } from './ownTextSteps.ts'
import { propsOf, SyncedTexts } from './syncedTexts.ts'
import { maxShapeDepth } from '../../shared/board/shapeTree.ts'

export function bridgeRecords(store: TLStore, doc: Y.Doc, localOrigin: unknown, leftOut: LeftOutRecords): () => void {
  const recordsMap = getRecordsMap(doc)
  const texts = new SyncedTexts(store, recordsMap)
  const steps = new OwnTextSteps(localOrigin)

  const stopListening = store.listen(
    ({ changes }) => {
      // One put back locally (a version restored) is the store's again.
      const back = Object.keys(changes.added).filter((id) => leftOut.has(id))
      if (back.length > 0) leftOut.update([], back)
      const unshown = writeLocalChanges(store, recordsMap, changes, localOrigin, texts, steps)
      // Words the doc holds and the store does not (a remote merge the store refused, others'
      // words kept by an undo): shown now.
      if (unshown.size > 0) applyRemoteChanges(store, doc, unshown, leftOut, texts, localOrigin, steps)
    },
    { source: 'user', scope: 'document' },
  )

  const onMapChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, transaction: Y.Transaction) => {
    // Our undo's own changes are shown by the store listener that made them.
    if (transaction.origin === localOrigin || steps.isOwnUndo(transaction.origin)) return
    applyRemoteChanges(store, doc, remoteChanges(events), leftOut, texts, localOrigin, steps)
  }
  recordsMap.observeDeep(onMapChange)

  return () => {
    stopListening()
    recordsMap.unobserveDeep(onMapChange)
    steps.dispose()
  }
}

/** Writes the store's changes; returns the records whose text the doc holds with more than the store shows. */
function writeLocalChanges(
  store: TLStore,
  recordsMap: Y.Map<unknown>,
  changes: RecordsDiff<TLRecord>,
  localOrigin: unknown,
  texts: SyncedTexts,
  steps: OwnTextSteps,
): Map<string, RemoteChange> {
  // Which paths of each record this change touched; `null` for a record added or removed whole.
  const touched = new Map<TLRecord['id'], FieldPath[] | null>()
  const before = new Map<TLRecord['id'], TLRecord>()
  // A private note stays in this browser until the reveal (shared/board/entries/private.ts).
  for (const record of Object.values(changes.added)) {
    if (isSyncedTypeName(record.typeName) && !isPrivateRecord(record)) touched.set(record.id, null)
  }
  for (const [from, to] of Object.values(changes.updated)) {
    if (!isSyncedTypeName(to.typeName) || isPrivateRecord(to)) continue
    // One that stops being private enters the document whole.
    touched.set(to.id, isPrivateRecord(from) ? null : changedPaths(from, to))
    before.set(to.id, from)
  }
  for (const record of Object.values(changes.removed)) {
    if (isSyncedTypeName(record.typeName)) touched.set(record.id, null)
  }
  const unshown = new Map<string, RemoteChange>()
  if (touched.size === 0) return unshown

  // Undos and redos first, each in its own transaction (Yjs's undo manager tells them from steps
  // by their origin); the paths they wrote are not written again.
  for (const [id, paths] of touched) {
    const replayed = paths && replayOwnSteps(store.get(id), id, paths, texts, steps)
    if (replayed) touched.set(id, paths.filter(([field, key]) => field !== 'props' || !replayed.has(key!)))
    if (replayed) addPaths(unshown, id, [...replayed].map((key) => ['props', key] as const))
  }

  recordsMap.doc!.transact(() => {
    for (const [id, paths] of touched) {
      // The listener runs a frame after the change; remote changes merged in between must not
      // be overwritten by the diff's older values, so write what the store holds now, and of an
      // update only the paths it changed.
      const current = store.get(id)
      if (!current) {
        if (recordsMap.has(id)) recordsMap.delete(id)
        texts.forget(id)
        steps.forget(id)
        continue
      }
      const bases: Record<string, TextBase | undefined> = {}
      for (const [key, ytext] of texts.texts(id)) {
        bases[key] = texts.base(id, key, ytext)
        if (!paths?.some(([field, k]) => field === 'props' && k === key)) continue
        const from = texts.shown(id, key) ?? propsOf(before.get(id))?.[key]
        steps.willWrite(id, key, ytext, from, propsOf(current)?.[key])
      }
      writeRecord(recordsMap, current as unknown as StoredRecord, paths ?? undefined, { bases })
      const shown = propsOf(current)
      for (const [key, ytext] of texts.texts(id)) {
        if (!isEqual(readRichText(ytext), shown?.[key])) addPaths(unshown, id, [['props', key]])
      }
      texts.agree(id)
    }
  }, localOrigin)
  steps.written()
  return unshown
}

/**
 * The texts of `paths` whose store value tldraw's history put back (an undo or redo of this
 * browser's steps), undone or redone in the doc; the store is to show the doc's text after.
 */
function replayOwnSteps(
  current: TLRecord | undefined,
  id: string,
  paths: readonly FieldPath[],
  texts: SyncedTexts,
  steps: OwnTextSteps,
): Set<string> | undefined {
  let replayed: Set<string> | undefined
  const shown = propsOf(current)
  for (const [key, ytext] of texts.texts(id)) {
    if (!paths.some(([field, k]) => field === 'props' && k === key)) continue
    if (shown?.[key] === texts.shown(id, key) || !steps.replay(id, key, ytext, shown?.[key])) continue
    texts.disagree(id, key)
    ;(replayed ??= new Set()).add(key)
  }
  return replayed
}

/** What remote events changed, per record: `whole` or the changed paths. */
type RemoteChange = { whole: true } | { whole: false; paths: FieldPath[] }

function addPaths(changes: Map<string, RemoteChange>, id: string, paths: FieldPath[]): void {
  const change = changes.get(id)
  if (change?.whole) return
  if (change) change.paths.push(...paths)
  else changes.set(id, { whole: false, paths })
}

function remoteChanges(events: Array<Y.YEvent<Y.AbstractType<unknown>>>): Map<string, RemoteChange> {
  const changes = new Map<string, RemoteChange>()
  for (const event of events) {
    const [id, field, key] = event.path as string[]
    // A change inside a text (`props.richText` a Y.Text) has no keys: the text is the path.
    if (key !== undefined) {
      addPaths(changes, id, [[field, key]])
      continue
    }
    const { keysChanged } = event as Y.YMapEvent<unknown>
    if (id === undefined) for (const k of keysChanged) changes.set(k, { whole: true })
    else if (field === undefined) addPaths(changes, id, [...keysChanged].map((k) => [k] as const))
    else addPaths(changes, id, [...keysChanged].map((k) => [field, k] as const))
  }
  return changes
}

function applyRemoteChanges(
  store: TLStore,
  doc: Y.Doc,
  changes: Map<string, RemoteChange>,
  leftOut: LeftOutRecords,
  texts: SyncedTexts,
  localOrigin: unknown,
  steps: OwnTextSteps,
): void {
  const changed = new Map<string, TLRecord>()
  const gone = new Set<string>()
  for (const [id, change] of changes) {
    const existing = store.get(id as TLRecord['id'])
    const entry = getRecordsMap(doc).get(id)
    if (entry === undefined) {
      if (existing || leftOut.has(id)) gone.add(id)
      texts.forget(id)
      steps.forget(id)
      continue
    }
    const held = existing ? keepUnwrittenEdits(existing, id, texts, doc, localOrigin, steps) : new Set<string>()
    const value = readRecord(doc, id)
    if (!value || !isStoredRecord(id, value) || !isSyncedTypeName(value.typeName)) {
      console.warn(`netzwerkstatt: ignored remote entry ${id}: not a board record`)
      continue
    }
    // Only what the remote side changed: a local change not yet written to the doc stays.
    const record = existing && !change.whole ? patch(existing, value, change.paths) : value
    if (existing && held.size > 0) record.props = { ...(record.props as object), ...pick(propsOf(existing), held) }
    try {
      const phase = existing ? 'updateRecord' : 'createRecord'
      changed.set(id, store.schema.validateRecord(store, record as unknown as TLRecord, phase, existing ?? null))
    } catch (error) {
      console.warn(`netzwerkstatt: ignored invalid remote record ${id}`, error)
    }
  }
  const { toPut, toRemove } = sortShown(store, leftOut, changed, gone)
  if (toPut.length === 0 && toRemove.length === 0) return
  try {
    store.mergeRemoteChanges(() => {
      if (toRemove.length > 0) store.remove(toRemove)
      if (toPut.length > 0) store.put(toPut)
    })
  } catch (error) {
    // A throw here would escape into the provider's message handling; retry one by one so a
    // single record that the editor rejects does not hold back the rest.
    console.warn('netzwerkstatt: remote batch failed, applying records one by one', error)
    for (const id of toRemove) tryMerge(store, () => store.remove([id]), id)
    for (const record of toPut) tryMerge(store, () => store.put([record]), record.id)
  }
  for (const record of toPut) if (isEqual(store.get(record.id), record)) texts.agree(record.id)
}

/**
 * A text edit the store holds and the doc not yet (the store's listener writes a frame later) is
 * written now, as the change from the last agreed text, before the remote text replaces the
 * store's: otherwise the keystroke would be lost, or later delete the words that just arrived.
 */
function keepUnwrittenEdits(existing: TLRecord, id: string, texts: SyncedTexts, doc: Y.Doc, localOrigin: unknown, steps: OwnTextSteps): Set<string> {
  const shown = propsOf(existing)
  const held = new Set<string>()
  for (const [key, ytext] of texts.texts(id)) {
    const agreed = texts.base(id, key, ytext)
    const value = shown?.[key]
    // An undo or redo the store's listener has not written yet: the store keeps showing it, and
    // the listener writes it (Yjs cannot undo inside its observer) and shows others' words then.
    if (value !== texts.shown(id, key) && steps.isStepValue(id, key, ytext, value)) {
      held.add(key)
      continue
    }
    if (!agreed || value === undefined || isEqual(agreed.json, value)) continue
    // Inside the doc's observer, this transaction ends (and makes its step) after the observers.
    steps.willWrite(id, key, ytext, texts.shown(id, key), value)
    doc.transact(() => applyRichTextEdit(ytext, agreed, value as RichTextNode), localOrigin)
  }
  return held
}

/**
 * What of a remote change enters the store and what leaves it, keeping out what tldraw cannot
 * show. Besides the changed records and those left out before, only the descendants of a shape
 * that is gone or has a new parent can change their verdict, and bindings to shapes that leave.
 */
function sortShown(
  store: TLStore,
  leftOut: LeftOutRecords,
  changed: Map<string, TLRecord>,
  gone: Set<string>,
): { toPut: TLRecord[]; toRemove: TLRecord['id'][] } {
  const moved = new Set(gone)
  for (const record of changed.values()) {
    const before = store.get(record.id)
    if (record.typeName === 'shape' && before?.typeName === 'shape' && before.parentId !== record.parentId) moved.add(record.id)
  }
  const candidates = new Map<string, TLRecord>()
  for (const r of leftOut.values()) candidates.set(r.id, r)
  for (const r of changed.values()) candidates.set(r.id, r)
  if (moved.size > 0) for (const r of descendants(store, moved)) if (!candidates.has(r.id)) candidates.set(r.id, r)
  for (const id of gone) candidates.delete(id)
  const verdicts = shownAfter(store, leftOut, changed, gone, candidates.values())

  const leaving = new Set(gone)
  for (const [id, shown] of verdicts) if (!shown && store.has(id as TLRecord['id'])) leaving.add(id)
  for (const id of bindingsOf(store, leaving)) {
    const binding = store.get(id)
    if (binding && !candidates.has(id)) {
      candidates.set(id, binding)
      verdicts.set(id, false)
    }
  }

  const toPut: TLRecord[] = []
  const toRemove: TLRecord['id'][] = []
  const nowLeftOut: TLRecord[] = []
  const back: string[] = [...gone]
  for (const id of gone) if (store.has(id as TLRecord['id'])) toRemove.push(id as TLRecord['id'])
  for (const record of candidates.values()) {
    const inStore = store.has(record.id)
    if (verdicts.get(record.id) ?? true) {
      if (changed.has(record.id) || !inStore) toPut.push(record)
      if (leftOut.has(record.id)) back.push(record.id)
    } else {
      nowLeftOut.push(record)
      if (inStore) toRemove.push(record.id)
    }
  }
  if (nowLeftOut.length > 0) console.warn(`netzwerkstatt: left out ${nowLeftOut.length} records with a broken parent chain or binding`)
  leftOut.update(nowLeftOut, back)
  return { toPut, toRemove }
}

// tldraw's own indexes, brought up to date from the store's history when read.
const childrenByParent = (store: TLStore) => store.query.index('shape', 'parentId')
const bindingsFrom = (store: TLStore) => store.query.index('binding', 'fromId')
const bindingsTo = (store: TLStore) => store.query.index('binding', 'toId')

/** Ids of the store's bindings from or to any of `shapeIds`. */
function bindingsOf(store: TLStore, shapeIds: ReadonlySet<string>): Set<TLRecord['id']> {
  const found = new Set<TLRecord['id']>()
  if (shapeIds.size === 0) return found
  const [from, to] = [bindingsFrom(store).get(), bindingsTo(store).get()]
  for (const id of shapeIds) {
    for (const binding of from.get(id as TLShape['id']) ?? []) found.add(binding)
    for (const binding of to.get(id as TLShape['id']) ?? []) found.add(binding)
  }
  return found
}

/** The store's shapes below any of `roots` (the store holds no cycle; bounded all the same). */
function descendants(store: TLStore, roots: ReadonlySet<string>): TLRecord[] {
  const children = childrenByParent(store).get()
  const found: TLRecord[] = []
  let level = [...roots]
  for (let depth = 0; level.length > 0 && depth < maxShapeDepth; depth++) {
    const next: string[] = []
    for (const id of level) {
      for (const child of children.get(id as TLShape['parentId']) ?? []) {
        const shape = store.get(child)
        if (shape) found.push(shape)
        next.push(child)
      }
    }
    level = next
  }
  return found
}

function pick(from: Record<string, unknown> | undefined, keys: Set<string>): Record<string, unknown> {
  return Object.fromEntries([...keys].map((key) => [key, from?.[key]]))
}

/** `existing` with the given paths taken from `remote`. */
function patch(existing: TLRecord, remote: StoredRecord, paths: FieldPath[]): StoredRecord {
  const result: Record<string, unknown> = { ...existing }
  for (const [field, key] of paths) {
    if (key === undefined) {
      if (field in remote) result[field] = remote[field]
      else delete result[field]
      continue
    }
    const nested = { ...(result[field] as Record<string, unknown> | undefined) }
    const source = remote[field] as Record<string, unknown> | undefined
    if (source && key in source) nested[key] = source[key]
    else delete nested[key]
    result[field] = nested
  }
  return result as StoredRecord
}

function tryMerge(store: TLStore, apply: () => void, id: string): void {
  try {
    store.mergeRemoteChanges(apply)
  } catch (error) {
    console.warn(`netzwerkstatt: could not apply remote record ${id}`, error)
  }
}
