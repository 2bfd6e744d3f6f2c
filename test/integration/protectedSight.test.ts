/**
 * „Zettel anderer schützen“ against a hostile participant's real client on a real relay: Ben's
 * y-websocket client writes what his own copy of the board allows, in ways the canvas never
 * offers (a turn that lays Anna's Zettel outside the frame showing it, a mark the facilitator's
 * draw deletes by, an index behind the template's locked cells, her note made a tiny geo, her
 * box filled with the colour of her words). Each closes his socket with 4403; Anna's Zettel stays
 * as she left it, for her and for a fresh tab, and the honest clients go on syncing.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { toRichText } from '@tldraw/tlschema'
import { getIndexBelow, type IndexKey } from '@tldraw/utils'
import { authorId } from '../../shared/author.ts'
import { authorMetaKey } from '../../shared/board/declaration.ts'
import { getRecordsMap, readRecord, readRecords } from '../../shared/board/records.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, relaySuite, until, type TestClient } from '../helpers/clients.ts'
import { frameShape, noteAt, putRecords } from '../helpers/records.ts'

const closeOf = (client: TestClient) =>
  new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

const annasSecret = 'a'.repeat(32)
const bensSecret = 'b'.repeat(32)

describe('others’ Zettel against a hostile participant’s client', () => {
  const suite = relaySuite()

  it('refuses turning, marking, sending behind the template, retyping and same-colour filling of Anna’s Zettel', async () => {
    const board = await createBoard(suite.relay, 'Planspiel', { template: 'planspiel' })
    const participant = board.access.participant
    const anna = await suite.connect(board.id, participant, annasSecret)
    const signed = { [authorMetaKey]: authorId(annasSecret, board.id) }
    const frame = { ...(frameShape('shape:frame') as unknown as Record<string, unknown>), x: 0, y: 0, meta: { [authorMetaKey]: authorId(bensSecret, board.id) } }
    const box = { ...(noteAt(0, 0, 'x') as unknown as Record<string, unknown>), id: 'shape:box', type: 'geo', x: 1_000, y: 0, meta: signed, props: { geo: 'rectangle', dash: 'draw', url: '', w: 300, h: 200, growY: 0, scale: 1, flipX: false, flipY: false, labelColor: 'black', color: 'blue', fill: 'none', size: 'm', font: 'draw', align: 'middle', verticalAlign: 'middle', richText: toRichText('Anna') } }
    putRecords(anna.doc, [{ ...noteAt(300, 300, 'nicht einverstanden', 'shape:anna' as never), meta: signed }, box])
    const ben = await suite.connect(board.id, participant, bensSecret)
    await until(ben.doc, () => readRecord(ben.doc, 'shape:box') !== undefined)
    // Her Zettel in his frame, at its corner: clustering, open.
    putRecords(ben.doc, [frame])
    Y.transact(ben.doc, () => {
      const note = getRecordsMap(ben.doc).get('shape:anna') as Y.Map<unknown>
      note.set('parentId', 'shape:frame')
      note.set('x', 0)
      note.set('y', 0)
    })
    await until(anna.doc, () => readRecord(anna.doc, 'shape:anna')?.parentId === 'shape:frame')
    const before = readRecords(anna.doc).records

    const template = readRecords(anna.doc).records.filter((r) => (r.meta as Record<string, unknown>)?.netzwerkstatt).map((r) => String(r.index)).sort()
    const attacks: Record<string, (doc: Y.Doc) => void> = {
      'turned out of the frame': (doc) => (getRecordsMap(doc).get('shape:anna') as Y.Map<unknown>).set('rotation', Math.PI),
      'marked as drawn for groups': (doc) => ((getRecordsMap(doc).get('shape:anna') as Y.Map<unknown>).get('meta') as Y.Map<unknown>).set('drawnForGroups', 'x'),
      'sent behind the template': (doc) => (getRecordsMap(doc).get('shape:frame') as Y.Map<unknown>).set('index', getIndexBelow(template[0] as IndexKey)),
      'made a tiny geo': (doc) => Y.transact(doc, () => {
        const note = getRecordsMap(doc).get('shape:anna') as Y.Map<unknown>
        note.set('type', 'geo')
        const props = note.get('props') as Y.Map<unknown>
        for (const key of [...props.keys()]) if (key !== 'richText') props.delete(key)
        for (const [key, value] of Object.entries({ ...(box.props as object), w: 2, h: 2 })) if (key !== 'richText') props.set(key, value)
      }),
      'filled like her words': (doc) => Y.transact(doc, () => {
        const props = (getRecordsMap(doc).get('shape:box') as Y.Map<unknown>).get('props') as Y.Map<unknown>
        props.set('color', 'black')
        props.set('fill', 'fill')
      }),
    }
    for (const [name, attack] of Object.entries(attacks)) {
      const hostile = await suite.connect(board.id, participant, bensSecret)
      const closed = closeOf(hostile)
      attack(hostile.doc)
      expect(await closed, name).toBe(CloseCode.notAllowed)
      hostile.provider.disconnect()
    }
    // Anna and Ben go on; what a fresh tab loads is what Anna left.
    putRecords(ben.doc, [{ ...noteAt(900, 900, 'Ben', 'shape:ben' as never), meta: { [authorMetaKey]: authorId(bensSecret, board.id) } }])
    await until(anna.doc, () => readRecord(anna.doc, 'shape:ben') !== undefined)
    const fresh = await suite.connect(board.id, board.access.observer)
    await until(fresh.doc, () => readRecord(fresh.doc, 'shape:ben') !== undefined)
    for (const id of ['shape:anna', 'shape:box', 'shape:frame']) {
      const was = before.find((r) => r.id === id)
      expect(readRecord(fresh.doc, id), id).toEqual(was)
      expect(readRecord(anna.doc, id), id).toEqual(was)
    }
  })
})
