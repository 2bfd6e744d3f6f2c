/**
 * The Fahrplan's pure part: which of the handbook's methods a network has done (a board holds the
 * template with Zettel in it), begun (a board holds it, empty), or not yet; and what comes next.
 */
import { describe, expect, it } from 'vitest'
import type { NetworkBoard } from '../../../shared/networkApi.ts'
import type { PhaseId } from '../../../shared/templates/phases.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import { fahrplan } from '../../../client/network/fahrplan.ts'

let n = 0
const board = (phase: PhaseId, templates: Array<[TemplateName, number]>, dates: { created?: string; used?: string | null } = {}): NetworkBoard => ({
  id: `board${++n}`,
  title: `Board ${n}`,
  createdAt: dates.created ?? '2026-01-01T10:00:00.000Z',
  lastUsedAt: dates.used ?? null,
  addedAt: dates.created ?? '2026-01-01T10:00:00.000Z',
  phase,
  internal: false,
  templates: templates.map(([template, notes]) => ({ template, title: template, notes })),
  token: null,
  link: `/b/board${n}#n.network`,
})

const stateOf = (plan: ReturnType<typeof fahrplan>, template: TemplateName) =>
  plan.phases.flatMap((p) => p.methods).find((m) => m.template === template)!

describe('the Fahrplan', () => {
  it('without boards: every method still to do, the first method of the first phase next', () => {
    const plan = fahrplan([])
    expect(plan.phases.map((p) => p.phase.id)).toEqual(['vorStart', 'gruendung', 'zieleArchitektur', 'dienstleistungskette', 'verstetigung'])
    expect(plan.phases.flatMap((p) => p.methods).every((m) => m.state === 'open')).toBe(true)
    expect(plan.next).toEqual({ phase: 'vorStart', template: 'bedarfsanalyse' })
  })

  it('done when a board holds the method with Zettel, begun when it holds it empty; the board and its date go with it', () => {
    const analysis = board('vorStart', [['beteiligtenanalyse', 4]], { created: '2026-02-01T09:00:00.000Z', used: '2026-02-03T09:00:00.000Z' })
    const founding = board('gruendung', [['gruendungsveranstaltung', 0], ['protokoll', 2]])
    const plan = fahrplan([analysis, founding])
    expect(stateOf(plan, 'beteiligtenanalyse')).toMatchObject({ state: 'done', board: { id: analysis.id }, when: '2026-02-03T09:00:00.000Z' })
    expect(stateOf(plan, 'gruendungsveranstaltung')).toMatchObject({ state: 'begun', board: { id: founding.id } })
    expect(stateOf(plan, 'netzwerkkarte')).toEqual({ template: 'netzwerkkarte', state: 'open' })
    // The Protokoll is in every phase's boards, and in no phase's methods.
    expect(plan.phases.flatMap((p) => p.methods).some((m) => m.template === 'protokoll')).toBe(false)
    expect(plan.phases.find((p) => p.phase.id === 'gruendung')!.boards.map((b) => b.id)).toEqual([founding.id])
  })

  it('a board never used counts from its creation; of several boards with the method, the latest one tells', () => {
    const early = board('vorStart', [['bedarfsanalyse', 1]], { created: '2026-01-05T09:00:00.000Z' })
    const later = board('vorStart', [['bedarfsanalyse', 2]], { created: '2026-01-02T09:00:00.000Z', used: '2026-03-01T09:00:00.000Z' })
    expect(stateOf(fahrplan([early]), 'bedarfsanalyse').when).toBe('2026-01-05T09:00:00.000Z')
    expect(stateOf(fahrplan([early, later]), 'bedarfsanalyse').board?.id).toBe(later.id)
  })

  it('next: the first method not done in the latest phase with Zettel written', () => {
    // Only the Beteiligtenanalyse done: the phase's first step is still open.
    expect(fahrplan([board('vorStart', [['beteiligtenanalyse', 3]])]).next).toEqual({ phase: 'vorStart', template: 'bedarfsanalyse' })
    // A board made ahead for a later phase, still empty, does not pull the next step forward.
    const ahead = [board('vorStart', [['beteiligtenanalyse', 3]]), board('verstetigung', [['statusbericht', 0]])]
    expect(fahrplan(ahead).next).toEqual({ phase: 'vorStart', template: 'bedarfsanalyse' })
    // Work in a later phase: earlier phases' gaps stay visible, but are not pushed.
    const moved = [board('vorStart', [['beteiligtenanalyse', 3]]), board('verstetigung', [['statusbericht', 2]])]
    expect(fahrplan(moved).next).toEqual({ phase: 'verstetigung', template: 'erfolg' })
  })

  it('next: a phase all done hands on to the next phase; all done, nothing is next', () => {
    const firstPhase = board('vorStart', [['bedarfsanalyse', 1], ['beteiligtenanalyse', 1], ['netzwerkkarte', 1]])
    expect(fahrplan([firstPhase]).next).toEqual({ phase: 'gruendung', template: 'gruendungsveranstaltung' })
    const everything = board('verstetigung', [['statusbericht', 1], ['erfolg', 1]])
    expect(fahrplan([firstPhase, everything]).next).toBeNull()
  })

  it('a method done on a board filed under another phase still counts for its own phase', () => {
    const plan = fahrplan([board('gruendung', [['netzwerkkarte', 2]])])
    expect(stateOf(plan, 'netzwerkkarte').state).toBe('done')
    expect(plan.next).toEqual({ phase: 'vorStart', template: 'bedarfsanalyse' })
  })
})
