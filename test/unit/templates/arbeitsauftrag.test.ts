/**
 * Arbeitsauftrag und Netzwerkarchitektur (H Anlage Arbeitsauftrag, 4.2.2, 4.3.1, 4.3.9): the
 * handbook's form field by field, phases with who reports by when (open items), the group with
 * each person's level, and the network's architecture with core and wider circle; either part
 * or both.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { GrowRefused } from '../../../shared/templates/instance.ts'
import { arbeitsauftrag, arbeitsauftragCells } from '../../../shared/templates/arbeitsauftrag.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Steuerungsgruppe' }
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!) ?? ''
const keys = (shapes: TLShape[]) => new Set(shapes.map(keyOf))
const rowLabels = (shapes: TLShape[], section: string) =>
  shapes
    .filter((s) => keyOf(s)?.startsWith(`${section}:row:`) && !keyOf(s)!.endsWith(':prompt'))
    .sort((a, b) => a.y - b.y)
    .map((s) => shapeText(s))

describe('Arbeitsauftrag und Netzwerkarchitektur', () => {
  it.each([
    [{}, 'de'],
    [{}, 'en'],
    [{ parts: 'auftrag' }, 'de'],
    [{ parts: 'architektur' }, 'en'],
    [{ parts: 'beide', title: 'Laufzettel einführen', teilziel: 2, phases: 12, members: 20 }, 'de'],
    [{ parts: 'auftrag', phases: 1, members: 1 }, 'en'],
  ] as [unknown, Locale][])('builds a valid layout without overlaps for %j (%s)', (options, locale) => {
    const { plan, shapes } = build('arbeitsauftrag', options, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it("asks the handbook's fields, numbered as in its form", () => {
    const { shapes } = build('arbeitsauftrag', {})
    expect(rowLabels(shapes, 'auftrag')).toEqual(['1 · Ziele', '3 · Basis', '4 · Laufzeit', '6 · Einbindung Dritter', '7 · Budget', '8 · Rahmenbedingungen', '9 · Beauftragung'])
    const tables = exportBoard(board, shapes).templates[0].tables.map((t) => t.title)
    expect(tables).toEqual(expect.arrayContaining(['Auftrag', '2 · Phasen und Meilensteine', '5 · Arbeitsgruppe und Verantwortlichkeiten', 'Netzwerkarchitektur: Steuerungsgruppe, Fachgruppen, Gesamtnetzwerk']))
    // The signature line becomes a field: who gives the brief, who accepts it.
    expect(text(shapes, 'auftrag:cell:beauftragung:inhalt')).toMatch(/erteilt[^]*nimmt an/)
  })

  it('names a lead and members, each with the level they work on', () => {
    const { shapes } = build('arbeitsauftrag', {})
    expect(rowLabels(shapes, 'gruppe')).toEqual(['Leitung', 'Mitarbeit 1', 'Mitarbeit 2'])
    expect(text(shapes, 'gruppe:head:ebene:prompt')).toMatch(/Entscheidung[^]*Arbeit/)
    expect(text(shapes, 'gruppe:row:leitung:prompt')).toMatch(/berichtet/)
  })

  it('draws the architecture: steering group, working groups, the whole network; or core and wider circle', () => {
    const { shapes } = build('arbeitsauftrag', { parts: 'architektur' })
    expect(rowLabels(shapes, 'architektur')).toEqual(['Steuerungsgruppe', 'Fach- und Arbeitsgruppen', 'Gesamtnetzwerk'])
    expect(['besetzung', 'ebene', 'treffen', 'bericht'].map((col) => text(shapes, `architektur:head:${col}`))).toEqual(['Wer gehört dazu?', 'Ebene', 'Trifft sich', 'Berichtet an'])
    const circles = build('arbeitsauftrag', { parts: 'architektur', modell: 'kreise' }).shapes
    expect(rowLabels(circles, 'architektur')).toEqual(['Kernnetzwerk', 'Erweiterter Kreis'])
    expect(['besetzung', 'ebene', 'zuordnung', 'austausch'].map((col) => text(circles, `architektur:head:${col}`))).toEqual(['Wer gehört dazu?', 'Ebene', 'Zuordnung', 'Austausch'])
    expect(text(shapes, 'architektur:head:ebene:prompt')).toMatch(/Entscheidungs-[^]*Arbeitsebene/)
    // Only the architecture: no brief, and nothing for its grow actions to add.
    expect([...keys(shapes)].some((key) => key?.startsWith('auftrag:') || key?.startsWith('phasen:'))).toBe(false)
    expect(() => grow(shapes, 'addPhase')).toThrow(GrowRefused)
  })

  it('holds the brief alone, without the architecture', () => {
    const present = keys(build('arbeitsauftrag', { parts: 'auftrag' }).shapes)
    expect(present.has(arbeitsauftragCells.ziele)).toBe(true)
    expect(present.has('gruppe:cell:leitung:ebene')).toBe(true)
    expect([...present].some((key) => key?.startsWith('architektur:'))).toBe(false)
  })

  it('declares the cell a Teilziel is carried into, and the title says which Teilziel', () => {
    expect(arbeitsauftragCells.ziele).toBe('auftrag:cell:ziele:inhalt')
    expect(keys(build('arbeitsauftrag', {}).shapes).has(arbeitsauftragCells.ziele)).toBe(true)
    const { plan, shapes } = build('arbeitsauftrag', { title: 'Laufzettel einführen', teilziel: 2 })
    expect(text(shapes, 'title')).toBe('Arbeitsauftrag und Netzwerkarchitektur: Laufzettel einführen · zu Teilziel 2')
    expect(arbeitsauftrag.exportFacts!(plan.options as never, 'de')).toEqual([
      { label: 'Auftrag', value: 'Laufzettel einführen' },
      { label: 'Zu Teilziel', value: '2' },
      { label: 'Netzwerkarchitektur', value: 'Steuerungsgruppe, Fachgruppen, Gesamtnetzwerk' },
    ])
    expect(arbeitsauftrag.exportFacts!(arbeitsauftrag.options.parse({ parts: 'auftrag' }), 'de')).toEqual([])
  })

  it('grows by a phase and by a person; notes stay in their cells', () => {
    const { shapes } = build('arbeitsauftrag', {})
    const records = [...shapes, noteInCell(shapes, 'phasen:cell:ph2:phase', 'Entwurf vorstellen'), noteInCell(shapes, 'gruppe:cell:m1:person', 'Frau Kern')]
    const { next } = grow(records, 'addPhase')
    expect(keys(next).has('phasen:cell:ph4:wer')).toBe(true)
    const grown = grow(next, 'addMember').next
    expect(keys(grown).has('gruppe:cell:m3:organisation')).toBe(true)
    expectTidy(grown.filter((s) => s.type !== 'note'))
    const tables = exportBoard(board, grown).templates[0].tables
    expect(tables.find((t) => t.title === '2 · Phasen und Meilensteine')!.rows[1][1]).toEqual(['Entwurf vorstellen'])
    expect(tables.find((t) => t.title === '5 · Arbeitsgruppe und Verantwortlichkeiten')!.rows[1][1]).toEqual(['Frau Kern'])
  })

  it('reports each phase written down, with who reports by when, as an open item', () => {
    const { shapes } = build('arbeitsauftrag', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'phasen:cell:ph1:phase', 'Bestand erheben'),
      noteInCell(shapes, 'phasen:cell:ph1:wer', 'Frau Kern'),
      noteInCell(shapes, 'phasen:cell:ph1:bisWann', '31.1.'),
      noteInCell(shapes, 'auftrag:cell:ziele:inhalt', 'Ein Laufzettel für alle Stellen'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2026-11-24')
    expect(report.openItems.map((item) => [item.what, item.who, item.when, item.source])).toEqual([
      [['Bestand erheben'], ['Frau Kern'], ['31.1.'], 'Arbeitsauftrag und Netzwerkarchitektur'],
    ])
  })

  // H 4.3.9 asks whether goal conflicts are settled "bevor Aufträge an Untergruppen vergeben
  // werden": the form asks it just before the commissioning. H 4.2.2: the steering group asks
  // for the reports of the whole network and the working groups, so „Berichtet an“ offers them.
  it('asks „Zielkonflikte geklärt?“ first in the Beauftragung, and offers whom a body reports to', () => {
    const { shapes } = build('arbeitsauftrag', {})
    expect(text(shapes, 'auftrag:cell:beauftragung:inhalt')).toMatch(/^Zielkonflikte geklärt\? Dann: Wer erteilt/)
    expect(text(shapes, 'architektur:head:bericht:prompt')).toContain('Steuerungsgruppe, Gesamtnetzwerk')
    const en = build('arbeitsauftrag', {}, 'en').shapes
    expect(text(en, 'auftrag:cell:beauftragung:inhalt')).toMatch(/^Goal conflicts settled\?/)
    expect(text(en, 'architektur:head:bericht:prompt')).toContain('Steering group, whole network')
  })
})
