/**
 * The keys a template declares for carry routes are the keys its layout has: a route written
 * against a declaration reaches a real cell of a freshly built instance, in both languages.
 */
import { describe, expect, it } from 'vitest'
import { planTemplate } from '../../../shared/templates/catalogue.ts'
import { gruendungsveranstaltungCells as gv } from '../../../shared/templates/gruendungsveranstaltung.ts'
import { beteiligtenanalyseCells as ba } from '../../../shared/templates/beteiligtenanalyse.ts'
import { bedarfsanalyseCells as bedarf } from '../../../shared/templates/bedarfsanalyse.ts'
import { planspielCells as ps } from '../../../shared/templates/planspiel.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import type { Locale } from '../../../shared/locale.ts'

/** Every cell's (section, row, col) and block key of a freshly built instance. */
function cellsOf(name: TemplateName, options: unknown, locale: Locale) {
  return planTemplate(name, options, locale).layout.blocks.flatMap((b) =>
    b.kind === 'cell' && b.cell ? [{ key: b.key, at: `${b.cell.section}/${b.cell.row}/${b.cell.col}` }] : [],
  )
}
const has = (cells: { key: string; at: string }[], section: string, row: string, col: string, key?: string) =>
  cells.some((c) => c.at === `${section}/${row}/${col}` && (key === undefined || c.key === key))

describe.each<Locale>(['de', 'en'])('declared cell keys (%s)', (locale) => {
  it('Gründungsveranstaltung: the plenary’s cells', () => {
    const cells = cellsOf('gruendungsveranstaltung', {}, locale)
    for (const col of Object.values(gv.plenum.col)) expect(has(cells, gv.plenum.section, gv.plenum.row, col)).toBe(true)
    expect(has(cells, gv.round.section, gv.round.row(0), 'angebot')).toBe(true)
  })

  it('Beteiligtenanalyse: partner cells and the cell for names still to be checked', () => {
    const cells = cellsOf('beteiligtenanalyse', {}, locale)
    expect(has(cells, ba.matrix.section, ba.matrix.row(2), 'strategien', ba.matrix.block(2, 'strategien'))).toBe(true)
    expect(has(cells, ba.kandidaten.section, ba.kandidaten.row, ba.kandidaten.col, ba.kandidaten.block)).toBe(true)
  })

  it('Bedarfsanalyse: every need row of both levels, with the further-partners column', () => {
    const cells = cellsOf('bedarfsanalyse', {}, locale)
    for (const level of [bedarf.individual, bedarf.structural])
      for (const col of Object.values(bedarf.col)) expect(has(cells, level.section, level.row(0), col)).toBe(true)
  })

  it('Planspiel: scenes and next steps, by block key and by cell', () => {
    const cells = cellsOf('planspiel', { scenes: 3 }, locale)
    for (const col of Object.values(ps.scenes.col)) expect(has(cells, ps.scenes.section, ps.scenes.row(3), col, ps.scenes.block(3, col))).toBe(true)
    for (const col of Object.values(ps.next.col)) expect(has(cells, ps.next.section, ps.next.row(1), col, ps.next.block(1, col))).toBe(true)
  })

  it('declarations are frozen', () => {
    for (const d of [gv, gv.plenum, gv.plenum.col, ba, ba.kandidaten, bedarf, bedarf.col, ps, ps.scenes.col]) expect(Object.isFrozen(d)).toBe(true)
  })
})
