/**
 * The Fallkonferenz on a real relay, with real y-websocket clients: consent is recorded by the
 * facilitator alone, and until the record is complete nobody (the facilitator included) writes
 * into the case cells: a Zettel created there, moved there or changed there closes its sender
 * with 4403 and reaches nobody. Once recorded, a participant writes the case. A whole board taken
 * in (an archive, a version copied into a board) passes the same judgement: its Zettel in a shut
 * case cell keep it out (`judgeDocument`, what `import-board` and a version's copy ask).
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLShape, TLShapeId } from '@tldraw/tlschema'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { consentEntry, consentKey, type CaseConsent } from '../../shared/board/entries/consent.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { judgeDocument } from '../../server/boardArchive/importCheck.ts'
import { createBoard, relaySuite, until, type TestClient } from '../helpers/clients.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { completeConsent } from '../helpers/consentRecords.ts'

const suite = relaySuite()

const closeOf = (client: TestClient) =>
  new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

/** The centre of a template cell by its key, and the record key of the board's Fallkonferenz. */
function fallkonferenzOn(doc: Y.Doc) {
  const shapes = recordsIn<TLShape>(doc)
  const cell = (key: string) => {
    const shape = shapes.find((s) => scaffoldMeta(s)?.key === key)!
    const { w, h } = shape.props as { w: number; h: number }
    return { x: shape.x + w / 2 - 100, y: shape.y + h / 2 - 100 }
  }
  const title = shapes.find((s) => scaffoldMeta(s)?.kind === 'title')!
  return { cell, key: consentKey(scaffoldMeta(title)!.instance, title.parentId) }
}

const record = (doc: Y.Doc, key: string, consent: CaseConsent) => consentEntry.set(doc, { cases: { [key]: consent } })

describe('the Fallkonferenz case cells on the relay', () => {
  it('a participant records no consent and writes nothing into the case; nobody does until the record is complete; then the participant may', async () => {
    const board = await createBoard(suite.relay, 'Fallkonferenz', { template: 'fallkonferenz' })
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    const { cell, key } = fallkonferenzOn(facilitator.doc)
    const problem = cell('fall:cell:problem:inhalt')
    const way = cell('loesungen:cell:l1:loesung')
    const refused = async (token: string, what: string, write: (doc: Y.Doc) => void) => {
      const client = await suite.connect(board.id, token)
      await until(client.doc, () => getRecordsMap(client.doc).size > 0)
      const closed = closeOf(client)
      write(client.doc)
      expect(await closed, what).toBe(CloseCode.notAllowed)
      client.provider.disconnect()
    }

    await refused(board.access.participant, 'participant records consent', (doc) => record(doc, key, completeConsent))
    await refused(board.access.participant, 'participant writes the case', (doc) => putRecords(doc, [noteAt(problem.x, problem.y, 'Mietschulden', 'shape:p1' as TLShapeId)]))
    // A Zettel of one's own outside, then moved into a way forward.
    const outside = noteAt(-2_000, -2_000, 'Ratenplan', 'shape:p2' as TLShapeId)
    const participant = await suite.connect(board.id, board.access.participant)
    putRecords(participant.doc, [outside])
    await until(facilitator.doc, () => readRecord(facilitator.doc, 'shape:p2') !== undefined)
    await refused(board.access.participant, 'participant moves a Zettel into the case', (doc) => {
      const note = getRecordsMap(doc).get('shape:p2') as Y.Map<unknown>
      doc.transact(() => {
        note.set('x', way.x)
        note.set('y', way.y)
      })
    })
    // The facilitator neither, before the record; nor with one that only says „mündlich zugesagt“.
    await refused(board.access.facilitator, 'facilitator writes the case first', (doc) => putRecords(doc, [noteAt(problem.x, problem.y, 'Mietschulden', 'shape:f1' as TLShapeId)]))
    record(facilitator.doc, key, { ...completeConsent, entbindung: 'muendlich' })
    await refused(board.access.facilitator, 'facilitator writes the case with a verbal release', (doc) => putRecords(doc, [noteAt(problem.x, problem.y, 'Mietschulden', 'shape:f2' as TLShapeId)]))
    await refused(board.access.participant, 'participant writes the case with a verbal release', (doc) => putRecords(doc, [noteAt(problem.x, problem.y, 'Mietschulden', 'shape:p3' as TLShapeId)]))

    // Recorded whole: the participant writes the case, and moves a Zettel into it.
    record(facilitator.doc, key, completeConsent)
    const writer = await suite.connect(board.id, board.access.participant)
    await until(writer.doc, () => facilitationMap(writer.doc).get(consentEntry.key) !== undefined && readConsentComplete(writer.doc, key))
    putRecords(writer.doc, [noteAt(problem.x, problem.y, 'Mietschulden, Kita-Platz fehlt', 'shape:p4' as TLShapeId)])
    const note = getRecordsMap(writer.doc).get('shape:p2') as Y.Map<unknown>
    writer.doc.transact(() => {
      note.set('x', way.x)
      note.set('y', way.y)
    })
    await until(facilitator.doc, () => readRecord(facilitator.doc, 'shape:p4') !== undefined && readRecord(facilitator.doc, 'shape:p2')?.x === way.x)
    // Nothing refused reached the board.
    for (const id of ['shape:p1', 'shape:p3', 'shape:f1', 'shape:f2']) expect(readRecord(facilitator.doc, id), id).toBeUndefined()

    // Withdrawn: the case is shut again; what is there may be taken off the board, not changed.
    record(facilitator.doc, key, { ...completeConsent, einverstaendnis: 'abgelehnt' })
    await until(writer.doc, () => !readConsentComplete(writer.doc, key))
    const closed = closeOf(writer)
    ;(getRecordsMap(writer.doc).get('shape:p4') as Y.Map<unknown>).set('index', 'a9')
    expect(await closed).toBe(CloseCode.notAllowed)
    getRecordsMap(facilitator.doc).delete('shape:p4')
    const observer = await suite.connect(board.id, board.access.observer)
    await until(observer.doc, () => getRecordsMap(observer.doc).size > 0 && readRecord(observer.doc, 'shape:p4') === undefined)
  })

  it('a whole board taken in with Zettel in a shut case cell is refused; with its record complete, taken in', async () => {
    const board = await createBoard(suite.relay, 'Fallkonferenz', { template: 'fallkonferenz' })
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    const { cell, key } = fallkonferenzOn(facilitator.doc)
    const problem = cell('fall:cell:problem:inhalt')
    const state = (consent: CaseConsent | undefined) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(facilitator.doc))
      putRecords(doc, [noteAt(problem.x, problem.y, 'Mietschulden', 'shape:case' as TLShapeId)])
      if (consent) record(doc, key, consent)
      return Y.encodeStateAsUpdate(doc)
    }
    expect(judgeDocument(state(undefined))).toMatch(/the case stays shut/)
    expect(judgeDocument(state({ ...completeConsent, entbundeneStellen: ['JC'] }))).toMatch(/the case stays shut/)
    expect(judgeDocument(state(completeConsent))).toBeNull()
  })
})

function readConsentComplete(doc: Y.Doc, key: string): boolean {
  const stored = facilitationMap(doc).get(consentEntry.key) as { cases?: Record<string, CaseConsent> } | undefined
  const own = stored?.cases?.[key]
  return own?.einverstaendnis === 'liegt-vor' && own.entbindung === 'liegt-vor'
}
