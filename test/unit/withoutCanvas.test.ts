/**
 * The workshop without the canvas (a rejected tldraw licence): the parts a facilitator steers
 * from her list (client/beitragen/steering.ts) and the slide the wall shows as tables
 * (client/facilitation/wallWithoutCanvas.ts), read from the board's records alone.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { readContribution } from '../../client/beitragen/contributionModel.ts'
import { partsInPlay } from '../../client/beitragen/partsInPlay.ts'
import { boardInstances, choiceOfStep, readChoice, steerableParts } from '../../client/beitragen/steering.ts'
import { slideWithoutCanvas } from '../../client/facilitation/wallWithoutCanvas.ts'
import { itemsByCell } from '../../client/facilitation/wallItems.ts'
import { chooseStep } from '../../shared/board/entries/step.ts'
import { readRecords } from '../../shared/board/records.ts'
import { putRecords } from '../helpers/records.ts'
import { build } from './templates/helpers.ts'

const page = { id: 'page:page', typeName: 'page', name: 'Seite 1', index: 'a1', meta: {} }
const reader = { role: 'facilitator' as const, author: 'me', protection: undefined }

/** A Planspiel (an agenda of four steps) and, below it, a Zielsystem (none). */
function workshop() {
  const doc = new Y.Doc()
  const planspiel = build('planspiel', {})
  const zielsystem = build('zielsystem', {}, 'de', { x: 0, y: 20_000 })
  putRecords(doc, [page, ...planspiel.shapes, ...zielsystem.shapes])
  const templates = readContribution(readRecords(doc).records, reader)
  const instances = boardInstances(doc)
  return { templates, instances }
}

describe('steering the room without the canvas', () => {
  it('offers each template’s agenda steps, and a template without an agenda as one part', () => {
    const { templates, instances } = workshop()
    const parts = steerableParts(templates, instances)
    expect(parts.map((p) => p.title)).toEqual([templates[0]!.title, templates[1]!.title])
    const [planspiel, zielsystem] = parts
    expect(planspiel!.choices.map((c) => c.label)).toHaveLength(4)
    expect(planspiel!.choices[1]).toEqual({ value: `${planspiel!.instance}|step:play`, label: expect.stringMatching(/^2 · Spiel/) })
    expect(zielsystem!.choices).toEqual([{ value: `${zielsystem!.instance}|`, label: zielsystem!.title }])
  })

  it('reads a choice back as the step or the template it names, and the stored step as its choice', () => {
    const step = chooseStep('i7', 'step:play', 1000)
    expect(readChoice(choiceOfStep(step))).toEqual({ instance: 'i7', step: 'step:play' })
    expect(readChoice('i8|')).toEqual({ instance: 'i8', step: undefined })
    expect(choiceOfStep(undefined)).toBe('')
    expect(readChoice('')).toBeUndefined()
  })
})

describe('the wall without the canvas', () => {
  const contentsOf = (templates: ReturnType<typeof workshop>['templates']) => {
    const byInstance = new Map(templates.map((t) => [t.instance, itemsByCell(t)]))
    return (instance: string, cell: string) => byInstance.get(instance)?.get(cell) ?? []
  }

  it('shows the slide of the current step, named by the step, with its cells as tables', () => {
    const { templates, instances } = workshop()
    const planspiel = templates[0]!
    const step = { kind: 'step' as const, instance: planspiel.instance, key: 'step:play', at: 1 }
    const inPlay = partsInPlay(templates, [step], { round: undefined, ownGroupPage: undefined }, false).parts
    const slide = slideWithoutCanvas(inPlay, instances, contentsOf(templates), templates)!
    expect(slide.title).toBe(planspiel.title)
    expect(slide.part).toMatch(/^2 · Spiel/)
    expect(slide.cells.every((key) => key.startsWith('scene:') || key === 'questions')).toBe(true)
    expect(slide.tables.length).toBeGreaterThan(0)
  })

  it('shows the first template’s first slide before the facilitator points anywhere, and a Zettel in its cell', () => {
    const { templates, instances } = workshop()
    const inPlay = partsInPlay(templates, [], { round: undefined, ownGroupPage: undefined }, false).parts
    const firstCell = templates[0]!.cells[0]!.key
    const contents = (instance: string, cell: string) => (cell === firstCell ? [{ kind: 'zettel' as const, text: 'Kita-Platz klären', color: 'yellow' }] : contentsOf(templates)(instance, cell))
    const slide = slideWithoutCanvas(inPlay, instances, contents, templates)!
    expect(slide.instance).toBe(templates[0]!.instance)
    expect(slide.cells).toContain(firstCell)
    expect(slideWithoutCanvas([], instances, contents)).toBeUndefined()
  })

  it('shows a whole template brought to as its first slide with Zettel on it, as the canvas wall does (slideOfPart)', () => {
    const { templates, instances } = workshop()
    const planspiel = templates[0]!
    const focus = { kind: 'focus' as const, part: planspiel.instance, pageId: planspiel.pageId, at: 5 }
    const inPlay = partsInPlay(templates, [focus], { round: undefined, ownGroupPage: undefined }, false).parts
    const firstSlide = slideWithoutCanvas(inPlay, instances, contentsOf(templates), templates)!
    // A Zettel in a cell the first slide does not show: that later slide is the one to read.
    const later = planspiel.cells.find((cell) => !firstSlide.cells.includes(cell.key))!.key
    const contents = (instance: string, cell: string) => (instance === planspiel.instance && cell === later ? [{ kind: 'zettel' as const, text: 'Ablauf klären', color: 'yellow' }] : [])
    const slide = slideWithoutCanvas(inPlay, instances, contents, templates)!
    expect(slide.cells).toContain(later)
    // Narrowed to a step, the step's slide, Zettel or not.
    const step = { kind: 'step' as const, instance: planspiel.instance, key: 'step:play', at: 6 }
    const stepParts = partsInPlay(templates, [focus, step], { round: undefined, ownGroupPage: undefined }, false).parts
    expect(slideWithoutCanvas(stepParts, instances, contents, templates)!.part).toMatch(/^2 · Spiel/)
  })
})
