/**
 * Presence patches: what changed in one awareness state since the last one a client received,
 * instead of the whole state. A cursor move changes two coordinates and a timestamp, some 80
 * bytes, where the whole presence is about 480; in a plenary that is most of the bandwidth.
 *
 * Relay → client only, and only to clients that asked for it (`presencePatchParam`); plain
 * y-websocket clients keep receiving whole states in ordinary awareness messages.
 *
 * Message `messagePresencePatch`: varUint count, then per entry varUint clientId, varUint clock,
 * varUint baseClock, varString patch JSON. A patch applies only to the state with `baseClock`;
 * a client holding another clock asks for all states again (query-awareness).
 *
 * A patch is `{ s?: nested values to set, d?: paths to delete }`. In `s` a plain object means
 * "go into this key"; anything else (arrays, numbers, null) replaces the value at that key.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export const messagePresencePatch = 100
/** Query parameter with which a client asks for patches (`?presence=patch`). */
export const presencePatchParam = { name: 'presence', value: 'patch' } as const

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

export interface PresencePatch {
  s?: JsonObject
  d?: string[][]
}

export interface PatchEntry {
  clientId: number
  clock: number
  baseClock: number
  patch: string
}

/** Deep enough for presence.cursor.x; deeper objects are replaced whole. */
const maxDepth = 4

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** The patch that turns `from` into `to`; both objects as JSON.parse returns them. */
export function diffStates(from: JsonObject, to: JsonObject): PresencePatch {
  const deletions: string[][] = []
  const sets = diffObject(from, to, [], deletions)
  const patch: PresencePatch = {}
  if (sets) patch.s = sets
  if (deletions.length > 0) patch.d = deletions
  return patch
}

function diffObject(from: JsonObject, to: JsonObject, path: string[], deletions: string[][]): JsonObject | null {
  let sets: JsonObject | null = null
  for (const key of Object.keys(to)) {
    const before = Object.hasOwn(from, key) ? from[key] : undefined
    const after = to[key]
    if (before !== undefined && isObject(before) && isObject(after) && path.length + 1 < maxDepth) {
      const inner = diffObject(before, after, [...path, key], deletions)
      if (inner) put((sets ??= {}), key, inner)
    } else if (before === undefined || !sameJson(before, after)) {
      // Too deep to go into: the old object goes first, or merging would keep its stale keys.
      if (isObject(before) && isObject(after)) deletions.push([...path, key])
      put((sets ??= {}), key, after)
    }
  }
  for (const key of Object.keys(from)) if (!Object.hasOwn(to, key)) deletions.push([...path, key])
  return sets
}

function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  return JSON.stringify(a) === JSON.stringify(b)
}

/** `base` with the patch applied, as a new object; `base` itself is left alone. */
export function applyPatch(base: JsonObject, patch: PresencePatch): JsonObject {
  const result = structuredClone(base)
  for (const path of patch.d ?? []) {
    const parent = walk(result, path.slice(0, -1), false)
    if (parent && path.length > 0) delete parent[path[path.length - 1]]
  }
  if (patch.s) merge(result, patch.s)
  return result
}

// Own properties only, written as data properties: a peer's state may hold a key named
// "__proto__", which must stay a key and never reach a prototype.
function walk(root: JsonObject, path: string[], create: boolean): JsonObject | null {
  let node = root
  for (const key of path) {
    if (!Object.hasOwn(node, key) || !isObject(node[key])) {
      if (!create) return null
      put(node, key, {})
    }
    node = node[key] as JsonObject
  }
  return node
}

function merge(target: JsonObject, sets: JsonObject): void {
  for (const [key, value] of Object.entries(sets)) {
    if (isObject(value)) merge(walk(target, [key], true)!, value)
    else put(target, key, value)
  }
}

function put(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
}

export function encodePresencePatches(entries: Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messagePresencePatch)
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) encoding.writeUint8Array(encoder, entry)
  return encoding.toUint8Array(encoder)
}

/** One entry's bytes, encoded once and copied into every recipient's message. */
export function encodePatchEntry({ clientId, clock, baseClock, patch }: PatchEntry): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, clientId)
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint(encoder, baseClock)
  encoding.writeVarString(encoder, patch)
  return encoding.toUint8Array(encoder)
}

/** Reads the entries of a patch message after its type. Throws on malformed input. */
export function readPatchEntries(decoder: decoding.Decoder): PatchEntry[] {
  const entries: PatchEntry[] = []
  const count = decoding.readVarUint(decoder)
  for (let i = 0; i < count; i++) {
    entries.push({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      baseClock: decoding.readVarUint(decoder),
      patch: decoding.readVarString(decoder),
    })
  }
  return entries
}
