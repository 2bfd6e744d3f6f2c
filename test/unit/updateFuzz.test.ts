/**
 * Property: whatever a client sends, an update the rules accept applies cleanly (no exception,
 * nothing pending, the doc still encodes and loads again), and one they reject is not needed.
 * `FUZZ_SEED` replays a failure; fast-check prints the seed and the smallest failing case.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate } from '../../server/judge/updateRules.ts'
import { hostileUpdate, validRecordUpdate, type BoardFacts } from '../helpers/hostileFrames.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'


/** A board two people worked on: records written, overwritten and deleted, a nested map. */
function board(): { doc: Y.Doc; facts: BoardFacts } {
  const doc = new Y.Doc()
  for (const clientID of [11, 12]) {
    const peer = new Y.Doc()
    peer.clientID = clientID
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
    const records = peer.getMap('tldraw')
    for (let i = 0; i < 5; i++) records.set(`shape:${clientID}-${i}`, { x: i, props: { text: 'Kita' } })
    records.set(`shape:${clientID}-0`, { x: 99 })
    records.delete(`shape:${clientID}-1`)
    peer.getMap('facilitation').set(`vote-${clientID}`, new Y.Map())
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer))
  }
  const clocks = new Map([...Y.decodeStateVector(Y.encodeStateVector(doc))])
  const items = [...clocks].flatMap(([client, next]) => Array.from({ length: next }, (_, clock) => [client, clock] as [number, number]))
  return { doc, facts: { items, clocks } }
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('update rules under fuzzing', () => {
  const { doc, facts } = board()

  it('reject every hostile update of the corpus', () => {
    fc.assert(
      fc.property(hostileUpdate(facts), ({ name, update }) => {
        const verdict = checkUpdate(doc, update)
        expect(verdict.ok, name).toBe(false)
      }),
      propertyParameters({ gate: 400, full: 4000 }),
    )
  })

  it('apply what they accept cleanly, also mixed with hostile parts', () => {
    const anyUpdate = fc.oneof(
      validRecordUpdate().map((u) => u.update),
      hostileUpdate(facts).map((u) => u.update),
      // Valid and hostile updates merged by Yjs into one: accepted only if every part is sound.
      fc.tuple(validRecordUpdate(), hostileUpdate(facts)).map(([valid, hostile]) => {
        try {
          return Y.mergeUpdates([valid.update, hostile.update])
        } catch {
          return valid.update
        }
      }),
    )
    fc.assert(
      fc.property(fc.array(anyUpdate, { minLength: 1, maxLength: 6 }), (updates) => {
        const target = copyOf(doc)
        for (const update of updates) {
          if (!checkUpdate(target, update).ok) continue
          Y.applyUpdate(target, update)
          expect(target.store.pendingStructs).toBeNull()
          expect(target.store.pendingDs).toBeNull()
        }
        const reloaded = new Y.Doc()
        Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(target))
        // (Merging can make a hostile part sound, e.g. two runs of one client become one.)
        expect(reloaded.getMap('tldraw').toJSON()).toEqual(target.getMap('tldraw').toJSON())
      }),
      propertyParameters({ gate: 300, full: 3000 }),
    )
  })
})
