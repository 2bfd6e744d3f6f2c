/**
 * A template on the projector, part by part: every cell is shown in exactly one part, with room
 * for a note readable (14 px) at that part's zoom; and presented with notes in its cells, in parts
 * where each of those notes is readable, however small its cell made it.
 */
import { describe, expect, it } from 'vitest'
import { agendaSteps, stepAreaKeys } from '../../../shared/templates/steps.ts'
import { cellSlots, readableScale, slotsAt } from '../../../shared/templates/noteSlots.ts'
import { noteFont, readablePx, typeScale } from '../../../shared/templates/projector.ts'
import { projectorParts } from '../../../shared/templates/projectorParts.ts'
import { templates, templateNames, type TemplateName } from '../../../shared/templates/registry.ts'
import type { TemplateDefinition } from '../../../shared/templates/definition.ts'
import type { Block, Layout } from '../../../shared/templates/model.ts'
import type { Locale } from '../../../shared/locale.ts'

/** More "next" than a facilitator will press through one template of a workshop. */
const manyParts = 12

function partsOf(name: TemplateName, noteScales?: ReadonlyMap<string, number>, locale: Locale = 'de', raw: unknown = {}) {
  const definition = templates[name] as TemplateDefinition
  const parsed = definition.options.parse(raw)
  const options = definition.prepare ? definition.prepare(parsed, locale) : parsed
  const layout = definition.layout(options, locale)
  const steps = agendaSteps({ definition, options, locale })
  return { layout, parts: projectorParts(layout, steps.map((step) => stepAreaKeys(name, layout, step.key)), noteScales) }
}

/** Options that lay a template out otherwise than its defaults: checked too. */
const variants: Array<[TemplateName, unknown]> = [
  // One's own case: the case's Zettel in a cell beside the card.
  ['planspiel', { case: 'blank' }],
  // One chain (the default draws both).
  ['dienstleistungskette', { variant: 'soll' }],
]

describe('a template on the projector, part by part', () => {
  for (const [name, raw] of [...templateNames.map((n): [TemplateName, unknown] => [n, {}]), ...variants])
    it(`${name} ${JSON.stringify(raw)}: each cell in one part, with room for a readable note; presented with its cells full, every note readable`, () => {
      const { layout, parts } = partsOf(name, undefined, 'de', raw)
      const cells = layout.blocks.filter((b) => b.kind === 'cell')
      for (const cell of cells) expect(parts.filter((p) => p.keys.includes(cell.key)).map((p) => p.group), cell.key).toHaveLength(1)
      for (const part of parts) {
        // tldraw may set a long word's type a tenth smaller; even then 14 px.
        expect(noteFont * 0.9 * part.legibleScale * part.zoom).toBeGreaterThanOrEqual(readablePx - 1e-6)
        for (const cell of cells.filter((c) => part.keys.includes(c.key))) expect(slotsAt(cell, cell.label ?? '', readableScale(part.legibleScale)).length, cell.key).toBeGreaterThanOrEqual(1)
      }
      // Every cell full, at the size its slots give notes (smaller where a cell is small): the
      // parts presenting shows make each of those notes readable.
      const noteScales = new Map(cells.map((cell) => [cell.key, cellSlots(cell, cell.label ?? '', parts.find((p) => p.keys.includes(cell.key))!.legibleScale).scale]))
      const presented = partsOf(name, new Map([...noteScales].map(([key, scale]) => [key, typeScale(scale)])), 'de', raw).parts
      for (const cell of cells) {
        // On the wall, at the zoom the part gets there with its headers' strips.
        const part = presented.find((p) => p.keys.includes(cell.key))!
        expect(noteFont * 0.9 * noteScales.get(cell.key)! * part.zoom, cell.key).toBeGreaterThanOrEqual(readablePx - 1e-6)
      }
    })

  for (const name of templateNames)
    for (const locale of ['de', 'en'] as const)
      it(`${name} (${locale}): presented in at most ${manyParts} parts, not in slivers of its tables`, () => {
        expect(partsOf(name, undefined, locale).parts.length).toBeLessThanOrEqual(manyParts)
        for (const [, raw] of variants.filter(([n]) => n === name)) expect(partsOf(name, undefined, locale, raw).parts.length, JSON.stringify(raw)).toBeLessThanOrEqual(manyParts)
      })

  it('splits a section of exactly two rows that cannot be read together', () => {
    // Two narrow, tall cells above each other: together they fit the projector only at a zoom
    // where a readable note is wider than a cell; each alone is shown large enough.
    const cell = (key: string, y: number): Block => ({ kind: 'cell', key, x: 0, y, w: 200, h: 600, tone: 'grey', cell: { section: 'a', sectionTitle: 'A' } })
    const layout: Layout = { blocks: [cell('top', 0), cell('bottom', 600)], w: 200, h: 1200 }
    const parts = projectorParts(layout)
    expect(parts.map((p) => p.keys)).toEqual([['top'], ['bottom']])
  })

  it('shows a template readable at once whole, and splits a dense one', () => {
    // A small one: a single cell of a map's size.
    const small: Layout = { blocks: [{ kind: 'cell', key: 'map', x: 0, y: 0, w: 2000, h: 1400, tone: 'grey', cell: { section: 'a', sectionTitle: 'A' } }], w: 2000, h: 1400 }
    expect(projectorParts(small).map((p) => p.whole)).toEqual([true])
    // The Netzwerkkarte: each map whole with all its actors, the evaluation beside them on its own.
    const map = partsOf('netzwerkkarte')
    const partOf = (key: string) => map.parts.filter((p) => p.keys.includes(key))
    for (const side of ['ist', 'soll']) {
      const actors = map.layout.blocks.filter((b) => b.key.startsWith(`${side}:`)).map((b) => b.key)
      expect(partOf(`area:${side}`)).toHaveLength(1)
      expect(actors.every((key) => partOf(key)[0] === partOf(`area:${side}`)[0])).toBe(true)
    }
    expect(partOf('auswertung:cell:auswertung:luecken')[0]).not.toBe(partOf('area:ist')[0])
    // The matrix splits; the field of proposed themes beside it is a part of its own.
    const fallmatrix = partsOf('fallmatrix').parts.filter((part) => part.keys.some((key) => key.startsWith('matrix:')))
    expect(fallmatrix.length).toBeGreaterThan(1)
    expect(fallmatrix.every((part) => part.piece?.of === fallmatrix.length)).toBe(true)
  })
})
