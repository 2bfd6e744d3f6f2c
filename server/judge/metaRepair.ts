/**
 * A board whose `meta` no client can read (a newer format, a schema from the future or none,
 * written before the relay judged meta) opens nowhere, not even to restore a version in the
 * editor. The facilitator puts back the meta of a saved version instead (`http/versionsApi.ts`),
 * as the relay's own change; the records stay as they are.
 */
import * as Y from 'yjs'
import { schemaRefusal, SerializedSchema, type SerializedSchemaLike } from '../../shared/board/declaration.ts'
import { getMetaMap } from '../../shared/board/records.ts'
import { formatVersion, formatVersionKey, schemaKey } from '../../shared/board/ydoc.ts'

/** The version's meta if this relay can read it, else why not (no contents). */
export function readableMeta(
  versionState: Uint8Array,
  known: SerializedSchemaLike,
): { ok: true; schema: SerializedSchemaLike } | { ok: false; reason: string } {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, versionState)
    const meta = getMetaMap(doc)
    // An older format is fine: only the meta goes back, into a board the relay upgraded when it loaded it.
    const format = meta.get(formatVersionKey)
    if (!(typeof format === 'number' && Number.isInteger(format) && format >= 1 && format <= formatVersion)) return { ok: false, reason: 'the version’s format is not readable by this relay' }
    const schema = meta.get(schemaKey)
    if (schemaRefusal(schema, undefined, known)) return { ok: false, reason: 'the version’s schema is not readable by this relay' }
    return { ok: true, schema: schema as SerializedSchemaLike }
  } finally {
    doc.destroy()
  }
}

/**
 * Writes the format and the version's schema into the board. Sequences the board's current
 * schema holds at a version this relay knows stay at least there: its records may have been
 * migrated since the version was saved, and must not be migrated again.
 */
export function restoreMeta(doc: Y.Doc, schema: SerializedSchemaLike, known: SerializedSchemaLike): void {
  const meta = getMetaMap(doc)
  const sequences = { ...schema.sequences }
  const current = SerializedSchema.safeParse(meta.get(schemaKey))
  for (const [name, version] of Object.entries(current.data?.sequences ?? {})) {
    if (Object.hasOwn(known.sequences, name) && version <= known.sequences[name] && version > (Object.hasOwn(sequences, name) ? sequences[name] : -1)) sequences[name] = version
  }
  meta.set(schemaKey, { schemaVersion: 2, sequences })
  meta.set(formatVersionKey, formatVersion)
}
