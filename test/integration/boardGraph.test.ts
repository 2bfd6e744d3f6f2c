/**
 * The board's graph, checked whole on a real relay: parent chains and bindings as tldraw will
 * read them in every tab. A participant's update that would leave a board no tab can open (an
 * arrow bound to itself or to another arrow) or hide someone's note (a chain of frames joined
 * under another, its note deeper than any tab shows) closes its sender with 4403 and changes
 * nothing; honest arrows and frames pass.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { maxShapeDepth } from '../../shared/board/shapeTree.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, relaySuite, until, type TestClient } from '../helpers/clients.ts'
import { arrowBinding, arrowShape, frameShape, noteAt, putRecords } from '../helpers/records.ts'

/** tldraw's own limit of pages per board (`defaultTldrawOptions.maxPages`). */
const maxPages = 40

const closeOf = (client: TestClient) =>
  new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

/** The relay's answer to a write: the close code it cuts the writer off with, or 'kept' once `watcher` holds the write. */
const answerTo = (writer: TestClient, watcher: Y.Doc, kept: () => boolean) =>
  Promise.race([closeOf(writer), until(watcher, kept).then(() => 'kept' as const)])

describe('the board graph the relay keeps', () => {
  const suite = relaySuite()

  /** Writes as a fresh participant: the relay's answer, seen from `watcher`. */
  const asParticipant = async (boardId: string, token: string, watcher: Y.Doc, write: (doc: Y.Doc) => string) => {
    const participant = await suite.connect(boardId, token)
    let written = ''
    const answer = answerTo(participant, watcher, () => written !== '' && readRecord(watcher, written) !== undefined)
    written = write(participant.doc)
    const code = await answer
    participant.provider.disconnect()
    return code
  }

  it('refuses an arrow bound to itself or to another arrow, and keeps an arrow between two notes', async () => {
    const board = await createBoard(suite.relay, 'Pfeile')
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    putRecords(facilitator.doc, [noteAt(0, 0, 'A', 'shape:a' as never), noteAt(400, 0, 'B', 'shape:b' as never), arrowShape('shape:p'), arrowShape('shape:q')])
    const observer = await suite.connect(board.id, board.access.observer)
    // On the relay before anyone binds to them: a refusal below is for the binding alone.
    await until(observer.doc, () => readRecord(observer.doc, 'shape:q') !== undefined)

    const write = (records: object[]) => (doc: Y.Doc) => {
      putRecords(doc, records)
      return String((records.at(-1) as { id: string }).id)
    }
    const participant = board.access.participant
    const self = await asParticipant(board.id, participant, observer.doc, write([arrowShape('shape:self'), arrowBinding('binding:self', 'shape:self', 'shape:self')]))
    expect(self).toBe(CloseCode.notAllowed)
    const eachOther = await asParticipant(board.id, participant, observer.doc, write([arrowBinding('binding:pq', 'shape:p', 'shape:q'), arrowBinding('binding:qp', 'shape:q', 'shape:p', 'start')]))
    expect(eachOther).toBe(CloseCode.notAllowed)
    // A note is no arrow: a binding "from" it has no end to bind.
    const fromNote = await asParticipant(board.id, participant, observer.doc, write([arrowBinding('binding:note', 'shape:a', 'shape:b')]))
    expect(fromNote).toBe(CloseCode.notAllowed)

    // Her own arrow, bound by the facilitator: a participant points only his own (`arrowRights.ts`).
    const honest = await asParticipant(board.id, board.access.facilitator, observer.doc, write([arrowBinding('binding:start', 'shape:p', 'shape:a', 'start'), arrowBinding('binding:end', 'shape:p', 'shape:b')]))
    expect(honest).toBe('kept')
    for (const id of ['shape:self', 'binding:self', 'binding:pq', 'binding:qp', 'binding:note']) expect(readRecord(facilitator.doc, id), id).toBeUndefined()
  })

  it('refuses joining two chains of frames when a note would end up deeper than any tab shows', async () => {
    const board = await createBoard(suite.relay, 'Rahmen')
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    const half = maxShapeDepth / 2
    const chain = (name: string) => Array.from({ length: half }, (_, i) => frameShape(`shape:${name}${i}`, i === 0 ? 'page:page' : `shape:${name}${i - 1}`))
    // Two legal chains, each half as deep as the limit; the victim's note sits at the end of one.
    putRecords(facilitator.doc, [...chain('f'), ...chain('g'), { ...noteAt(0, 0, 'Opfer', 'shape:victim' as never), parentId: `shape:g${half - 1}` }])
    const participant = await suite.connect(board.id, board.access.participant)
    await until(participant.doc, () => readRecord(participant.doc, 'shape:victim') !== undefined)

    // The moved frame itself lands at a legal depth; the note below it would not.
    const movedTo = (doc: Y.Doc, parent: string) => () => readRecord(doc, 'shape:g0')?.parentId === parent
    const joined = answerTo(participant, facilitator.doc, movedTo(facilitator.doc, `shape:f${half - 1}`))
    ;(getRecordsMap(participant.doc).get('shape:g0') as Y.Map<unknown>).set('parentId', `shape:f${half - 1}`)
    expect(await joined).toBe(CloseCode.notAllowed)
    const fresh = await suite.connect(board.id, board.access.observer)
    expect(readRecord(fresh.doc, 'shape:g0')?.parentId).toBe('page:page')

    // Under a frame higher up, everything stays within the limit: taken.
    const honest = await suite.connect(board.id, board.access.participant)
    ;(getRecordsMap(honest.doc).get('shape:g0') as Y.Map<unknown>).set('parentId', 'shape:f0')
    await until(fresh.doc, () => readRecord(fresh.doc, 'shape:g0')?.parentId === 'shape:f0')
  })

  it('keeps the plenary page the facilitator’s and the pages of a board within tldraw’s own limit', async () => {
    const board = await createBoard(suite.relay, 'Seiten')
    const observer = await suite.connect(board.id, board.access.observer)
    const participant = board.access.participant
    const page = (id: string, meta: object = {}) => ({ id, typeName: 'page', name: id, index: 'a5', meta })
    const pageName = (id: string) => () => readRecord(observer.doc, id)?.name
    const renamer = await suite.connect(board.id, participant)
    const renamed = answerTo(renamer, observer.doc, () => pageName('page:page')() === 'Gekapert')
    ;(getRecordsMap(renamer.doc).get('page:page') as Y.Map<unknown>).set('name', 'Gekapert')
    expect(await renamed).toBe(CloseCode.notAllowed)
    expect(pageName('page:page')()).not.toBe('Gekapert')

    // Pages of one's own, up to tldraw's 40: one more is refused.
    const many = await asParticipant(board.id, participant, observer.doc, (doc) => {
      putRecords(doc, Array.from({ length: maxPages }, (_, i) => page(`page:p${i}`)))
      return 'page:p0'
    })
    expect(many).toBe(CloseCode.notAllowed)
    const some = await asParticipant(board.id, participant, observer.doc, (doc) => {
      putRecords(doc, Array.from({ length: maxPages - 1 }, (_, i) => page(`page:p${i}`)))
      return `page:p${maxPages - 2}`
    })
    expect(some).toBe('kept')
    const oneMore = await asParticipant(board.id, participant, observer.doc, (doc) => {
      putRecords(doc, [page('page:extra')])
      return 'page:extra'
    })
    expect(oneMore).toBe(CloseCode.notAllowed)
  })
})
