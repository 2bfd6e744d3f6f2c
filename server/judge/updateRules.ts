/**
 * What a client's Yjs update must satisfy before the relay lets it touch a board.
 *
 * Yjs cannot roll back: an update that throws half-way leaves the doc damaged, one whose
 * dependencies are missing stays pending in the doc for ever (re-merged on every later update,
 * shipped to every joiner), and a value too deep to encode wedges every later sync. So each
 * update is checked against the room's current state first, and rejected whole when any rule
 * fails. Every rule below names the failure it prevents. The module is pure: it reads the doc and
 * never changes it.
 *
 * The update is read here the way `Y.applyUpdate` reads it (not `Y.decodeUpdate`, whose reader
 * differs on some malformed info bytes and hides a client listed twice), with Yjs' own decoder
 * for the primitives, so that what is checked is exactly what Yjs would apply.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { boardRootNames } from '../../shared/board/ydoc.ts'
import { checkNesting } from './itemPlaces.ts'
import { reject, Rejection, updateRules, type UpdateRule } from './updateRejection.ts'
import type { ClientRun, Deletion, Id, ItemContent, Struct } from './updateStructs.ts'

export { updateRules, type UpdateRule } from './updateRejection.ts'


export type UpdateVerdict =
  /**
   * `changes` is false when the update holds nothing the doc does not already have; `parsed` is
   * the update as read, for the board declaration's checks (`updateWrites.ts`).
   */
  | { ok: true; changes: boolean; parsed: ParsedUpdate }
  | { ok: false; rule: UpdateRule; reason: string }

export interface ParsedUpdate {
  runs: ReadonlyMap<number, { readonly structs: readonly Struct[] }>
  deletions: readonly Deletion[]
}

/** tldraw records nest a few levels (rich text, draw segments); 64 leaves ample room. */
export const maxJsonDepth = 64
/** One record's size; whole messages are capped separately by MAX_MESSAGE_BYTES. */
export const maxJsonValueBytes = 1024 * 1024
/**
 * A text's format or embed value (a mark's or a line's attributes, an inline node's): small, a
 * link's href at most. Larger ones only hide bytes: one read as nothing is tidied away on the
 * relay, but would still have been sent to every screen.
 */
export const maxTextAttributeBytes = 8 * 1024
export const maxMapKeyLength = 1024
/** A format's key in a rich text is a mark's type name (as `shapeText.ts` counts names), `block` or `containers`. */
export const maxFormatKeyLength = 40
const maxClientId = 0xffffffff

export function checkUpdate(doc: Y.Doc, update: Uint8Array): UpdateVerdict {
  try {
    return { ok: true, ...check(doc, update) }
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, rule: error.rule, reason: error.message }
    // Anything Yjs or lib0 throws while reading: the bytes are not an update.
    return { ok: false, rule: 'decodable', reason: updateRules.decodable }
  }
}

function check(doc: Y.Doc, update: Uint8Array): { changes: boolean; parsed: ParsedUpdate } {
  const known = (client: number) => Y.getState(doc.store, client)
  const { runs, deletions } = readUpdate(update, known)
  let changes = false
  for (const run of runs.values()) {
    for (const struct of run.structs) {
      if (struct.kind !== 'skip' && struct.clock + struct.length > run.available) changes = true
    }
  }
  integrateInOrder(runs, known)
  checkNesting(doc, runs)
  for (const { client, clock, len } of deletions) {
    if (len < 1) reject('delete-range')
    checkId(client, clock + len)
    if (clock + len > (runs.get(client)?.available ?? known(client))) reject('delete-range')
    if (!changes && deletesSomething(doc, client, clock, len)) changes = true
  }
  return { changes, parsed: { runs, deletions } }
}

/** Mirrors Yjs' `readClientsStructRefs` and `readDeleteSet`; content is checked as it is read. */
function readUpdate(update: Uint8Array, known: (client: number) => number) {
  const decoder = new Y.UpdateDecoderV1(decoding.createDecoder(update))
  const bytes = decoder.restDecoder
  const runs = new Map<number, ClientRun>()
  const runCount = decoding.readVarUint(bytes)
  for (let r = 0; r < runCount; r++) {
    const structCount = decoding.readVarUint(bytes)
    const client = decoder.readClient()
    let clock = decoding.readVarUint(bytes)
    // Yjs keeps only the last run of a client, so what it applies would not be what was checked.
    if (runs.has(client)) reject('client-repeated')
    const run: ClientRun = { structs: [], next: 0, available: known(client), end: clock }
    runs.set(client, run)
    for (let i = 0; i < structCount; i++) {
      const struct = readStruct(decoder, client, clock)
      if (struct.length < 1) reject('struct-length')
      clock += struct.length
      checkId(client, clock)
      run.structs.push(struct)
    }
    run.end = clock
  }
  const deletions: Deletion[] = []
  const deletingClients = decoding.readVarUint(bytes)
  for (let c = 0; c < deletingClients; c++) {
    decoder.resetDsCurVal()
    const client = decoding.readVarUint(bytes)
    const ranges = decoding.readVarUint(bytes)
    for (let i = 0; i < ranges; i++) deletions.push({ client, clock: decoder.readDsClock(), len: decoder.readDsLen() })
  }
  if (decoding.hasContent(bytes)) reject('trailing-bytes')
  return { runs, deletions }
}

const hasOrigin = 0x80
const hasRightOrigin = 0x40
const hasParentSub = 0x20
const contentDeleted = 1
const contentString = 4
const contentEmbed = 5
const contentFormat = 6
const contentType = 7
const contentAny = 8
const yMapTypeRef = 1
const yTextTypeRef = 2

function readStruct(decoder: Y.UpdateDecoderV1, client: number, clock: number): Struct {
  const info = decoder.readInfo()
  const base = { client, clock, origin: null, rightOrigin: null, parent: null, parentSub: null, content: { kind: 'deleted' } as const }
  switch (info & 0x1f) {
    case 0:
      return { ...base, kind: 'gc', length: decoder.readLen() }
    case 10:
      return { ...base, kind: 'skip', length: decoding.readVarUint(decoder.restDecoder) }
  }
  const origin = info & hasOrigin ? readId(decoder.readLeftID()) : null
  const rightOrigin = info & hasRightOrigin ? readId(decoder.readRightID()) : null
  const ownParent = (info & (hasOrigin | hasRightOrigin)) === 0
  const parent = ownParent ? (decoder.readParentInfo() ? decoder.readString() : readId(decoder.readLeftID())) : null
  const parentSub = ownParent && info & hasParentSub ? decoder.readString() : null
  if (typeof parent === 'string' && !boardRootNames.has(parent)) reject('root-name')
  if (parentSub !== null && parentSub.length > maxMapKeyLength) reject('map-key')
  return { kind: 'item', client, clock, origin, rightOrigin, parent, parentSub, ...readContent(decoder, info & 0x1f) }
}

/**
 * Reads an item's content and its length; only what the board document uses passes, bounded.
 * Where text content may be is checked with the item's place (`checkNesting`).
 */
function readContent(decoder: Y.UpdateDecoderV1, ref: number): { length: number; content: ItemContent } {
  switch (ref) {
    case contentDeleted:
      return { length: decoder.readLen(), content: { kind: 'deleted' } }
    case contentType: {
      const typeRef = decoder.readTypeRef()
      if (typeRef !== yMapTypeRef && typeRef !== yTextTypeRef) reject('content-type')
      return { length: 1, content: { kind: typeRef === yMapTypeRef ? 'map' : 'text' } }
    }
    case contentString: {
      const text = decoder.readString()
      checkJson(text)
      return { length: text.length, content: { kind: 'string' } }
    }
    case contentEmbed: {
      // One inline node, `{ type: attrs }`: any other embed is stored and read as nothing.
      const embed = decoder.readJSON()
      checkJson(embed, maxTextAttributeBytes)
      const entries = isObject(embed) ? Object.entries(embed) : []
      if (entries.length !== 1 || entries[0][0].length > maxFormatKeyLength || !isObject(entries[0][1])) reject('json-value')
      return { length: 1, content: { kind: 'embed' } }
    }
    case contentFormat: {
      if (decoder.readKey().length > maxFormatKeyLength) reject('map-key')
      // A mark (true, or its attrs), a line's block or containers, or null where one ends.
      const value = decoder.readJSON()
      checkJson(value, maxTextAttributeBytes)
      if (value !== null && value !== true && typeof value !== 'object') reject('json-value')
      return { length: 1, content: { kind: 'format' } }
    }
    case contentAny: {
      const count = decoder.readLen()
      const values: unknown[] = []
      for (let i = 0; i < count; i++) {
        const value = decoder.readAny()
        checkJson(value)
        values.push(value)
      }
      return { length: count, content: { kind: 'json', values } }
    }
    default:
      return reject('content-type')
  }
}

const readId = (id: Y.ID): Id => [id.client, id.clock]

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

function checkId(client: number, clock: number): void {
  if (client > maxClientId || !Number.isSafeInteger(clock)) reject('id-range')
}

/** Depth, size and kinds of a JSON value, walked without recursion (the value may be deep). */
function checkJson(root: unknown, maxBytes = maxJsonValueBytes): void {
  let bytes = 0
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 1 }]
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!
    if (depth > maxJsonDepth) reject('json-value')
    bytes += 8
    if (typeof value === 'string') bytes += value.length
    else if (Array.isArray(value)) for (const item of value) stack.push({ value: item, depth: depth + 1 })
    else if (value !== null && typeof value === 'object') {
      // lib0 builds plain objects; anything else came through a `__proto__` key.
      if (Object.getPrototypeOf(value) !== Object.prototype) reject('json-value')
      // A text's formats and embeds come through JSON.parse, which keeps the key as an own one.
      if (Object.hasOwn(value, '__proto__')) reject('json-value')
      for (const [key, item] of Object.entries(value)) {
        bytes += key.length
        stack.push({ value: item, depth: depth + 1 })
      }
    } else if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
      reject('json-value')
    }
    if (bytes > maxBytes) reject('json-value')
  }
}

/**
 * Walks the update's structs in an order where every reference resolves, as Yjs would: a struct
 * whose origin lies in another client's later structs waits until those are through. Anything
 * that can never resolve (a gap, a dangling reference, a cycle) is what Yjs would leave pending.
 */
function integrateInOrder(runs: Map<number, ClientRun>, known: (client: number) => number): void {
  const availableTo = (client: number) => runs.get(client)?.available ?? known(client)
  const waiting = new Set<ClientRun>()
  for (const start of runs.values()) {
    const stack: ClientRun[] = []
    let run: ClientRun | undefined = start
    while (run) {
      if (run.next >= run.structs.length) {
        run = stack.pop()
        if (run) waiting.delete(run)
        continue
      }
      const struct = run.structs[run.next]
      if (struct.clock > run.available) reject('clock-gap')
      if (struct.kind === 'skip') {
        // A skipped range must already be known; past it, the next struct would be pending.
        if (struct.clock + struct.length > run.available) reject('clock-gap')
        run.next++
        continue
      }
      const needed = unresolvedReference(struct, availableTo)
      if (needed) {
        const [client, clock] = needed
        const provider = runs.get(client)
        if (client === struct.client || !provider || clock >= provider.end) reject('missing-reference')
        // The provider is itself waiting further down: the references form a cycle.
        if (waiting.has(provider)) reject('missing-reference')
        stack.push(run)
        waiting.add(run)
        run = provider
        continue
      }
      run.available = Math.max(run.available, struct.clock + struct.length)
      run.next++
      // Progress may have unblocked the struct that waited for this client.
      const blocked = stack.pop()
      if (blocked) {
        waiting.delete(blocked)
        run = blocked
      }
    }
  }
}

function unresolvedReference(struct: Struct, availableTo: (client: number) => number): Id | null {
  const parent = typeof struct.parent === 'string' ? null : struct.parent
  for (const id of [struct.origin, struct.rightOrigin, parent]) {
    if (!id) continue
    checkId(id[0], id[1])
    if (id[1] >= availableTo(id[0])) return id
  }
  return null
}

/** True when the range covers a struct the doc has not deleted yet. */
function deletesSomething(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client)
  const known = Y.getState(doc.store, client)
  // Clocks past the doc's state belong to this update's own new structs.
  if (!structs || clock + len > known) return true
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const struct = structs[i]
    if (struct.id.clock >= clock + len) break
    if (!struct.deleted) return true
  }
  return false
}
