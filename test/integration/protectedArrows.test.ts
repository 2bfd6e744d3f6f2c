/**
 * „Zettel anderer schützen“ keeps another person's arrow pointing where she drew it: Ben's real
 * y-websocket client re-points Anna's arrow to his own Zettel, unbinds it and moves its end, or
 * binds its free start. Each closes his socket with 4403 and the board keeps her arrow as it was.
 * What tldraw writes as a side effect of honest actions stays open: Ben deletes his own Zettel her
 * arrow points to (its binding goes with it, its end stays where it was), and Anna and the
 * facilitator re-point her arrow.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { authorId } from '../../shared/author.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap, readRecord, readRecords } from '../../shared/board/records.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, relaySuite, until, type TestClient } from '../helpers/clients.ts'
import { arrowBinding, arrowShape, noteAt, putRecords } from '../helpers/records.ts'

const closeOf = (client: TestClient) =>
  new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

const annasSecret = 'a'.repeat(32)
const bensSecret = 'b'.repeat(32)
const record = (doc: Y.Doc, id: string) => getRecordsMap(doc).get(id) as Y.Map<unknown>

describe('others’ arrows against a hostile participant’s client', () => {
  const suite = relaySuite()

  it('refuses re-pointing, unbinding and binding Anna’s arrow, and keeps what honest deleting and her own hand write', async () => {
    const board = await createBoard(suite.relay, 'Kette', { template: 'planspiel' })
    const participant = board.access.participant
    const anna = await suite.connect(board.id, participant, annasSecret)
    const hers = { [authorMetaKey]: authorId(annasSecret, board.id) }
    const his = { [authorMetaKey]: authorId(bensSecret, board.id) }
    putRecords(anna.doc, [
      { ...noteAt(400, 0, 'Beratung', 'shape:service' as never), meta: hers },
      { ...arrowShape('shape:arrow'), meta: hers },
      arrowBinding('binding:end', 'shape:arrow', 'shape:service', 'end'),
    ])
    const ben = await suite.connect(board.id, participant, bensSecret)
    putRecords(ben.doc, [{ ...noteAt(800, 400, 'Ben', 'shape:ben' as never), meta: his }])
    await until(anna.doc, () => readRecord(anna.doc, 'shape:ben') !== undefined)
    await until(ben.doc, () => readRecord(ben.doc, 'binding:end') !== undefined)
    const before = readRecords(anna.doc).records

    const attacks: Record<string, (doc: Y.Doc) => void> = {
      're-pointed to his Zettel': (doc) => record(doc, 'binding:end').set('toId', 'shape:ben'),
      'unbound and its end moved': (doc) => Y.transact(doc, () => {
        getRecordsMap(doc).delete('binding:end')
        ;(record(doc, 'shape:arrow').get('props') as Y.Map<unknown>).set('end', { x: 800, y: 400 })
      }),
      'its free start moved': (doc) => (record(doc, 'shape:arrow').get('props') as Y.Map<unknown>).set('start', { x: -300, y: 50 }),
      'its free start bound to his Zettel': (doc) => putRecords(doc, [arrowBinding('binding:start', 'shape:arrow', 'shape:ben', 'start')]),
    }
    for (const [name, attack] of Object.entries(attacks)) {
      const hostile = await suite.connect(board.id, participant, bensSecret)
      const closed = closeOf(hostile)
      attack(hostile.doc)
      expect(await closed, name).toBe(CloseCode.notAllowed)
      hostile.provider.disconnect()
    }
    for (const id of ['shape:arrow', 'binding:end']) expect(readRecord(anna.doc, id), id).toEqual(before.find((r) => r.id === id))

    // Anna points her arrow at Ben's Zettel herself; Ben deletes his Zettel: the binding goes with
    // it and tldraw leaves the arrow's end where it pointed.
    record(anna.doc, 'binding:end').set('toId', 'shape:ben')
    await until(ben.doc, () => readRecord(ben.doc, 'binding:end')?.toId === 'shape:ben')
    Y.transact(ben.doc, () => {
      getRecordsMap(ben.doc).delete('shape:ben')
      getRecordsMap(ben.doc).delete('binding:end')
      ;(record(ben.doc, 'shape:arrow').get('props') as Y.Map<unknown>).set('end', { x: 900, y: 450 })
    })
    await until(anna.doc, () => readRecord(anna.doc, 'binding:end') === undefined)
    expect((readRecord(anna.doc, 'shape:arrow')!.props as { end: unknown }).end).toEqual({ x: 900, y: 450 })

    // The facilitator binds it again.
    const facilitator = await suite.connect(board.id)
    await until(facilitator.doc, () => readRecord(facilitator.doc, 'shape:arrow') !== undefined && readRecord(facilitator.doc, 'binding:end') === undefined)
    putRecords(facilitator.doc, [arrowBinding('binding:again', 'shape:arrow', 'shape:service', 'end')])
    await until(anna.doc, () => readRecord(anna.doc, 'binding:again') !== undefined)
    expect(ben.provider.wsconnected).toBe(true)
  })
})
