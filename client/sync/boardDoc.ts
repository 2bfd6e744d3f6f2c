/** Typed access to the board's Y.Doc layout (`shared/board/ydoc.ts`, records via `shared/board/records.ts`). */
import type * as Y from 'yjs'
import type { SerializedSchema } from 'tldraw'
import { getMetaMap } from '../../shared/board/records.ts'
import { formatVersionKey, schemaKey } from '../../shared/board/ydoc.ts'

export { getMetaMap, getRecordsMap, isStoredRecord, type StoredRecord } from '../../shared/board/records.ts'

export function readStoredSchema(doc: Y.Doc): SerializedSchema | undefined {
  const schema = getMetaMap(doc).get(schemaKey)
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema)
    ? (schema as SerializedSchema)
    : undefined
}

export function readFormatVersion(doc: Y.Doc): number | undefined {
  const version = getMetaMap(doc).get(formatVersionKey)
  return typeof version === 'number' ? version : undefined
}
