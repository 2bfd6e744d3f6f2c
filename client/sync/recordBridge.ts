/**
 * Keeps the store's document records and the Y.Doc's `tldraw` map equal, in both directions.
 *
 * Echo-free: local store changes are written in transactions tagged with `localOrigin`, which the
 * map observer ignores; remote map changes enter the store through `mergeRemoteChanges`, which
 * marks them 'remote', and the store listener only hears 'user' changes.
 */
import type * as Y from 'yjs'
import { isEqual, type RecordsDiff, type TLRecord, type TLStore } from 'tldraw'
import { getRecordsMap, isStoredRecord } from './boardDoc.ts'
import { isSyncedTypeName } from './syncedRecords.ts'

export function bridgeRecords(store: TLStore, doc: Y.Doc, localOrigin: unknown): () => void {
  const recordsMap = getRecordsMap(doc)

  const stopListening = store.listen(
    ({ changes }) => writeLocalChanges(store, recordsMap, changes, localOrigin),
    { source: 'user', scope: 'document' },
  )

  const onMapChange = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === localOrigin) return
    applyRemoteChanges(store, recordsMap, event.keysChanged)
  }
  recordsMap.observe(onMapChange)

  return () => {
    stopListening()
    recordsMap.unobserve(onMapChange)
  }
}

function writeLocalChanges(
  store: TLStore,
  recordsMap: Y.Map<unknown>,
  changes: RecordsDiff<TLRecord>,
  localOrigin: unknown,
): void {
  const ids = new Set<TLRecord['id']>()
  const note = (record: TLRecord) => {
    if (isSyncedTypeName(record.typeName)) ids.add(record.id)
  }
  Object.values(changes.added).forEach(note)
  Object.values(changes.updated).forEach(([, record]) => note(record))
  Object.values(changes.removed).forEach(note)
  if (ids.size === 0) return

  recordsMap.doc!.transact(() => {
    for (const id of ids) {
      // The listener runs a frame after the change; remote changes merged in between must not
      // be overwritten by the diff's older values, so write what the store holds now.
      const current = store.get(id)
      if (current) {
        if (!isEqual(recordsMap.get(id), current)) recordsMap.set(id, current)
      } else if (recordsMap.has(id)) {
        recordsMap.delete(id)
      }
    }
  }, localOrigin)
}

function applyRemoteChanges(store: TLStore, recordsMap: Y.Map<unknown>, keys: Set<string>): void {
  const toPut: TLRecord[] = []
  const toRemove: TLRecord['id'][] = []
  for (const key of keys) {
    const value = recordsMap.get(key)
    const existing = store.get(key as TLRecord['id'])
    if (value === undefined) {
      if (existing) toRemove.push(existing.id)
      continue
    }
    if (!isStoredRecord(key, value) || !isSyncedTypeName(value.typeName)) {
      console.warn(`netzwerkstatt: ignored remote entry ${key}: not a board record`)
      continue
    }
    try {
      const phase = existing ? 'updateRecord' : 'createRecord'
      toPut.push(store.schema.validateRecord(store, value as unknown as TLRecord, phase, existing ?? null))
    } catch (error) {
      console.warn(`netzwerkstatt: ignored invalid remote record ${key}`, error)
    }
  }
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
}

function tryMerge(store: TLStore, apply: () => void, id: string): void {
  try {
    store.mergeRemoteChanges(apply)
  } catch (error) {
    console.warn(`netzwerkstatt: could not apply remote record ${id}`, error)
  }
}
