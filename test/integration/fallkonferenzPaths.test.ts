/**
 * A Fallkonferenz's case over a real relay, by every route a case may take beyond its board:
 * the board's export (Markdown, CSV, JSON), the Dokumentation (Markdown and PDF), what it offers
 * to carry to the network's other boards, the network's search and since-last-visit, and the
 * steering group's pack. The case is written once the facilitator has recorded the confirmations
 * (the relay keeps it shut before); while the record is withdrawn none holds the case, its
 * confirmations or its pseudonym; recorded again, the board's own export has the case but no name
 * in it, and the network's search still finds nothing on the board (a case board, `caseBoardHold.ts`); the pack never reads the board (internal), and its ways forward
 * are never due for the network. A case walked to its release (`test/browser/fallkonferenzWalk.test.ts`
 * walks the page): its export holds the case but no name, of a Zettel or a comment. A consent
 * withdrawn, „Fall vom Board entfernen“ removes the case's Zettel, the versions holding it and the
 * Zettel carried from it onto the network's other boards, and nothing else.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { networkPackPath } from '../../shared/networkApi.ts'
import { NetworkSearchAnswer, NetworkSinceAnswer, networkSearchPath, networkSincePath } from '../../shared/networkBetween.ts'
import { carrySourcePath } from '../../shared/results/carrySource.ts'
import { localDay } from '../../shared/dates.ts'
import { fallkonferenzCells as fall } from '../../shared/templates/fallkonferenz.ts'
import { consentEntry } from '../../shared/board/entries/consent.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { apiFetch, createBoard, relaySuite, until, untilHeld } from '../helpers/clients.ts'
import { completeConsent, recordedFor } from '../helpers/consentRecords.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { noteAt, putRecords, recordsIn } from '../helpers/records.ts'
import { pdfText, skipPdfTests } from '../helpers/pdfText.ts'
import { releaseBoard } from '../helpers/release.ts'
import { authorId } from '../../shared/author.ts'
import { comments, readComments } from '../../shared/board/comments.ts'
import { CaseCopies, caseCopiesPath, caseRemovalPath } from '../../shared/results/caseCopies.ts'

const leaks = /Yilmaz|Wohnungsverlust|Kita-Platz|FK-2026-11-25-1|Abendbetreuung/

describe('a Fallkonferenz beyond its board, over the relay', () => {
  const suite = relaySuite()
  const { api, json, createNetwork, addBoard } = networkCalls(() => suite.relay)
  const get = async (path: string, token: string) => apiFetch(suite.relay, path, { headers: { authorization: `Bearer ${token}` } })

  /** Writes Zettel into cells with a real client, and waits until a second client has them. */
  async function write(boardId: string, entries: Array<[key: string, text: string]>, token?: string) {
    const writer = await suite.connect(boardId, token)
    const notes = entries.map(([key, text], i) => {
      const cell = recordsIn<TLShape>(writer.doc).find((s) => scaffoldMeta(s)?.key === key)
      if (!cell) throw new Error(`no cell ${key}`)
      const { w, h } = cell.props as { w: number; h: number }
      return noteAt(cell.x + w / 2, cell.y + h / 2 + (i % 3) * 10, text)
    })
    putRecords(writer.doc, notes)
    const reader = await suite.connect(boardId)
    await untilHeld(reader.doc, notes)
    return notes
  }
  /** The facilitator records the confirmations, and waits until the relay has them. */
  async function recordConsent(boardId: string, record: typeof completeConsent) {
    const facilitator = await suite.connect(boardId)
    const value = recordedFor(recordsIn<TLShape>(facilitator.doc), record)
    consentEntry.set(facilitator.doc, value)
    const reader = await suite.connect(boardId)
    await until(reader.doc, () => JSON.stringify(facilitationMap(reader.doc).get(consentEntry.key)) === JSON.stringify(value))
  }

  it('holds the case, its confirmations and its pseudonym back from every route, and keeps its ways forward on the board', async () => {
    const day = localDay(new Date(Date.now() + 86_400_000))
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Fallarbeit Nord', { template: 'fallkonferenz', locale: 'de', options: { pseudonym: 'FK-2026-11-25-1', date: '2026-11-25' } })
    expect((await addBoard(network, board, 'dienstleistungskette')).status).toBe(201)
    // The facilitator records the confirmations, so that the case can be written at all.
    const facilitator = await suite.connect(board.id)
    const recorded = async (record: typeof completeConsent) => {
      const value = recordedFor(recordsIn<TLShape>(facilitator.doc), record)
      consentEntry.set(facilitator.doc, value)
      const reader = await suite.connect(board.id)
      await until(reader.doc, () => JSON.stringify(facilitationMap(reader.doc).get(consentEntry.key)) === JSON.stringify(value))
    }
    await recorded(completeConsent)
    await write(board.id, [
      ['fall:cell:problem:inhalt', 'Wohnungsverlust droht, Kita-Platz fehlt'],
      ['loesungen:cell:l1:loesung', 'Kita-Platz klären'],
      ['loesungen:cell:l1:wer', 'Jugendamt'],
      ['loesungen:cell:l1:bisWann', day],
      [`${fall.findings}:cell:${fall.findingsRow}:${fall.col.luecke}`, 'Abendbetreuung fehlt'],
      ['einverstaendnis:cell:einverstaendnis:bestaetigt', 'Einverständnis Frau Yilmaz liegt vor'],
    ])
    const token = board.access.facilitator
    // Then the release is only spoken, not written: everything is held back again.
    await recorded({ ...completeConsent, entbindung: 'muendlich' })

    // The board's export in each format, and the Dokumentation.
    for (const format of ['md', 'csv', 'json']) {
      const text = await (await get(`/api/boards/${board.id}/export?format=${format}`, token)).text()
      expect(text, format).toMatch(/Pseudonym zurückgehalten/)
      expect(text, format).not.toMatch(leaks)
    }
    const report = await (await get(`/api/boards/${board.id}/report?format=md&locale=de&day=2026-11-26`, token)).text()
    expect(report).toMatch(/Fallkonferenz · Pseudonym zurückgehalten/)
    expect(report).toMatch(/Intern – mit einer Fallkonferenz nur für die Beteiligten/)
    expect(report).not.toMatch(leaks)
    if (!skipPdfTests) {
      const pdf = new Uint8Array(await (await get(`/api/boards/${board.id}/report?format=pdf&locale=de&day=2026-11-26`, token)).arrayBuffer())
      const text = pdfText(pdf)
      expect(text).toMatch(/Pseudonym zurückgehalten/)
      expect(text).not.toMatch(leaks)
    }

    // What it offers to carry to the network's other boards.
    const source = await (await get(carrySourcePath(board.id), token)).text()
    expect(source).not.toMatch(leaks)

    // The network's search and since-last-visit.
    const search = NetworkSearchAnswer.parse(await (await api(networkSearchPath(network.id), json('POST', { query: 'Kita-Platz' }, network.token))).json())
    expect(search.boards).toEqual([])
    const named = NetworkSearchAnswer.parse(await (await api(networkSearchPath(network.id), json('POST', { query: 'Fallkonferenz' }, network.token))).json())
    expect(named.boards).toEqual([])
    expect(named.searched).toBeGreaterThan(0)
    const since = NetworkSinceAnswer.parse(await (await api(networkSincePath(network.id), json('POST', { since: null, seen: {}, day: localDay(new Date()) }, network.token))).json())
    expect(since.boards.flatMap((b) => b.due)).toEqual([])

    // The steering group's pack: the board is counted as internal, nothing of it read.
    const pack = await (await api(networkPackPath(network.id, 'md', 'de', '2026-11-26'), { headers: { authorization: `Bearer ${network.token}` } })).text()
    expect(pack).toContain('1 internes Board ist nicht enthalten')
    expect(pack).not.toMatch(leaks)
    expect(pack).not.toContain('Fallarbeit Nord')

    // Recorded complete again, the case goes out in the board's own export; its ways forward still are not the network's.
    await recorded(completeConsent)
    await expect.poll(async () => (await (await get(`/api/boards/${board.id}/export?format=md`, token)).text())).toMatch(/Wohnungsverlust droht/)
    const released = await (await get(`/api/boards/${board.id}/export?format=md`, token)).text()
    expect(released).toContain('Fallkonferenz · FK-2026-11-25-1')
    expect(released).not.toMatch(/Yilmaz/)
    const sinceReleased = NetworkSinceAnswer.parse(await (await api(networkSincePath(network.id), json('POST', { since: null, seen: {}, day: localDay(new Date()) }, network.token))).json())
    expect(sinceReleased.boards.flatMap((b) => b.due)).toEqual([])
    // Released, still nothing: the network's link reaches more than the Stellen at the table.
    const found = NetworkSearchAnswer.parse(await (await api(networkSearchPath(network.id), json('POST', { query: 'Wohnungsverlust' }, network.token))).json())
    expect(found.boards).toEqual([])
    const notFound = NetworkSearchAnswer.parse(await (await api(networkSearchPath(network.id), json('POST', { query: 'Yilmaz' }, network.token))).json())
    expect(notFound.boards).toEqual([])
    const packReleased = await (await api(networkPackPath(network.id, 'md', 'de', '2026-11-26'), { headers: { authorization: `Bearer ${network.token}` } })).text()
    expect(packReleased).not.toMatch(/Kita-Platz|Wohnungsverlust/)
  })

  it('a case walked to its release: the board’s export has the case, its way forward and its pseudonym but no name of a Zettel or a comment; the pack nothing of the board', async () => {
    const network = await createNetwork('Netzwerk Alleinerziehende Heidekreis')
    // The pseudonym the Vorlagen panel generates from the date (`test/browser/fallkonferenzWalk.test.ts`).
    const board = await createBoard(suite.relay, 'Fallarbeit Nord', { template: 'fallkonferenz', locale: 'de', options: { pseudonym: 'FK-2026-11-25-1', date: '2026-11-25' } })
    // Filed as not internal: the pack must find the case by itself.
    expect((await addBoard(network, board, 'dienstleistungskette')).status).toBe(201)
    await recordConsent(board.id, completeConsent)
    // A participant writes the case, a name in it, a way forward, a question for every case, and a comment naming someone.
    const written = await write(
      board.id,
      [
        ['fall:cell:problem:inhalt', 'Mietschulden, Kita-Platz fehlt'],
        ['fall:cell:verlauf:inhalt', 'Frau Yilmaz kam mit ihrer Tochter zur Beratung'],
        ['loesungen:cell:l1:loesung', 'Ratenplan mit dem Vermieter'],
        ['loesungen:cell:l1:wer', 'Schuldnerberatung'],
        ['erkenntnisse:cell:erkenntnisse:verfahren', 'Wer lädt zur Fallkonferenz ein?'],
      ],
      board.access.participant,
    )
    const writerSecret = 'p'.repeat(32)
    const participant = await suite.connect(board.id, board.access.participant, writerSecret)
    comments(participant.doc).set('c1', {
      author: authorId(writerSecret, board.id),
      name: 'Teilnehmerin',
      text: 'Rückruf bei Herrn Aydın wegen der Miete',
      at: Date.now(),
      target: { kind: 'shape', shapeId: written[0]!.id, pageId: 'page:page' },
    })
    const facilitator = await suite.connect(board.id)
    await until(facilitator.doc, () => readComments(facilitator.doc).has('c1'))
    await releaseBoard(suite.relay, board, '2026-11-26', facilitator)

    const exported = await (await get(`/api/boards/${board.id}/export?format=md`, board.access.facilitator)).text()
    // The case is the board's own once released: its text, its way forward, its pseudonym.
    expect(exported).toContain('Mietschulden, Kita-Platz fehlt')
    expect(exported).toContain('Ratenplan mit dem Vermieter')
    expect(exported).toContain('FK-2026-11-25-1')
    // Never the names.
    expect(exported).not.toMatch(/Yilmaz|Aydın/)
    expect(exported).toMatch(/1 Zettel, der wie ein Name aussieht/)

    const pack = await (await api(networkPackPath(network.id, 'md', 'de', '2026-11-26'), { headers: { authorization: `Bearer ${network.token}` } })).text()
    expect(pack).toContain('1 internes Board ist nicht enthalten')
    expect(pack).not.toMatch(/Yilmaz|Aydın|Ratenplan|Mietschulden|FK-2026-11-25-1|Fallarbeit Nord/)
  })

  it('a withdrawn consent: „Fall vom Board entfernen“ lists the case’s copies and removes them, on its board, in its versions and on the network’s other boards, and nothing else', async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Fallarbeit Süd', { template: 'fallkonferenz', locale: 'de', options: { pseudonym: 'FK-2026-11-25-2', date: '2026-11-25' } })
    const other = await createBoard(suite.relay, 'Dienstleistungskette', { template: 'dienstleistungskette', locale: 'de' })
    expect((await addBoard(network, board, 'dienstleistungskette')).status).toBe(201)
    expect((await addBoard(network, other, 'dienstleistungskette')).status).toBe(201)
    const token = board.access.facilitator
    const post = (path: string, body?: unknown) =>
      apiFetch(suite.relay, path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) })
    // A version before the case is written stays; one after it holds the case.
    expect((await post(`/api/boards/${board.id}/versions`, { name: 'Vor dem Fall' })).status).toBe(201)
    await recordConsent(board.id, completeConsent)
    const written = await write(board.id, [
      ['fall:cell:problem:inhalt', 'Wohnungsverlust droht'],
      ['loesungen:cell:l1:wer', 'Frau Yilmaz selbst'],
    ])
    expect((await post(`/api/boards/${board.id}/versions`, { name: 'Mit Fall' })).status).toBe(201)
    const instance = scaffoldMeta(recordsIn<TLShape>((await suite.connect(board.id)).doc).find((s) => scaffoldMeta(s)?.template === 'fallkonferenz')!)!.instance
    // A Zettel carried onto the other board keeps the source text in its provenance; one Zettel there is the other board's own.
    const there = await suite.connect(other.id)
    const carried = { ...noteAt(-2000, 0, 'Wohnungsverlust droht'), meta: { carriedFrom: { instance, note: written[0]!.id, board: board.id, text: 'Wohnungsverlust droht', boardTitle: 'Board mit Fallkonferenz' } } }
    const own = noteAt(-2000, 400, 'Abendbetreuung fehlt')
    putRecords(there.doc, [carried, own])
    await untilHeld((await suite.connect(other.id)).doc, [carried, own])

    // The consent is withdrawn: the case is locked again, and the dialog lists its copies.
    await recordConsent(board.id, { ...completeConsent, einverstaendnis: 'abgelehnt' })
    const listed = CaseCopies.parse(await (await get(caseCopiesPath(board.id, instance), token)).json())
    expect(new Set(listed.board.notes)).toEqual(new Set(written.map((n) => n.id)))
    const versions = (await (await get(`/api/boards/${board.id}/versions`, token)).json()) as Array<{ id: string; name: string | null }>
    expect(listed.versions).toEqual(versions.filter((v) => v.name === 'Mit Fall').map((v) => v.id))
    expect(listed.boards).toEqual([{ id: other.id, carried: [carried.id] }])
    // Another board's link lists nothing.
    expect((await get(caseCopiesPath(board.id, instance), other.access.facilitator)).status).toBe(401)
    // The participant's link neither.
    expect((await get(caseCopiesPath(board.id, instance), board.access.participant)).status).toBeGreaterThanOrEqual(401)

    const removal = await post(caseRemovalPath(board.id, instance))
    expect(removal.status).toBe(200)
    expect(await removal.json()).toMatchObject({ removed: true, board: { notes: [], carried: [] }, versions: [], boards: [], unread: 0 })
    const reader = await suite.connect(board.id)
    await until(reader.doc, () => recordsIn<TLShape>(reader.doc).every((r) => !written.some((n) => n.id === r.id)))
    expect(recordsIn<TLShape>(reader.doc).some((s) => scaffoldMeta(s)?.template === 'fallkonferenz')).toBe(true)
    expect(((await (await get(`/api/boards/${board.id}/versions`, token)).json()) as Array<{ name: string | null }>).map((v) => v.name)).toEqual(['Vor dem Fall'])
    const thereNow = await suite.connect(other.id)
    await until(thereNow.doc, () => !recordsIn<TLShape>(thereNow.doc).some((r) => r.id === carried.id))
    expect(recordsIn<TLShape>(thereNow.doc).some((r) => r.id === own.id)).toBe(true)
  })
})
