/**
 * The network between meetings over a real relay (`server/http/networkBetweenApi.ts`): one search
 * over every board the network's link may read, internal boards included, bounded in what it
 * takes and gives, refused without the network's own link; and what changed on its boards since
 * a device last looked (new Zettel, a release, open items due), against Zettel real clients wrote.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { localDay } from '../../shared/dates.ts'
import {
  maxSearchHitsPerBoard,
  maxSearchQuery,
  NetworkSearchAnswer,
  NetworkSinceAnswer,
  networkSearchPath,
  networkSincePath,
} from '../../shared/networkBetween.ts'
import { createBoard, relaySuite, untilHeld } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { releaseBoard } from '../helpers/release.ts'

/** A Zettel in the middle of the first cell of `template` whose key ends in `:<key>`, or anywhere on the page. */
function zettelIn(doc: Parameters<typeof recordsIn>[0], text: string, cellKey?: string, offset = 0) {
  const cell = cellKey ? recordsIn<TLShape>(doc).find((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)!.key.endsWith(cellKey)) : undefined
  if (cellKey && !cell) throw new Error(`no cell ${cellKey}`)
  const { w, h } = (cell?.props ?? { w: 0, h: 0 }) as { w: number; h: number }
  return noteAt((cell?.x ?? 4000) + w / 2 + offset, (cell?.y ?? 4000) + h / 2 + offset, text)
}

describe('the network between meetings', () => {
  const suite = relaySuite()
  const { api, json, createNetwork, addBoard } = networkCalls(() => suite.relay)
  const search = (id: string, token: string | undefined, query: unknown) => api(networkSearchPath(id), json('POST', { query }, token))

  /** Writes the Zettel with a real client and waits until a second client has them: stored by the relay. */
  async function write(boardId: string, notes: TLShape[]) {
    const writer = await suite.connect(boardId)
    putRecords(writer.doc, notes)
    const reader = await suite.connect(boardId)
    await untilHeld(reader.doc, notes)
  }

  it('finds a word on every board the link reads, internal ones too, grouped by board with the hit in its context', async () => {
    const network = await createNetwork()
    const meeting = await createBoard(suite.relay, 'Netzwerktreffen März', { template: 'protokoll', options: { topics: 1 } })
    const internal = await createBoard(suite.relay, 'Beteiligtenanalyse', { template: 'beteiligtenanalyse' })
    const outside = await createBoard(suite.relay, 'Nicht im Netzwerk')
    expect((await addBoard(network, meeting, 'gruendung')).status).toBe(201)
    expect((await addBoard(network, internal, 'vorStart', true)).status).toBe(201)
    const long = `${'Vorher wurde lange über die Räume gesprochen, über Zeiten und Wege. '.repeat(4)}Dann kam die Familienhebamme dazu und übernahm.`
    await write(meeting.id, [zettelIn((await suite.connect(meeting.id)).doc, long, ':aufgabe')])
    await write(internal.id, [noteAt(4000, 4000, 'Familienhebamme: skeptisch, braucht Zeit')])
    await write(outside.id, [noteAt(0, 0, 'Familienhebamme außerhalb')])

    const response = await search(network.id, network.token, 'familienhebamme')
    expect(response.status).toBe(200)
    const answer = NetworkSearchAnswer.parse(await response.json())
    expect(answer).toMatchObject({ searched: 2, unread: 0, truncated: false })
    expect(answer.boards.map((b) => [b.title, b.internal, b.total])).toEqual([
      ['Netzwerktreffen März', false, 1],
      ['Beteiligtenanalyse', true, 1],
    ])
    const [hit] = answer.boards[0]!.hits
    // Cut to a window around the word found, which is marked where it stands in that window.
    expect(hit).toMatchObject({ kind: 'note', cutBefore: true, cutAfter: false })
    expect(hit!.text.length).toBeLessThan(long.length)
    expect(hit!.ranges.map(([from, to]) => hit!.text.slice(from, to))).toEqual(['Familienhebamme'])
    expect(hit!.where[0]).toBe('Protokoll')
    expect(hit!.shapeId).toMatch(/^shape:/)
    expect(hit!.pageId).toMatch(/^page:/)

    // Umlauts spelled out find them too; a word nowhere finds nothing.
    const spelled = NetworkSearchAnswer.parse(await (await search(network.id, network.token, 'skeptisch braucht')).json())
    expect(spelled.boards.map((b) => b.title)).toEqual(['Beteiligtenanalyse'])
    expect(NetworkSearchAnswer.parse(await (await search(network.id, network.token, 'Zauberwort')).json()).boards).toEqual([])
  })

  it('is bounded: a query too long or empty is refused, a board gives its first results and their count', async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Ideensammlung')
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    await write(board.id, Array.from({ length: maxSearchHitsPerBoard + 5 }, (_, i) => noteAt(i * 220, 0, `Idee ${i + 1}: Sprechstunde`)))

    const tooLong = await search(network.id, network.token, 'x'.repeat(maxSearchQuery + 1))
    expect(tooLong.status).toBe(400)
    expect(await tooLong.text()).toContain(`at most ${maxSearchQuery} characters`)
    expect((await search(network.id, network.token, '   ')).status).toBe(400)
    expect((await search(network.id, network.token, 42)).status).toBe(400)
    const answer = NetworkSearchAnswer.parse(await (await search(network.id, network.token, 'sprechstunde')).json())
    expect(answer.boards[0]).toMatchObject({ total: maxSearchHitsPerBoard + 5 })
    expect(answer.boards[0]!.hits).toHaveLength(maxSearchHitsPerBoard)
  })

  it("is refused without the network's own link: none, another network's, a board's facilitator link", async () => {
    const network = await createNetwork()
    const other = await createNetwork('Anderes Netzwerk')
    const board = await createBoard(suite.relay, 'Netzwerktreffen')
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    await write(board.id, [noteAt(0, 0, 'Geheimer Plan')])
    for (const token of [undefined, other.token, board.access.facilitator]) {
      const refused = await search(network.id, token, 'Geheimer')
      expect(refused.status).toBe(401)
      expect(await refused.text()).not.toContain('Geheimer Plan')
      expect((await api(networkSincePath(network.id), json('POST', { since: null, seen: {}, day: '2026-11-26' }, token))).status).toBe(401)
    }
  })

  it('tells what is new since the last look: Zettel written, a release, open items due soon', async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Gründungsveranstaltung', { template: 'gruendungsveranstaltung' })
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    const today = localDay(new Date())
    const inDays = (n: number) => localDay(new Date(Date.now() + n * 86_400_000))
    const since = async (body: unknown) => {
      const response = await api(networkSincePath(network.id), json('POST', body, network.token))
      expect(response.status).toBe(200)
      return NetworkSinceAnswer.parse(await response.json()).boards
    }

    // The first look: nothing is new yet, what the board holds is remembered.
    const [first] = await since({ since: null, seen: {}, day: today })
    expect(first).toMatchObject({ boardId: board.id, firstSeen: true, notes: 0, comments: 0, released: null, due: [] })
    const lookedAt = Date.now()

    const writer = await suite.connect(board.id, board.access.facilitator)
    const due = inDays(5).split('-').reverse().join('.')
    const later = inDays(60).split('-').reverse().join('.')
    const notes = [
      zettelIn(writer.doc, 'Einladung an die Kitas verschicken', ':n1:was'),
      zettelIn(writer.doc, 'Frau Yilmaz', ':n1:wer'),
      zettelIn(writer.doc, due, ':n1:bisWann'),
      zettelIn(writer.doc, 'Website aufsetzen', ':n2:was'),
      zettelIn(writer.doc, 'Herr Roth', ':n2:wer'),
      zettelIn(writer.doc, later, ':n2:bisWann'),
    ]
    putRecords(writer.doc, notes)
    const reader = await suite.connect(board.id)
    await untilHeld(reader.doc, notes)
    // Released as the facilitator does: the relay saves the version and writes the release.
    await releaseBoard(suite.relay, board, today, reader)

    const [next] = await since({ since: lookedAt, seen: { [board.id]: first!.seen }, day: today })
    expect(next).toMatchObject({ firstSeen: false, notes: 6, released: today })
    // Only the one due within two weeks.
    expect(next!.due).toEqual([{ what: 'Einladung an die Kitas verschicken', who: 'Frau Yilmaz', when: due, day: inDays(5), overdue: false }])

    // Looked again right away: nothing new any more, what is due still is.
    const [again] = await since({ since: Date.now(), seen: { [board.id]: next!.seen }, day: today })
    expect(again).toMatchObject({ notes: 0, comments: 0, released: null })
    expect(again!.due).toHaveLength(1)
  })
})
