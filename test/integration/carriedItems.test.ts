/**
 * What a carried item becomes over a real relay: carried with who, by when and how it is
 * measured (`test/helpers/carryByClient.ts` plans the carry as the board page does, a y-websocket
 * client writes it), it stands once in the target board's Dokumentation with its own owner, date
 * and origin, and once in the network's pack, where a date changed on the target since the carry
 * counts; out of a Dienstleistungskette's Soll-Ist-Vergleich into a Zielsystem on the same board,
 * once, as the Zielsystem's. Who wrote the action, named where she wrote it, is named wherever it
 * is carried (`shared/board/entries/writers.ts`). The carry panel's clicks and marks: `test/browser/carryAcrossBoards.test.ts`,
 * `test/browser/carryRoutes.test.ts`.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { reportPath, type CreatedBoard } from '../../shared/api.ts'
import { meetingEntry } from '../../shared/board/entries/meeting.ts'
import { networkPackPath } from '../../shared/networkApi.ts'
import { CarrySourceBoard, carrySourcePath } from '../../shared/results/carrySource.ts'
import type { Dokumentation } from '../../shared/results/dokumentation.ts'
import { dienstleistungsketteCells as kette } from '../../shared/templates/dienstleistungskette.ts'
import { cellKey } from '../../shared/templates/table.ts'
import { zielsystemCells as ziele } from '../../shared/templates/zielsystem.ts'
import { zukunftskonferenzCells as zk } from '../../shared/templates/zukunftskonferenz.ts'
import { carryWithClient } from '../helpers/carryByClient.ts'
import { apiFetch, createBoard, relaySuite, until, untilHeld, type TestClient } from '../helpers/clients.ts'
import { releaseBoard } from '../helpers/release.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { putNotesInCells, putRecords, recordsIn } from '../helpers/records.ts'
import { toRichText } from '@tldraw/tlschema'
import { carriedFrom } from '../../shared/results/carryOver.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { readWriters, writersEntry } from '../../shared/board/entries/writers.ts'
import { namedWriter } from '../helpers/namedWriter.ts'

describe('what a carried item becomes', () => {
  const suite = relaySuite()
  const { createNetwork, addBoard } = networkCalls(() => suite.relay)
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

  /** Zettel written into cells by `writer`, awaited on `reader`: the relay has them. */
  async function writeInCells(writer: TestClient, reader: TestClient, entries: Array<[key: string, text: string]>) {
    const notes = putNotesInCells(writer.doc, entries)
    await untilHeld(reader.doc, notes)
    return notes
  }
  const openItems = async (board: CreatedBoard, day: string) => {
    const response = await apiFetch(suite.relay, reportPath(board.id, 'json', 'de', day), bearer(board.access.facilitator))
    expect(response.status).toBe(200)
    return ((await response.json()) as Dokumentation).openItems.map(({ what, who, when }) => ({ what, who, when }))
  }

  it('carried with who, by when and the indicator, the action stands once in the Dokumentation and once in the pack, with the date the target wrote last', async () => {
    const boardA = await createBoard(suite.relay, 'Zukunftskonferenz März', { template: 'zukunftskonferenz', locale: 'de' })
    const boardB = await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem', locale: 'de' })
    const network = await createNetwork()
    for (const board of [boardA, boardB]) expect((await addBoard(network, board, 'zieleArchitektur')).status).toBe(201)
    // The conference's meeting date, as the facilitator enters it in the Dokumentation's header; its action with who, by when and how measured.
    const a = await suite.connect(boardA.id, boardA.access.facilitator)
    meetingEntry.set(a.doc, { date: '2025-03-12', place: 'Rathaus', moderation: '' })
    const aReader = await suite.connect(boardA.id)
    // The action itself written by a participant who gave her name: the relay records who wrote under her author id.
    const anna = await namedWriter(suite.connect, boardA.id, boardA.access.participant, 'Anna Krüger (Jobcenter)', aReader)
    const annas = putNotesInCells(anna.client.doc, [[zk.actions.block(1, zk.actions.col.massnahme), 'Babysitterpool aufbauen']], { author: anna.author })
    await untilHeld(aReader.doc, annas)
    await until(aReader.doc, () => readWriters(facilitationMap(aReader.doc).get(writersEntry.key))[anna.author] === 'Anna Krüger (Jobcenter)')
    await writeInCells(a, aReader, [
      [zk.actions.block(1, zk.actions.col.ziel), 'Teilziel 2'],
      [zk.actions.block(1, zk.actions.col.wer), 'Familienzentrum Nord'],
      [zk.actions.block(1, zk.actions.col.bisWann), '30.06.2025'],
      [zk.actions.block(1, zk.actions.col.indikator), '20 Familien nutzen ihn'],
    ])
    const source = async () => CarrySourceBoard.parse(await (await apiFetch(suite.relay, carrySourcePath(boardA.id))).json()).templates[0]
    await expect.poll(async () => ({ notes: (await source())?.notes.length, day: (await source())?.day })).toEqual({ notes: 5, day: '2025-03-12' })

    // On the Zielsystem, Teilziel 2 already has an activity of its own, with another date.
    const row2 = (col: string) => cellKey(ziele.goals, ziele.aktivitaet(2), col)
    const b = await suite.connect(boardB.id, boardB.access.facilitator)
    const bReader = await suite.connect(boardB.id)
    await writeInCells(b, bReader, [
      [row2(ziele.col.beschreibung), 'Elterncafé einrichten'],
      [row2(ziele.col.akteure), 'Stadtteilbüro'],
      [row2(ziele.col.bisWann), '31.12.2025'],
    ])
    const fromA = { id: boardA.id, token: boardA.access.facilitator }
    // The action and what travels with it: four Zettel; carried again, nothing.
    expect(await carryWithClient(suite.relay, b, bReader, 'zk-actions-teilziel', fromA)).toBe(4)
    // The carried action keeps who wrote it; the companions written without a name, none.
    expect(recordsIn<TLShape>(bReader.doc).flatMap((s) => carriedFrom(s.meta)?.writer ?? [])).toEqual(['Anna Krüger (Jobcenter)'])
    expect(await carryWithClient(suite.relay, b, bReader, 'zk-actions-teilziel', fromA)).toBe(0)

    // The Zielsystem's Dokumentation: each activity once, with its own owner and date, the carried one with its origin.
    const day = '2025-04-01'
    await expect
      .poll(() => openItems(boardB, day))
      .toEqual([
        { what: ['Elterncafé einrichten'], who: ['Stadtteilbüro'], when: ['31.12.2025'] },
        { what: ['Babysitterpool aufbauen'], who: ['Familienzentrum Nord'], when: ['30.06.2025'] },
      ])
    const markdown = await (await apiFetch(suite.relay, reportPath(boardB.id, 'md', 'de', day), bearer(boardB.access.facilitator))).text()
    expect(markdown).toContain('aus: Zukunftskonferenz März, 12.03.2025 · von Anna Krüger (Jobcenter)')

    // The pack across both boards, released (only released boards go into it): the action once, on the Zielsystem, with its origin.
    for (const board of [boardA, boardB]) await releaseBoard(suite.relay, board, day)
    const packRows = async () => {
      const response = await apiFetch(suite.relay, networkPackPath(network.id, 'csv', 'de', day), bearer(network.token))
      expect(response.status).toBe(200)
      return (await response.text()).split('\n').filter((line) => line.includes('Babysitterpool'))
    }
    const [row, ...more] = await packRows()
    expect(more).toEqual([])
    expect(row).toContain('Familienzentrum Nord')
    expect(row).toContain('30.06.2025')
    expect(row).toContain('Zielworkshop')
    expect(row).toContain('aus: Zukunftskonferenz März, 12.03.2025 · von Anna Krüger (Jobcenter)')
    expect(row).not.toContain('31.12.2025')

    // The Zielsystem's group moves the date: its word counts over the conference's.
    const date = recordsIn<TLShape>(b.doc).find((s) => s.type === 'note' && JSON.stringify(s.props).includes('30.06.2025'))!
    putRecords(b.doc, [{ ...date, props: { ...date.props, richText: toRichText('15.09.2025') } }])
    // Released again: the pack passes on the released version.
    await until(bReader.doc, () => JSON.stringify(recordsIn(bReader.doc)).includes('15.09.2025'))
    await releaseBoard(suite.relay, boardB, day)
    await expect.poll(async () => (await packRows()).map((r) => r.includes('15.09.2025') && !r.includes('30.06.2025'))).toEqual([true])
  })

  it('out of the Dienstleistungskette into a Zielsystem on the same board: what must change, once, as the Zielsystem’s, with its owner and date', async () => {
    const board = await createBoard(suite.relay, 'Kette Nord', { templates: [{ template: 'dienstleistungskette' }, { template: 'zielsystem' }], locale: 'de' })
    const change = (col: string) => cellKey(kette.comparison.section, kette.comparison.row(1), col)
    const writer = await suite.connect(board.id, board.access.facilitator)
    const reader = await suite.connect(board.id)
    await writeInCells(writer, reader, [
      [change(kette.comparison.col.soll), 'Ein Termin für beide Ämter'],
      [change(kette.comparison.col.aendert), 'Jobcenter meldet Termine an die Kita'],
      [change(kette.comparison.col.wer), 'Frau Brandt, Jobcenter'],
      [change(kette.comparison.col.bisWann), '30.09.2026'],
    ])
    const self = { id: board.id, token: board.access.facilitator }
    await expect.poll(async () => CarrySourceBoard.parse(await (await apiFetch(suite.relay, carrySourcePath(board.id))).json()).templates[0]!.notes.length).toBe(4)
    expect(await carryWithClient(suite.relay, writer, reader, 'chain-changes-goals', self, true)).toBe(3)
    await expect
      .poll(() => openItems(board, '2026-07-01'))
      .toEqual([{ what: ['Jobcenter meldet Termine an die Kita'], who: ['Frau Brandt, Jobcenter'], when: ['30.09.2026'] }])
  })
})
