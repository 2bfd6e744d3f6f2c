/**
 * Laufzettel: designing the slip (with feedback or as an open voucher, consent, as little
 * personal data as possible), introducing it (steps become open items), and reviewing returned
 * slips by number, never by name. `parts` chooses which of these the board gets.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { laufzettel, laufzettelCells } from '../../../shared/templates/laufzettel.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Übergänge' }
const keys = (shapes: TLShape[]) => shapes.map(keyOf)
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!)
const sections = (shapes: TLShape[]) => [...new Set(shapes.map((s) => scaffoldMeta(s)?.cell?.section).filter(Boolean))]

describe('Laufzettel', () => {
  for (const parts of ['entwurf', 'auswertung', 'beide'] as const)
    it.each(['de', 'en'] as Locale[])(`builds a valid, locked scaffold without overlaps (${parts}, %s)`, (locale) => {
      const { plan, shapes } = build('laufzettel', { parts }, locale)
      validate(shapes)
      expect(overlappingPairs(plan)).toEqual([])
      expect(shapes.every((s) => s.isLocked)).toBe(true)
    })

  it('gives each part its sections', () => {
    expect(sections(build('laufzettel', {}).shapes)).toEqual(['entwurf', 'einfuehrung', 'auswertung'])
    expect(sections(build('laufzettel', { parts: 'entwurf' }).shapes)).toEqual(['entwurf', 'einfuehrung'])
    expect(sections(build('laufzettel', { parts: 'auswertung' }).shapes)).toEqual(['auswertung'])
  })

  it('asks what the handbook asks of a slip', () => {
    const { shapes } = build('laufzettel', {})
    expect(text(shapes, 'entwurf:row:form:prompt')).toMatch(/Beratungsgutschein/)
    expect(text(shapes, 'entwurf:row:einverstaendnis:prompt')).toMatch(/ausdrücklich zugestimmt/)
    expect(text(shapes, 'entwurf:row:daten:prompt')).toMatch(/So wenige wie möglich/)
    expect(text(shapes, 'entwurf:row:rueckmeldung:prompt')).toMatch(/von wem/)
    for (const row of ['form', 'anlass', 'von', 'an', 'rueckmeldung', 'einverstaendnis', 'daten'])
      for (const col of ['vorschlag', 'offen']) expect(keys(shapes)).toContain(`entwurf:cell:${row}:${col}`)
    // Returned slips by number, not by name.
    expect(text(shapes, 'auswertung:row:z1')).toBe('1')
    expect(text(shapes, 'auswertung:head:weg:prompt')).toMatch(/keine Namen/)
  })

  it.each([
    ['de', /Wie viele Stellen/, /nächste Stelle/, /Kette/, /Beratungsgutschein/, /aufsuchen kann oder muss/, /Passt/, /Kultur/, /Vor der Einführung/],
    ['en', /How many services/, /next service/, /chain/, /counselling voucher/, /can or must visit/, /fit/, /culture/, /Before introducing/],
  ] as const)('asks how many Stellen a slip covers and whether it fits the network’s culture, before it is introduced (H 5.3.6, %s)', (locale, many, next, chain, voucher, visits, fits, culture, before) => {
    const { shapes } = build('laufzettel', {}, locale)
    const { stellen, passung } = laufzettelCells.rows
    expect(text(shapes, `entwurf:row:${stellen}`)).toMatch(many)
    const stellenPrompt = text(shapes, `entwurf:row:${stellen}:prompt`)
    for (const words of [next, chain, voucher, visits]) expect(stellenPrompt).toMatch(words)
    expect(text(shapes, `entwurf:row:${passung}`)).toMatch(fits)
    expect(text(shapes, `entwurf:row:${passung}:prompt`)).toMatch(culture)
    expect(text(shapes, `entwurf:row:${passung}:prompt`)).toMatch(before)
    for (const row of [stellen, passung]) for (const col of ['vorschlag', 'offen']) expect(keys(shapes)).toContain(`entwurf:cell:${row}:${col}`)
    // The fit is the first question of the design; how many Stellen follows the next Stelle.
    const rowY = (row: string) => shapes.find((s) => keyOf(s) === `entwurf:row:${row}`)!.y
    const rows = ['form', 'anlass', 'von', 'an', 'rueckmeldung', 'einverstaendnis', 'daten', stellen]
    for (const row of rows) expect(rowY(passung)).toBeLessThan(rowY(row))
    expect(rowY(stellen)).toBeGreaterThan(rowY('an'))
    expect(rowY(stellen)).toBeLessThan(rowY('rueckmeldung'))
  })

  it('declares the review cells the carry routes read, and its layout has them', () => {
    const { shapes } = build('laufzettel', {})
    const { review, col } = laufzettelCells
    expect([review, col.weg, col.doppelt, col.erkenntnis]).toEqual(['auswertung', 'weg', 'doppelt', 'erkenntnis'])
    for (const c of Object.values(col)) expect(keys(shapes)).toContain(`${review}:cell:${laufzettelCells.slip(6)}:${c}`)
  })

  it('makes introduction steps open items; reviewed slips are not', () => {
    const { shapes } = build('laufzettel', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'einfuehrung:cell:e1:schritt', 'Alle Beratungsstellen informieren'),
      noteInCell(shapes, 'einfuehrung:cell:e1:wer', 'Koordination'),
      noteInCell(shapes, 'einfuehrung:cell:e1:bisWann', 'Januar'),
      noteInCell(shapes, 'auswertung:cell:z1:weg', 'Jobcenter → Jugendamt → Kita'),
      noteInCell(shapes, 'auswertung:cell:z1:doppelt', 'zweimal Erstberatung'),
    ]
    const data = exportBoard(board, records)
    expect(workshopReport(data, records, '2026-11-24').openItems).toMatchObject([
      { what: ['Alle Beratungsstellen informieren'], who: ['Koordination'], when: ['Januar'], source: 'Laufzettel' },
    ])
    const review = data.templates[0].tables.find((t) => t.title === 'Zurückgekommene Laufzettel auswerten')!
    expect(review.rows[0]).toEqual([['1'], ['Jobcenter → Jugendamt → Kita'], [], ['zweimal Erstberatung'], []])
    expect(data.templates[0].facts).toEqual([{ label: 'Teile', value: 'Gestalten, einführen und auswerten' }])
  })

  it('grows by a slip and a step; notes stay in their cells', () => {
    const { shapes } = build('laufzettel', { slips: 2 })
    const note = noteInCell(shapes, 'auswertung:cell:z2:weg', 'Bleibt')
    let { next } = grow([...shapes, note], 'addSlip')
    ;({ next } = grow(next, 'addStep'))
    expectTidy(next.filter((s) => s.id !== note.id))
    expect(keys(next)).toContain('auswertung:cell:z3:erkenntnis')
    expect(keys(next)).toContain('einfuehrung:cell:e4:wer')
    const review = exportBoard(board, next).templates[0].tables.find((t) => t.title === 'Zurückgekommene Laufzettel auswerten')!
    expect(review.rows[1][1]).toEqual(['Bleibt'])
    expect(() => laufzettel.options.parse({ parts: 'alles' })).toThrow()
  })
})
