/** Who may write structs under which Yjs client id (`server/judge/clientIds.ts`), judged on updates as the relay reads them. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ClientIdHolders, clientIdHolder } from '../../server/judge/clientIds.ts'
import { NewWriters } from '../../server/judge/newWriters.ts'
import { checkUpdate, type ParsedUpdate } from '../../server/judge/updateRules.ts'
import { encodeV1 } from '../helpers/updateFrames.ts'

const anna = clientIdHolder({ role: 'participant', author: 'anna' })
const ben = clientIdHolder({ role: 'participant', author: 'ben' })

function parsed(doc: Y.Doc, update: Uint8Array): ParsedUpdate {
  const verdict = checkUpdate(doc, update)
  if (!verdict.ok) throw new Error(verdict.reason)
  return verdict.parsed
}

describe('client id holders', () => {
  it('gives a new id to its first writer, lets only that writer continue it, and judges only clocks the board lacks', () => {
    const doc = new Y.Doc()
    const holders = new ClientIdHolders(new Map())
    const first = encodeV1([{ client: 7, clock: 0, structs: [{ key: 'shape:a', content: { any: [1] } }] }])
    expect(holders.judge(doc, parsed(doc, first), anna, (id) => id === doc.clientID)).toEqual({ ok: true, newIds: [7], claimed: [] })
    holders.hold([7], anna)
    Y.applyUpdate(doc, first)

    // Her next clocks, a GC struct among them (a shape made and deleted offline): hers to write.
    const next = encodeV1([{ client: 7, clock: 1, structs: [{ gc: 3 }, { key: 'shape:b', content: { any: [2] } }] }])
    expect(holders.judge(doc, parsed(doc, next), anna, (id) => id === doc.clientID)).toEqual({ ok: true, newIds: [], claimed: [] })
    // Anyone else's, three bytes or not: refused.
    expect(holders.judge(doc, parsed(doc, encodeV1([{ client: 7, clock: 1, structs: [{ gc: 1 }] }])), ben, (id) => id === doc.clientID)).toMatchObject({ ok: false })
    // What the board has already is nobody's write: a sync step 2 that carries it passes.
    expect(holders.judge(doc, parsed(doc, first), ben, (id) => id === doc.clientID)).toEqual({ ok: true, newIds: [], claimed: [] })
  })

  it("refuses structs under the relay's own id, and keeps a browser's id from writers without a writer secret", () => {
    const doc = new Y.Doc()
    const holders = new ClientIdHolders(new Map([[9, anna]]))
    const own = encodeV1([{ client: doc.clientID, clock: 0, structs: [{ gc: 1 }] }])
    expect(holders.judge(doc, parsed(doc, own), anna, (id) => id === doc.clientID)).toMatchObject({ ok: false })
    const script = clientIdHolder({ role: 'participant', author: null })
    expect(script).not.toBe(anna)
    expect(holders.judge(doc, parsed(doc, encodeV1([{ client: 9, clock: 0, structs: [{ gc: 1 }] }])), script, (id) => id === doc.clientID)).toMatchObject({ ok: false })
  })
})

describe('ids announced in presence', () => {
  it('keeps an id new to the board for whoever announced it, but lets an id the board has be continued whoever announced it', () => {
    const doc = new Y.Doc()
    const holders = new ClientIdHolders(new Map())
    const announced = (client: number) => client === 5 || client === 6
    const fresh = encodeV1([{ client: 5, clock: 0, structs: [{ gc: 1 }] }])
    expect(holders.judge(doc, parsed(doc, fresh), ben, (id) => id === doc.clientID, announced)).toMatchObject({ ok: false })
    // Written before holders were recorded: its writer continues it, whatever an observer announced.
    Y.applyUpdate(doc, encodeV1([{ client: 6, clock: 0, structs: [{ key: 'shape:old', content: { any: [1] } }] }]))
    const next = encodeV1([{ client: 6, clock: 1, structs: [{ key: 'shape:new', content: { any: [2] } }] }])
    expect(holders.judge(doc, parsed(doc, next), anna, (id) => id === doc.clientID, announced)).toEqual({ ok: true, newIds: [6], claimed: [] })
  })
})

describe('writers new to a board, per address', () => {
  it('lets an address bring its allowance of new writers a day, counts each once, and leaves other addresses theirs', () => {
    const writers = new NewWriters(2)
    const at = 0
    expect(writers.admit('author:a', '203.0.113.7', at)).toBe(true)
    expect(writers.admit('author:b', '203.0.113.7', at)).toBe(true)
    expect(writers.admit('author:c', '203.0.113.7', at)).toBe(false)
    // Counted once: a writer back is not new.
    expect(writers.admit('author:a', '203.0.113.7', at)).toBe(true)
    expect(writers.admit('author:d', '198.51.100.9', at)).toBe(true)
    // Half a day later, one more.
    expect(writers.admit('author:c', '203.0.113.7', at + 12 * 3_600_000)).toBe(true)
    expect(writers.admit('author:e', '203.0.113.7', at + 12 * 3_600_000)).toBe(false)
  })
})
