/**
 * The rules an update must satisfy (`updateRules.ts`), each named for the failure it prevents,
 * and how a check refuses one: it throws, and `checkUpdate` turns that into the verdict.
 */
export const updateRules = {
  /** Yjs must decode the whole update: otherwise it integrates the structs and then throws. */
  decodable: 'the update does not decode',
  /** Bytes after the update would be stored and sent on, unread by anyone. */
  'trailing-bytes': 'bytes after the end of the update',
  /** A zero-length item splits its neighbours into nothing: Yjs throws mid-transaction. */
  'struct-length': 'a struct has length 0',
  /** Client ids are 32-bit and clocks safe integers; larger ones break clock arithmetic. */
  'id-range': 'a client id or clock is out of range',
  /** Yjs keeps only the last run of a client listed twice, so what it applies is not what was checked. */
  'client-repeated': 'a client is listed twice',
  /** Structs beyond what is known would stay pending in the doc for ever. */
  'clock-gap': "a client's structs do not continue its known state",
  /** An origin or parent that never arrives also leaves the item pending; one of its own future throws. */
  'missing-reference': 'an origin, right origin or parent does not exist',
  /** Unknown root types would live in the doc for ever; the board uses three. */
  'root-name': 'a root type the board document does not use',
  /**
   * The board holds JSON values in maps, and a shape's rich text as one Y.Text under
   * `tldraw/<id>/props/richText` (format 3, `richTextYjs.ts`) holding characters, formats and
   * embeds only; text anywhere else, XML, arrays, binary or subdocument content has no place in it.
   */
  'content-type': 'content the board document does not use',
  /** Values too deep to encode wedge every later sync; bigints break the JSON export. */
  'json-value': 'a value that is not bounded JSON',
  /** Keys are record ids and tool names, never megabytes. */
  'map-key': 'a map key that is too long',
  /** A map item without a key is seen by no reader, yet stored and sent to everyone for ever (a text's items have none). */
  'keyless-item': 'an item without a key',
  /**
   * The board nests maps two deep (record, then props or meta). Yjs deletes and collects nested
   * maps recursively: a chain thousands deep overflows the stack when it is deleted, in the relay
   * and in every browser, and then on every load.
   */
  nesting: 'maps nested deeper than the board uses',
  /** Deletions of clocks nobody has would stay pending for ever, like a gap. */
  'delete-range': 'a deletion names clocks that do not exist',
} as const

export type UpdateRule = keyof typeof updateRules

export class Rejection extends Error {
  constructor(readonly rule: UpdateRule) {
    super(updateRules[rule])
  }
}

export function reject(rule: UpdateRule): never {
  throw new Rejection(rule)
}
