/**
 * An update of an older local copy with its shapes' texts held back: every item on a text key
 * of a record's `props` (`textKeys`), and on the board's format stamp (the relay's upgrade set
 * it; a copy's own, from an upgrade it made long ago, would win or lose by client id and could
 * stamp the board back), becomes a `GC` struct of the same id and length, so the
 * update keeps its ids and clocks (later items still integrate), but it can no longer set a
 * format-2 JSON value on a key where the relay's upgrade put a `Y.Text`. Yjs resolves two
 * values on one key by client id: the JSON winning would delete the Y.Text with everyone's
 * typing in it, losing would drop the offline words. Those words reach the text as a change
 * instead (`legacyCopy.ts`).
 *
 * Yjs has no public transformer of an update's structs: `Y.decodeUpdate` gives them, and they
 * are written back as `encodeStateAsUpdate` writes them (V1: per client the number of structs,
 * the client, the first clock, each struct's own `write`; then the delete set, clients in
 * descending order, as `DeleteSet.js` writes it).
 */
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { getMetaMap, getRecordsMap, textKeys } from '../../shared/board/records.ts'
import { formatVersionKey } from '../../shared/board/ydoc.ts'

/**
 * `update` (V1, all of its structs in `copy`) with its text-key items replaced by GC structs.
 * The delete set is kept whole: deleting a GC'd range changes nothing.
 */
export function holdBackTexts(update: Uint8Array, copy: Y.Doc): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update)
  const records = getRecordsMap(copy)
  const meta = getMetaMap(copy)
  const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  for (const struct of structs) {
    const kept = struct instanceof Y.Item && isHeldBack(copy, struct, records, meta) ? new Y.GC(struct.id, struct.length) : struct
    const list = byClient.get(struct.id.client) ?? []
    list.push(kept)
    byClient.set(struct.id.client, list)
  }
  const encoder = new Y.UpdateEncoderV1()
  encoding.writeVarUint(encoder.restEncoder, byClient.size)
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, list.length)
    encoder.writeClient(client)
    encoding.writeVarUint(encoder.restEncoder, list[0].id.clock)
    for (const struct of list) struct.write(encoder, 0)
  }
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size)
  for (const [client, ranges] of [...ds.clients].sort((a, b) => b[0] - a[0])) {
    encoder.resetDsCurVal()
    encoding.writeVarUint(encoder.restEncoder, client)
    encoding.writeVarUint(encoder.restEncoder, ranges.length)
    for (const range of ranges) {
      encoder.writeDsClock(range.clock)
      encoder.writeDsLen(range.len)
    }
  }
  return encoder.toUint8Array()
}

/**
 * Whether the struct is (part of) an item on a text key of a record's props or on the format
 * stamp. A decoded struct names its key only when it is the first on it, so the copy's own item
 * is asked.
 */
function isHeldBack(copy: Y.Doc, struct: Y.Item, records: Y.Map<unknown>, meta: Y.Map<unknown>): boolean {
  const item = Y.getItem(copy.store, struct.id) as Y.Item | Y.GC
  if (!(item instanceof Y.Item) || item.parentSub === null) return false
  if (item.parentSub === formatVersionKey && item.parent === meta) return true
  if (!textKeys.has(item.parentSub)) return false
  const props = item.parent
  return props instanceof Y.Map && props._item?.parentSub === 'props' && props._item.parent instanceof Y.Map && props._item.parent._item?.parent === records
}
