/**
 * Property: whatever a participant sends, an update the relay accepts leaves a board that
 * satisfies the declaration for a participant. Checked on the real doc after `Y.applyUpdate`, by
 * diffing its plain JSON before and after (not by reading the update, nor by the rehearsal): so
 * a phantom item, a losing sibling or a deletion hidden behind a set cannot slip through unseen.
 * `FUZZ_SEED` replays a failure; `PROPERTY_RUNS=full` runs the full budget (test/helpers/propertyRuns.ts).
 */
import fc from 'fast-check'
import { isEqual } from '@tldraw/utils'
import { createTLSchema, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { authorMetaKey, judgeWrites, type SerializedSchemaLike, type Write } from '../../shared/board/declaration.ts'
import { getMetaMap, getRecordsMap, nestedFields, readEntry, readRecords } from '../../shared/board/records.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { judgeUpdate } from '../../server/judge/judgeUpdate.ts'
import { validateRecord } from '../../server/judge/recordValidation.ts'
import { Rehearsal } from '../../server/judge/rehearsal.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { checkUpdate } from '../../server/judge/updateRules.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { noteAt, putRecords } from '../helpers/records.ts'
import { encodeV1, type ClientSpec, type Id } from '../helpers/updateFrames.ts'
import { propertyParameters, propertyRuns, propertyTimeout } from '../helpers/propertyRuns.ts'

/** The whole-board property: a few hundred cases in the gate, 5,000 before the judge changes (docs/testing.md). */
const wholeBoard = { gate: 250, full: 5000 }
const runs = propertyRuns(wholeBoard)
const writer = { role: 'participant', author: 'ben' } as const
type Json = Record<string, unknown>

/** A Zukunftskonferenz board (locked scaffold) with a note by Anna and one by Ben. */
function makeBoard(): { state: Uint8Array; targets: string[][] } {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, templateDocument({ template: 'zukunftskonferenz', locale: 'de' }))
  const anna = { ...noteAt(0, 0, 'Anna'), meta: { [authorMetaKey]: 'anna' } } as TLShape
  const ben = { ...noteAt(300, 0, 'Ben'), meta: { [authorMetaKey]: 'ben' } } as TLShape
  putRecords(doc, [anna, ben])
  const scaffold = readRecords(doc).records.find((r) => r.typeName === 'shape' && scaffoldMeta(r as unknown as TLShape))!
  const targets = [anna.id, ben.id, scaffold.id].flatMap((id) => [
    [id],
    [id, 'x'],
    [id, 'parentId'],
    [id, 'typeName'],
    [id, 'meta', authorMetaKey],
    [id, 'props', 'color'],
  ])
  targets.push(['page:page'], ['page:page', 'name'], ['document:document'])
  return { state: Y.encodeStateAsUpdate(doc), targets }
}

const values = [0, 40, 123.5, 'boom', 'anna', 'ben', null, 'red', 'page:page', 'shape:nirgends', 'shape', 'instance', true]

/** One thing a hostile or honest client does to the item holding a key now. */
type Move =
  | { kind: 'set'; target: number; value: unknown } // honest: lands right of the current value
  | { kind: 'phantom'; target: number; value: unknown } // left of it, deleted at once
  | { kind: 'delete'; target: number }
  | { kind: 'map'; target: number } // a new, empty map for the key

const move = (targets: number): fc.Arbitrary<Move> => {
  const target = fc.nat({ max: targets - 1 })
  const value = fc.constantFrom(...values)
  return fc.oneof(
    fc.record({ kind: fc.constant('set' as const), target, value }),
    fc.record({ kind: fc.constant('phantom' as const), target, value }),
    fc.record({ kind: fc.constant('delete' as const), target }),
    fc.record({ kind: fc.constant('map' as const), target }),
  )
}

/** The item holding the value at a path of the records map, if there is one. */
function itemAt(doc: Y.Doc, path: string[]): Id | null {
  let map: Y.Map<unknown> = getRecordsMap(doc)
  for (const key of path.slice(0, -1)) {
    const next = map.get(key)
    if (!(next instanceof Y.Map)) return null
    map = next
  }
  const item = map._map.get(path.at(-1)!)
  return item && !item.deleted ? [item.id.client, item.id.clock] : null
}

/** Moves as one update: each from a client of its own, so their ids decide among siblings. */
function encodeMoves(doc: Y.Doc, targets: string[][], moves: Move[], clients: number[]): Uint8Array | null {
  const runs: ClientSpec[] = []
  const deletes: Array<[number, Id[]]> = []
  moves.forEach((m, i) => {
    const current = itemAt(doc, targets[m.target])
    if (!current) return
    if (m.kind === 'delete') return deletes.push([current[0], [[current[1], 1]]])
    const content = m.kind === 'map' ? { type: 1 } : { any: [m.value] }
    const placed = m.kind === 'phantom' ? { rightOrigin: current } : { origin: current }
    runs.push({ client: clients[i], clock: 0, structs: [{ ...placed, content }] })
  })
  // One delete set entry per client, as Yjs writes it.
  const byClient = new Map<number, Id[]>()
  for (const [client, ranges] of deletes) byClient.set(client, [...(byClient.get(client) ?? []), ...ranges])
  return runs.length + byClient.size === 0 ? null : encodeV1(runs, [...byClient].map(([client, ranges]) => [client, dedupe(ranges)]))
}

const dedupe = (ranges: Id[]) => [...new Map(ranges.map((r) => [r[1], r])).values()].sort((a, b) => a[1] - b[1])

/** The writes that turn one plain-JSON board into the other, and the declaration's verdict on them. */
function oracle(before: Snapshot, after: Snapshot): string | null {
  const writes: Write[] = []
  for (const id of new Set([...Object.keys(before.records), ...Object.keys(after.records)])) {
    writes.push(...recordWrites(id, before.records[id], after.records[id]))
  }
  for (const key of new Set([...Object.keys(before.meta), ...Object.keys(after.meta)])) {
    if (!isEqual(before.meta[key], after.meta[key])) {
      writes.push({ path: ['meta', key], value: key in after.meta ? { kind: 'json', value: after.meta[key] } : null })
    }
  }
  if (!isEqual(before.facilitation, after.facilitation)) return 'facilitation changed'
  const refusal = judgeWrites(writes, {
    ...writer,
    recordBefore: (id) => before.records[id],
    recordAfter: (id) => after.records[id],
    referencesAfter: () => Object.entries(after.records).map(([id, r]) => ({ id, parentId: r.parentId, fromId: r.fromId, toId: r.toId, assetId: (r.props as Json | undefined)?.assetId })),
    meta: (key) => before.meta[key],
    knownSchema: createTLSchema().serialize() as SerializedSchemaLike,
    facilitation: (key) => before.facilitation[key],
    validateRecord,
  })
  return refusal && `${refusal.entry}: ${refusal.reason}`
}

function recordWrites(id: string, before: Json | undefined, after: Json | undefined): Write[] {
  if (isEqual(before, after)) return []
  const base = ['tldraw', id]
  if (!after) return [{ path: base, value: null }]
  const writes: Write[] = before ? [] : [{ path: base, value: { kind: 'map' } }]
  for (const field of new Set([...Object.keys(before ?? {}), ...Object.keys(after)])) {
    const [was, now] = [before?.[field], after[field]]
    if (isEqual(was, now)) continue
    if (now === undefined) writes.push({ path: [...base, field], value: null })
    else if (!nestedFields.has(field) || !isObject(now)) writes.push({ path: [...base, field], value: { kind: 'json', value: now } })
    else {
      if (!isObject(was)) writes.push({ path: [...base, field], value: { kind: 'map' } })
      const old = isObject(was) ? was : {}
      for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
        if (isEqual(old[key], now[key])) continue
        writes.push({ path: [...base, field, key], value: key in now ? { kind: 'json', value: now[key] } : null })
      }
    }
  }
  return writes
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

interface Snapshot {
  records: Record<string, Json>
  meta: Json
  facilitation: Json
}
const snapshot = (doc: Y.Doc): Snapshot => ({
  // Read as the relay reads records: a shape's text (a Y.Text) as tldraw's JSON.
  records: Object.fromEntries([...getRecordsMap(doc).entries()].map(([id, entry]) => [id, readEntry(entry) ?? entry])) as Record<string, Json>,
  meta: getMetaMap(doc).toJSON(),
  facilitation: facilitationMap(doc).toJSON(),
})

describe('the judgement, against what the doc really holds', () => {
  const { state, targets } = makeBoard()

  // From a new seed each time (FUZZ_SEED repeats one): seconds on an idle machine, and a timeout
  // that grows with the runs, so that a loaded machine is slow, not red.
  it('every update a participant gets accepted leaves a board the declaration allows', { timeout: propertyTimeout(wholeBoard, 100) }, () => {
    const seen = { accepted: 0, refused: 0 }
    const clients = fc.uniqueArray(fc.integer({ min: 1, max: 0xfffffff }), { minLength: 6, maxLength: 6 })
    fc.assert(
      fc.property(fc.array(fc.array(move(targets.length), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }), clients, (updates, ids) => {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, state)
        const rehearsal = new Rehearsal(doc, () => true)
        try {
          for (const [round, moves] of updates.entries()) {
            const update = encodeMoves(doc, targets, moves, ids.map((id) => id + round * 0x10000000))
            if (!update) continue
            const verdict = checkUpdate(doc, update)
            if (!verdict.ok || !verdict.changes) continue
            if (judgeUpdate(doc, rehearsal, update, writer)) {
              seen.refused++
              rehearsal.discard()
              continue
            }
            seen.accepted++
            const before = snapshot(doc)
            Y.applyUpdate(doc, update)
            expect(oracle(before, snapshot(doc))).toBeNull()
          }
        } finally {
          rehearsal.destroy()
          doc.destroy()
        }
      }),
      propertyParameters(wholeBoard),
    )
    // Both sides of the judgement were exercised, many times.
    expect(seen.accepted).toBeGreaterThan(runs / 10)
    expect(seen.refused).toBeGreaterThan(runs / 10)
  })

  it('honest writes to shared notes are accepted and kept as the doc holds them', () => {
    // A participant moving Ben's and Anna's notes, recolouring them: nothing refused.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    const rehearsal = new Rehearsal(doc, () => true)
    fc.assert(
      fc.property(fc.nat({ max: 1 }), fc.integer({ min: -5000, max: 5000 }), fc.constantFrom('red', 'blue', 'green'), (which, x, color) => {
        const peer = new Y.Doc()
        Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
        const sv = Y.encodeStateVector(peer)
        const id = targets[which * 6][0]
        const record = getRecordsMap(peer).get(id) as Y.Map<Y.Map<unknown> | unknown>
        peer.transact(() => {
          record.set('x', x)
          ;(record.get('props') as Y.Map<unknown>).set('color', color)
        })
        const update = Y.encodeStateAsUpdate(peer, sv)
        const verdict = checkUpdate(doc, update)
        expect(verdict.ok).toBe(true)
        expect(judgeUpdate(doc, rehearsal, update, writer)).toBeNull()
        Y.applyUpdate(doc, update)
        expect((getRecordsMap(doc).get(id) as Y.Map<unknown>).toJSON()).toMatchObject({ x, props: { color } })
      }),
      propertyParameters({ gate: 100, full: 2000 }),
    )
    rehearsal.destroy()
  })
})


