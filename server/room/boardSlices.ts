/**
 * A board cut into slices: updates that, applied one after the other, build the same doc as the
 * whole board at once, and each of which applies without waiting for a later one. Decoding a
 * stored board of 15,000 notes takes the relay's thread for more than half a second; cut in a
 * worker thread (`documentJobs.ts`) and applied a slice per turn of the event loop, every other
 * board and request goes on meanwhile.
 *
 * Why slices apply in order: every struct gets a level one above the structs it builds on (the
 * one before it of the same client, its left and right origin, its parent). A slice holds the
 * structs of a band of levels, so whatever a struct refers to lies in the same slice or an earlier
 * one, and Yjs never has to keep it pending. Levels rise along each client's clocks, so a band is
 * one run of clocks per client: exactly what a V1 update's struct section holds. The board's
 * deletions come with the last slice, when every struct they name is there.
 */
import * as encoding from 'lib0/encoding'
import { setImmediate as nextTurn } from 'node:timers/promises'
import * as Y from 'yjs'

/**
 * What one slice may cost to apply: each struct counts one, and each client's run thirteen more,
 * because Yjs pays per client of an update too (6,000 ids of one struct each took 127 ms, as
 * many structs of one client 10 ms). 3,000 is about 5 ms of applying; in a relay, with the
 * garbage collection the new structs cause, a slice held the thread for up to about 20 ms.
 */
export const sliceWeight = 3_000
const clientWeight = 13

/** A slice: the structs of the levels `from`..`to`, of every client or of `clients` only (one wide level, split). */
interface Band {
  from: number
  to: number
  clients?: Set<number>
}

/** The slices that build `doc`: a struct section per band of levels, the deletions with the last. */
export function sliceDocument(doc: Y.Doc, maxWeight = sliceWeight): Uint8Array[] {
  const { clients } = doc.store
  const levels = levelsOf(clients)
  let top = 0
  for (const of of levels.values()) top = Math.max(top, of[of.length - 1] ?? 0)
  // The clients with a struct on each level (one at most each: a client's levels rise).
  const atLevel: number[][] = Array.from({ length: top + 1 }, () => [])
  for (const [client, of] of levels) for (const level of of) atLevel[level]!.push(client)

  const bands: Band[] = []
  let band: Band | null = null
  let weight = 0
  let inBand = new Set<number>()
  const close = () => {
    if (band) bands.push(band)
    band = null
    weight = 0
    inBand = new Set()
  }
  for (let level = 1; level <= top; level++) {
    const here = atLevel[level]!
    const added = here.length + clientWeight * here.filter((client) => !inBand.has(client)).length
    if (band && weight + added > maxWeight) close()
    if (!band && here.length * (1 + clientWeight) > maxWeight) {
      // A level wider than a slice: its structs depend only on lower levels, so any split of it holds.
      const perSlice = Math.max(1, Math.floor(maxWeight / (1 + clientWeight)))
      for (let i = 0; i < here.length; i += perSlice) bands.push({ from: level, to: level, clients: new Set(here.slice(i, i + perSlice)) })
      continue
    }
    band ??= { from: level, to: level }
    band.to = level
    weight += added
    for (const client of here) inBand.add(client)
  }
  close()
  if (bands.length === 0) bands.push({ from: 0, to: 0 })

  // Deletions as Yjs writes them after an update's structs (an update for the full state vector is no structs, then them).
  const deletions = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)).subarray(1)
  const next = new Map<number, number>([...clients.keys()].map((client) => [client, 0]))
  // Higher client ids first, as Yjs writes them.
  const order = [...clients.keys()].sort((a, b) => b - a)
  return bands.map(({ to, clients: only }, index) => {
    const encoder = new Y.UpdateEncoderV1()
    const runs: Array<{ client: number; from: number; to: number }> = []
    for (const client of only ? order.filter((c) => only.has(c)) : order) {
      const of = levels.get(client)!
      const from = next.get(client)!
      let end = from
      while (end < of.length && of[end]! <= to) end++
      next.set(client, end)
      if (end > from) runs.push({ client, from, to: end })
    }
    encoding.writeVarUint(encoder.restEncoder, runs.length)
    for (const run of runs) {
      const structs = clients.get(run.client)!
      encoding.writeVarUint(encoder.restEncoder, run.to - run.from)
      encoder.writeClient(run.client)
      encoding.writeVarUint(encoder.restEncoder, structs[run.from]!.id.clock)
      for (let i = run.from; i < run.to; i++) structs[i]!.write(encoder, 0)
    }
    const structSection = encoder.toUint8Array()
    const last = index === bands.length - 1
    const slice = new Uint8Array(structSection.byteLength + (last ? deletions.byteLength : 1))
    slice.set(structSection)
    // An empty delete set is one 0 byte.
    if (last) slice.set(deletions, structSection.byteLength)
    return slice
  })
}

/**
 * Applies the slices to `doc`, one per turn of the event loop. Throws, and leaves `doc` to be
 * dropped, as soon as a slice leaves anything pending: the slices were not cut from the board
 * (and pending parts would be merged again at every later slice, which is the cost slicing avoids).
 */
export async function applySlices(doc: Y.Doc, slices: readonly Uint8Array[], origin: unknown): Promise<void> {
  for (const [i, slice] of slices.entries()) {
    if (i > 0) await nextTurn()
    Y.applyUpdate(doc, slice, origin)
    if (doc.store.pendingStructs || doc.store.pendingDs) throw new Error('board slices left structs pending')
  }
}

type Struct = Y.Item | Y.GC

/** Each struct's level, per client in clock order: one above the highest struct it builds on. */
function levelsOf(clients: Map<number, Struct[]>): Map<number, Uint32Array> {
  const levels = new Map<number, Uint32Array>()
  for (const [client, structs] of clients) levels.set(client, new Uint32Array(structs.length))
  const at = (id: Y.ID): [number, number] => {
    const structs = clients.get(id.client)
    if (!structs) throw new Error('a struct refers to a client the board lacks')
    return [id.client, Y.findIndexSS(structs, id.clock)]
  }
  const dependencies = (client: number, index: number): Array<[number, number]> => {
    const deps: Array<[number, number]> = index > 0 ? [[client, index - 1]] : []
    const struct = clients.get(client)![index]!
    if (!(struct instanceof Y.Item)) return deps
    if (struct.origin) deps.push(at(struct.origin))
    if (struct.rightOrigin) deps.push(at(struct.rightOrigin))
    const parent = struct.parent
    if (parent instanceof Y.AbstractType && parent._item) deps.push(at(parent._item.id))
    return deps
  }
  // Depth first without recursion: chains of a client run to hundreds of thousands of structs.
  const visiting = new Set<string>()
  for (const [client, structs] of clients) {
    for (let index = 0; index < structs.length; index++) {
      if (levels.get(client)![index]! > 0) continue
      const stack: Array<[number, number]> = [[client, index]]
      while (stack.length > 0) {
        const [c, i] = stack[stack.length - 1]!
        visiting.add(`${c}:${i}`)
        let highest = 0
        let waiting = false
        for (const [dc, di] of dependencies(c, i)) {
          const level = levels.get(dc)![di]!
          if (level > 0) highest = Math.max(highest, level)
          else {
            if (visiting.has(`${dc}:${di}`)) throw new Error('structs of the board refer to each other in a circle')
            stack.push([dc, di])
            waiting = true
          }
        }
        if (waiting) continue
        levels.get(c)![i] = highest + 1
        visiting.delete(`${c}:${i}`)
        stack.pop()
      }
    }
  }
  return levels
}
