/**
 * The board declaration on a real relay, tried by hand-written y-websocket clients of each role:
 * a forbidden write closes its sender with 4403 and changes nothing anywhere, its stored log
 * included (as a relay killed then would load it); allowed writes work. On the run's shared relay:
 * the board is the test's own. (Every rule, one by one, is in test/unit/boardDeclaration.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { connectClient, createBoard, relaySuite, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteText, putNote, recordsIn } from '../helpers/records.ts'
import { storedDocument } from '../helpers/relay.ts'
import type { SharedRelay } from '../helpers/sharedRelay.ts'

describe('rights the relay enforces', () => {
  const suite = relaySuite()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const connect = async (relay: SharedRelay, boardId: string, token: string) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token })
    cleanups.push(() => client.destroy())
    await whenSynced(client)
    return client
  }
  const closeOf = (client: TestClient) =>
    new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

  it('refuses a participant’s timer, scaffold move and deletion of another’s note; takes their own note', async () => {
    const relay = suite.relay
    const board = await createBoard(relay, 'Rechte', { template: 'planspiel' })
    const facilitator = await connect(relay, board.id, board.access.facilitator)
    putNote(facilitator.doc, 'moderation', 'von der Moderation')
    const header = recordsIn(facilitator.doc).find((r) => scaffoldMeta(r)?.kind === 'header')!
    const before = Y.encodeStateVector(facilitator.doc)

    const forbidden: Array<[string, (doc: Y.Doc) => void]> = [
      ['start the timer', (doc) => facilitationMap(doc).set(facilitationKeys.timer, { durationMs: 60_000, startedAt: 1, remainingAtPauseMs: null, setAt: 1 })],
      ['move a locked header', (doc) => (getRecordsMap(doc).get(header.id) as Y.Map<unknown>).set('x', 99_999)],
      ['delete the facilitator’s note', (doc) => getRecordsMap(doc).delete('shape:moderation')],
      ['write a format 1 record', (doc) => getRecordsMap(doc).set('shape:old', { id: 'shape:old', typeName: 'shape' })],
    ]
    for (const [what, write] of forbidden) {
      const participant = await connect(relay, board.id, board.access.participant)
      await until(participant.doc, () => noteText(participant.doc, 'moderation') !== undefined)
      const closed = closeOf(participant)
      write(participant.doc)
      expect(await closed, what).toBe(CloseCode.notAllowed)
      participant.provider.disconnect()
    }
    // Allowed: a note of one's own.
    const participant = await connect(relay, board.id, board.access.participant)
    putNote(participant.doc, 'teilnehmer', 'eigene Idee')
    await until(facilitator.doc, () => noteText(facilitator.doc, 'teilnehmer') === 'eigene Idee')

    // Nothing refused reached the facilitator, nor storage.
    expect(facilitationMap(facilitator.doc).get(facilitationKeys.timer)).toBeUndefined()
    expect(readRecord(facilitator.doc, header.id)?.x).toBe(header.x)
    expect(noteText(facilitator.doc, 'moderation')).toBe('von der Moderation')
    expect(Y.encodeStateVector(facilitator.doc)).not.toEqual(before) // the allowed note did arrive
    // The stored log, every update as written (what a relay killed now would load).
    const fresh = { doc: storedDocument(relay, board.id) }
    cleanups.push(() => fresh.doc.destroy())
    expect(facilitationMap(fresh.doc).get(facilitationKeys.timer)).toBeUndefined()
    expect(readRecord(fresh.doc, header.id)?.x).toBe(header.x)
    expect(noteText(fresh.doc, 'moderation')).toBe('von der Moderation')
    expect(noteText(fresh.doc, 'teilnehmer')).toBe('eigene Idee')
    expect(getRecordsMap(fresh.doc).has('shape:old')).toBe(false)
  })
})
