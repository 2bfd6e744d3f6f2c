/**
 * The Dokumentation through the real relay: the facilitator's Beschlüsse, release and meeting
 * header reach everyone, a participant's write of them is dropped; the report route serves the
 * Dokumentation as Markdown, CSV and a PDF that reads back with `pdftotext`.
 */
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { beschluesseEntry, readBeschluesse } from '../../shared/board/entries/beschluesse.ts'
import { readRelease, released, releaseEntry } from '../../shared/board/entries/release.ts'
import { meetingEntry, readMeeting } from '../../shared/board/entries/meeting.ts'
import { createBoard, relaySuite, type TestClient, until } from '../helpers/clients.ts'

describe('Dokumentation entries between clients', () => {
  const suite = relaySuite()
  const connect = suite.connect
  const map = (client: TestClient) => facilitationMap(client.doc)

  const closeOf = (client: TestClient) =>
    new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

  it('the facilitator marks Beschlüsse, writes the header and releases; everyone reads it', async () => {
    const board = await createBoard(suite.relay, 'Steuerungsgruppe')
    const facilitator = await connect(board.id, board.access.facilitator)
    const participant = await connect(board.id, board.access.participant)
    beschluesseEntry.set(facilitator.doc, { notes: ['shape:a', 'shape:b'] })
    meetingEntry.set(facilitator.doc, { date: '2026-11-24', place: 'Łódź, Rathaus', moderation: 'Frau Özdemir' })
    releaseEntry.set(facilitator.doc, released('2026-11-24', 1))
    await until(participant.doc, () => map(participant).has(facilitationKeys.release))
    expect(readBeschluesse(map(participant).get(facilitationKeys.beschluesse)).notes).toEqual(['shape:a', 'shape:b'])
    expect(readMeeting(map(participant).get(facilitationKeys.meeting)).place).toBe('Łódź, Rathaus')
    expect(readRelease(map(participant).get(facilitationKeys.release))).toMatchObject({ released: true, day: '2026-11-24' })
  })

  it("a participant's write of the Beschlüsse, the release or the header closes its socket and changes nothing", async () => {
    const board = await createBoard(suite.relay, 'Nur lesen')
    const facilitator = await connect(board.id, board.access.facilitator)
    beschluesseEntry.set(facilitator.doc, { notes: ['shape:a'] })
    const forbidden: Array<[string, (doc: Y.Doc) => void]> = [
      ['mark a Beschluss', (doc) => beschluesseEntry.set(doc, { notes: ['shape:a', 'shape:mine'] })],
      ['unmark a Beschluss', (doc) => beschluesseEntry.set(doc, null)],
      ['release', (doc) => releaseEntry.set(doc, released('2026-11-24', 1))],
      ['write the header', (doc) => meetingEntry.set(doc, { date: '2026-11-24', place: 'anderswo', moderation: 'ich' })],
    ]
    for (const [what, write] of forbidden) {
      const participant = await connect(board.id, board.access.participant)
      await until(participant.doc, () => map(participant).has(facilitationKeys.beschluesse))
      const closed = closeOf(participant)
      write(participant.doc)
      expect(await closed, what).toBe(CloseCode.notAllowed)
      participant.provider.disconnect()
    }
    // Too long a line is refused from the facilitator too.
    const closed = closeOf(facilitator)
    map(facilitator).set(facilitationKeys.meeting, { date: '', place: 'x'.repeat(5000), moderation: '' })
    expect(await closed).toBe(CloseCode.notAllowed)

    const third = await connect(board.id, board.access.participant)
    expect(readBeschluesse(map(third).get(facilitationKeys.beschluesse)).notes).toEqual(['shape:a'])
    expect(map(third).has(facilitationKeys.release)).toBe(false)
    expect(map(third).has(facilitationKeys.meeting)).toBe(false)
  })
})
