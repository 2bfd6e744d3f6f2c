import { describe, expect, it } from 'vitest'
import { exportBoard, renderCsv, renderMarkdown, shapeText } from '../../../shared/results/export.ts'
import { GrowRefused } from '../../../shared/templates/instance.ts'
import { findInstances, growInstance } from '../../../shared/templates/catalogue.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import { recordBounds } from '../../../shared/board/shapeBounds.ts'
import type { TLShape } from '@tldraw/tlschema'
import { build, cellCentre, keyOf, newShapeId, noteAt, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerk Alleinerziehende' }

describe('Beteiligtenanalyse', () => {
  it('builds valid, locked scaffold with one row per partner', () => {
    const { plan, shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter', 'Kita-Träger'] })
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
    const rows = shapes.filter((s) => scaffoldMeta(s)?.kind === 'header' && scaffoldMeta(s)?.key.startsWith('row:'))
    expect(rows.map(keyOf)).toEqual(['row:p0', 'row:p1', 'row:kandidaten'])
    // Eight columns per partner, and one cell for names still to be checked.
    expect(shapes.filter((s) => scaffoldMeta(s)?.kind === 'cell')).toHaveLength(17)
  })

  it('starts with typical partners in the board language when none are chosen', () => {
    const de = build('beteiligtenanalyse', {}, 'de').plan.options as { partners: string[] }
    const en = build('beteiligtenanalyse', {}, 'en').plan.options as { partners: string[] }
    expect(de.partners).toContain('Jugendamt')
    expect(en.partners).toContain('Youth welfare office')
  })

  it('is dated, so that a repeat can be compared with it', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter'], date: '2026-03-02' })
    expect(shapeText(shapes.find((s) => scaffoldMeta(s)?.key === 'title')!)).toBe('Beteiligtenanalyse · 02.03.2026')
    expect(exportBoard(board, shapes).templates[0].facts).toEqual([{ label: 'Stand der Analyse', value: '02.03.2026' }])
    expect(() => build('beteiligtenanalyse', { date: 'gestern' })).toThrow()
  })

  it('refuses bad options', () => {
    expect(() => build('beteiligtenanalyse', { partners: [''] })).toThrow()
    expect(() => build('beteiligtenanalyse', { partners: 'Jobcenter' })).toThrow()
  })

  it('exports one row per partner with the notes of each cell; "?" and empty cells stay', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter', 'Jugendamt'] })
    const a = cellCentre(shapes, 'cell:p0:ziele')
    const b = cellCentre(shapes, 'cell:p1:ressourcen')
    const notes = [noteAt(a.x, a.y - 40, 'Vermittlung in Arbeit'), noteAt(a.x + 30, a.y + 60, 'Teilzeit'), noteAt(b.x, b.y, '?')]
    const result = exportBoard(board, [...shapes, ...notes])
    const [table] = result.templates[0].tables
    expect(table.columns).toEqual(['Beteiligte', 'Verhältnis und Politikfeld', 'Ziele', 'Interessen', 'Ressourcen', 'Widerstände', 'Konflikte', 'Strategien', 'Folgerung'])
    expect(table.rows[0]).toEqual([['Jobcenter'], [], ['Vermittlung in Arbeit', 'Teilzeit'], [], [], [], [], [], []])
    expect(table.rows[1]).toEqual([['Jugendamt'], [], [], [], ['?'], [], [], [], []])
    expect(renderMarkdown(result, 'de')).toContain('| Jobcenter |  | • Vermittlung in Arbeit<br>• Teilzeit |  |  |  |  |  |  |')
    expect(renderCsv(result, 'de')).toContain('Jobcenter;;"Vermittlung in Arbeit\nTeilzeit";;;;;;')
  })

  it('exports no spreadsheet formulas in CSV', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter'] })
    const c = cellCentre(shapes, 'cell:p0:ziele')
    const texts = ['=HYPERLINK("http://x")', '+1', '@SUM(A1)', '-2+3', '- Termin vereinbaren']
    const notes = texts.map((text, i) => noteAt(c.x, c.y - 100 + i * 40, text))
    const csv = renderCsv(exportBoard(board, [...shapes, ...notes]), 'de')
    expect(csv).toContain(`Jobcenter;;"'=HYPERLINK(""http://x"")\n'+1\n'@SUM(A1)\n'-2+3\n- Termin vereinbaren";`)
  })

  it('grows by a row; notes stay in their cells and shapes below move down', () => {
    const { shapes, plan } = build('beteiligtenanalyse', { partners: ['Jobcenter'] })
    const c = cellCentre(shapes, 'cell:p0:strategien')
    const note = noteAt(c.x, c.y, 'Einladen')
    // Just below the table: the new row would cover it.
    const below = noteAt(200, plan.layout.h + 110, 'Parkplatz')
    const all: TLShape[] = [...shapes, note, below]
    const byId = new Map(all.map((s) => [s.id, s]))
    const [instance] = findInstances(all)
    const { create, update } = growInstance({
      shapes: all,
      instance,
      actionId: 'addPartner',
      input: 'Familienzentrum',
      boundsOf: (s) => recordBounds(s, byId),
      newShapeId,
    })
    validate([...create, ...update])
    expect(create.filter((s) => scaffoldMeta(s)?.kind === 'cell')).toHaveLength(8)
    expect(update.find((s) => s.id === note.id)).toBeUndefined()
    const moved = update.find((s) => s.id === below.id)!
    expect(moved.y).toBe(below.y + 250)
    const next = [...all.map((s) => update.find((u) => u.id === s.id) ?? s), ...create]
    const [grown] = findInstances(next)
    expect((grown.options as { partners: string[] }).partners).toEqual(['Jobcenter', 'Familienzentrum'])
    const result = exportBoard(board, next)
    expect(result.templates[0].tables[0].rows.map((r) => r[0][0])).toEqual(['Jobcenter', 'Familienzentrum'])
    expect(result.templates[0].tables[0].rows[0][7]).toEqual(['Einladen'])
  })

  it('refuses to grow past its limit instead of losing the table', () => {
    const partners = Array.from({ length: 40 }, (_, i) => `Partner ${i + 1}`)
    const { shapes } = build('beteiligtenanalyse', { partners })
    const byId = new Map(shapes.map((s) => [s.id, s]))
    const [instance] = findInstances(shapes)
    const grow = () =>
      growInstance({ shapes, instance, actionId: 'addPartner', input: 'Noch einer', boundsOf: (s) => recordBounds(s, byId), newShapeId })
    expect(grow).toThrow(GrowRefused)
    expect(findInstances(shapes)).toHaveLength(1)
  })
})

describe('Beteiligtenanalyse after H 2.3.1 and 4.3.1', () => {
  it('says "Stand" only of the date: no column is titled "Stand…"', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter'], date: '2026-03-02' })
    const [table] = exportBoard(board, shapes).templates[0].tables
    expect(table.columns.filter((c) => c.startsWith('Stand'))).toEqual([])
    expect(table.columns).toContain('Verhältnis und Politikfeld')
    expect(exportBoard(board, shapes).templates[0].facts).toEqual([{ label: 'Stand der Analyse', value: '02.03.2026' }])
  })

  it('ends each row with a conclusion: core network or wider ring, actor or addressee', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Arbeitgeberverband'] })
    const prompt = shapeText(shapes.find((s) => keyOf(s) === 'head:folgerung:prompt')!) ?? ''
    expect(prompt).toMatch(/Kernnetzwerk/)
    expect(prompt).toMatch(/erweiterte/)
    expect(prompt).toMatch(/Akteur/)
    expect(prompt).toMatch(/Adressat/)
    const records = [...shapes, noteAt(cellCentre(shapes, 'cell:p0:folgerung').x, cellCentre(shapes, 'cell:p0:folgerung').y, 'Adressat, später Akteur')]
    const [table] = exportBoard(board, records).templates[0].tables
    expect(table.columns.at(-1)).toBe('Folgerung')
    expect(table.rows[0].at(-1)).toEqual(['Adressat, später Akteur'])
  })

  it('keeps names from elsewhere apart, in their own table of the export', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter'] })
    const records = [...shapes, noteAt(cellCentre(shapes, 'cell:kandidaten').x, cellCentre(shapes, 'cell:kandidaten').y, 'Wohnungsamt')]
    const tables = exportBoard(board, records).templates[0].tables
    expect(tables.map((t) => t.title)).toEqual(['Beteiligtenanalyse', 'Genannt, noch zu prüfen'])
    expect(tables[0].rows.flat(2)).not.toContain('Wohnungsamt')
    expect(tables[1].rows.flat(2)).toContain('Wohnungsamt')
  })
})
