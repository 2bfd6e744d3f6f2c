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
      { what: ['Änderungen per Mail an die Koordination'], who: ['Familienzentrum'], when: ['jedes Halbjahr'], source: 'Angebotsübersicht' },
    ])
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
