/**
 * Gründungsveranstaltung after H 3.3.3: the coordination opens with occasion and aims, each
 * organisation introduces itself with its experience of the target group, the plenary settles who
 * takes part for good, follow-up dates and the press release, the first rules name H's own topics,
 * and the next steps are open items of the report.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { gruendungsveranstaltungCells as gv } from '../../../shared/templates/gruendungsveranstaltung.ts'
import { build, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Gründung' }
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!)
const tableNamed = (records: TLShape[], title: string) => exportBoard(board, records).templates[0].tables.find((t) => t.title === title)

describe('Gründungsveranstaltung', () => {
  it.each(['de', 'en'] as const)('is valid and free of overlaps (%s)', (locale) => {
    const { plan, shapes } = build('gruendungsveranstaltung', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
  })

  it('opens with the occasion and aims as the coordination sees them', () => {
    const { shapes } = build('gruendungsveranstaltung', {})
    expect(text(shapes, 'anlass:head:anlass')).toBe('Anlass und Ziele (aus Sicht der Koordination)')
    const anlass = shapes.find((s) => keyOf(s) === 'anlass:cell:anlass:anlass')!
    const round = shapes.find((s) => keyOf(s) === 'runde:cell:p0:angebot')!
    expect(anlass.y).toBeLessThan(round.y)
  })

  it('asks each organisation for its experience with the target group', () => {
    const { shapes } = build('gruendungsveranstaltung', { partners: ['Jobcenter'] })
    const round = tableNamed([...shapes, noteInCell(shapes, 'runde:cell:p0:vorerfahrungen', 'Seit 2019 Teilzeitberatung')], 'Vorstellungsrunde')!
    expect(round.columns).toContain('Vorerfahrungen mit der Zielgruppe')
    expect(round.rows[0].flat()).toContain('Seit 2019 Teilzeitberatung')
  })

  it('settles in plenary who takes part for good, follow-up dates and the press release', () => {
    const { shapes } = build('gruendungsveranstaltung', {})
    expect(text(shapes, 'plenum:head:verbindlichkeit')).toBe('Wer ist fest dabei?')
    const prompt = text(shapes, 'plenum:head:verbindlichkeit:prompt') ?? ''
    expect(prompt).toMatch(/dauerhaft/)
    expect(prompt).toMatch(/eigenen Organisation/)
    expect(text(shapes, 'plenum:head:folgetermine')).toBe('Folgetermine')
    expect(text(shapes, 'plenum:head:presse:prompt')).toMatch(/^Eine Pressemitteilung/)
    // The old rules field stays where stored boards have notes in it, under a new title.
    expect(text(shapes, 'plenum:head:regeln')).toBe('Weitere Absprachen')
  })

  it('names H 3.3.3’s own rule topics, each with what was agreed', () => {
    const { shapes } = build('gruendungsveranstaltung', {})
    const rows = ['treffen', 'architektur', 'vertraulichkeit', 'bindung']
    expect(rows.map((row) => text(shapes, `regeln:row:${row}`))).toEqual([
      'Häufigkeit der Treffen',
      'Vorläufige Netzwerkarchitektur',
      'Vertraulicher Umgang mit Informationen',
      'Bindewirkung von Entscheidungen',
    ])
    for (const row of rows) expect(shapes.some((s) => keyOf(s) === `regeln:cell:${row}:vereinbart`)).toBe(true)
    expect(Object.values(gv.regeln.rows)).toEqual(rows)
    expect(gv.regeln.col.vereinbart).toBe('vereinbart')
  })

  it('lists a filled next step as an open item of the report, with who and by when', () => {
    const { shapes } = build('gruendungsveranstaltung', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'naechste:cell:n1:was', 'Workshop Zielsystem vorbereiten'),
      noteInCell(shapes, 'naechste:cell:n1:wer', 'Koordination'),
      noteInCell(shapes, 'naechste:cell:n1:bisWann', '15.1.'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2026-11-24')
    expect(report.openItems).toEqual([
      expect.objectContaining({ what: ['Workshop Zielsystem vorbereiten'], who: ['Koordination'], when: ['15.1.'], source: 'Gründungsveranstaltung' }),
    ])
  })
})
