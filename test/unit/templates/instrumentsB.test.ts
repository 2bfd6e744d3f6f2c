/**
 * The fifth wave's instruments, second half (issue 61, 5): Checkliste Anlaufstelle (H 5.3.1),
 * Quick Wins (H 6.3.3), Fallbeispiele erstellen (H 4.3.5/4.3.6), Ansprechpartner in den
 * Einrichtungen (H 6.2.5) and Pflege und Formalisierung der Kooperationen (L 5.2.2, 5.2.5, 5.3):
 * each in its phase (Quick Wins beside the phases, never a step of the Fahrplan), each with the
 * source's questions, open items that close, and routes where the source says results flow.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { carryRoutes, planCarry, type SourceNote } from '../../../shared/results/carryOver.ts'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { dienstleistungsketteCells as kette } from '../../../shared/templates/dienstleistungskette.ts'
import { everyPhase, phases, recurring, templatesByPhase } from '../../../shared/templates/phases.ts'
import { templateNames, type TemplateName } from '../../../shared/templates/registry.ts'
import type { CellRef } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const names = ['anlaufstelle', 'quickWins', 'fallbeispiele', 'ansprechpartner', 'kooperationen'] as const
const board = { id: 'b', title: 'Instrumente' }
const rowLabels = (shapes: TLShape[], section: string) =>
  shapes
    .filter((s) => keyOf(s)?.startsWith(`${section}:row:`) && !keyOf(s)!.endsWith(':prompt'))
    .sort((a, b) => a.y - b.y)
    .map((s) => shapeText(s))
const allText = (shapes: TLShape[]) => shapes.map((s) => shapeText(s) ?? '').join('\n')
const where = (name: string) => phases.find((p) => (p.methods as readonly string[]).includes(name))?.id
const report = (records: TLShape[]) => workshopReport(exportBoard(board, records), records, '2027-03-01')

describe('the second half of the fifth wave’s instruments', () => {
  it('are in the registry, each once in the Vorlagen panel, in the phase its source belongs to', () => {
    for (const name of names) expect(templateNames).toContain(name)
    for (const name of names) expect(templatesByPhase.filter((n) => n === name)).toHaveLength(1)
    expect(where('anlaufstelle')).toBe('dienstleistungskette')
    expect(where('fallbeispiele')).toBe('zieleArchitektur')
    // Before the Planspiel they feed (H 4.3.4–4.3.6).
    const chapter4 = phases.find((p) => p.id === 'zieleArchitektur')!.methods
    expect(chapter4.indexOf('fallbeispiele')).toBeLessThan(chapter4.indexOf('planspiel'))
    expect(where('ansprechpartner')).toBe('verstetigung')
    // Formalised while the network is built (H 4: „Wie wird die Zusammenarbeit verbindlich?“), kept alive later.
    expect(where('kooperationen')).toBe('zieleArchitektur')
    expect(phases.find((p) => p.id === 'verstetigung')!.revisits).toContain('kooperationen')
  })

  it('keep Quick Wins beside the phases, as an instrument taken up regularly, never a phase’s step', () => {
    expect(where('quickWins')).toBeUndefined()
    expect(everyPhase).toContain('quickWins')
    expect(recurring.find((r) => r.template === 'quickWins')?.cadence).toBe('regularly')
  })

  for (const name of names)
    for (const locale of ['de', 'en'] as Locale[])
      it(`${name} (${locale}) builds a valid layout without overlaps, locked, with its date`, () => {
        const { plan, shapes } = build(name, { date: '2027-03-01' }, locale)
        validate(shapes)
        expect(overlappingPairs(plan)).toEqual([])
        expect(shapes.every((s) => s.isLocked)).toBe(true)
        expect(allText(shapes)).toMatch(locale === 'de' ? /1\. März 2027|01\.03\.2027|1\.3\.2027/ : /March 2027|1 Mar|2027-03-01|3\/1\/2027/)
      })

  it('Anlaufstelle: the network’s decisions of H 5.3.1, then the services it offers and who else does', () => {
    const { shapes } = build('anlaufstelle', {})
    expect(rowLabels(shapes, 'entscheidungen')).toEqual([
      'Zielgruppe',
      'Anbieter und Fachkräfte',
      'Räume',
      'Überblick über die Angebote',
      'Beratungsleistungen',
      'Schnittstellen und Übergaben',
      'Pflichtleistungen bleiben',
      'Funktion im Netzwerk',
    ])
    const text = allText(shapes)
    expect(text).toMatch(/Lotse/)
    expect(text).toMatch(/Doppelbetreuung/)
    expect(text).toMatch(/Clearing/)
    // H's fourteen counselling services, listed beside the decisions.
    const list = shapeText(shapes.find((s) => keyOf(s) === 'leistungen:list')!) ?? ''
    expect(list.split('\n').filter((line) => line.startsWith('•'))).toHaveLength(14)
    expect(list).toMatch(/Lotsenfunktion[^]*Wohnen[^]*Selbsthilfe/)
    const records = [
      ...shapes,
      noteInCell(shapes, 'entscheidungen:cell:funktion:antwort', 'Clearing für alle Partner?'),
      noteInCell(shapes, 'entscheidungen:cell:funktion:wer', 'Steuerungsgruppe'),
      noteInCell(shapes, 'entscheidungen:cell:zielgruppe:antwort', 'Junge Mütter im Stadtteil'),
      noteInCell(shapes, 'entscheidungen:cell:zielgruppe:wer', 'Koordination'),
      noteInCell(shapes, 'entscheidungen:cell:zielgruppe:erledigt', '1.3.2027'),
    ]
    expect(report(records).openItems.map((i) => [i.what, i.who])).toEqual([[['Funktion im Netzwerk', 'Clearing für alle Partner?'], ['Steuerungsgruppe']]])
  })

  it('Quick Wins: H 6.3.3’s five examples, each a short aim with who, by when and done', () => {
    const { shapes } = build('quickWins', {})
    const rows = rowLabels(shapes, 'quickwins')
    expect(rows.slice(0, 5)).toEqual([
      'Fallkonferenzen früh starten',
      'Gelungene Gründungsveranstaltung',
      'Öffentlichkeitsarbeit zur Gründung',
      'Ansprechpartner benennen',
      'Schnell auf Projekte einigen',
    ])
    const records = [
      ...shapes,
      noteInCell(shapes, 'quickwins:cell:ansprechpartner:vorhaben', 'Jede Einrichtung nennt eine Ansprechperson'),
      noteInCell(shapes, 'quickwins:cell:ansprechpartner:wer', 'Koordination'),
      noteInCell(shapes, 'quickwins:cell:projekte:vorhaben', 'Ferienbetreuung gemeinsam'),
      noteInCell(shapes, 'quickwins:cell:projekte:wer', 'AG Kinderbetreuung'),
      noteInCell(shapes, 'quickwins:cell:projekte:erledigt', 'ja'),
    ]
    expect(report(records).openItems.map((i) => i.what)).toEqual([['Jede Einrichtung nennt eine Ansprechperson']])
  })

  it('Fallbeispiele: an invented case without a solution, the checks of H 4.3.5, the uses of H 4.3.6', () => {
    const { shapes } = build('fallbeispiele', {})
    const text = allText(shapes)
    expect(text).toMatch(/erfunden/i)
    expect(text).toMatch(/Mitarbeitende/)
    expect(text).toMatch(/ohne Lösung|keine Lösung/i)
    const checks = shapes.filter((s) => /^pruefung:head:[a-zA-Z]+$/.test(keyOf(s) ?? '')).sort((a, b) => a.x - b.x).map((s) => shapeText(s))
    expect(checks).toEqual(['Erfunden', 'Niemand erkennbar', 'Lokal oder allgemein', 'Ohne Lösung'])
    expect(rowLabels(shapes, 'einsatz')).toEqual([
      'Akteure erkennen',
      'Zugänge erkennen',
      'Abläufe rekonstruieren',
      'Arbeitsansätze herausarbeiten',
      'Schnittstellen und Übergabepunkte',
    ])
    // The Planspiel takes the case as its own (H 4.3.4: „auf Grundlage eines Fallbeispiels“).
    expect(text).toMatch(/Planspiel/)
  })

  it('Ansprechpartner: one row per Einrichtung with a person for the target group, how to reach them at work, who stands in', () => {
    const { shapes } = build('ansprechpartner', {})
    const heads = shapes.filter((s) => /^kontakte:head:/.test(keyOf(s) ?? '') && !keyOf(s)!.endsWith(':prompt')).map((s) => shapeText(s))
    expect(heads).toEqual(expect.arrayContaining(['Einrichtung', 'Ansprechperson für Alleinerziehende', 'Dienstlich erreichbar', 'Vertretung', 'Rolle', 'Stand vom']))
    expect(allText(shapes)).toMatch(/nur dienstlich|dienstliche/i)
    const before = rowLabels(shapes, 'kontakte').length
    expect(rowLabels(grow(shapes, 'addRow').next, 'kontakte')).toHaveLength(before + 1)
  })

  it('Kooperationen: per partner how it was won, its benefit, how formal (L 5.2.5’s three forms), how it is kept alive', () => {
    const { shapes } = build('kooperationen', {})
    const text = allText(shapes)
    expect(text).toMatch(/mündlich/)
    expect(text).toMatch(/Protokoll/)
    expect(text).toMatch(/Kooperationsvereinbarung/)
    expect(text).toMatch(/Win-win|Nutzen/)
    const records = [
      ...shapes,
      noteInCell(shapes, 'kooperationen:cell:p1:partner', 'Schuldnerberatung'),
      noteInCell(shapes, 'kooperationen:cell:p1:naechster', 'Vereinbarung entwerfen'),
      noteInCell(shapes, 'kooperationen:cell:p1:wer', 'Koordination'),
      noteInCell(shapes, 'kooperationen:cell:p1:bisWann', '30.4.2027'),
    ]
    expect(report(records).openItems.map((i) => [i.what, i.who, i.when])).toEqual([[['Vereinbarung entwerfen'], ['Koordination'], ['30.4.2027']]])
  })
})

describe('their routes', () => {
  const cellsOf = (name: TemplateName) =>
    new Map(planTemplate(name, {}, 'de').layout.blocks.flatMap((b) => (b.kind === 'cell' && b.cell ? [[b.key, b.cell] as const] : [])))
  const keysOf = (name: TemplateName) => new Set(planTemplate(name, {}, 'de').layout.blocks.map((b) => b.key))
  let n = 0
  const noteIn = (cells: Map<string, CellRef>, key: string, text: string): SourceNote => ({ id: `n${++n}`, text, cell: cells.get(key)! })
  const carry = (from: TemplateName, to: TemplateName, notes: SourceNote[]) =>
    carryRoutes
      .filter((r) => r.from === from && r.to === to)
      .flatMap((r) => planCarry(r, { sourceInstance: 's', sourceNotes: notes, sourceOptions: {}, targetKeys: keysOf(to), targetNotes: [], targetOptions: {}, targetLocale: 'de' }).planned)
      .map((p) => [p.cellKey, p.text])

  it('carry the Anlaufstelle’s hand-overs and the Fallbeispiele’s Schnittstellen into the service chain', () => {
    const a = cellsOf('anlaufstelle')
    expect(carry('anlaufstelle', 'dienstleistungskette', [noteIn(a, 'entscheidungen:cell:schnittstellen:antwort', 'Übergabe an Fallmanagement per Laufzettel'), noteIn(a, 'entscheidungen:cell:raeume:antwort', 'Mütterzentrum')])).toEqual([
      [kette.handoverOpen, 'Übergabe an Fallmanagement per Laufzettel'],
    ])
    const f = cellsOf('fallbeispiele')
    expect(carry('fallbeispiele', 'dienstleistungskette', [noteIn(f, 'einsatz:cell:schnittstellen:erkenntnis', 'Niemand meldet die Kita-Zusage zurück'), noteIn(f, 'einsatz:cell:akteure:erkenntnis', 'Schuldnerberatung fehlt')])).toEqual([
      [kette.handoverOpen, 'Niemand meldet die Kita-Zusage zurück'],
    ])
  })

  it('carry a Quick Win’s Ansprechpartner into the Ansprechpartner table, and the partners of a Beteiligtenanalyse into the Kooperationen', () => {
    const q = cellsOf('quickWins')
    expect(carry('quickWins', 'ansprechpartner', [noteIn(q, 'quickwins:cell:ansprechpartner:vorhaben', 'Jobcenter')])).toEqual([['kontakte:cell:k1:einrichtung', 'Jobcenter']])
    // A partner the analysis has worked on is one to win and keep (L 5.2.2); only its name travels.
    const b = cellsOf('beteiligtenanalyse')
    const strategy = [...b.entries()].find(([, c]) => c.section === 'matrix' && c.row === 'p1' && c.col === 'strategien')!
    const note: SourceNote = { id: 'b1', text: 'Persönlich einladen', cell: { ...strategy[1], rowLabel: 'Jugendamt' } }
    expect(carry('beteiligtenanalyse', 'kooperationen', [note])).toEqual([['kooperationen:cell:p1:partner', 'Jugendamt']])
  })
})
