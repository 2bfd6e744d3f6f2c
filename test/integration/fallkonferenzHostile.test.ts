/**
 * A participant attacking the Fallkonferenz's case lock on a real relay with a real y-websocket
 * client: every Zettel the canvas shows in a shut case cell must have been refused by the relay.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { scaffoldEntry } from '../../shared/board/entries/scaffold.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, relaySuite, until, type TestClient } from '../helpers/clients.ts'
import { toRichText } from '@tldraw/tlschema'
import { arrowShape, noteAt, putRecords, recordsIn } from '../helpers/records.ts'

const suite = relaySuite()

const closeOf = (client: TestClient) =>
  new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

/** The box of a template cell by its key. */
function cellBox(doc: Y.Doc, key: string) {
  const shape = recordsIn<TLShape>(doc).find((s) => scaffoldMeta(s)?.key === key)!
  const { w, h } = shape.props as { w: number; h: number }
  return { id: shape.id, x: shape.x, y: shape.y, w, h }
}

/** Refused (its sender closed) or kept (the facilitator sees `kept` come true), whichever comes first. */
const verdict = (client: TestClient, facilitator: TestClient, kept: () => boolean) =>
  Promise.race([closeOf(client).then((code) => (code === CloseCode.notAllowed ? 'refused' : `closed ${code}`)), until(facilitator.doc, kept).then(() => 'kept')])

async function fallkonferenz() {
  const board = await createBoard(suite.relay, 'Fallkonferenz', { template: 'fallkonferenz' })
  const facilitator = await suite.connect(board.id, board.access.facilitator)
  await until(facilitator.doc, () => getRecordsMap(facilitator.doc).size > 0)
  const participant = async () => {
    const client = await suite.connect(board.id, board.access.participant)
    await until(client.doc, () => getRecordsMap(client.doc).size > 0)
    return client
  }
  return { board, facilitator, participant }
}

describe('a hostile participant against the Fallkonferenz case lock', () => {
  it('a Zettel turned half round about its corner, its corner just outside a shut case cell and its face inside, is refused', async () => {
    const { facilitator, participant } = await fallkonferenz()
    const cell = cellBox(facilitator.doc, 'fall:cell:problem:inhalt')
    const client = await participant()
    // Turned by π about its top-left corner, the Zettel covers (x-200..x, y-200..y) on the canvas:
    // its corner lies right of and below the cell, its face in the cell's lower right corner.
    const note = { ...noteAt(0, 0, 'Frau Yilmaz, Mietschulden', 'shape:turned' as TLShapeId), x: cell.x + cell.w + 20, y: cell.y + cell.h + 20, rotation: Math.PI }
    const judged = verdict(client, facilitator, () => readRecord(facilitator.doc, 'shape:turned') !== undefined)
    putRecords(client.doc, [note])
    expect(await judged).toBe('refused')
  })

  it('with the scaffold unlocked, a case cell moved over a Zettel already on the board is refused', async () => {
    const { facilitator, participant } = await fallkonferenz()
    scaffoldEntry.set(facilitator.doc, { unlocked: true })
    const cell = cellBox(facilitator.doc, 'fall:cell:problem:inhalt')
    const client = await participant()
    await until(client.doc, () => scaffoldEntry.get(client.doc).unlocked)
    // Written far off the template, where nothing is shut.
    putRecords(client.doc, [noteAt(cell.x - 5_000, cell.y - 5_000, 'Frau Yilmaz, Mietschulden', 'shape:waiting' as TLShapeId)])
    await until(facilitator.doc, () => readRecord(facilitator.doc, 'shape:waiting') !== undefined)
    const judged = verdict(client, facilitator, () => readRecord(facilitator.doc, cell.id)?.x !== cell.x)
    const moved = getRecordsMap(client.doc).get(cell.id) as Y.Map<unknown>
    client.doc.transact(() => {
      moved.set('x', cell.x - 5_000 - cell.w / 2)
      moved.set('y', cell.y - 5_000 - cell.h / 2)
    })
    expect(await judged).toBe('refused')
    // Moved where nothing lies, the cell is kept.
    const mover = await participant()
    const cellAgain = getRecordsMap(mover.doc).get(cell.id) as Y.Map<unknown>
    cellAgain.set('x', cell.x + 3_000)
    await until(facilitator.doc, () => readRecord(facilitator.doc, cell.id)?.x === cell.x + 3_000)
  })

  it('an arrow starting outside a shut case cell, its label in the cell, is refused', async () => {
    const { facilitator, participant } = await fallkonferenz()
    const cell = cellBox(facilitator.doc, 'fall:cell:problem:inhalt')
    const client = await participant()
    // Its corner (where it starts) lies left of the cell; its label, halfway, in the cell's middle.
    const arrow = arrowShape('shape:labelled')
    const reach = 2 * (400 + cell.w / 2)
    Object.assign(arrow, { x: cell.x - 400, y: cell.y + cell.h / 2 })
    Object.assign(arrow.props, { end: { x: reach, y: 0 }, richText: toRichText('Frau Yilmaz, Mietschulden') })
    const judged = verdict(client, facilitator, () => readRecord(facilitator.doc, 'shape:labelled') !== undefined)
    putRecords(client.doc, [arrow])
    expect(await judged).toBe('refused')
  })
})
