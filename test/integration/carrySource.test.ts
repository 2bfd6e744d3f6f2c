/**
 * `GET /api/boards/:id/carry-source` over a real relay: what a board offers to carry into another
 * board of its network, read from its live room (a Zettel changed a moment ago reads changed);
 * only its facilitator link opens it (the network hands that link to its coordinator); what a
 * template's export gate withholds (a Fallkonferenz's case before its confirmations) is not in it.
 * Each template's day, which a carry records as the source's: its own date, else the meeting's.
 * Who wrote each Zettel, as the relay recorded her name when she wrote it (`entries/writers.ts`):
 * the relay's entry alone, refused from any client, and never on a board that holds a case.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { CarrySourceBoard, carrySourcePath } from '../../shared/results/carrySource.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { fallkonferenzCells as fall } from '../../shared/templates/fallkonferenz.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { meetingEntry } from '../../shared/board/entries/meeting.ts'
import { apiFetch, createBoard, relaySuite, until } from '../helpers/clients.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { consentEntry } from '../../shared/board/entries/consent.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { completeConsent, recordedFor } from '../helpers/consentRecords.ts'
import { readWriters, writersEntry } from '../../shared/board/entries/writers.ts'
import { recordsMapName } from '../../shared/board/ydoc.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { namedWriter } from '../helpers/namedWriter.ts'
import { templatesSideBySide } from '../helpers/templateBoards.ts'
import type * as Y from 'yjs'

describe('what a board offers to carry', () => {
  const suite = relaySuite()
  const read = async (boardId: string) => {
    const response = await apiFetch(suite.relay, carrySourcePath(boardId))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    return CarrySourceBoard.parse(await response.json())
  }
  /** Writes a Zettel into a cell with a real client, and waits until the relay has it. */
  const write = async (boardId: string, key: string, text: string, id?: TLShape['id']) => {
    const writer = await suite.connect(boardId)
    const cell = recordsIn<TLShape>(writer.doc).find((s) => scaffoldMeta(s)?.key === key)!
    const { w, h } = cell.props as { w: number; h: number }
    const note = noteAt(cell.x + w / 2, cell.y + h / 2, text, id)
    putRecords(writer.doc, [note])
    const reader = await suite.connect(boardId)
    await until(reader.doc, () => (reader.doc.getMap('tldraw').get(note.id) as { get(k: string): unknown } | undefined) !== undefined)
    return note
  }

  it('lists a board’s templates with their Zettel, as they are now, for its facilitator only', async () => {
    const board = await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem', locale: 'de' })
    const key = cellKey(ziele.goals, ziele.teilziel(1), ziele.col.beschreibung)
    const note = await write(board.id, key, 'Alle Kinder haben einen Kitaplatz')
    await expect.poll(async () => (await read(board.id)).templates.flatMap((t) => t.notes.map((n) => [n.id, n.text]))).toEqual([[note.id, 'Alle Kinder haben einen Kitaplatz']])
    const seen = await read(board.id)
    expect(seen.board).toEqual({ id: board.id, title: 'Zielworkshop' })
    expect(seen.templates).toEqual([expect.objectContaining({ template: 'zielsystem', locale: 'de' })])

    // Changed a moment ago: read changed.
    await write(board.id, key, 'Alle Kinder unter drei haben einen Kitaplatz', note.id)
    await expect.poll(async () => (await read(board.id)).templates[0]!.notes.map((n) => n.text)).toEqual(['Alle Kinder unter drei haben einen Kitaplatz'])

    for (const [token, status] of [
      [board.access.participant, 403],
      [board.access.observer, 403],
      ['x'.repeat(43), 401],
    ] as const) {
      const response = await apiFetch(suite.relay, carrySourcePath(board.id), { headers: { authorization: `Bearer ${token}` } })
      expect(response.status, token).toBe(status)
      expect(await response.text()).not.toContain('Kitaplatz')
    }
  })

  it('dates each template by its own date, else by the board’s meeting date, else not at all', async () => {
    const board = await createBoard(suite.relay, 'Zukunftskonferenz März', { template: 'zukunftskonferenz', locale: 'de' })
    expect((await read(board.id)).templates[0]!.day).toBeUndefined()
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    meetingEntry.set(facilitator.doc, { date: '2025-03-12', place: '', moderation: '' })
    await expect.poll(async () => (await read(board.id)).templates[0]!.day).toBe('2025-03-12')
    const goals = await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem', locale: 'de', options: { date: '2025-05-20' } })
    expect((await read(goals.id)).templates[0]!.day).toBe('2025-05-20')
  })

  it('leaves out a Fallkonferenz’s case once its confirmations are withdrawn, and names why', async () => {
    const board = await createBoard(suite.relay, 'Fallkonferenz', { template: 'fallkonferenz', locale: 'de' })
    // The case is written only once the confirmations are recorded (the relay keeps it shut before); then withdrawn.
    const facilitator = await suite.connect(board.id)
    const recorded = (record: typeof completeConsent) => consentEntry.set(facilitator.doc, recordedFor(recordsIn<TLShape>(facilitator.doc), record))
    recorded(completeConsent)
    const reader = await suite.connect(board.id)
    await until(reader.doc, () => facilitationMap(reader.doc).has(consentEntry.key))
    await write(board.id, cellKey(fall.findings, fall.findingsRow, fall.col.luecke), 'Keine Beratung am Samstag')
    recorded({ ...completeConsent, einverstaendnis: 'abgelehnt' })
    await expect.poll(async () => (await read(board.id)).templates[0]!.held?.reason.de).toMatch(/es fehlen noch Bestätigungen/)
    const seen = await read(board.id)
    expect(seen.templates[0]!.notes).toEqual([])
    expect(JSON.stringify(seen)).not.toContain('Samstag')
  })

  const writersIn = (doc: Y.Doc) => readWriters(facilitationMap(doc).get(writersEntry.key))
  const closeOf = (client: { provider: { once(event: 'connection-close', listener: (event: CloseEvent | null) => void): void } }) =>
    new Promise<number>((resolve) => client.provider.once('connection-close', (event) => resolve(event?.code ?? -1)))

  it('names who wrote each Zettel as the relay recorded her, and takes that record from no client', async () => {
    const board = await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem', locale: 'de' })
    const reader = await suite.connect(board.id)
    const anna = await namedWriter(suite.connect, board.id, board.access.participant, 'Anna Krüger (Jobcenter)', reader)
    const key = cellKey(ziele.goals, ziele.teilziel(1), ziele.col.beschreibung)
    const cell = recordsIn<TLShape>(anna.client.doc).find((s) => scaffoldMeta(s)?.key === key)!
    const note = { ...noteAt(cell.x + 100, cell.y + 60, 'Alle Kinder haben einen Kitaplatz'), meta: { author: anna.author } }
    putRecords(anna.client.doc, [note])
    await until(reader.doc, () => writersIn(reader.doc)[anna.author] === 'Anna Krüger (Jobcenter)')
    expect(Object.keys(writersIn(reader.doc))).toEqual([anna.author])
    await expect.poll(async () => (await read(board.id)).templates[0]!.notes.map((n) => [n.text, n.writer])).toEqual([['Alle Kinder haben einen Kitaplatz', 'Anna Krüger (Jobcenter)']])

    // Nobody writes the record but the relay: not the facilitator, not the writer herself.
    for (const token of [board.access.facilitator, board.access.participant]) {
      const client = await suite.connect(board.id, token)
      const closed = closeOf(client)
      const map = writersEntry.map(client.doc)!
      map.set(anna.author, 'Jemand anderes')
      expect(await closed, token).toBe(CloseCode.notAllowed)
      client.provider.disconnect()
    }
    expect(writersIn(reader.doc)[anna.author]).toBe('Anna Krüger (Jobcenter)')
  })

  it('forgets a writer’s name with her last Zettel on the board: deleted means gone', async () => {
    const board = await createBoard(suite.relay, 'Austausch')
    const reader = await suite.connect(board.id)
    const anna = await namedWriter(suite.connect, board.id, board.access.participant, 'Anna Krüger', reader)
    const bert = await namedWriter(suite.connect, board.id, board.access.participant, 'Bert', reader)
    const [first, second] = [noteAt(-3000, 0, 'Idee'), noteAt(-3000, 300, 'Noch eine')].map((n) => ({ ...n, meta: { author: anna.author } }))
    putRecords(anna.client.doc, [first!, second!])
    putRecords(bert.client.doc, [{ ...noteAt(-2000, 0, 'Von Bert'), meta: { author: bert.author } }])
    await until(reader.doc, () => writersIn(reader.doc)[anna.author] === 'Anna Krüger' && writersIn(reader.doc)[bert.author] === 'Bert')
    const records = anna.client.doc.getMap(recordsMapName)
    records.delete(first!.id)
    // One Zettel of hers is left: her name stays. Then that one goes too, and so does her name; Bert's stays.
    await until(reader.doc, () => !recordsIn(reader.doc).some((r) => r.id === first!.id))
    const marker = await suite.connect(board.id, board.access.facilitator)
    meetingEntry.set(marker.doc, { date: '2026-05-12', place: '', moderation: '' })
    await until(reader.doc, () => facilitationMap(reader.doc).has(meetingEntry.key))
    expect(writersIn(reader.doc)[anna.author]).toBe('Anna Krüger')
    records.delete(second!.id)
    await until(reader.doc, () => !(anna.author in writersIn(reader.doc)))
    expect(writersIn(reader.doc)).toEqual({ [bert.author]: 'Bert' })
  })

  it('records no name on a board that holds a case, and forgets them when a board becomes one', async () => {
    const caseBoard = await createBoard(suite.relay, 'Fallkonferenz', { template: 'fallkonferenz', locale: 'de' })
    const caseReader = await suite.connect(caseBoard.id)
    const bea = await namedWriter(suite.connect, caseBoard.id, caseBoard.access.participant, 'Bea', caseReader)
    putRecords(bea.client.doc, [{ ...noteAt(-3000, 0, 'Rückruf Mittwoch'), meta: { author: bea.author } }])
    await until(caseReader.doc, () => JSON.stringify(recordsIn(caseReader.doc)).includes('Rückruf Mittwoch'))
    // Whatever the relay did for that Zettel, it did before it takes the facilitator's later write.
    const caseFacilitator = await suite.connect(caseBoard.id, caseBoard.access.facilitator)
    meetingEntry.set(caseFacilitator.doc, { date: '2026-05-12', place: '', moderation: '' })
    await until(caseReader.doc, () => facilitationMap(caseReader.doc).has(meetingEntry.key))
    expect(facilitationMap(caseReader.doc).has(writersEntry.key)).toBe(false)

    // A board with a writer on record takes in a Fallkonferenz: the record goes.
    const board = await createBoard(suite.relay, 'Austausch')
    const reader = await suite.connect(board.id)
    const carla = await namedWriter(suite.connect, board.id, board.access.participant, 'Carla', reader)
    putRecords(carla.client.doc, [{ ...noteAt(-3000, 0, 'Idee'), meta: { author: carla.author } }])
    await until(reader.doc, () => writersIn(reader.doc)[carla.author] === 'Carla')
    // A Zettel carried from another board names who wrote it there.
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    const carried = { ...noteAt(-3000, 400, 'Sprechstunde'), meta: { carriedFrom: { instance: 'i1', note: 'shape:quelle', board: 'andere', writer: 'Dora Quelle' } } }
    putRecords(facilitator.doc, [carried])
    await until(reader.doc, () => JSON.stringify(recordsIn(reader.doc)).includes('Dora Quelle'))
    putRecords(facilitator.doc, templatesSideBySide([{ template: 'fallkonferenz' }], 'de')[0]!)
    await until(reader.doc, () => !facilitationMap(reader.doc).has(writersEntry.key) && !JSON.stringify(recordsIn(reader.doc)).includes('Dora Quelle'))
    expect(JSON.stringify((await read(board.id)).templates)).not.toContain('Carla')
    // The carried Zettel stays, without the name.
    expect(recordsIn(reader.doc).find((r) => r.id === carried.id)?.meta).toMatchObject({ carriedFrom: { board: 'andere', note: 'shape:quelle' } })

    // On a case board a provenance with a name is refused, whoever writes it; without one it is taken.
    for (const token of [caseBoard.access.facilitator, caseBoard.access.participant]) {
      const client = await suite.connect(caseBoard.id, token)
      const closed = closeOf(client)
      putRecords(client.doc, [{ ...noteAt(-3000, 800, 'Rückruf'), meta: { carriedFrom: { instance: 'i1', note: 'shape:quelle', writer: 'Dora Quelle' } } }])
      expect(await closed, token).toBe(CloseCode.notAllowed)
      client.provider.disconnect()
    }
    const plain = { ...noteAt(-3000, 800, 'Rückruf'), meta: { carriedFrom: { instance: 'i1', note: 'shape:quelle' } } }
    putRecords(caseFacilitator.doc, [plain])
    await until(caseReader.doc, () => recordsIn(caseReader.doc).some((r) => r.id === plain.id))
    expect(JSON.stringify(recordsIn(caseReader.doc))).not.toContain('Dora Quelle')
  })
})
