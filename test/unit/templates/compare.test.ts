import { describe, expect, it } from 'vitest'
import { compareExports } from '../../../shared/results/compare.ts'
import { exportBoard } from '../../../shared/results/export.ts'
import { build, noteInCell } from './helpers.ts'

const board = { id: 'b', title: 'Netzwerk' }

describe('comparing two states of a board', () => {
  it('shows, field by field, which notes a repeated Beteiligtenanalyse added and removed', () => {
    const { shapes } = build('beteiligtenanalyse', { partners: ['Jobcenter', 'Jugendamt'] })
    const lastYear = [
      ...shapes,
      noteInCell(shapes, 'cell:p0:ressourcen', 'Fallmanagement', -40),
      noteInCell(shapes, 'cell:p0:ressourcen', 'Kontakte', 40),
      noteInCell(shapes, 'cell:p1:widerstaende', 'Datenschutz'),
    ]
    const thisYear = [
      ...shapes,
      noteInCell(shapes, 'cell:p0:ressourcen', 'Fallmanagement', -40),
      noteInCell(shapes, 'cell:p0:ressourcen', 'Budget für Kinderbetreuung', 40),
      noteInCell(shapes, 'cell:p1:strategien', 'Gemeinsame Fallkonferenz'),
    ]
    const [comparison] = compareExports(exportBoard(board, lastYear), exportBoard(board, thisYear))
    expect(comparison.presence).toBe('both')
    expect(comparison.changes).toEqual([
      {
        table: 'Beteiligtenanalyse',
        row: 'Jobcenter',
        column: 'Ressourcen',
        before: ['Fallmanagement', 'Kontakte'],
        after: ['Fallmanagement', 'Budget für Kinderbetreuung'],
        added: ['Budget für Kinderbetreuung'],
        removed: ['Kontakte'],
      },
      { table: 'Beteiligtenanalyse', row: 'Jugendamt', column: 'Widerstände', before: ['Datenschutz'], after: [], added: [], removed: ['Datenschutz'] },
      { table: 'Beteiligtenanalyse', row: 'Jugendamt', column: 'Strategien', before: [], after: ['Gemeinsame Fallkonferenz'], added: ['Gemeinsame Fallkonferenz'], removed: [] },
    ].sort((a, b) => ['Ressourcen', 'Widerstände', 'Strategien'].indexOf(a.column) - ['Ressourcen', 'Widerstände', 'Strategien'].indexOf(b.column)))
  })

  it('names templates that came or went, and finds nothing where nothing changed', () => {
    const a = build('protokoll', {}).shapes
    const b = build('statusbericht', {}, 'de', { x: 0, y: 9000 }).shapes
    const result = compareExports(exportBoard(board, a), exportBoard(board, [...a, ...b]))
    expect(result.map((c) => [c.title, c.presence, c.changes.length])).toEqual([
      ['Protokoll', 'both', 0],
      ['Statusbericht', 'added', 0],
    ])
  })

  it('pairs a Beteiligtenanalyse inserted anew a year later with the earlier one', () => {
    const first = build('beteiligtenanalyse', { partners: ['Jobcenter'] }).shapes
    const again = build('beteiligtenanalyse', { partners: ['Jobcenter'] }).shapes
    const before = exportBoard(board, [...first, noteInCell(first, 'cell:p0:ziele', 'Vermittlung')])
    const after = exportBoard(board, [...again, noteInCell(again, 'cell:p0:ziele', 'Vermittlung'), noteInCell(again, 'cell:p0:ressourcen', 'Budget')])
    const [comparison] = compareExports(before, after)
    expect(comparison.presence).toBe('both')
    expect(comparison.changes.map((c) => [c.row, c.column, c.added, c.removed])).toEqual([['Jobcenter', 'Ressourcen', ['Budget'], []]])
  })

  it('tells apart rows that share a label, such as the actors of one map', () => {
    const table = (names: string[]) => ({
      board,
      otherNotes: [],
      templates: [
        {
          template: 'netzwerkkarte',
          instance: 'n',
          title: 'Netzwerkkarte',
          facts: [],
          openItems: [],
          tables: [{ title: 'Akteure', columns: ['Karte', 'Akteur', 'Art'], rows: names.map((n) => [['Ist'], [n], ['Sonstige']]) }],
        },
      ],
    })
    const [comparison] = compareExports(table(['Jobcenter', 'Jugendamt']), table(['Jobcenter', 'Familienzentrum']))
    expect(comparison.changes).toEqual([
      { table: 'Akteure', row: 'Ist', column: 'Akteur', before: ['Jugendamt'], after: ['Familienzentrum'], added: ['Familienzentrum'], removed: ['Jugendamt'] },
    ])
  })
})
