import { describe, expect, it } from 'vitest'
import { chooseStep, readCurrentStep } from '../../../shared/board/entries/step.ts'
import { agendaSteps, instanceLayout, stepAreaKeys } from '../../../shared/templates/steps.ts'
import { findInstances } from '../../../shared/templates/catalogue.ts'
import { build } from '../templates/helpers.ts'

const instanceOf = (...args: Parameters<typeof build>) => {
  const [instance] = findInstances(build(...args).shapes)
  return instance
}

describe('agenda steps', () => {
  it('lists the Planspiel steps in agenda order, named by their headers’ first line', () => {
    const steps = agendaSteps(instanceOf('planspiel', {}, 'de'))
    expect(steps.map((s) => s.key)).toEqual(['step:intro', 'step:play', 'step:evaluation', 'step:next'])
    expect(steps[1].label).toBe('2 · Spiel (≈ 90 Min.)')
    expect(agendaSteps(instanceOf('planspiel', {}, 'en'))[0].label).toBe('1 · Introduction and roles')
  })

  it('lists the Zukunftskonferenz steps 1–5 by their titles', () => {
    const steps = agendaSteps(instanceOf('zukunftskonferenz', { groups: 3 }, 'de'))
    expect(steps.map((s) => s.key)).toEqual(['step:1', 'step:2', 'step:3', 'step:4', 'step:5'])
    expect(steps.map((s) => s.label)).toEqual([
      '1 · Vergangenheit',
      '2 · Gegenwart und Trends',
      '3 · Vision',
      '4 · Gemeinsamkeiten',
      '5 · Maßnahmenplanung',
    ])
  })

  it('has none for templates without an agenda', () => {
    expect(agendaSteps(instanceOf('beteiligtenanalyse', {}, 'de'))).toEqual([])
  })
})

describe('step areas', () => {
  it('Planspiel: each step shows its section, not the agenda strip', () => {
    const instance = instanceOf('planspiel', { scenes: 2 }, 'de')
    const layout = instanceLayout(instance)
    const play = stepAreaKeys('planspiel', layout, 'step:play')
    expect(play).toContain('head:scenes')
    expect(play).toContain('scene:s2:fehlt')
    expect(play).not.toContain('step:play')
    expect(play.every((k) => k.startsWith('head:scene') || k.startsWith('scene:') || k.endsWith('questions'))).toBe(true)
    expect(play).toContain('questions')
    expect(stepAreaKeys('planspiel', layout, 'step:intro')).toEqual(expect.arrayContaining(['case', 'role:client', 'role:observers']))
    expect(stepAreaKeys('planspiel', layout, 'step:next')).toContain('next:n1:was')
    expect(stepAreaKeys('planspiel', layout, 'step:evaluation')).toContain('level:transfer')
  })

  it('Dienstleistungskette: the agenda beside the chain names the areas of each step', () => {
    const layout = instanceLayout(instanceOf('dienstleistungskette', { variant: 'both' }, 'de'))
    expect(agendaSteps(instanceOf('dienstleistungskette', {}, 'de')).map((s) => s.key)).toEqual([
      'step:wirkungen',
      'step:leistungen',
      'step:kette',
      'step:vergleich',
    ])
    expect(stepAreaKeys('dienstleistungskette', layout, 'step:wirkungen')).toEqual(expect.arrayContaining(['targetGroup', 'start:soll', 'end:ist']))
    expect(stepAreaKeys('dienstleistungskette', layout, 'step:leistungen')).toEqual(expect.arrayContaining(['lane:soll:0', 'experience:ist']))
    expect(stepAreaKeys('dienstleistungskette', layout, 'step:vergleich')).toEqual(expect.arrayContaining(['vergleich:cell:v1:soll', 'gaps']))
    expect(stepAreaKeys('dienstleistungskette', layout, 'step:vergleich')).not.toContain('lane:soll:0')
  })

  it('Zukunftskonferenz: a step is its header and the column below it', () => {
    const instance = instanceOf('zukunftskonferenz', { groups: 2, actionRows: 1 }, 'de')
    const layout = instanceLayout(instance)
    // The mandate (its question and the answer's cell) is settled before step 1, so it is shown with it.
    expect(stepAreaKeys('zukunftskonferenz', layout, 'step:1')).toEqual(['head:auftrag', 'head:auftrag:prompt', 'cell:auftrag', 'step:1', 'cell:g1:vergangenheit', 'cell:g2:vergangenheit'])
    // How the results reach the organisations (H 4.3.8) is settled beneath step 4, so it shows with it.
    expect(stepAreaKeys('zukunftskonferenz', layout, 'step:4')).toEqual(['step:4', 'cell:gemeinsamkeiten', 'cell:dissens', 'cell:eingang'])
    const actions = stepAreaKeys('zukunftskonferenz', layout, 'step:5')
    expect(actions).toContain('head:action:massnahme')
    expect(actions).toContain('action:a1:indikator')
    expect(stepAreaKeys('zukunftskonferenz', layout, 'step:9')).toEqual([])
  })
})

describe('current step', () => {
  it('stores instance, key and time; reads back only what it wrote', () => {
    const step = chooseStep('i1', 'step:play', 42)
    expect(step).toEqual({ instance: 'i1', key: 'step:play', setAt: 42 })
    expect(readCurrentStep(JSON.parse(JSON.stringify(step)))).toEqual(step)
    expect(readCurrentStep({ instance: 'i1', key: 'head:case', setAt: 1 })).toBeUndefined()
    expect(readCurrentStep({ instance: '', key: 'step:1', setAt: 1 })).toBeUndefined()
    expect(readCurrentStep(null)).toBeUndefined()
  })
})
