/**
 * Every template presented on the wall as slides of tables (shared/templates/wallSlides.ts), in
 * German and English, filled as in a workshop: two Zettel of workshop words in every cell (as the
 * browser test fills them). Each takes at most 6 slides at a type of at least 14 px, every cell
 * on a slide, and a table cut into bands keeps its column headers on each band. The wall, which
 * measures its own type on the drawn page (WallTable.tsx), never goes below 14 px: a Zettel
 * presented is at least 14 px of a 1920-px picture, on the Beamer and on a presenter's own screen
 * (which draws the same slide scaled to its picture). Measured on real slides:
 * test/browser/templatesOnScreen.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { agendaSteps, stepAreaKeys } from '../../../shared/templates/steps.ts'
import { linesOf, packWallSlides, wallFontMax, wallFontMin, tableHeights, wallGroups, wallSlideGoal, wallSlideRoom, wallTables, type WallItem } from '../../../shared/templates/wallSlides.ts'
import { templates, templateNames, type TemplateName } from '../../../shared/templates/registry.ts'
import type { TemplateDefinition } from '../../../shared/templates/definition.ts'
import type { Block, Layout } from '../../../shared/templates/model.ts'
import type { Locale } from '../../../shared/locale.ts'
import { workshopZettel } from '../../helpers/workshopZettel.ts'

const zettel = workshopZettel

type Cell = Extract<Block, { kind: 'cell' }>

function presented(name: TemplateName, perCell: number, locale: Locale = 'de', raw: unknown = {}) {
  const definition = templates[name] as TemplateDefinition
  const parsed = definition.options.parse(raw)
  const options = definition.prepare ? definition.prepare(parsed, locale) : parsed
  const layout = definition.layout(options, locale)
  const steps = agendaSteps({ definition, options, locale }).map((step) => stepAreaKeys(name, layout, step.key))
  const { groups, merge } = wallGroups(layout, steps)
  const cells = layout.blocks.filter((b): b is Cell => b.kind === 'cell')
  let n = 0
  const items = new Map(cells.map((c) => [c.key, Array.from({ length: perCell }, (): WallItem => ({ kind: 'zettel', text: zettel[n++ % zettel.length]! }))]))
  const contents = (key: string) => items.get(key) ?? []
  return { layout, cells, contents, packing: packWallSlides(layout, groups, contents, merge, () => 'Vorlage · Teil') }
}

/** Options that lay a template out otherwise than its defaults: on the wall too. */
const variants: Array<[TemplateName, unknown]> = [
  ['planspiel', { case: 'blank' }],
  // One chain (the default draws both).
  ['dienstleistungskette', { variant: 'soll' }],
]

describe('every template on the wall', () => {
  for (const [name, raw] of [...templateNames.map((n): [TemplateName, unknown] => [n, {}]), ...variants])
    for (const locale of ['de', 'en'] as Locale[])
      it(`${name} ${JSON.stringify(raw)} (${locale}): two Zettel in every cell take at most ${wallSlideGoal} slides at 14 px or more, each cell shown`, () => {
        const { layout, cells, contents, packing } = presented(name, 2, locale, raw)
        expect(packing.parts.length).toBeLessThanOrEqual(wallSlideGoal)
        expect(packing.font).toBeGreaterThanOrEqual(14)
        const shown = new Set(packing.parts.flatMap((p) => p.cells))
        expect(cells.filter((c) => !shown.has(c.key)).map((c) => c.key)).toEqual([])
        for (const part of packing.parts) {
          // The estimate at the packing's type fits the slide's room, no word broken in the middle above 14 px.
          const height = wallTables(layout, part.cells).reduce((sum, table) => {
            const { head, rows, broken } = tableHeights(table, contents, packing.font)
            if (packing.font > 14) expect(broken, `${table.section} at ${packing.font} px`).toBe(false)
            return sum + head + rows.reduce((a, b) => a + b, 0)
          }, 0)
          expect(height, part.cells[0]).toBeLessThanOrEqual(wallSlideRoom.h)
          for (const table of wallTables(layout, part.cells)) {
            // A named column or row keeps its header on every slide showing its cells.
            for (const key of part.cells) {
              const cell = cells.find((c) => c.key === key)!
              if (cell.cell.section !== table.section) continue
              const col = table.columns.find((c) => c.col === (cell.cell.col ?? ''))!
              const row = table.rows.find((r) => r.row === (cell.cell.row ?? ''))!
              if (cell.cell.colLabel && table.columns.length > 1) expect(table.showColumns && col.label, key).toBe(cell.cell.colLabel.trim())
              if (cell.cell.rowLabel && table.rows.length > 1) expect(table.showRows && row.label, key).toBe(cell.cell.rowLabel.trim())
            }
          }
        }
      })

  it('the wall measures its type down to 14 px and no lower', () => {
    expect(wallFontMin).toBeGreaterThanOrEqual(14)
    expect(wallFontMax).toBeGreaterThan(wallFontMin)
  })

  it('four Zettel in every cell still fit at 14 px or more, on more slides where needed', () => {
    for (const name of templateNames) {
      const { packing } = presented(name, 4)
      expect(packing.font, name).toBeGreaterThanOrEqual(14)
      expect(packing.parts.length, name).toBeLessThanOrEqual(8)
    }
  })
})

describe('cutting a table', () => {
  /** A table of `rows` rows and 3 columns, each cell with `perCell` long Zettel. */
  const table = (rows: number): Layout => ({
    w: 900,
    h: rows * 100,
    blocks: Array.from({ length: rows * 3 }, (_, i): Block => {
      const row = Math.floor(i / 3)
      const col = i % 3
      return { kind: 'cell', key: `c${row}-${col}`, x: col * 300, y: row * 100, w: 300, h: 100, tone: 'grey', cell: { section: 's', sectionTitle: 'Tabelle', row: `r${row}`, rowLabel: `Zeile ${row + 1}`, col: `k${col}`, colLabel: `Spalte ${col + 1}` } }
    }),
  })

  it('cuts a table too tall for a slide into bands of whole rows, each with the column headers', () => {
    const layout = table(30)
    const long = Array.from({ length: 6 }, (): WallItem => ({ kind: 'zettel', text: 'Sprechstunde im Familienzentrum für Alleinerziehende' }))
    const { parts } = packWallSlides(layout, [layout.blocks.map((b) => b.key)], () => long, false)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.map((p) => p.piece?.of)).toEqual(parts.map(() => parts.length))
    for (const part of parts) {
      // Whole rows: every row of the band has its three cells.
      expect(part.cells.length % 3).toBe(0)
      const [t] = wallTables(layout, part.cells)
      expect(t!.showColumns).toBe(true)
      expect(t!.columns.map((c) => c.label)).toEqual(['Spalte 1', 'Spalte 2', 'Spalte 3'])
    }
    expect(parts.flatMap((p) => p.cells)).toEqual(layout.blocks.map((b) => b.key))
  })

  it('lets following sections share a slide while they fit', () => {
    const layout = table(2)
    const second: Layout = { ...layout, blocks: [...layout.blocks, ...layout.blocks.map((b) => ({ ...b, key: `x${b.key}`, y: b.y + 400, cell: { ...(b as Cell).cell, section: 't' } }) as Block)] }
    const groups = [layout.blocks.map((b) => b.key), layout.blocks.map((b) => `x${b.key}`)]
    const one = [{ kind: 'zettel', text: 'Elterncafé' }] as const
    expect(packWallSlides(second, groups, () => one, true).parts).toHaveLength(1)
    // Agenda steps never share one: presenting a step makes it the current step.
    expect(packWallSlides(second, groups, () => one, false).parts).toHaveLength(2)
  })

  it('wraps words as a browser does, a word longer than the line broken', () => {
    expect(linesOf('Wer lädt ein?', 20)).toBe(1)
    expect(linesOf('Wer lädt ein?', 4)).toBe(3)
    expect(linesOf('Netzwerkkoordination', 5)).toBeGreaterThanOrEqual(3)
    expect(linesOf('eins\nzwei', 20)).toBe(2)
  })
})
