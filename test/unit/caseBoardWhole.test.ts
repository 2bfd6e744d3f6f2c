/**
 * A board that holds a Fallkonferenz is a case board, whole (issue 61, item 1): before the
 * confirmations are recorded, every text on it is held like the case cells (free Zettel beside
 * the template and on other pages, another template's cells, the board's title); once released,
 * each of them is name-checked by the case's rule (the Lösungswege' „Wer?“ column too). The
 * network's search finds nothing of a case board, released or not: its link reaches more people
 * than the Stellen at the table.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, renderExport } from '../../shared/results/export.ts'
import { dokumentation, dokumentationMarkdown } from '../../shared/results/dokumentation.ts'
import { searchHits } from '../../shared/results/boardBetween.ts'
import { carrySource, carrySources } from '../../shared/results/carrySource.ts'
import { build, noteAt, noteInCell } from './templates/helpers.ts'
import { recordedFor } from '../helpers/consentRecords.ts'
import type { KeptVote } from '../../shared/board/entries/voteRecord.ts'
import type { Comment } from '../../shared/board/comments.ts'

const page = (id: string, name: string, index: string) => ({ typeName: 'page', id, name, index, meta: {} })

/** A careless colleague's board: names beside the case, in the conference's Protokoll, on page two, in the title. */
function caseBoard() {
  const { shapes: fk } = build('fallkonferenz', { date: '2026-11-25' })
  const { shapes: protokoll } = build('protokoll', {}, 'de', { x: 12_000, y: 0 })
  const inCase = noteInCell(fk, 'fall:cell:problem:inhalt', 'Mietschulden, Kita-Platz fehlt')
  const wer = noteInCell(fk, 'loesungen:cell:l1:wer', 'Frau Kaya selbst')
  const way = noteInCell(fk, 'loesungen:cell:l1:loesung', 'Ratenplan mit Vermieter')
  const beside = noteAt(-3000, 400, 'Rückruf Frau Yilmaz 0171 2345678')
  const plain = noteAt(-3000, 1400, 'Raum 2.14 reservieren')
  const onPageTwo = { ...noteAt(300, 300, 'Termin mit Herrn Becker am Montag'), parentId: 'page:two' } as TLShape
  const task = noteInCell(protokoll, 'tops:cell:top1:aufgabe', 'Herr Özdemir ruft beim Vermieter an')
  const topic = noteInCell(protokoll, 'tops:cell:top1:thema', 'Wohnungssuche')
  // The cells of H 5.3.5's procedure, the in-house backing and the lesson on working together (issue 61, point 6).
  const frist = noteInCell(fk, 'rahmen:cell:rahmen:frist', 'Herr Becker sammelt die Fälle')
  const rhythm = noteInCell(fk, 'rahmen:cell:rahmen:haeufigkeit', 'Monatlich, erster Dienstag')
  const backed = noteInCell(fk, 'loesungen:cell:l1:abgesichert', 'Frau Schulz (Teamleitung)')
  const together = noteInCell(fk, 'erkenntnisse:cell:erkenntnisse:zusammenarbeit', 'Jugendamt und Jobcenter stimmen sich jetzt direkt ab')
  const praised = noteInCell(fk, 'erkenntnisse:cell:erkenntnisse:zusammenarbeit', 'Frau Kaya hat gut mitgearbeitet', 60)
  const records = [
    ...[page('page:page', 'Konferenz', 'a1'), page('page:two', 'Notizen', 'a2'), ...fk, ...protokoll, inCase, wer, way, beside, plain, onPageTwo, task, topic],
    ...[frist, rhythm, backed, together, praised],
  ]
  return { records, consent: recordedFor(fk), ids: { wer, way, beside, plain, onPageTwo, task, topic } }
}

const board = { id: 'b', title: 'Fall Sabine Krüger' }
const names = /Yilmaz|Becker|Özdemir|Kaya|Krüger|Schulz|0171/
const everything = /Yilmaz|Becker|Özdemir|Kaya|Krüger|Schulz|0171|Raum 2\.14|Wohnungssuche|Mietschulden|Monatlich|stimmen sich/

describe('a board holding a Fallkonferenz, before its confirmations are recorded', () => {
  it('prints nothing anyone wrote on it: neither beside the case, nor on page two, nor in the Protokoll, nor the board’s title', () => {
    const { records } = caseBoard()
    const data = exportBoard(board, records)
    for (const format of ['md', 'csv', 'json'] as const) expect(renderExport(data, format, 'de')).not.toMatch(everything)
    expect(data.otherNotes).toEqual([])
    expect(dokumentationMarkdown(dokumentation(board, records, {}, '2026-11-25'), 'de')).not.toMatch(everything)
  })

  it('leaves out the meeting’s place and moderation in the Dokumentation (a home visit names the person)', () => {
    const { records } = caseBoard()
    const meeting = { date: '2026-11-25', place: 'Hausbesuch bei Frau Kaya', moderation: 'B. Sommer' }
    const doc = dokumentation(board, records, { meeting }, '2026-11-25')
    expect(doc.meeting).toEqual({ date: '2026-11-25', place: '', moderation: '' })
  })

  it('says why the other template is held', () => {
    const { records } = caseBoard()
    const protokoll = exportBoard(board, records).templates.find((t) => t.template === 'protokoll')!
    expect(protokoll.openItems).toEqual([])
    expect(protokoll.facts.map((f) => f.value).join(' ')).toMatch(/Fallkonferenz/)
  })

  it('carries nothing of the other template to another board, nor the board’s title', () => {
    const { records } = caseBoard()
    const source = carrySources(records).find((t) => t.template === 'protokoll')!
    expect(source.notes).toEqual([])
    expect(source.held?.reason.en).toMatch(/case conference/)
    // The title goes with every carried Zettel's provenance (`carriedFrom.boardTitle`).
    expect(carrySource(board, records).board).toEqual({ id: 'b', title: 'Board mit Fallkonferenz' })
  })
})

describe('a board holding a Fallkonferenz, once released', () => {
  it('name-checks every text on it by the case’s rule: free Zettel, other templates, the „Wer?“ column, the board’s title', () => {
    const { records, consent } = caseBoard()
    const data = exportBoard(board, records, undefined, undefined, consent)
    for (const format of ['md', 'csv', 'json'] as const) {
      const file = renderExport(data, format, 'de')
      expect(file).not.toMatch(names)
      expect(file).toMatch(/Raum 2\.14/)
      expect(file).toMatch(/Wohnungssuche/)
      expect(file).toMatch(/Ratenplan mit Vermieter/)
      expect(file).toMatch(/Monatlich, erster Dienstag/)
      expect(file).toMatch(/stimmen sich jetzt direkt ab/)
    }
    expect(dokumentationMarkdown(dokumentation(board, records, { consent }, '2026-11-25'), 'de')).not.toMatch(names)
  })

  it('name-checks the meeting’s place and moderation in the Dokumentation', () => {
    const { records, consent } = caseBoard()
    const meeting = { date: '2026-11-25', place: 'Hausbesuch bei Frau Kaya', moderation: 'Koordination' }
    expect(dokumentation(board, records, { meeting, consent }, '2026-11-25').meeting).toEqual({ date: '2026-11-25', place: '', moderation: 'Koordination' })
  })

  it('name-checks what the facilitator typed about the board: a vote’s question, a document’s name, a page’s name', () => {
    const { records, consent } = caseBoard()
    const frame = { ...noteAt(0, 0, ''), id: 'shape:bescheid', type: 'frame', x: -8000, y: 0, props: { w: 1000, h: 1000, name: 'Bescheid Frau Kaya', color: 'black' } } as TLShape
    const image = { ...noteAt(0, 0, ''), id: 'shape:scan', type: 'image', parentId: frame.id, x: 0, y: 0, props: { w: 1000, h: 1000, assetId: null, playing: true, url: '', crop: null, flipX: false, flipY: false, altText: '' } } as unknown as TLShape
    const onDocument = noteAt(-7500, 500, 'Seite 2 prüfen')
    const namedPage = records.map((r) => ((r as { id?: string }).id === 'page:two' ? { ...(r as object), name: 'Familie Kaya' } : r))
    const vote: KeptVote = { id: 'v', question: 'Was zuerst für Frau Kaya?', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1, participation: { voters: 1, dots: 1 }, results: { [onDocument.id]: 1 } }
    const comments = new Map<string, Comment>([['c1', { author: 'a', name: 'Nora', text: 'Wer ruft an?', at: 1, target: { kind: 'place', pageId: 'page:two', x: 10, y: 10 } }]])
    const data = exportBoard(board, [...namedPage, frame, image, onDocument], [vote], comments, consent)
    for (const format of ['md', 'csv', 'json'] as const) {
      const file = renderExport(data, format, 'de')
      expect(file.split("\n").filter((l) => /Kaya/.test(l))).toEqual([])
      expect(file).toMatch(/Seite 2 prüfen/)
      expect(file).toMatch(/Wer ruft an\?/)
    }
  })

  it('name-checks another template’s title and the facts typed in its form', () => {
    const { records, consent } = caseBoard()
    const { shapes } = build('bedarfsanalyse', { targetGroup: 'Familie Kaya' }, 'de', { x: 30_000, y: 0 })
    const data = exportBoard(board, [...records, ...shapes], undefined, undefined, consent)
    const analyse = data.templates.find((t) => t.template === 'bedarfsanalyse')!
    expect(JSON.stringify(analyse)).not.toMatch(/Kaya/)
    expect(analyse.facts).toContainEqual({ label: 'Zurückgehalten', value: 'eine Angabe der Vorlage sieht wie ein Name aus.' })
  })

  it('keeps a board title that names nobody', () => {
    const { records, consent } = caseBoard()
    expect(exportBoard({ id: 'b', title: 'Fallkonferenz Süd' }, records, undefined, undefined, consent).board.title).toBe('Fallkonferenz Süd')
  })
})

describe('the network’s search on a case board', () => {
  it('finds nothing on it, before or after release: its link reaches more than the Stellen at the table', () => {
    const { records, consent } = caseBoard()
    for (const query of ['Yilmaz', 'Raum', 'Wohnungssuche', 'Mietschulden', 'Becker']) {
      expect(searchHits(records, new Map(), query).total).toBe(0)
      expect(searchHits(records, new Map(), query, { consent }).total).toBe(0)
    }
  })

  it('still finds everything on a board without a case', () => {
    const { shapes } = build('protokoll', {})
    const topic = noteInCell(shapes, 'tops:cell:top1:thema', 'Wohnungssuche')
    expect(searchHits([page('page:page', 'Seite 1', 'a1'), ...shapes, topic], new Map(), 'Wohnungssuche').total).toBe(1)
  })
})
