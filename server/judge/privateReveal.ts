/**
 * What a round of private writing will cost the board at its reveal, in the bytes the reveal
 * writes (Yjs, each note a map of its fields), not in the JSON the browsers sent: a round
 * checked in JSON let made-up writers fill it to a size whose reveal never fit (every reveal 507).
 * And when the board filled up meanwhile, which notes the reveal takes: one of every writer's
 * first, then one of every writer's second…, as far as the board has room.
 */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { getRecordsMap, writeRecord, type StoredRecord } from '../../shared/board/records.ts'
import { revealedRecord } from '../../shared/board/entries/private.ts'

type Note = Record<string, unknown>

/**
 * A note's place in a cell is chosen at the reveal (`cellPlacement`): its position may become a
 * fraction (a float64 instead of a short integer) and its size change; room for that.
 */
const placementSlack = 48

/**
 * The reveal is written under the relay's own client id (up to 2^32), at whatever its clock has
 * reached in the room: every item's id and parent carry both. Weighed at a clock of 2^28 (a
 * varint as long as any room's clock gets), so the weight is never below what is written.
 */
const relayLike = { client: 2 ** 32 - 1, clock: 2 ** 28 }

/** A doc whose next write is under `relayLike`'s client at its clock: one GC struct stands for what came before. */
function docAtRelayClock(): Y.Doc {
  const doc = new Y.Doc()
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1) // one client
  encoding.writeVarUint(encoder, 1) // one struct
  encoding.writeVarUint(encoder, relayLike.client)
  encoding.writeVarUint(encoder, 0) // from clock 0
  encoding.writeUint8(encoder, 0) // a GC struct
  encoding.writeVarUint(encoder, relayLike.clock)
  encoding.writeVarUint(encoder, 0) // no deletions
  Y.applyUpdate(doc, encoding.toUint8Array(encoder))
  // Taken only now: Yjs gives a doc a new id when an update brings structs under its own.
  doc.clientID = relayLike.client
  return doc
}

/** The bytes a writer's notes add to the board at the reveal. */
export function revealBytes(notes: readonly Note[], author: string): number {
  if (notes.length === 0) return 0
  const doc = docAtRelayClock()
  try {
    const before = Y.encodeStateVector(doc)
    const records = getRecordsMap(doc)
    doc.transact(() => {
      for (const note of notes) writeRecord(records, revealedRecord(note, author) as unknown as StoredRecord)
    })
    return Y.encodeStateAsUpdate(doc, before).byteLength + notes.length * placementSlack
  } finally {
    doc.destroy()
  }
}

export interface Writer {
  author: string
  notes: Note[]
}

/** Each writer's notes taken in turns (every writer's first, then every second…) while `fits(bytes so far)`. */
export function notesThatFit(writers: readonly Writer[], fits: (bytes: number) => boolean): { taken: Writer[]; waiting: Writer[] } {
  const taken = writers.map((w) => ({ author: w.author, notes: [] as Note[] }))
  let bytes = 0
  let full = false
  for (let turn = 0; !full && writers.some((w) => turn < w.notes.length); turn++) {
    for (const [i, writer] of writers.entries()) {
      const note = writer.notes[turn]
      if (!note) continue
      const cost = revealBytes([note], writer.author)
      if (!fits(bytes + cost)) {
        full = true
        break
      }
      bytes += cost
      taken[i]!.notes.push(note)
    }
  }
  const waiting = writers.map((w, i) => ({ author: w.author, notes: w.notes.slice(taken[i]!.notes.length) })).filter((w) => w.notes.length > 0)
  return { taken: taken.filter((w) => w.notes.length > 0), waiting }
}
