/**
 * Reifegrad, shown as "Funktionen des Netzwerks" (R: functions of organisational networks; the
 * template's name stays): five functions side by side, none ranked above another – no stages, no
 * numbers, no "from … to"; an information network has a value of its own, and the core network
 * and the wider ring may well serve different functions.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, shapeText } from '../../../shared/results/export.ts'
import { templates } from '../../../shared/templates/registry.ts'
import type { Locale } from '../../../shared/locale.ts'
import { build, keyOf, noteInCell, overlappingPairs, validate } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerk' }
const texts = (shapes: TLShape[]) => shapes.map((s) => shapeText(s) ?? '').join('\n')

describe('Reifegrad as Netzwerkfunktionen', () => {
  it.each(['de', 'en'] as Locale[])('is valid and free of overlaps (%s)', (locale) => {
    const { plan, shapes } = build('reifegrad', {}, locale)
    validate(shapes)
    expect(overlappingPairs(plan)).toEqual([])
  })

  it('ranks no function above another: no stages, no numbers, no "vom … zum"', () => {
    const { shapes } = build('reifegrad', {})
    const all = texts(shapes) + JSON.stringify(templates.reifegrad.title) + JSON.stringify(templates.reifegrad.description)
    expect(all).not.toMatch(/Stufe/)
    expect(all).not.toMatch(/\bvom\b[^\n]*\bzum\b/)
    expect(all).not.toMatch(/Reifegrad/)
    const heads = shapes.filter((s) => /^stufen:head:\w+$/.test(keyOf(s) ?? '')).map((s) => shapeText(s) ?? '')
    expect(heads).toHaveLength(5)
    for (const head of heads) expect(head).not.toMatch(/\d/)
    const en = texts(build('reifegrad', {}, 'en').shapes)
    expect(en).not.toMatch(/[Ss]tage|[Mm]aturity|\bfrom\b[^\n]*\bto\b/)
  })

  it('says an information network has a value of its own, and that the core and the wider ring may differ', () => {
    const intro = shapeText(build('reifegrad', {}).shapes.find((s) => keyOf(s) === 'intro')!) ?? ''
    expect(intro).toMatch(/Informationsnetzwerk/)
    expect(intro).toMatch(/eigenen Wert/)
    expect(intro).toMatch(/Kernnetzwerk/)
    expect(intro).toMatch(/erweiterte/)
  })

  it('asks today and in future for the core network and for the wider ring', () => {
    const { shapes } = build('reifegrad', {})
    const rows = shapes
      .filter((s) => /^stufen:row:\w+$/.test(keyOf(s) ?? ''))
      .sort((a, b) => a.y - b.y)
      .map((s) => [keyOf(s), shapeText(s)])
    expect(rows).toEqual([
      ['stufen:row:heute', 'Kernnetzwerk heute'],
      ['stufen:row:ziel', 'Kernnetzwerk künftig'],
      ['stufen:row:weiterHeute', 'Erweiterter Kreis heute'],
      ['stufen:row:weiterZiel', 'Erweiterter Kreis künftig'],
    ])
  })

  it('counts the notes per function and row under "Zettel je Funktion"', () => {
    const { shapes } = build('reifegrad', {})
    const records = [
      ...shapes,
      noteInCell(shapes, 'stufen:cell:heute:milieu', 'AB', -60),
      noteInCell(shapes, 'stufen:cell:heute:milieu', 'CD', 60),
      noteInCell(shapes, 'stufen:cell:weiterHeute:information', 'AB'),
    ]
    const table = exportBoard(board, records).templates[0].tables.find((t) => t.title === 'Zettel je Funktion')!
    expect(table.columns).toEqual(['Funktion', 'Kernnetzwerk heute', 'Kernnetzwerk künftig', 'Erweiterter Kreis heute', 'Erweiterter Kreis künftig'])
    expect(table.rows[0]).toEqual([['Informationsnetzwerk'], ['0'], ['0'], ['1'], ['0']])
    expect(table.rows[1]).toEqual([['Milieubildendes Netzwerk'], ['2'], ['0'], ['0'], ['0']])
  })
})
