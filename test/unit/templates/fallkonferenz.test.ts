/**
 * Fallkonferenz: consent comes first on the board, and the export holds the case back (its
 * tables, its open items, in every format and in the report) until the facilitator has recorded
 * every confirmation (`facilitation/consent`; the table of records is `fallkonferenzConsent.test.ts`):
 * a Zettel in the confirmation cells releases nothing. The agreed ways become open items once the
 * case may leave the board.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, heldBackNotes, renderExport, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { searchHits } from '../../../shared/results/boardBetween.ts'
import { dokumentation, dokumentationMarkdown } from '../../../shared/results/dokumentation.ts'
import { fallkonferenz, fallkonferenzCells } from '../../../shared/templates/fallkonferenz.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import type { KeptVote } from '../../../shared/board/entries/voteRecord.ts'
import type { Comment } from '../../../shared/board/comments.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'
import { completeConsent, recordedFor } from '../../helpers/consentRecords.ts'
import { caseCellOf } from '../../../shared/board/caseCells.ts'
import { carryRoutes, planCarry } from '../../../shared/results/carryOver.ts'
import { carrySources } from '../../../shared/results/carrySource.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'

const board = { id: 'b', title: 'Fallkonferenz Nord' }
const keys = (shapes: TLShape[]) => shapes.map(keyOf)
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!)
const consent = (shapes: TLShape[], rows: readonly string[] = fallkonferenzCells.consentRows) =>
  rows.map((row) => noteInCell(shapes, `einverstaendnis:cell:${row}:bestaetigt`, 'MK'))

/** A case written into every case section, with one agreed way that has someone to do it. */
const theCase = (shapes: TLShape[]) => [
  noteInCell(shapes, 'fall:cell:problem:inhalt', 'Wohnungsverlust droht, Kita-Platz fehlt'),
  noteInCell(shapes, 'loesungen:cell:l1:loesung', 'Kita-Platz über Jugendamt klären'),
  noteInCell(shapes, 'loesungen:cell:l1:wer', 'Jugendamt (ASD)'),
  noteInCell(shapes, 'loesungen:cell:l1:bisWann', '15.12.'),
  noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:luecke', 'Notfall-Betreuung am Abend'),
]

describe('Fallkonferenz', () => {
  it.each(['de', 'en'] as Locale[])('builds a valid, locked scaffold without overlaps (%s)', (locale) => {
    const { plan, shapes } = build('fallkonferenz', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('asks for the four confirmations first, and the case sections say to wait for them', () => {
    const { shapes } = build('fallkonferenz', { organisation: 'Jobcenter' })
    expect(text(shapes, 'title')).toMatch(/^Fallkonferenz · FK-\d{4}-\d{2}-\d{2}-1$/)
    const consentTop = Math.min(...shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'einverstaendnis').map((s) => s.y))
    const caseTop = Math.min(...shapes.filter((s) => scaffoldMeta(s)?.cell?.section === 'fall').map((s) => s.y))
    expect(consentTop).toBeLessThan(caseTop)
    for (const row of fallkonferenzCells.consentRows) expect(keys(shapes)).toContain(`einverstaendnis:cell:${row}:bestaetigt`)
    expect(text(shapes, 'einverstaendnis:row:moderation:prompt')).toMatch(/Nicht die Stelle, die den Fall einbringt/)
    expect(text(shapes, 'fall:head:inhalt')).toBe('Erst nach den Bestätigungen ausfüllen')
    expect(text(shapes, 'fall:head:inhalt:prompt')).toMatch(/Nur das Pseudonym/)
    expect(text(shapes, 'loesungen:head:loesung:prompt')).toMatch(/Erst ausfüllen/)
    for (const row of ['problem', 'verlauf', 'hilfen', 'frage', 'stellen']) expect(keys(shapes)).toContain(`fall:cell:${row}:inhalt`)
  })

  it('declares the cells the carry routes read, and its layout has them', () => {
    const { shapes } = build('fallkonferenz', {})
    const { findings, findingsRow, col } = fallkonferenzCells
    expect([findings, col.luecke, col.schnittstelle, col.thema, col.verfahren]).toEqual(['erkenntnisse', 'luecke', 'schnittstelle', 'thema', 'verfahren'])
    for (const c of Object.values(col)) expect(keys(shapes)).toContain(`${findings}:cell:${findingsRow}:${c}`)
    expect(keys(shapes)).toContain(`loesungen:cell:${fallkonferenzCells.solution(4)}:bisWann`)
  })

  it('keeps the case out of every export until all four confirmations hold a note', () => {
    const { shapes } = build('fallkonferenz', {})
    const three = [...shapes, ...theCase(shapes), ...consent(shapes, fallkonferenzCells.consentRows.slice(0, 3))]
    const data = exportBoard(board, three)
    const [template] = data.templates
    expect(template.tables).toEqual([])
    expect(template.openItems).toEqual([])
    expect(template.facts).toContainEqual({ label: 'Fall, Lösungswege, Erkenntnisse, Bestätigungen, Pseudonym und Kommentare', value: expect.stringMatching(/fehlen noch Bestätigungen/) })
    for (const format of ['json', 'csv', 'md'] as const) {
      const file = renderExport(data, format, 'de')
      expect(file).not.toMatch(/Wohnungsverlust|Kita-Platz|Notfall-Betreuung|Frau S\./)
      expect(file).toMatch(/fehlen noch Bestätigungen/)
    }
    const report = workshopReport(data, three, '2026-11-24')
    expect(report.openItems).toEqual([])
    const markdown = dokumentationMarkdown(dokumentation(board, three, {}, '2026-11-24'), 'de')
    expect(markdown).not.toMatch(/Kita-Platz|Frau S\./)
    expect(markdown).toMatch(/fehlen noch Bestätigungen/)
  })

  it('exports the case once the confirmations are recorded: its tables, and the agreed ways as open items', () => {
    const { shapes } = build('fallkonferenz', {})
    const records = [...shapes, ...theCase(shapes), ...consent(shapes)]
    const data = exportBoard(board, records, undefined, undefined, recordedFor(shapes))
    const [template] = data.templates
    expect(template.tables.map((t) => t.title)).toEqual(['Vor dem Gespräch', 'Unser Verfahren für Fallkonferenzen', 'Fallbeschreibung', 'Vereinbarte Lösungswege', 'Erkenntnisse für die Dienstleistungskette'])
    expect(template.facts.map((f) => f.label)).toEqual(['Pseudonym'])
    expect(template.tables.find((t) => t.title === 'Fallbeschreibung')!.rows[0]).toEqual([['Problemkonstellation'], ['Wohnungsverlust droht, Kita-Platz fehlt']])
    const report = workshopReport(data, records, '2026-11-24')
    expect(report.openItems).toMatchObject([
      { what: ['Kita-Platz über Jugendamt klären'], who: ['Jugendamt (ASD)'], when: ['15.12.'], source: expect.stringMatching(/^Fallkonferenz · FK-/) },
    ])
  })

  it('a note saying nothing does not count as a confirmation', () => {
    const { shapes } = build('fallkonferenz', {})
    const blank = noteInCell(shapes, 'einverstaendnis:cell:moderation:bestaetigt', ' ')
    const records = [...shapes, ...theCase(shapes), ...consent(shapes, fallkonferenzCells.consentRows.slice(0, 3)), blank]
    expect(exportBoard(board, records).templates[0].tables).toEqual([])
  })

  it.each(['MK', 'ja', 'x', 'Nora K., 24.11.', 'liegt vor (MK)', 'bestätigt', 'ja, schriftlich', 'yes', 'Noah'])('a Zettel saying "%s" confirms nothing: only the record does', (answer) => {
    const { shapes } = build('fallkonferenz', {})
    const yes = noteInCell(shapes, 'einverstaendnis:cell:moderation:bestaetigt', answer)
    const records = [...shapes, ...theCase(shapes), ...consent(shapes, fallkonferenzCells.consentRows.slice(0, 3)), yes]
    expect(exportBoard(board, records).templates[0].tables).toEqual([])
    expect(exportBoard(board, records, undefined, undefined, recordedFor(shapes)).templates[0].tables.length).toBeGreaterThan(1)
  })

  it('a withdrawal is recorded, not written: the record set back holds the case again', () => {
    const { shapes } = build('fallkonferenz', {})
    const records = [...shapes, ...theCase(shapes), ...consent(shapes)]
    const withdrawn = recordedFor(shapes, { ...completeConsent, einverstaendnis: 'abgelehnt' })
    expect(exportBoard(board, records, undefined, undefined, withdrawn).templates[0].tables).toEqual([])
  })

  it('holds back free Zettel lying on the gated template (a row label) until consent', () => {
    const { shapes } = build('fallkonferenz', {})
    const loose = noteInCell(shapes, 'fall:row:problem', 'Frau K., Hauptstraße 3')
    const gated = exportBoard(board, [...shapes, loose, ...consent(shapes, fallkonferenzCells.consentRows.slice(0, 3))])
    expect(gated.otherNotes).toEqual([])
    for (const format of ['json', 'csv', 'md'] as const) expect(renderExport(gated, format, 'de')).not.toMatch(/Hauptstraße/)
    // Released, a free Zettel on a case board is name-checked as the case is (`caseBoardHold.ts`).
    const plain = noteInCell(shapes, 'fall:row:verlauf', 'Raum 2.14')
    expect(exportBoard(board, [...shapes, loose, plain, ...consent(shapes)], undefined, undefined, recordedFor(shapes)).otherNotes).toEqual(['Raum 2.14'])
  })

  it('shows a voted case Zettel as held back in the dot vote until consent', () => {
    const { shapes } = build('fallkonferenz', {})
    const [problem] = theCase(shapes)
    const vote: KeptVote = { id: 'v', dotsPerPerson: 3, scope: { kind: 'board' }, startedAt: 1, participation: { voters: 2, dots: 2 }, results: { [problem.id]: 2 } }
    const gated = exportBoard(board, [...shapes, problem, ...consent(shapes, fallkonferenzCells.consentRows.slice(0, 3))], [vote])
    expect(gated.votes![0].ranking).toEqual([{ rank: 1, note: null, withheld: true, dots: 2 }])
    for (const format of ['json', 'csv', 'md'] as const) expect(renderExport(gated, format, 'de')).not.toMatch(/Wohnungsverlust/)
    expect(renderExport(gated, 'md', 'de')).toMatch(/zurückgehalten/)
    const records = [...shapes, problem, ...consent(shapes, fallkonferenzCells.consentRows.slice(0, 3))]
    expect(dokumentationMarkdown(dokumentation(board, records, { votes: [vote], beschluesse: { notes: [problem.id] } }, '2026-11-24'), 'de')).not.toMatch(/Wohnungsverlust/)
    // The vote panel's own CSV asks the same: held back now, and with all four Zettel too; released by the record.
    expect(heldBackNotes(records)(problem.id)).toBe(true)
    expect(heldBackNotes([...shapes, problem, ...consent(shapes)])(problem.id)).toBe(true)
    expect(heldBackNotes([...shapes, problem, ...consent(shapes)], recordedFor(shapes))(problem.id)).toBe(false)
    const open = exportBoard(board, [...shapes, problem, ...consent(shapes)], [vote], undefined, recordedFor(shapes))
    expect(open.votes![0].ranking).toEqual([{ rank: 1, note: 'Wohnungsverlust droht, Kita-Platz fehlt', dots: 2 }])
  })

  it.each([
    'nein', 'fehlt noch', 'noch nicht', '–', 'No', '?', 'nein, widerrufen', 'kein Einverständnis', 'abgelehnt',
    // A no later in the Zettel, or a doubt, is no confirmation either: the gate fails closed.
    'Einverständnis fehlt', 'Entbindung liegt noch nicht vor', 'MK – steht noch aus', 'unklar', 'vielleicht', 'ja?', 'wurde widerrufen', 'Mutter hat abgelehnt', 'not yet',
  ])('a Zettel saying "%s" is no confirmation', (answer) => {
    const { shapes } = build('fallkonferenz', {})
    const no = noteInCell(shapes, 'einverstaendnis:cell:moderation:bestaetigt', answer)
    const records = [...shapes, ...theCase(shapes), ...consent(shapes, fallkonferenzCells.consentRows.slice(0, 3)), no]
    expect(exportBoard(board, records).templates[0].tables).toEqual([])
  })

  it('holds back the confirmation cells, the pseudonym and every comment on the board with the case', () => {
    const { shapes } = build('fallkonferenz', { pseudonym: 'FK-2026-11-25-1', date: '2026-11-25', organisation: 'Jobcenter' })
    const said = noteInCell(shapes, 'einverstaendnis:cell:einverstaendnis:bestaetigt', 'Einverständnis Frau Yilmaz liegt vor')
    const elsewhere = { ...noteInCell(shapes, 'einverstaendnis:cell:einverstaendnis:bestaetigt', 'Anderes Thema'), x: 20_000, y: 20_000 } as TLShape
    const comments = new Map<string, Comment>([
      ['c1', { author: 'a', name: 'Nora', text: 'Yilmaz hat heute angerufen', at: 1, target: { kind: 'shape', shapeId: elsewhere.id, pageId: 'page:page' } }],
    ])
    const records = [...shapes, ...theCase(shapes), said, elsewhere, ...consent(shapes, ['entbindung', 'pseudonym'])]
    const data = exportBoard(board, records, undefined, comments)
    const [template] = data.templates
    expect(template.title).toBe('Fallkonferenz · Pseudonym zurückgehalten · 25.11.2026')
    expect(template.facts.map((f) => f.label)).toEqual(['Bringt den Fall ein', 'Datum', 'Fall, Lösungswege, Erkenntnisse, Bestätigungen, Pseudonym und Kommentare'])
    expect(data.openQuestions).toBeUndefined()
    const markdown = dokumentationMarkdown(dokumentation(board, records, { comments }, '2026-11-25'), 'de')
    for (const file of [...(['json', 'csv', 'md'] as const).map((format) => renderExport(data, format, 'de')), markdown]) {
      expect(file).not.toMatch(/Yilmaz|FK-2026-11-25-1|MK/)
      expect(file).toMatch(/Pseudonym zurückgehalten/)
    }
    // Released by the record: the pseudonym, the confirmations and the comments go out with the case.
    const released = exportBoard(board, [...shapes, ...theCase(shapes), elsewhere, ...consent(shapes)], undefined, comments, recordedFor(shapes))
    expect(released.templates[0].title).toBe('Fallkonferenz · FK-2026-11-25-1 · 25.11.2026')
    expect(released.openQuestions).toHaveLength(1)
  })

  it('once released, still holds back a Zettel or a pseudonym that reads as a name', () => {
    const { shapes } = build('fallkonferenz', { pseudonym: 'Frau Yilmaz', date: '2026-11-25' })
    const named = noteInCell(shapes, 'fall:cell:verlauf:inhalt', 'Ayşe Kaya zog im März um')
    const staff = noteInCell(shapes, 'loesungen:cell:l2:wer', 'Herr Becker (Jobcenter)')
    const way = noteInCell(shapes, 'loesungen:cell:l2:loesung', 'Antrag prüfen')
    const records = [...shapes, ...theCase(shapes), named, staff, way, ...consent(shapes)]
    const data = exportBoard(board, records, undefined, undefined, recordedFor(shapes))
    const [template] = data.templates
    expect(template.title).toBe('Fallkonferenz · Pseudonym zurückgehalten · 25.11.2026')
    expect(template.facts).toContainEqual({ label: 'Zurückgehalten', value: '2 Zettel, die wie ein Name aussehen; das Pseudonym sieht wie ein Name aus.' })
    for (const format of ['json', 'csv', 'md'] as const) {
      const file = renderExport(data, format, 'de')
      // „Wer?“ is checked too: the person herself is the usual owner of a step (issue 61).
      expect(file).not.toMatch(/Kaya|Yilmaz|Becker/)
      // The rest of the case goes out.
      expect(file).toMatch(/Wohnungsverlust droht/)
      expect(file).toMatch(/Jugendamt \(ASD\)/)
    }
    expect(heldBackNotes(records, recordedFor(shapes))(named.id)).toBe(true)
    expect(heldBackNotes(records, recordedFor(shapes))(way.id)).toBe(false)
  })

  it('once released, still holds back a comment on the board that reads as a name, in the export and the network’s search', () => {
    const { shapes } = build('fallkonferenz', { date: '2026-11-25' })
    const [problem] = theCase(shapes)
    const page = { typeName: 'page', id: shapes[0].parentId, name: 'Seite 1', index: 'a1', meta: {} }
    const comments = new Map<string, Comment>([
      ['c1', { author: 'a', name: 'Nora', text: 'Rückruf bei Herrn Aydın wegen der Miete', at: 1, target: { kind: 'shape', shapeId: problem.id, pageId: page.id } }],
      ['c2', { author: 'a', name: 'Nora', text: 'Wer lädt zur nächsten Konferenz ein?', at: 2, target: { kind: 'shape', shapeId: problem.id, pageId: page.id } }],
    ])
    const records = [page, ...shapes, problem]
    const data = exportBoard(board, records, undefined, comments, recordedFor(shapes))
    expect(data.openQuestions?.map((q) => q.text)).toEqual(['Wer lädt zur nächsten Konferenz ein?'])
    for (const format of ['json', 'csv', 'md'] as const) expect(renderExport(data, format, 'de')).not.toMatch(/Aydın/)
    expect(searchHits(records, comments, 'Aydın', { consent: recordedFor(shapes) }).total).toBe(0)
    // The network's search finds nothing of a case board at all (`caseBoardHold.ts`).
    expect(searchHits(records, comments, 'nächsten Konferenz', { consent: recordedFor(shapes) }).total).toBe(0)
  })

  it.each([
    ['de', /Frist für die Fallbeschreibung/, /anonymisierten Fall schriftlich/, /Häufigkeit und Anlass/, /monatlich, viertel- oder halbjährlich/, /§ 36 SGB VIII/, /doppeln/],
    ['en', /Deadline for the written case/, /anonymised case in writing/, /How often, on what occasion/, /monthly, quarterly or half-yearly/, /§ 36 SGB VIII/, /double/],
  ] as const)('asks the network’s procedure for its conferences (H 5.3.5): a Frist for the written case, how often and why, the conferences that exist already (%s)', (locale, frist, fristPrompt, often, rhythm, hilfeplan, notTwice) => {
    const { shapes } = build('fallkonferenz', {}, locale)
    const { frame, frameRow, frameCol } = fallkonferenzCells
    for (const col of Object.values(frameCol)) expect(keys(shapes)).toContain(`${frame}:cell:${frameRow}:${col}`)
    expect(text(shapes, `${frame}:head:${frameCol.frist}`)).toMatch(frist)
    expect(text(shapes, `${frame}:head:${frameCol.frist}:prompt`)).toMatch(fristPrompt)
    expect(text(shapes, `${frame}:head:${frameCol.haeufigkeit}`)).toMatch(often)
    expect(text(shapes, `${frame}:head:${frameCol.haeufigkeit}:prompt`)).toMatch(rhythm)
    expect(text(shapes, `${frame}:head:${frameCol.bestehende}:prompt`)).toMatch(hilfeplan)
    expect(text(shapes, `${frame}:head:${frameCol.bestehende}:prompt`)).toMatch(notTwice)
  })

  it.each([
    ['de', 'Im Haus abgesichert durch?', 'Was hat die Konferenz an der Zusammenarbeit gezeigt?', /ohne Namen/i],
    ['en', 'Backed in-house by?', 'What did the conference show about working together?', /without names/i],
  ] as const)('asks beside „Wer?“ who backs a way forward in the Stelle’s own house, and, name-free, what the case showed about working together (%s)', (locale, backed, together, noNames) => {
    const { shapes } = build('fallkonferenz', {}, locale)
    const { solutionCol, findings, findingsRow, col } = fallkonferenzCells
    expect(text(shapes, `loesungen:head:${solutionCol.abgesichert}`)).toBe(backed)
    for (let n = 1; n <= 4; n++) expect(keys(shapes)).toContain(`loesungen:cell:${fallkonferenzCells.solution(n)}:${solutionCol.abgesichert}`)
    // Beside „Wer?“: the next column to its right.
    const x = (key: string) => shapes.find((s) => keyOf(s) === key)!.x
    const heads = shapes.filter((s) => keyOf(s)?.match(/^loesungen:head:[a-zA-Z]+$/)).sort((a, b) => a.x - b.x).map(keyOf)
    expect(heads[heads.indexOf('loesungen:head:wer') + 1]).toBe(`loesungen:head:${solutionCol.abgesichert}`)
    expect(x(`loesungen:head:${solutionCol.abgesichert}`)).toBeGreaterThan(x('loesungen:head:wer'))
    expect(text(shapes, `${findings}:head:${col.zusammenarbeit}`)).toBe(together)
    expect(text(shapes, `${findings}:head:${col.zusammenarbeit}:prompt`)).toMatch(noNames)
    expect(keys(shapes)).toContain(`${findings}:cell:${findingsRow}:${col.zusammenarbeit}`)
  })

  it('the relay keeps the new case cells shut until consent, the procedure’s cells open (they are the network’s, typed before any case)', () => {
    const { shapes } = build('fallkonferenz', {})
    const cell = (key: string) => caseCellOf(shapes.find((s) => keyOf(s) === key)! as unknown as Record<string, unknown>)
    expect(cell('loesungen:cell:l1:abgesichert')).toBeDefined()
    expect(cell('erkenntnisse:cell:erkenntnisse:zusammenarbeit')).toBeDefined()
    for (const col of Object.values(fallkonferenzCells.frameCol)) expect(cell(`rahmen:cell:rahmen:${col}`)).toBeUndefined()
  })

  it('holds the new cells with the case until consent, and name-checks each of them once released', () => {
    const { shapes } = build('fallkonferenz', {})
    const written = [
      noteInCell(shapes, 'rahmen:cell:rahmen:frist', 'Eine Woche vorher an die Koordination'),
      noteInCell(shapes, 'rahmen:cell:rahmen:haeufigkeit', 'Monatlich, erster Dienstag'),
      noteInCell(shapes, 'rahmen:cell:rahmen:bestehende', 'Hilfeplangespräch nach § 36 SGB VIII nutzen'),
      noteInCell(shapes, 'loesungen:cell:l1:abgesichert', 'Teamleitung ASD'),
      noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:zusammenarbeit', 'Jugendamt und Jobcenter stimmen sich jetzt direkt ab'),
    ]
    // A careless colleague's names in each of them.
    const named = [
      noteInCell(shapes, 'rahmen:cell:rahmen:frist', 'Herr Becker sammelt die Fälle', 60),
      noteInCell(shapes, 'rahmen:cell:rahmen:bestehende', 'HPG bei Frau Kaya am 3.12.', 60),
      noteInCell(shapes, 'loesungen:cell:l1:abgesichert', 'Frau Schulz (Teamleitung)', 60),
      noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:zusammenarbeit', 'Frau Kaya hat gut mitgearbeitet', 60),
    ]
    const records = [...shapes, ...theCase(shapes), ...written, ...named]
    const plain = /Eine Woche vorher|Monatlich, erster Dienstag|§ 36 SGB VIII|Teamleitung ASD|stimmen sich jetzt direkt ab/
    const names = /Becker|Kaya|Schulz/
    const held = exportBoard(board, records)
    for (const format of ['json', 'csv', 'md'] as const) expect(renderExport(held, format, 'de')).not.toMatch(new RegExp(`${plain.source}|${names.source}`))
    expect(dokumentationMarkdown(dokumentation(board, records, {}, '2026-11-25'), 'de')).not.toMatch(new RegExp(`${plain.source}|${names.source}`))
    const released = exportBoard(board, records, undefined, undefined, recordedFor(shapes))
    for (const format of ['json', 'csv', 'md'] as const) {
      const file = renderExport(released, format, 'de')
      expect(file).not.toMatch(names)
      for (const note of written) expect(file).toContain(shapeText(note))
    }
    expect(released.templates[0].facts).toContainEqual({ label: 'Zurückgehalten', value: '4 Zettel, die wie ein Name aussehen.' })
  })

  it('carries what the conference showed about working together to the chain’s hand-overs, once released and without a name', () => {
    const { shapes } = build('fallkonferenz', {})
    const plain = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:zusammenarbeit', 'Jugendamt und Jobcenter stimmen sich jetzt direkt ab')
    const named = noteInCell(shapes, 'erkenntnisse:cell:erkenntnisse:zusammenarbeit', 'Frau Kaya hat gut mitgearbeitet', 60)
    const records = [...shapes, plain, named]
    const route = carryRoutes.find((r) => r.from === 'fallkonferenz' && r.source.cols?.includes(fallkonferenzCells.col.zusammenarbeit))!
    expect(route.to).toBe('dienstleistungskette')
    const targetKeys = new Set(planTemplate('dienstleistungskette', {}, 'de').layout.blocks.map((b) => b.key))
    const carry = (consent?: ReturnType<typeof recordedFor>) => {
      const [source] = carrySources(records, undefined, consent)
      return planCarry(route, { sourceInstance: source.instance, sourceBoard: 'a', sourceNotes: source.notes, targetKeys, targetNotes: [] }).planned.map((p) => [p.cellKey, p.text])
    }
    expect(carry()).toEqual([])
    expect(carry(recordedFor(shapes))).toEqual([['handover:open', 'Jugendamt und Jobcenter stimmen sich jetzt direkt ab']])
  })

  it('its ways forward stay on the board; what is to be settled for every case is its Entscheidungsbedarf', () => {
    expect(fallkonferenz.openItemTables).toEqual([expect.objectContaining({ section: 'loesungen', staysOnBoard: true })])
    expect(fallkonferenz.decisionNeeds).toEqual([{ section: 'erkenntnisse', what: ['verfahren'] }])
  })

  it('states pseudonym, organisation and date, and grows by a way forward', () => {
    const options = fallkonferenz.options.parse({ pseudonym: 'Frau X', organisation: 'Jobcenter', date: '2026-11-24' })
    expect(fallkonferenz.exportFacts!(options, 'de')).toEqual([
      { label: 'Pseudonym', value: 'Frau X' },
      { label: 'Bringt den Fall ein', value: 'Jobcenter' },
      { label: 'Datum', value: '24.11.2026' },
    ])
    expect(() => fallkonferenz.options.parse({ pseudonym: 'x'.repeat(41) })).toThrow()
    const { shapes } = build('fallkonferenz', { solutions: 2 })
    const note = noteInCell(shapes, 'loesungen:cell:l2:loesung', 'Bleibt')
    const { next } = grow([...shapes, note], 'addSolution')
    expectTidy(next.filter((s) => s.id !== note.id))
    expect(keys(next)).toContain('loesungen:cell:l3:loesung')
  })
})
