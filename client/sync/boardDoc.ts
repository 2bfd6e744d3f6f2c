/** Typed access to the board's Y.Doc layout described in shared/ydoc.ts. */
import type * as Y from 'yjs'
import type { SerializedSchema } from 'tldraw'
import {
  formatVersionKey,
  metaMapName,
  recordsMapName,
  schemaKey,
} from '../../shared/ydoc.ts'

/** A record as stored in the doc: plain JSON, validated only when it enters a store. */
export type StoredRecord = { id: string; typeName: string } & Record<string, unknown>

export function getRecordsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(recordsMapName)
}

export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(metaMapName)
}

export function readStoredSchema(doc: Y.Doc): SerializedSchema | undefined {
  const schema = getMetaMap(doc).get(schemaKey)
  return isObject(schema) ? (schema as unknown as SerializedSchema) : undefined
}

export function readFormatVersion(doc: Y.Doc): number | undefined {
  const version = getMetaMap(doc).get(formatVersionKey)
  return typeof version === 'number' ? version : undefined
}

/** True for values shaped like a record whose key in the map is its id. */
export function isStoredRecord(key: string, value: unknown): value is StoredRecord {
  return (
    isObject(value) &&
    typeof value.typeName === 'string' &&
    typeof value.id === 'string' &&
    value.id === key
  )
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
