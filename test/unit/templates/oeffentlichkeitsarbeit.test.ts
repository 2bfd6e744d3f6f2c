/**
 * Öffentlichkeitsarbeit und Spruchreife (H 5.3.3, 4.3.2): who speaks for the network, what goes
 * out when (only once released: spruchreif), the Verteiler, and a press release drafted together;
 * each occasion with Wer / Bis wann / Erledigt?.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Öffentlichkeit' }
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!) ?? ''

describe('Öffentlichkeitsarbeit und Spruchreife', () => {
  it.each([
    [{}, 'de'],
    [{}, 'en'],
    [{ occasions: 16, date: '2027-04-01' }, 'de'],
    [{ occasions: 1 }, 'en'],
  ] as [unknown, Locale][])('builds a valid layout without overlaps for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('oeffentlichkeitsarbeit', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('asks who speaks, what goes out when and whether it is released, to whom, and holds a draft press release', () => {
    const { shapes } = build('oeffentlichkeitsarbeit', {})
    const tables = exportBoard(board, shapes).templates[0].tables
    expect(tables.map((t) => t.title)).toEqual(['Wer spricht für das Netzwerk?', 'Was geht wann nach außen?', 'Verteiler', 'Pressemitteilung (Entwurf)'])
    expect(tables[1].columns).toEqual(['Nr.', 'Was?', 'Spruchreif?', 'Wie?', 'Wer', 'Bis wann', 'Erledigt?'])
    expect(text(shapes, 'anlaesse:head:spruchreif:prompt')).toMatch(/freigegeben/)
    expect(text(shapes, 'intro')).toMatch(/vertraulich[^]*spruchreif/)
    expect(tables[2].rows.map((row) => row[0][0])).toEqual(['Zielgruppe', 'Fachöffentlichkeit', 'Politik und Wirtschaft', 'Presse'])
    expect(text(shapes, 'pressemitteilung:head:entwurf:prompt')).toMatch(/Ansprechperson/)
  })

  it('lists each occasion someone prepares as an open item until it is done', () => {
    const { shapes } = build('oeffentlichkeitsarbeit', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'anlaesse:cell:n1:was', 'Pressemitteilung zur Gründung'),
      noteInCell(shapes, 'anlaesse:cell:n1:wer', 'Koordination'),
      noteInCell(shapes, 'anlaesse:cell:n1:bisWann', '1.4.'),
      noteInCell(shapes, 'anlaesse:cell:n1:erledigt', '28.3.'),
      noteInCell(shapes, 'anlaesse:cell:n2:was', 'Wegweiser vorstellen'),
      noteInCell(shapes, 'anlaesse:cell:n2:spruchreif', 'Steuerungsgruppe 3.5.'),
      noteInCell(shapes, 'anlaesse:cell:n2:wer', 'AG Wegweiser'),
      noteInCell(shapes, 'pressemitteilung:cell:pressemitteilung:entwurf', 'Neues Netzwerk für Alleinerziehende …'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2027-04-01')
    expect(report.openItems.map((item) => [item.what, item.who, item.when])).toEqual([[['Wegweiser vorstellen'], ['AG Wegweiser'], []]])
  })

  it('grows by an occasion; notes stay in their cells', () => {
    const { shapes } = build('oeffentlichkeitsarbeit', {})
    const records = [...shapes, noteInCell(shapes, 'anlaesse:cell:n3:was', 'Fachtag im Herbst')]
    const { next } = grow(records, 'addOccasion')
    expect(next.some((s) => keyOf(s) === 'anlaesse:cell:n5:erledigt')).toBe(true)
    expectTidy(next.filter((s) => s.type !== 'note'))
    const occasions = exportBoard(board, next).templates[0].tables.find((t) => t.title === 'Was geht wann nach außen?')!
    expect(occasions.rows[2][1]).toEqual(['Fachtag im Herbst'])
  })
})
