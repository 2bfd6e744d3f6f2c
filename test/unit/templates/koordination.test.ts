/**
 * Gründung und Koordination (H 3.3.1, 3.3.2, 3.2.8): the chapter-3 checklist as questions with an
 * answer, who settles it by when, and whether it is settled; an open question is an open item.
 * H 3.3.1 also asks which themes the Kommune discusses sozialpolitisch, and that a real
 * „Gründungszeitpunkt“ be named among the first activities.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Gründung' }
const rowLabels = (shapes: TLShape[], section: string) =>
  shapes
    .filter((s) => keyOf(s)?.startsWith(`${section}:row:`) && !keyOf(s)!.endsWith(':prompt'))
    .sort((a, b) => a.y - b.y)
    .map((s) => shapeText(s))
const prompt = (shapes: TLShape[], section: string, row: string) => shapeText(shapes.find((s) => keyOf(s) === `${section}:row:${row}:prompt`)!) ?? ''

describe('Gründung und Koordination', () => {
  it.each([
    [{}, 'de'],
    [{}, 'en'],
    [{ date: '2027-01-12' }, 'de'],
  ] as [unknown, Locale][])('builds a valid layout without overlaps for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('koordination', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('asks where the network is anchored, about alliances, partners and competition, then about its coordination', () => {
    const { shapes } = build('koordination', {})
    expect(rowLabels(shapes, 'verortung')).toEqual(['Ansiedlung', 'Sozialpolitische Themen', 'Lokales Bündnis', 'Akteure und Ebenen', 'Konkurrenz'])
    expect(prompt(shapes, 'verortung', 'themen')).toMatch(/Kommune[^]*sozialpolitisch[^]*Schwerpunkte/)
    expect(rowLabels(shapes, 'koordination')).toEqual(['Wer koordiniert?', 'Wechsel (Rotation)', 'Übergabe der Koordination', 'Ressourcen'])
    expect(prompt(shapes, 'verortung', 'buendnis')).toMatch(/Lokales Bündnis für Familie/)
    expect(prompt(shapes, 'verortung', 'konkurrenz')).toMatch(/Wettbewerb[^]*fair/)
    expect(prompt(shapes, 'koordination', 'uebergabe')).toMatch(/Personalwechsel[^]*Dokumentation/)
    const tables = exportBoard(board, shapes).templates[0].tables
    expect(tables.map((t) => t.title)).toEqual(['Verortung und Partner', 'Netzwerkkoordination', 'Erste Aktivitäten'])
    expect(tables[0].columns).toEqual(['Verortung und Partner', 'Antwort', 'Wer klärt?', 'Bis wann', 'Geklärt?'])
  })

  it('asks to name the founding date and plan the founding event (H 3.3.1, Erste Aktivitäten), in both languages', () => {
    const de = build('koordination', {}).shapes
    expect(rowLabels(de, 'aktivitaeten')).toEqual(['Gründungszeitpunkt'])
    expect(prompt(de, 'aktivitaeten', 'gruendung')).toMatch(/Wann wird das Netzwerk[^]*gegründet[^]*Gründungsveranstaltung/)
    const en = build('koordination', {}, 'en').shapes
    expect(rowLabels(en, 'aktivitaeten')).toEqual(['Founding date'])
    expect(prompt(en, 'aktivitaeten', 'gruendung')).toMatch(/When is the network[^]*founded[^]*founding event/)
    expect(rowLabels(en, 'verortung')[1]).toBe('Social-policy themes')
  })

  it('keeps the founding date open until it is settled, like every question', () => {
    const { shapes } = build('koordination', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'aktivitaeten:cell:gruendung:antwort', 'Auftakt im Rathaus, Frühjahr'),
      noteInCell(shapes, 'aktivitaeten:cell:gruendung:wer', 'Koordination'),
      noteInCell(shapes, 'aktivitaeten:cell:gruendung:bisWann', '31.1.2027'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2027-01-12')
    expect(report.openItems.map((item) => [item.what, item.who, item.when, item.source])).toEqual([
      [['Gründungszeitpunkt', 'Auftakt im Rathaus, Frühjahr'], ['Koordination'], ['31.1.2027'], 'Gründung und Koordination · Erste Aktivitäten'],
    ])
  })

  it('keeps a question open while someone is to settle it, and closes it once „Geklärt?“ holds a date', () => {
    const { shapes } = build('koordination', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'verortung:cell:konkurrenz:wer', 'Koordination'),
      noteInCell(shapes, 'verortung:cell:konkurrenz:bisWann', 'nächste Sitzung'),
      noteInCell(shapes, 'koordination:cell:rotation:antwort', 'Jährlich zwischen Jobcenter und Jugendamt'),
      noteInCell(shapes, 'koordination:cell:rotation:wer', 'Steuerungsgruppe'),
      noteInCell(shapes, 'koordination:cell:rotation:geklaert', '12.1.2027'),
      noteInCell(shapes, 'koordination:cell:uebergabe:wer', 'Herr Brandt'),
      noteInCell(shapes, 'koordination:cell:uebergabe:geklaert', 'noch offen'),
      // An answer alone, with nobody to settle anything, is no task.
      noteInCell(shapes, 'verortung:cell:ansiedlung:antwort', 'Beim Familienbüro der Stadt'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2027-01-12')
    expect(report.openItems.map((item) => [item.what, item.who, item.when, item.source])).toEqual([
      [['Konkurrenz'], ['Koordination'], ['nächste Sitzung'], 'Gründung und Koordination · Verortung und Partner'],
      [['Übergabe der Koordination'], ['Herr Brandt'], [], 'Gründung und Koordination · Netzwerkkoordination'],
    ])
  })
})
