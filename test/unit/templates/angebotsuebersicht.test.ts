/**
 * Angebotsübersicht: the handbook's categories (as single parents search) × organisations, one
 * note per offer; the export counts offers per category and lists the gaps someone marked (an
 * empty row is not yet a gap: the offers may just not be there yet). Who keeps the overview up to date is an open item.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { angebotsuebersicht, angebotsuebersichtCells } from '../../../shared/templates/angebotsuebersicht.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Broschüre' }
const keys = (shapes: TLShape[]) => shapes.map(keyOf)
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!)
const perCategory = (records: TLShape[]) => exportBoard(board, records).templates[0].tables.find((t) => t.title === 'Angebote je Kategorie')!

describe('Angebotsübersicht', () => {
  it.each(['de', 'en'] as Locale[])('builds a valid, locked scaffold without overlaps (%s)', (locale) => {
    const { plan, shapes } = build('angebotsuebersicht', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('has the handbook’s nine categories as rows, one column per organisation, and gap and duplicate columns', () => {
    const { shapes } = build('angebotsuebersicht', { organisations: ['Jobcenter', 'Familienzentrum'] })
    expect(Array.from({ length: 9 }, (_, i) => text(shapes, `angebote:row:k${i}`))).toEqual([
      'Recht',
      'Kinder und Kinderbetreuung',
      'Beratung',
      'Finanzen',
      'Gesundheit',
      'Bildung, Ausbildung, Arbeit',
      'Kostenlose Angebote',
      'Freizeit und Ferien',
      'Treffpunkte für Alleinerziehende',
    ])
    expect([text(shapes, 'angebote:head:o0'), text(shapes, 'angebote:head:o1')]).toEqual(['Jobcenter', 'Familienzentrum'])
    const { offers, col } = angebotsuebersichtCells
    expect(keys(shapes)).toContain(`${offers}:cell:k8:${col.luecke}`)
    expect(keys(shapes)).toContain(`${offers}:cell:k8:${col.doppelt}`)
    expect((shapes.find((s) => keyOf(s) === 'angebote:cell:k0:luecke')!.props as { color: string }).color).toBe('light-red')
    expect(text(shapes, 'intro')).toMatch(/ein Zettel je Angebot/)
  })

  it('counts offers per category and lists only the gaps someone marked', () => {
    const { shapes } = build('angebotsuebersicht', { organisations: ['Jobcenter', 'Familienzentrum'] })
    const records = [
      ...shapes,
      noteInCell(shapes, 'angebote:cell:k2:o0', 'Beratung zu Arbeit, Di 9–12', -40),
      noteInCell(shapes, 'angebote:cell:k2:o1', 'Offene Sprechstunde'),
      noteInCell(shapes, 'angebote:cell:k2:o0', 'Coaching', 40),
      noteInCell(shapes, 'angebote:cell:k2:doppelt', 'zwei Sprechstunden am Dienstag'),
      noteInCell(shapes, 'angebote:cell:k1:o1', 'Notfallbetreuung'),
      noteInCell(shapes, 'angebote:cell:k1:luecke', 'abends und am Wochenende'),
    ]
    const table = perCategory(records)
    expect(table.columns).toEqual(['Kategorie', 'Anzahl Angebote', 'Von wem', 'Lücke?', 'Doppelt?'])
    expect(table.rows[0]).toEqual([['Recht'], ['0'], [], [], []])
    expect(table.rows[1]).toEqual([['Kinder und Kinderbetreuung'], ['1'], ['Familienzentrum'], ['abends und am Wochenende'], []])
    expect(table.rows[2]).toEqual([['Beratung'], ['3'], ['Jobcenter', 'Familienzentrum'], [], ['zwei Sprechstunden am Dienstag']])
    expect(table.rows.filter((row) => row[3].length > 0)).toHaveLength(1)
  })

  it('makes who keeps it up to date an open item', () => {
    const { shapes } = build('angebotsuebersicht', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'pflege:cell:pflege:aufgabe', 'Änderungen per Mail an die Koordination'),
      noteInCell(shapes, 'pflege:cell:pflege:wer', 'Familienzentrum'),
      noteInCell(shapes, 'pflege:cell:pflege:bisWann', 'jedes Halbjahr'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2026-11-24')
    expect(report.openItems).toMatchObject([
      { what: ['Änderungen per Mail an die Koordination'], who: ['Familienzentrum'], when: ['jedes Halbjahr'], source: 'Angebotsübersicht · Pflege der Übersicht' },
    ])
  })

  it('lays out the Anlage „Broschüre“ as steps with Wer / Bis wann / Erledigt?, the upkeep last, beside the offers (H 5.3.2)', () => {
    const { brochure } = angebotsuebersichtCells
    const steps = Object.values(brochure.rows)
    const { plan, shapes } = build('angebotsuebersicht', {})
    expect(steps.map((row) => text(shapes, `${brochure.section}:row:${row}`))).toEqual(['Leitung', 'Für wen?', 'Sammeln', 'Eintrag', 'Prüfen', 'Verteilen', 'Kosten'])
    // Who collects, what each entry holds, who checks, where it goes: in the steps' own questions.
    expect(text(shapes, `${brochure.section}:row:${brochure.rows.sammeln}:prompt`)).toMatch(/Jede Einrichtung trägt ihre Angebote selbst ein/)
    expect(text(shapes, `${brochure.section}:row:${brochure.rows.eintrag}:prompt`)).toMatch(/Adresse[^]*Zeiten[^]*Kosten/)
    expect(text(shapes, `${brochure.section}:row:${brochure.rows.pruefen}:prompt`)).toMatch(/gibt ihren Eintrag frei/)
    expect(text(shapes, `${brochure.section}:row:${brochure.rows.verteilen}:prompt`)).toMatch(/Presse/)
    expect(['wer', 'bisWann', 'erledigt'].map((col) => text(shapes, `${brochure.section}:head:${col}`))).toEqual(['Wer', 'Bis wann', 'Erledigt?'])
    const en = build('angebotsuebersicht', {}, 'en').shapes
    expect(steps.map((row) => text(en, `${brochure.section}:row:${row}`))).toEqual(['Lead', 'For whom?', 'Collect', 'Entry', 'Check', 'Distribute', 'Costs'])
    expect(['wer', 'bisWann', 'erledigt'].map((col) => text(en, `${brochure.section}:head:${col}`))).toEqual(['Who', 'By when', 'Done?'])
    // Beside the offers, and the upkeep (the Anlage's last step, „Aktualisierung“) below the steps.
    const box = (key: string) => plan.layout.blocks.find((b) => b.key === key)!
    const offersRight = box('angebote:head:doppelt').x + box('angebote:head:doppelt').w
    const lastStep = box(`${brochure.section}:cell:${brochure.rows.kosten}:erledigt`)
    expect(box(`${brochure.section}:row:${brochure.rows.leitung}`).x).toBeGreaterThan(offersRight)
    expect(box('pflege:head:aufgabe').y).toBeGreaterThanOrEqual(lastStep.y + lastStep.h)
  })

  it('makes a step with someone named an open item, by its name, until „Erledigt?“ says so', () => {
    const { brochure } = angebotsuebersichtCells
    const cell = (row: string, col: string) => `${brochure.section}:cell:${row}:${col}`
    const { shapes } = build('angebotsuebersicht', {})
    const records = [
      ...shapes,
      noteInCell(shapes, cell(brochure.rows.pruefen, 'wer'), 'Koordination'),
      noteInCell(shapes, cell(brochure.rows.pruefen, 'bisWann'), '15.3.'),
      noteInCell(shapes, cell(brochure.rows.sammeln, 'wer'), 'alle Einrichtungen'),
      noteInCell(shapes, cell(brochure.rows.sammeln, 'erledigt'), 'ja'),
    ]
    const report = workshopReport(exportBoard(board, records), records, '2026-11-24')
    expect(report.openItems.map((item) => [item.what, item.who, item.when, item.source])).toEqual([[['Prüfen'], ['Koordination'], ['15.3.'], 'Angebotsübersicht · Broschüre oder Wegweiser']])
  })

  it('grows by a category and an organisation (offering the board’s partners); offers stay put', () => {
    expect(angebotsuebersicht.actions.find((a) => a.id === 'addOrganisation')?.offersPartners).toBe(true)
    const { shapes } = build('angebotsuebersicht', {})
    const note = noteInCell(shapes, 'angebote:cell:k3:o1', 'Unterhaltsvorschuss')
    let { next } = grow([...shapes, note], 'addCategory', 'Wohnen')
    ;({ next } = grow(next, 'addOrganisation', 'Wohnungsamt'))
    expectTidy(next.filter((s) => s.id !== note.id))
    expect(text(next, 'angebote:row:k9')).toBe('Wohnen')
    expect(text(next, 'angebote:head:o4')).toBe('Wohnungsamt')
    const table = perCategory(next)
    expect(table.rows[3]).toEqual([['Finanzen'], ['1'], [expect.any(String)], [], []])
    expect(table.rows[9]).toEqual([['Wohnen'], ['0'], [], [], []])
    expect(angebotsuebersicht.exportFacts!(angebotsuebersicht.options.parse({ audience: 'fachkraefte' }), 'de')).toEqual([
      { label: 'Für wen', value: 'Fachkräfte, die weitervermitteln' },
    ])
  })
})
