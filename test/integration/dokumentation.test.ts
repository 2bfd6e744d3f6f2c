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
import { createBoard, relaySuite, type TestClient, until, apiFetch } from '../helpers/clients.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { noteAt } from '../unit/templates/helpers.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { artifacts } from '../helpers/browser.ts'
import { releaseBoard } from '../helpers/release.ts'
import { firstPagePng, pdfArchivalFacts, pdfText, skipPdfTests } from '../helpers/pdfText.ts'
import type { TLShape } from '@tldraw/tlschema'
import { join } from 'node:path'
import { hang } from '../helpers/hang.ts'

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
    await releaseBoard(suite.relay, board, '2026-11-24', participant)
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
      ['say who decided a Beschluss and what it binds', (doc) => beschluesseEntry.set(doc, { notes: ['shape:a'], terms: { 'shape:a': { gremium: 'steuerungsgruppe', bindewirkung: 'empfehlung' } } })],
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

  /** A Protokoll with those present, a Beschluss and an open item, written by a participant. */
  async function meeting(title: string) {
    const board = await createBoard(suite.relay, title, { template: 'protokoll', options: { date: '2026-11-24', topics: 2 } })
    const facilitator = await connect(board.id, board.access.facilitator)
    const participant = await connect(board.id, board.access.participant)
    const at = (key: string, dy = 0) => {
      const shape = recordsIn<TLShape>(participant.doc).find((s) => scaffoldMeta(s)?.key === key)!
      const { w, h } = shape.props as { w: number; h: number }
      return { x: shape.x + w / 2, y: shape.y + h / 2 + dy }
    }
    const note = (key: string, text: string, dy = 0) => {
      const { x, y } = at(key, dy)
      return noteAt(x, y, text)
    }
    const beschluss = note('tops:cell:top1:thema', 'Gemeinsame Fallkonferenz ab März')
    const last = note('tops:cell:top1:wer', 'Frau Łukasz, 15.1.')
    putRecords(participant.doc, [
      note('sitzung:cell:sitzung:anwesende', 'Frau Özdemir (Jugendamt Łódź)'),
      beschluss,
      note('tops:cell:top1:aufgabe', 'Räume bei Trägern anfragen'),
      last,
    ])
    await until(facilitator.doc, () => facilitator.doc.getMap('tldraw').has(last.id))
    beschluesseEntry.set(facilitator.doc, { notes: [beschluss.id] })
    meetingEntry.set(facilitator.doc, { date: '2026-11-24', place: 'Łódź, Rathaus', moderation: 'Jürgen Weiß' })
    // Through the relay: the participant has them from there.
    await until(participant.doc, () => map(participant).has(facilitationKeys.meeting) && map(participant).has(facilitationKeys.beschluesse))
    return { board, facilitator }
  }
  const download = (boardId: string, token: string, query: string) =>
    apiFetch(suite.relay, `/api/boards/${boardId}/report?${query}`, { headers: { authorization: `Bearer ${token}` } })

  it('serves the Dokumentation as Markdown and the open items as CSV, internal until released', async () => {
    const { board } = await meeting('Netzwerktreffen Süd')
    const md = await download(board.id, board.access.participant, 'format=md&locale=de&day=2026-11-25')
    expect(md.status).toBe(200)
    expect(md.headers.get('content-disposition')).toContain("filename*=UTF-8''Dokumentation-Netzwerktreffen-S%C3%BCd-2026-11-24.md")
    const text = await md.text()
    expect(text).toContain('# Dokumentation: Netzwerktreffen Süd')
    expect(text).toContain('**Intern – noch nicht zur Weitergabe freigegeben**')
    expect(text).toContain('**Anwesend:** Frau Özdemir (Jugendamt Łódź)')
    expect(text).toContain('| 1 | Gemeinsame Fallkonferenz ab März | Gremium nicht angegeben | Bindewirkung nicht angegeben | Protokoll · 24.11.2026 · Tagesordnung · 1 · Thema |')

    const csv = await download(board.id, board.access.participant, 'format=csv&locale=de')
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    // The Protokoll's „Wer und bis wann?“ read apart: who, and the date as the Bis-wann.
    expect((await csv.text()).split('\r\n')).toContain('Räume bei Trägern anfragen;Frau Łukasz;15.1.;Protokoll · 24.11.2026')
  })

  it.skipIf(skipPdfTests)('downloads the PDF as a file that reads back: header, Beschluss, open item, release line, umlauts and Łódź', { timeout: hang(60_000) }, async () => {
    const { board } = await meeting('Steuerungsgruppe Łódź–Görlitz')
    const participant = await connect(board.id, board.access.participant)
    await releaseBoard(suite.relay, board, '2026-11-25', participant)

    const response = await download(board.id, board.access.participant, 'format=pdf&locale=de&day=2026-11-25')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const disposition = response.headers.get('content-disposition')!
    expect(disposition).toMatch(/^attachment; filename="Dokumentation-Steuerungsgruppe-[^"]*Goerlitz-2026-11-24\.pdf"/)
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Dokumentation-Steuerungsgruppe-Łódź–Görlitz-2026-11-24.pdf')}`)
    const pdf = new Uint8Array(await response.arrayBuffer())
    expect(new TextDecoder().decode(pdf.slice(0, 5))).toBe('%PDF-')
    const text = pdfText(pdf)
    expect(text).toContain('Dokumentation: Steuerungsgruppe Łódź–Görlitz')
    expect(text).toContain('Łódź, Rathaus')
    expect(text).toContain('Jürgen Weiß')
    expect(text).toContain('Frau Özdemir (Jugendamt Łódź)')
    expect(text).toContain('Gemeinsame Fallkonferenz ab März')
    expect(text).toContain('Räume bei Trägern anfragen')
    expect(text).toContain('Frau Łukasz, 15.1.')
    // The release line on every page, and the page number.
    const pages = text.split('\f').filter((page) => page.trim())
    for (const page of pages) expect(page).toContain('Zur Weitergabe freigegeben am 25.11.2026')
    expect(text).toContain(`Seite 1 von ${pages.length}`)
    await firstPagePng(pdf, join(artifacts, 'dokumentation-page1.png'))

    // The same as PDF/A for the E-Akte: a .pdf, identified as PDF/A-2a, the same text.
    const archival = await download(board.id, board.access.participant, 'format=pdfa&locale=de&day=2026-11-25')
    expect(archival.headers.get('content-type')).toBe('application/pdf')
    expect(archival.headers.get('content-disposition')).toMatch(/^attachment; filename="Dokumentation-Steuerungsgruppe-[^"]*Goerlitz-2026-11-24\.pdf"/)
    const archivalPdf = new Uint8Array(await archival.arrayBuffer())
    expect(pdfArchivalFacts(archivalPdf)).toMatchObject({ part: '2', conformance: 'A', outputIntent: true })
    expect(pdfText(archivalPdf)).toBe(text)
  })
})
