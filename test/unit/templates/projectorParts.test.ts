/**
 * A template on the projector, part by part: every cell is shown in exactly one part, and at that
 * part's zoom its notes' text is readable (14 px) while the cell still has room for a note.
 */
import { describe, expect, it } from 'vitest'
import { agendaSteps, stepAreaKeys } from '../../../shared/facilitation/steps.ts'
import { cellSlots } from '../../../shared/templates/noteSlots.ts'
import { noteFont, readablePx } from '../../../shared/templates/projector.ts'
import { projectorParts } from '../../../shared/templates/projectorParts.ts'
import { templates, templateNames, type TemplateName } from '../../../shared/templates/registry.ts'
import type { TemplateDefinition } from '../../../shared/templates/definition.ts'

function partsOf(name: TemplateName) {
  const definition = templates[name] as TemplateDefinition
  const parsed = definition.options.parse({})
  const options = definition.prepare ? definition.prepare(parsed, 'de') : parsed
  const layout = definition.layout(options, 'de')
  const steps = agendaSteps({ definition, options, locale: 'de' })
  return { layout, parts: projectorParts(layout, steps.map((step) => stepAreaKeys(name, layout, step.key))) }
}

describe('a template on the projector, part by part', () => {
  for (const name of templateNames)
    it(`${name}: each cell in one part, where a note's text is readable and the cell has room for one`, () => {
      const { layout, parts } = partsOf(name)
      const cells = layout.blocks.filter((b) => b.kind === 'cell')
      for (const cell of cells) expect(parts.filter((p) => p.keys.includes(cell.key)).map((p) => p.group), cell.key).toHaveLength(1)
      for (const part of parts) {
        // tldraw may set a long word's type a tenth smaller; even then 14 px.
        expect(noteFont * 0.9 * part.legibleScale * part.zoom).toBeGreaterThanOrEqual(readablePx - 1e-6)
        for (const cell of cells.filter((c) => part.keys.includes(c.key))) {
          const slots = cellSlots(cell, cell.label ?? '', part.legibleScale)
          expect(slots.scale, cell.key).toBeGreaterThanOrEqual(part.legibleScale - 1e-6)
          expect(slots.boxes.length, cell.key).toBeGreaterThanOrEqual(1)
        }
      }
    })

  it('shows a template readable at once whole, and splits a dense one', () => {
    expect(partsOf('netzwerkkarte').parts).toHaveLength(1)
    const fallmatrix = partsOf('fallmatrix').parts
    expect(fallmatrix.length).toBeGreaterThan(1)
    expect(fallmatrix.every((part) => part.piece?.of === fallmatrix.length)).toBe(true)
  })
})
