/**
 * First load of a board: Y.Doc → tldraw store.
 *
 * Records are migrated from the schema stored in the doc to the store's schema; records that
 * migration changed are written back, and `meta.schema` is raised to the current schema, so the
 * next client does not migrate again.
 */
import type * as Y from 'yjs'
import { isEqual, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw'
import { formatVersion, formatVersionKey, schemaKey } from '../../shared/board/ydoc.ts'
import { readRecords, upgradeFormat, writeRecord } from '../../shared/board/records.ts'
import { getMetaMap, getRecordsMap, readFormatVersion, readStoredSchema, type StoredRecord } from './boardDoc.ts'
import { sequencesAhead } from './schemaVersions.ts'
import { isSyncedTypeName } from './syncedRecords.ts'
import { anchoredRecords } from '../../shared/board/shapeTree.ts'

export type LoadResult =
  | {
      ok: true
      /** Records now in the store. */
      loaded: number
      /** Records whose stored JSON was replaced by its migrated form. */
      migrated: number
      /** Records left out because they could not be migrated or validated. */
      skipped: string[]
      /**
       * Valid records left out because tldraw cannot show them (a shape whose parent chain does
       * not reach a page, a binding to one); they stay in the doc as they are.
       */
      leftOut: TLRecord[]
    }
  | {
      ok: false
      /** The doc was written by a newer client; loading would lose or corrupt its data. */
      reason: 'newer-format' | 'newer-schema'
      detail: string
    }

export function loadStoreFromDoc(
  store: TLStore,
  doc: Y.Doc,
  localOrigin: unknown,
  mayWriteBack: (record: TLRecord) => boolean = () => true,
): LoadResult {
  const storedFormat = readFormatVersion(doc)
  if (storedFormat !== undefined && storedFormat > formatVersion) {
    return { ok: false, reason: 'newer-format', detail: `formatVersion ${storedFormat}` }
  }
  const currentSchema = store.schema.serialize()
  const storedSchema = readStoredSchema(doc)
  if (storedSchema) {
    const ahead = sequencesAhead(storedSchema, currentSchema)
    if (ahead.length > 0) return { ok: false, reason: 'newer-schema', detail: ahead.join(', ') }
  }

  const recordsMap = getRecordsMap(doc)
  const stored: Record<string, StoredRecord> = {}
  const { records, skipped } = readRecords(doc)
  for (const record of records) {
    if (isSyncedTypeName(record.typeName)) stored[record.id] = record
    else skipped.push(record.id)
  }

  // Records written without a schema can only have come from a client of this format.
  const migratedRecords = migrate(store, stored, storedSchema ?? currentSchema, skipped)
  const validated: TLRecord[] = []
  for (const record of Object.values(migratedRecords)) {
    try {
      validated.push(store.schema.validateRecord(store, record, 'initialize', null))
    } catch (error) {
      skipped.push(record.id)
      console.warn(`netzwerkstatt: skipped invalid record ${record.id}`, error)
    }
  }
  // Before tldraw sees them: it walks every shape's parent chain without a bound.
  const { shown: valid, leftOut } = anchoredRecords(validated)
  if (leftOut.length > 0) console.warn(`netzwerkstatt: left out ${leftOut.length} records with a broken parent chain or binding`)

  // 'remote' so the bridge's listener does not write the loaded records straight back; the
  // store's integrity check afterwards (default page, document) runs as a user change.
  store.mergeRemoteChanges(() => {
    store.put(valid)
  })

  let migrated = 0
  doc.transact(() => {
    // A format 1 doc: a stored version from before the upgrade (`versionView.tsx`). The relay upgrades
    // boards when it loads them; a browser's older local copy never gets here (`localCopyPersistence.ts`).
    upgradeFormat(doc)
    for (const record of valid) {
      if (!isEqual(record, stored[record.id]) && mayWriteBack(record)) {
        writeRecord(recordsMap, record as unknown as StoredRecord)
        migrated++
      }
    }
    // Records a store migration removed, not ones we skipped: those stay for a newer client.
    const kept = new Set(skipped)
    for (const id of Object.keys(stored)) {
      if (!(id in migratedRecords) && !kept.has(id)) recordsMap.delete(id)
    }
    const meta = getMetaMap(doc)
    if (!isEqual(storedSchema, currentSchema)) meta.set(schemaKey, currentSchema)
    if (storedFormat !== formatVersion) meta.set(formatVersionKey, formatVersion)
  }, localOrigin)

  return { ok: true, loaded: valid.length, migrated, skipped, leftOut }
}

/**
 * Migrates all records at once (storage- and store-level migrations need to see them together).
 * When one bad record makes that fail, finds the culprits by migrating each record alone, then
 * migrates the rest together, so the remainder of the board still opens.
 */
function migrate(
  store: TLStore,
  stored: Record<string, StoredRecord>,
  schema: SerializedSchema,
  skipped: string[],
): Record<string, TLRecord> {
  const records = stored as unknown as Record<string, TLRecord>
  const whole = store.schema.migrateStoreSnapshot({ store: records, schema })
  if (whole.type === 'success') return whole.value as Record<string, TLRecord>

  const good: Record<string, TLRecord> = {}
  const alone: Record<string, TLRecord> = {}
  for (const [id, record] of Object.entries(records)) {
    const one = store.schema.migrateStoreSnapshot({ store: { [id]: record }, schema })
    if (one.type === 'success') {
      good[id] = record
      Object.assign(alone, one.value)
    } else {
      skipped.push(id)
      console.warn(`netzwerkstatt: could not migrate record ${id}: ${one.reason}`)
    }
  }
  const rest = store.schema.migrateStoreSnapshot({ store: good, schema })
  return (rest.type === 'success' ? rest.value : alone) as Record<string, TLRecord>
}
