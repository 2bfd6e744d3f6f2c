import { describe, expect, it } from 'vitest'
import { carryRoutes, planCarry, type SourceNote } from '../../../shared/results/carryOver.ts'
import { keyOf, build } from './helpers.ts'

const route = (id: string) => carryRoutes.find((r) => r.id === id)!
const keysOf = (name: Parameters<typeof build>[0], options: unknown = {}) => new Set(build(name, options).shapes.map((s) => keyOf(s)!))

describe('carrying results from one template to the next', () => {
  it('carries what was missing in the Planspiel into the service chain’s gaps, once', () => {
    const notes: SourceNote[] = [
      { id: 'n1', text: 'Kinderbetreuung am Abend', cell: { section: 'scenes', sectionTitle: 'Szenen', row: 's1', col: 'fehlt' } },
      { id: 'n2', text: 'Gut: schnelle Termine', cell: { section: 'scenes', sectionTitle: 'Szenen', row: 's1', col: 'gut' } },
      { id: 'n3', text: 'Ein Ansprechpartner', cell: { section: 'scenes', sectionTitle: 'Szenen', row: 's2', col: 'fehlt' } },
    ]
    const targets = keysOf('dienstleistungskette')
    const planned = planCarry(route('planspiel-gaps'), 'p1', notes, targets, new Set())
    expect(planned).toEqual([
      { cellKey: 'gaps', text: 'Kinderbetreuung am Abend', from: { instance: 'p1', note: 'n1' } },
      { cellKey: 'gaps', text: 'Ein Ansprechpartner', from: { instance: 'p1', note: 'n3' } },
    ])
    // Carried before: nothing twice.
    expect(planCarry(route('planspiel-gaps'), 'p1', notes, targets, new Set(['n1', 'n3']))).toEqual([])
  })

  it('puts each milestone into the report row of its number, and milestones beyond the report’s rows into its last', () => {
    const milestone = (n: number): SourceNote => ({
      id: `m${n}`,
      text: `Meilenstein ${n}`,
      cell: { section: 'meilensteine', sectionTitle: 'Meilensteine', row: `m${n}`, col: 'meilenstein' },
    })
    const planned = planCarry(route('milestones-report'), 'z', [milestone(2), milestone(7)], keysOf('statusbericht', { activities: 5 }), new Set())
    expect(planned.map((p) => p.cellKey)).toEqual(['aktivitaeten:cell:a2:geplant', 'aktivitaeten:cell:a5:geplant'])
  })

  it('has a target cell for every route in a fresh template', () => {
    for (const r of carryRoutes) {
      const key = r.target({ section: 'x', sectionTitle: 'x', row: 'x1' })
      expect(keysOf(r.to).has(key), `${r.id}: ${key}`).toBe(true)
    }
  })
})
