/**
 * The update rules one by one, each with the smallest frame that broke the relay before them.
 * Frames are written by hand in Yjs' update format V1, since an honest Y.Doc never produces them.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate, maxJsonDepth, type UpdateRule } from '../../server/judge/updateRules.ts'
import { templateDocument } from '../../server/documents/templateBoard.ts'
import { deepAnyContent, encodeV1, type Content, type ItemSpec } from '../helpers/updateFrames.ts'

/** A board with one honest client (id 1) that wrote two records and deleted a third. */
function board(): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = 1
  const records = doc.getMap('tldraw')
  records.set('shape:a', { x: 1 })
  records.set('shape:b', { x: 2 })
  records.set('shape:c', { x: 3 })
  records.delete('shape:c')
  return doc
}

const newRecord = (key: string, value: unknown = { x: 0 }): ItemSpec => ({ key, content: { any: [value] } })

function expectRejected(doc: Y.Doc, update: Uint8Array, rule: UpdateRule) {
  const before = Y.encodeStateAsUpdate(doc)
  expect(checkUpdate(doc, update)).toMatchObject({ ok: false, rule })
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
}

function expectAccepted(doc: Y.Doc, update: Uint8Array, changes = true) {
  expect(checkUpdate(doc, update)).toMatchObject({ ok: true, changes })
  Y.applyUpdate(doc, update)
  expect(doc.store.pendingStructs).toBeNull()
  expect(doc.store.pendingDs).toBeNull()
}

describe('update rules', () => {
  it('accepts what honest clients send: edits, nested maps, deletions, a whole template board', () => {
    const relay = new Y.Doc()
    const client = new Y.Doc()
    const updates: Uint8Array[] = []
    client.on('update', (u: Uint8Array) => updates.push(u))
    const records = client.getMap('tldraw')
    records.set('shape:a', { x: 1, props: { richText: { type: 'doc', content: [{ type: 'paragraph' }] } } })
    records.set('shape:a', { x: 2 })
    records.delete('shape:a')
    const vote = new Y.Map()
    client.getMap('facilitation').set('vote', vote)
    vote.set('ballots', new Y.Map())
    client.getMap('meta').set('formatVersion', 1)
    for (const update of updates) expectAccepted(relay, update)
    // A reconnecting client's sync step 2: nothing new, so nothing to store.
    expectAccepted(relay, Y.encodeStateAsUpdate(client, Y.encodeStateVector(relay)), false)
    expectAccepted(relay, updates[0], false)

    const template = templateDocument({ template: 'planspiel', options: {}, locale: 'de' })
    expectAccepted(new Y.Doc(), template)
  })

  it('decodable: a truncated update', () => {
    const update = Y.encodeStateAsUpdate(board())
    expectRejected(new Y.Doc(), update.slice(0, update.length - 3), 'decodable')
  })

  it('trailing-bytes: anything after the deletions, where Yjs stops reading', () => {
    const valid = encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:x')] }])
    expectRejected(board(), Uint8Array.from([...valid, 5, 0]), 'trailing-bytes')
  })

  it('reads info bytes as Yjs applies them: 42 is a skip there, whatever its flags say', () => {
    // Low five bits 10 = skip for `Y.applyUpdate`; a reader that took it for an item would check
    // something else than what gets applied.
    const update = Uint8Array.of(1, 1, 9, 0, 42, 3, 0)
    expect(checkUpdate(board(), update)).toMatchObject({ ok: false, rule: 'clock-gap' })
  })

  it('struct-length: an item of length zero whose right origin exists (17 bytes that bricked a board)', () => {
    const doc = board()
    const update = encodeV1([{ client: 9, clock: 0, structs: [{ rightOrigin: [1, 0], content: { any: [] } }] }])
    expect(update.byteLength).toBeLessThan(20)
    expectRejected(doc, update, 'struct-length')
    expectRejected(doc, encodeV1([{ client: 9, clock: 0, structs: [{ gc: 0 }] }]), 'struct-length')
  })

  it('id-range: a client id beyond 32 bits', () => {
    expectRejected(board(), encodeV1([{ client: 2 ** 40, clock: 0, structs: [newRecord('shape:x')] }]), 'id-range')
  })

  it('client-repeated: one client listed twice', () => {
    const run = { client: 9, clock: 0, structs: [newRecord('shape:x')] }
    expectRejected(board(), encodeV1([run, { ...run, clock: 1 }]), 'client-repeated')
    expectRejected(board(), encodeV1([run, { ...run, clock: 0 }]), 'client-repeated')
    expectRejected(board(), encodeV1([run, { ...run, structs: [] }]), 'client-repeated')
  })

  it("clock-gap: structs that start beyond the client's known state", () => {
    const doc = board()
    expectRejected(doc, encodeV1([{ client: 9, clock: 5, structs: [newRecord('shape:x')] }]), 'clock-gap')
    const known = Y.getState(doc.store, 1)
    expectRejected(doc, encodeV1([{ client: 1, clock: known + 1, structs: [newRecord('shape:x')] }]), 'clock-gap')
    // A skip over clocks nobody has leaves what follows it pending.
    expectRejected(doc, encodeV1([{ client: 9, clock: 0, structs: [{ skip: 2 }, newRecord('shape:x')] }]), 'clock-gap')
    // Overlapping what is known is fine: Yjs integrates only the new part.
    expectAccepted(doc, encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:y')] }]))
  })

  it('missing-reference: dangling origins and parents, a reference to its own future, a cycle', () => {
    const doc = board()
    const at = (spec: Partial<ItemSpec>) => encodeV1([{ client: 9, clock: 0, structs: [{ content: { any: [1] }, ...spec }] }])
    expectRejected(doc, at({ origin: [7, 0] }), 'missing-reference')
    expectRejected(doc, at({ rightOrigin: [1, 999] }), 'missing-reference')
    expectRejected(doc, at({ parent: [7, 3], key: 'k' }), 'missing-reference')
    expectRejected(doc, at({ origin: [9, 0] }), 'missing-reference')
    expectRejected(
      doc,
      encodeV1([
        { client: 8, clock: 0, structs: [{ origin: [9, 0], content: { any: [1] } }] },
        { client: 9, clock: 0, structs: [{ origin: [8, 0], content: { any: [1] } }] },
      ]),
      'missing-reference',
    )
  })

  it('resolves references to other clients later in the same update, as Yjs does', () => {
    const doc = board()
    expectAccepted(
      doc,
      encodeV1([
        { client: 8, clock: 0, structs: [{ origin: [9, 0], content: { any: [2] } }] },
        { client: 9, clock: 0, structs: [newRecord('shape:z')] },
      ]),
    )
    expect(doc.getMap('tldraw').get('shape:z')).toBe(2)
  })

  it('root-name: a root type the board does not use', () => {
    expectRejected(board(), encodeV1([{ client: 9, clock: 0, structs: [{ root: 'evil', key: 'k', content: { any: [1] } }] }]), 'root-name')
  })

  it('content-type: text, arrays, binary and JSON strings', () => {
    const doc = board()
    const item = (content: Content) => encodeV1([{ client: 9, clock: 0, structs: [{ key: 'k', content }] }])
    expectRejected(doc, item({ string: 'hello' }), 'content-type')
    expectRejected(doc, item({ type: 0 }), 'content-type') // Y.Array
    expectRejected(doc, item({ type: 2 }), 'content-type') // Y.Text
    expectRejected(doc, item({ raw: [3, 1, 7] }), 'content-type') // ContentBinary
    expectRejected(doc, item({ raw: [2, 1, 1, 0x31] }), 'content-type') // ContentJSON "1"
    expectAccepted(doc, item({ type: 1 })) // Y.Map
  })

  it('json-value: too deep (the value that wedged every later sync), too large, bigint, prototype', () => {
    const doc = board()
    const nest = (depth: number) => {
      let value: unknown = 1
      for (let i = 1; i < depth; i++) value = [value]
      return value
    }
    // Deep enough that encoding it again may overflow the stack; written by hand (arrays of one).
    expectRejected(doc, encodeV1([{ client: 9, clock: 0, structs: [{ key: 'shape:x', content: deepAnyContent(2_000) }] }]), 'json-value')
    expectRejected(doc, encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:x', nest(maxJsonDepth + 1))] }]), 'json-value')
    expectRejected(doc, encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:x', 'x'.repeat(2 * 1024 * 1024))] }]), 'json-value')
    expectRejected(doc, encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:x', { n: 10n })] }]), 'json-value')
    expectRejected(doc, encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:x', JSON.parse('{"__proto__": null}'))] }]), 'json-value')
    expectAccepted(doc, encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:x', nest(maxJsonDepth))] }]))
  })

  it('map-key: a key of megabytes', () => {
    expectRejected(board(), encodeV1([{ client: 9, clock: 0, structs: [newRecord('k'.repeat(5000))] }]), 'map-key')
  })

  it('delete-range: deletions for clients or clocks nobody has (the flood that slowed a board)', () => {
    const doc = board()
    const known = Y.getState(doc.store, 1)
    expectRejected(doc, encodeV1([], [[4242, [[0, 10_000]]]]), 'delete-range')
    expectRejected(doc, encodeV1([], [[1, [[0, known + 1]]]]), 'delete-range')
    expectRejected(doc, encodeV1([], [[1, [[0, 0]]]]), 'delete-range')
    // Deleting what exists, or what the same update adds, is an ordinary edit.
    expectAccepted(doc, encodeV1([{ client: 9, clock: 0, structs: [newRecord('shape:tmp')] }], [[9, [[0, 1]]]]))
    expectAccepted(doc, encodeV1([], [[1, [[0, 1]]]]))
    // Deleting it again changes nothing.
    expectAccepted(doc, encodeV1([], [[1, [[0, 1]]]]), false)
  })
})
