/**
 * One entry of the board's `facilitation` map, declared in one place and always in this order
 * (as tldraw declares a record type, e.g. `packages/tlschema/src/records/TLPage.ts`): its key,
 * the value the relay accepts (a zod schema), what readers see while there is none, how it is
 * read and written, and who may write it, with the entry's own extra rule where it has one.
 * Each entry is one file in `entries/`; `facilitation.ts` lists them, and the relay's judgement
 * (`declaration.ts`) and the client's atoms are made from that list.
 *
 * Two kinds of entry:
 * - a value: plain JSON written whole (last writer wins, which is what a single facilitator wants);
 * - a map: a nested `Y.Map` whose fields are written one by one, so that the relay can write some
 *   of them itself (the vote's participation and results).
 */
import * as Y from 'yjs'
import type { z } from 'zod'
import type { Role } from './rights.ts'
import { facilitationMapName } from './ydoc.ts'

export const facilitationMap = (doc: Y.Doc) => doc.getMap<unknown>(facilitationMapName)

interface Declared<Key extends string, Read> {
  readonly key: Key
  /** What readers see while there is no value, or none they can read. */
  readonly default: Read
  /** The stored value (as `facilitationMap(doc).get(key)` gives it), as readers see it. */
  readonly read: (stored: unknown) => Read
  /** The entry in `doc`, read. */
  readonly get: (doc: Y.Doc) => Read
  /** Who may write the entry at all. */
  readonly mayWrite: (role: Role) => boolean
  /** Why a write is refused even from one who may write, given the stored value; null when it is not. */
  readonly refuses?: (stored: unknown) => string | null
  /**
   * Why a valid value is refused, given the stored one (a value entry's rule between before and
   * after) and the judge's clock (ms since 1970); null when it is not.
   */
  readonly refusesValue?: (stored: unknown, value: unknown, now: number) => string | null
}

export interface ValueEntry<Key extends string = string, Value = unknown, Read = unknown> extends Declared<Key, Read> {
  readonly kind: 'value'
  /** The value the relay accepts. */
  readonly schema: z.ZodType<Value>
  /** Writes the value whole; null removes the entry. */
  readonly set: (doc: Y.Doc, value: Value | null) => void
}

export interface MapEntry<Key extends string = string, Read = unknown> extends Declared<Key, Read> {
  readonly kind: 'map'
  /** The map as readers take it, the fields the relay writes included. */
  readonly schema: z.ZodType
  /** The fields a writer sets, each as the relay accepts it; every other field is the relay's own. */
  readonly fields: Readonly<Record<string, z.ZodType>>
  /** The nested map in `doc`, if there is one. */
  readonly map: (doc: Y.Doc) => Y.Map<unknown> | undefined
  /** Why a valid field is refused, given the map before the write; null when it is not. A deletion comes as `value` undefined. */
  readonly refusesField?: FieldRule
  /** Whether the writer deletes any field, not only the ones she writes (the facilitator's kept votes): else a deletion is judged as a write. */
  readonly deletesAnyField?: boolean
}

/** What a map entry's own rule sees of one field written. */
export interface FieldWrite {
  field: string
  value: unknown
  /** The entry as stored before the update (the old map, when this update replaces it). */
  stored: unknown
  /** Whether the update writes a new map in its place: the field is the new map's. */
  replaced: boolean
  /** Another facilitation entry before the update. */
  facilitation: (key: string) => unknown
}
export type FieldRule = (write: FieldWrite) => string | null

export type FacilitationEntry = ValueEntry<string, any, unknown> | MapEntry<string, unknown>

interface Rights {
  mayWrite: (role: Role) => boolean
  refuses?: (stored: unknown) => string | null
  refusesValue?: (stored: unknown, value: unknown, now: number) => string | null
}

/** A value entry: plain JSON, written whole. */
export function defineEntry<const Key extends string, S extends z.ZodType, Default, Read = z.output<S>>(
  declaration: {
    key: Key
    schema: S
    default: Default
    /** What readers see of a valid value, if not the value itself. */
    read?: (value: z.output<S>) => Read
    /** Instead: a reader of whatever is stored, for an entry read leniently (one bad part drops only itself). */
    readStored?: (stored: unknown) => Read
    /** What is stored for a value, if not the value itself; null stores nothing. */
    write?: (value: z.output<S>) => z.output<S> | null
  } & Rights,
): ValueEntry<Key, z.output<S>, Read | Default> {
  const { key, schema, default: fallback, read, readStored, write, mayWrite, refuses, refusesValue } = declaration
  const readValue = (stored: unknown): Read | Default => {
    if (readStored) return readStored(stored)
    const parsed = schema.safeParse(stored)
    if (!parsed.success) return fallback
    return read ? read(parsed.data) : (parsed.data as Read)
  }
  return {
    kind: 'value',
    key,
    schema: schema as z.ZodType<z.output<S>>,
    default: fallback,
    read: readValue,
    get: (doc) => readValue(facilitationMap(doc).get(key)),
    set(doc, value) {
      const stored = value === null ? null : write ? write(value) : value
      const map = facilitationMap(doc)
      doc.transact(() => (stored === null ? map.delete(key) : map.set(key, stored)))
    },
    mayWrite,
    refuses,
    refusesValue,
  }
}

/** A map entry: a nested `Y.Map`, written field by field (its writers are the entry's own functions). */
export function defineMapEntry<const Key extends string, S extends z.ZodType, Default, Read>(
  declaration: {
    key: Key
    schema: S
    fields: Readonly<Record<string, z.ZodType>>
    default: Default
    read: (value: z.output<S>) => Read
    refusesField?: FieldRule
    deletesAnyField?: boolean
  } & Rights,
): MapEntry<Key, Read | Default> {
  const { key, schema, fields, default: fallback, read, mayWrite, refuses, refusesField, deletesAnyField } = declaration
  const readValue = (stored: unknown): Read | Default => {
    const parsed = schema.safeParse(stored instanceof Y.Map ? ownFields(stored) : stored)
    return parsed.success ? read(parsed.data) : fallback
  }
  const map = (doc: Y.Doc) => {
    const stored = facilitationMap(doc).get(key)
    return stored instanceof Y.Map ? (stored as Y.Map<unknown>) : undefined
  }
  return { kind: 'map', key, schema, fields, default: fallback, read: readValue, get: (doc) => readValue(facilitationMap(doc).get(key)), map, mayWrite, refuses, refusesField, deletesAnyField }
}

/**
 * A map's fields as a plain object of own properties, read from its entries: `Y.Map.toJSON()`
 * assigns each key, and one named `__proto__` would become the object's prototype, not a field.
 */
function ownFields(map: Y.Map<unknown>): Record<string, unknown> {
  return Object.fromEntries([...map.entries()].map(([field, value]) => [field, value instanceof Y.AbstractType ? value.toJSON() : value]))
}
