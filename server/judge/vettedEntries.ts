/**
 * The entries of a vetted awareness update (`awarenessGuard.ts`: each id, clock and the state's
 * JSON as it will be applied), read without parsing the JSON: what the budget counts, the relay
 * passes on as it arrived, and the line over the rate merges.
 */
import * as decoding from 'lib0/decoding'

export interface VettedEntry {
  id: number
  clock: number
  /** The state is `null`: the id leaves (the guard writes a departure so). */
  departure: boolean
  /** The state's JSON bytes. */
  stateBytes: number
  /** The whole entry (id, clock, JSON) as it stands in the update. */
  bytes: Uint8Array
}

const isDeparture = (json: Uint8Array) => json.byteLength === 4 && String.fromCharCode(...json) === 'null'

export function* vettedEntries(update: Uint8Array): Generator<VettedEntry> {
  const decoder = decoding.createDecoder(update)
  for (let n = decoding.readVarUint(decoder); n > 0; n--) {
    const start = decoder.pos
    const id = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarUint8Array(decoder)
    yield { id, clock, departure: isDeparture(json), stateBytes: json.byteLength, bytes: update.subarray(start, decoder.pos) }
  }
}
