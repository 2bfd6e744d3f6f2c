/**
 * Erfolg und Reflexion: the handbook's sustainability checklist as traffic lights (each person
 * one note per area), the export counting the notes per light, next steps as open items, shared
 * indicators with the target group's view, and a feedback round.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { workshopReport } from '../../../shared/results/report.ts'
import { erfolg, erfolgCells } from '../../../shared/templates/erfolg.ts'
import { scaffoldMeta } from '../../../shared/board/scaffoldMeta.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, expectTidy, grow, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerktreffen' }
const keys = (shapes: TLShape[]) => shapes.map(keyOf)
const text = (shapes: TLShape[], key: string) => shapeText(shapes.find((s) => keyOf(s) === key)!)
const areas = ['strukturen', 'produkte', 'akteure', 'ressourcen', 'kommune', 'flexibel', 'reflexion']

describe('Erfolg und Reflexion', () => {
  it.each(['de', 'en'] as Locale[])('builds a valid, locked scaffold without overlaps (%s)', (locale) => {
    const { plan, shapes } = build('erfolg', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
    expect(shapes.every((s) => s.isLocked)).toBe(true)
  })

  it('rates each area of the checklist by green, yellow and red cells in their colours', () => {
    const { shapes } = build('erfolg', { date: '2026-11-24' })
    expect(text(shapes, 'title')).toBe('Erfolg und Reflexion · 24.11.2026')
    for (const area of areas) for (const col of ['gruen', 'gelb', 'rot', 'woran', 'schritt', 'wer', 'bisWann']) expect(keys(shapes)).toContain(`checkliste:cell:${area}:${col}`)
    const colour = (key: string) => (shapes.find((s) => keyOf(s) === key)!.props as { color: string }).color
    expect([colour('checkliste:cell:kommune:gruen'), colour('checkliste:cell:kommune:gelb'), colour('checkliste:cell:kommune:rot')]).toEqual(['light-green', 'yellow', 'light-red'])
    expect(text(shapes, 'checkliste:row:akteure:prompt')).toMatch(/beide Felder.*beide Ebenen/)
    expect(text(shapes, 'indikatoren:head:sicht')).toBe('Sicht der Zielgruppe')
    expect(text(shapes, 'indikatoren:head:sicht:prompt')).toMatch(/Alleinerziehende/)
    for (const col of ['weiter', 'schwer', 'wunsch']) expect(keys(shapes)).toContain(`runde:cell:runde:${col}`)
    // H 4.3.2: at the end of a meeting, how we deal with each other and what should change.
    for (const col of ['umgang', 'veraenderung']) expect(keys(shapes)).toContain(`miteinander:cell:miteinander:${col}`)
    expect(text(shapes, 'miteinander:head:veraenderung')).toBe('Wo gibt es Veränderungsbedarf?')
    expect(erfolgCells.indicator(4)).toBe('i4')
    expect(keys(shapes)).toContain('indikatoren:cell:i4:indikator')
  })

  it('counts the notes per light and area, and lists next steps as open items', () => {
    const { shapes } = build('erfolg', {})
    const notes = [
      noteInCell(shapes, 'checkliste:cell:strukturen:gruen', 'AB', -40),
      noteInCell(shapes, 'checkliste:cell:strukturen:gruen', 'CD', 40),
      noteInCell(shapes, 'checkliste:cell:strukturen:rot', 'EF'),
      noteInCell(shapes, 'checkliste:cell:ressourcen:gelb', 'GH'),
      noteInCell(shapes, 'checkliste:cell:ressourcen:schritt', 'Haushaltsantrag stellen'),
      noteInCell(shapes, 'checkliste:cell:ressourcen:wer', 'Koordination'),
      noteInCell(shapes, 'checkliste:cell:ressourcen:bisWann', 'März'),
    ]
    const records = [...shapes, ...notes]
    const data = exportBoard(board, records)
    const lights = data.templates[0].tables.find((t) => t.title === 'Ampel je Bereich')!
    expect(lights.columns).toEqual(['Bereich', 'Grün: trägt', 'Gelb: wackelt', 'Rot: fehlt'])
    expect(lights.rows).toHaveLength(7)
    expect(lights.rows[0]).toEqual([['Dauerhafte Strukturen'], ['2'], ['0'], ['1']])
    expect(lights.rows[3]).toEqual([['Dauerhafte Ressourcen'], ['0'], ['1'], ['0']])
    expect(workshopReport(data, records, '2026-11-24').openItems).toMatchObject([
      { what: ['Dauerhafte Ressourcen', 'Haushaltsantrag stellen'], who: ['Koordination'], when: ['März'], source: 'Erfolg und Reflexion' },
    ])
  })

  it('a rating alone is no open item', () => {
    const { shapes } = build('erfolg', {})
    const records = [...shapes, noteInCell(shapes, 'checkliste:cell:kommune:rot', 'XY')]
    expect(exportBoard(board, records).templates[0].openItems).toEqual([])
  })

  it('grows by an indicator; notes stay in their cells', () => {
    const { shapes } = build('erfolg', { indicators: 2 })
    const note = noteInCell(shapes, 'indikatoren:cell:i2:indikator', 'Vermittlungen in Arbeit')
    const { next } = grow([...shapes, note], 'addIndicator')
    expectTidy(next.filter((s) => s.id !== note.id))
    expect(keys(next)).toContain('indikatoren:cell:i3:sicht')
    const table = exportBoard(board, next).templates[0].tables.find((t) => t.title === 'Gemeinsame Erfolgsindikatoren')!
    expect(table.rows[1][1]).toEqual(['Vermittlungen in Arbeit'])
    expect(() => erfolg.options.parse({ indicators: 13 })).toThrow()
    expect(scaffoldMeta(next.find((s) => keyOf(s) === 'indikatoren:cell:i3:sicht')!)?.cell?.section).toBe('indikatoren')
  })
})
