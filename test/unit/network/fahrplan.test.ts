/**
 * The Fahrplan's pure part: when a network last worked on each of the handbook's methods (a board
 * holds the template with Zettel in it, and changed when), which are begun (a board holds it,
 * empty) or not yet; what comes next; and when to take a method up again (H 1.1: rekursive
 * Schleifen), with fixed days.
 */
import { describe, expect, it } from 'vitest'
import type { NetworkBoard } from '../../../shared/networkApi.ts'
import { phases, type PhaseId } from '../../../shared/templates/phases.ts'
import type { TemplateName } from '../../../shared/templates/registry.ts'
import { fahrplan } from '../../../client/network/fahrplan.ts'
import { monthsBetween, revisitHint } from '../../../client/network/revisit.ts'

let n = 0
const board = (
  phase: PhaseId,
  templates: Array<[TemplateName, number] | [TemplateName, number, string]>,
  dates: { created?: string; used?: string | null; changed?: string | null } = {},
): NetworkBoard => ({
  id: `board${++n}`,
  title: `Board ${n}`,
  createdAt: dates.created ?? '2026-01-01T10:00:00.000Z',
  lastUsedAt: dates.used ?? null,
  changedAt: dates.changed ?? null,
  addedAt: dates.created ?? '2026-01-01T10:00:00.000Z',
  phase,
  internal: false,
  templates: templates.map(([template, notes, reviewOn]) => ({ template, title: template, notes, ...(reviewOn ? { reviewOn } : {}) })),
  token: null,
  link: `/b/board${n}#n.network`,
})

const stateOf = (plan: ReturnType<typeof fahrplan>, template: TemplateName) =>
  [...plan.phases.flatMap((p) => p.methods), ...plan.recurring].find((m) => m.template === template)!

describe('the Fahrplan', () => {
  it('without boards: every method still to do, the Beteiligtenanalyse next', () => {
    const plan = fahrplan([])
    expect(plan.phases.map((p) => p.phase.id)).toEqual(['vorStart', 'gruendung', 'zieleArchitektur', 'dienstleistungskette', 'verstetigung'])
    expect(plan.phases.flatMap((p) => p.methods).every((m) => m.state === 'open')).toBe(true)
    expect(plan.next).toEqual({ phase: 'vorStart', template: 'beteiligtenanalyse' })
  })

  it('worked on when a board holds the method with Zettel, with the day that board last changed; begun when it holds it empty', () => {
    const analysis = board('vorStart', [['beteiligtenanalyse', 4]], { created: '2026-02-01T09:00:00.000Z', used: '2026-05-03T09:00:00.000Z', changed: '2026-02-03T09:00:00.000Z' })
    const founding = board('gruendung', [['gruendungsveranstaltung', 0], ['protokoll', 2]])
    const plan = fahrplan([analysis, founding])
    // Opened in May, last changed in February: „zuletzt bearbeitet“ is February.
    expect(stateOf(plan, 'beteiligtenanalyse')).toMatchObject({ state: 'worked', board: { id: analysis.id }, lastEdited: '2026-02-03T09:00:00.000Z' })
    expect(stateOf(plan, 'gruendungsveranstaltung')).toMatchObject({ state: 'begun', board: { id: founding.id } })
    expect(stateOf(plan, 'netzwerkkarte')).toEqual({ template: 'netzwerkkarte', state: 'open' })
    expect(plan.phases.find((p) => p.phase.id === 'gruendung')!.boards.map((b) => b.id)).toEqual([founding.id])
  })

  it('the Protokoll, the Statusbericht and the Fallmatrix are in no phase: every meeting or regularly, never next', () => {
    const minutes = board('gruendung', [['protokoll', 2], ['statusbericht', 3]], { changed: '2026-03-01T10:00:00.000Z' })
    const plan = fahrplan([minutes])
    const phaseMethods = plan.phases.flatMap((p) => [...p.methods, ...p.revisits]).map((m) => m.template)
    expect(phaseMethods).not.toContain('protokoll')
    expect(phaseMethods).not.toContain('statusbericht')
    expect(phaseMethods).not.toContain('fallmatrix')
    expect(plan.recurring.find((r) => r.template === 'protokoll')).toMatchObject({ cadence: 'everyMeeting', state: 'worked', lastEdited: '2026-03-01T10:00:00.000Z' })
    expect(plan.recurring.find((r) => r.template === 'statusbericht')).toMatchObject({ cadence: 'regularly', state: 'worked' })
    expect(plan.recurring.find((r) => r.template === 'fallmatrix')).toMatchObject({ cadence: 'regularly', state: 'open' })
    expect(plan.next).toEqual({ phase: 'vorStart', template: 'beteiligtenanalyse' })
  })

  it('a board from before changes were noted counts from its last use, else its creation; of several boards, the one changed last tells', () => {
    const early = board('vorStart', [['bedarfsanalyse', 1]], { created: '2026-01-05T09:00:00.000Z' })
    const used = board('vorStart', [['bedarfsanalyse', 1]], { created: '2026-01-02T09:00:00.000Z', used: '2026-01-20T09:00:00.000Z' })
    const later = board('vorStart', [['bedarfsanalyse', 2]], { created: '2026-01-02T09:00:00.000Z', changed: '2026-03-01T09:00:00.000Z' })
    expect(stateOf(fahrplan([early]), 'bedarfsanalyse').lastEdited).toBe('2026-01-05T09:00:00.000Z')
    expect(stateOf(fahrplan([used]), 'bedarfsanalyse').lastEdited).toBe('2026-01-20T09:00:00.000Z')
    expect(stateOf(fahrplan([early, later, used]), 'bedarfsanalyse').board?.id).toBe(later.id)
  })

  it('next: the first method nobody worked on in the latest phase with Zettel written', () => {
    expect(fahrplan([board('vorStart', [['beteiligtenanalyse', 3]])]).next).toEqual({ phase: 'vorStart', template: 'netzwerkkarte' })
    // A board made ahead for a later phase, still empty, does not pull the next step forward.
    const ahead = [board('vorStart', [['beteiligtenanalyse', 3]]), board('dienstleistungskette', [['laufzettel', 0]])]
    expect(fahrplan(ahead).next).toEqual({ phase: 'vorStart', template: 'netzwerkkarte' })
    // Work in a later phase: earlier phases' gaps stay visible, but are not pushed.
    const moved = [board('vorStart', [['beteiligtenanalyse', 3]]), board('dienstleistungskette', [['angebotsuebersicht', 2]])]
    expect(fahrplan(moved).next?.phase).toBe('dienstleistungskette')
  })

  it('next: a phase worked through hands on to the next one; the last phase worked through, nothing is next', () => {
    const firstPhase = board('vorStart', [['bedarfsanalyse', 1], ['beteiligtenanalyse', 1], ['netzwerkkarte', 1]])
    // The Experteninterviews are an instrument offered there, not owed: never what comes next.
    expect(fahrplan([firstPhase]).next).toEqual({ phase: 'gruendung', template: 'koordination' })
    const everyMethod = phases.map((p) => board(p.id, p.methods.map((m): [TemplateName, number] => [m, 1])))
    expect(fahrplan(everyMethod).next).toBeNull()
  })

  it('moves from core methods only: Erfolg at the founding meeting (H 4.2.1) and an early Fallkonferenz (H 6.3.3) leave it where the work stands', () => {
    const founding = board('gruendung', [['gruendungsveranstaltung', 4], ['erfolg', 6]])
    expect(fahrplan([board('vorStart', [['beteiligtenanalyse', 3]]), founding]).next).toEqual({ phase: 'gruendung', template: 'koordination' })
    const early = [board('vorStart', [['beteiligtenanalyse', 3]]), board('dienstleistungskette', [['fallkonferenz', 5]])]
    expect(fahrplan(early).next).toEqual({ phase: 'vorStart', template: 'netzwerkkarte' })
    // Counted as worked where they stand, all the same.
    expect(stateOf(fahrplan(early), 'fallkonferenz').state).toBe('worked')
  })

  it('the Zielsystem is begun in phase 2 and taken up again in phase 3; both show the same board', () => {
    const goals = board('zieleArchitektur', [['zielsystem', 5]], { changed: '2026-04-01T10:00:00.000Z' })
    const plan = fahrplan([goals])
    expect(plan.phases.find((p) => p.phase.id === 'gruendung')!.methods.find((m) => m.template === 'zielsystem')).toMatchObject({ state: 'worked', board: { id: goals.id } })
    expect(plan.phases.find((p) => p.phase.id === 'zieleArchitektur')!.revisits).toEqual([expect.objectContaining({ template: 'zielsystem', state: 'worked' })])
  })

  it('counts a method from its template’s own last change: a Zettel elsewhere on the board does not reset the year', () => {
    const meeting = {
      ...board('vorStart', [], { changed: '2026-11-20T10:00:00.000Z' }),
      templates: [
        { template: 'netzwerkkarte' as const, title: 'Netzwerkkarte', notes: 5, editedAt: '2025-10-01T09:00:00.000Z' },
        { template: 'netzwerkregeln' as const, title: 'Netzwerkregeln', notes: 4, reviewOn: '2026-06-01', editedAt: '2026-01-10T09:00:00.000Z' },
        { template: 'protokoll' as const, title: 'Protokoll', notes: 2, editedAt: '2026-11-20T10:00:00.000Z' },
      ],
    }
    const plan = fahrplan([meeting])
    const karte = stateOf(plan, 'netzwerkkarte')
    expect(karte.lastEdited).toBe('2025-10-01T09:00:00.000Z')
    expect(revisitHint(karte, '2026-11-28')).toEqual({ kind: 'yearly', months: 13, due: true })
    // The rules were not looked at since their review day, whatever the Protokoll beside them says.
    expect(revisitHint(stateOf(plan, 'netzwerkregeln'), '2026-11-28')).toEqual({ kind: 'review', day: '2026-06-01', due: true })
    expect(stateOf(plan, 'protokoll').lastEdited).toBe('2026-11-20T10:00:00.000Z')
  })

  it('of several boards, the one whose template changed last tells; a board without the relay’s record counts from its own last change', () => {
    const busy = { ...board('vorStart', [], { changed: '2026-11-01T10:00:00.000Z' }), templates: [{ template: 'netzwerkkarte' as const, title: 'Netzwerkkarte', notes: 3, editedAt: '2026-03-01T10:00:00.000Z' }] }
    const quiet = { ...board('vorStart', [], { changed: '2026-07-01T10:00:00.000Z' }), templates: [{ template: 'netzwerkkarte' as const, title: 'Netzwerkkarte', notes: 3, editedAt: '2026-06-01T10:00:00.000Z' }] }
    expect(stateOf(fahrplan([busy, quiet]), 'netzwerkkarte')).toMatchObject({ board: { id: quiet.id }, lastEdited: '2026-06-01T10:00:00.000Z' })
    const unrecorded = board('vorStart', [['netzwerkkarte', 3]], { changed: '2026-08-01T10:00:00.000Z' })
    expect(stateOf(fahrplan([busy, quiet, unrecorded]), 'netzwerkkarte')).toMatchObject({ board: { id: unrecorded.id }, lastEdited: '2026-08-01T10:00:00.000Z' })
  })

  it('carries the Netzwerkregeln’ review day from the board last changed', () => {
    const old = board('zieleArchitektur', [['netzwerkregeln', 4, '2026-03-01']], { changed: '2026-01-10T10:00:00.000Z' })
    const renewed = board('verstetigung', [['netzwerkregeln', 6, '2027-03-01']], { changed: '2026-03-05T10:00:00.000Z' })
    expect(stateOf(fahrplan([old, renewed]), 'netzwerkregeln')).toMatchObject({ board: { id: renewed.id }, reviewOn: '2027-03-01' })
  })
})

describe('when to take a method up again', () => {
  const worked = (template: TemplateName, lastEdited: string, reviewOn?: string) => ({ template, state: 'worked' as const, lastEdited, ...(reviewOn ? { reviewOn } : {}) })

  it('counts whole months', () => {
    expect(monthsBetween('2025-09-15', '2026-11-15')).toBe(14)
    expect(monthsBetween('2025-09-15', '2026-11-14')).toBe(13)
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(0)
    expect(monthsBetween('2026-11-20', '2026-11-25')).toBe(0)
  })

  it('the Beteiligtenanalyse and the Netzwerkkarte yearly: due twelve months after they last changed', () => {
    expect(revisitHint(worked('beteiligtenanalyse', '2025-09-15T08:00:00.000Z'), '2026-11-25')).toEqual({ kind: 'yearly', months: 14, due: true })
    expect(revisitHint(worked('netzwerkkarte', '2025-11-25T08:00:00.000Z'), '2026-11-25')).toEqual({ kind: 'yearly', months: 12, due: true })
    expect(revisitHint(worked('netzwerkkarte', '2025-11-26T08:00:00.000Z'), '2026-11-25')).toEqual({ kind: 'yearly', months: 11, due: false })
    // Not worked on yet: nothing to take up again.
    expect(revisitHint({ template: 'beteiligtenanalyse', state: 'open' }, '2026-11-25')).toBeNull()
  })

  it('the Netzwerkregeln by their review day: due once it has come and nobody changed them since', () => {
    expect(revisitHint(worked('netzwerkregeln', '2026-01-10T10:00:00.000Z', '2026-11-01'), '2026-11-25')).toEqual({ kind: 'review', day: '2026-11-01', due: true })
    expect(revisitHint(worked('netzwerkregeln', '2026-01-10T10:00:00.000Z', '2027-03-01'), '2026-11-25')).toEqual({ kind: 'review', day: '2027-03-01', due: false })
    // Changed on or after the review day: reviewed (and a new day is usually written).
    expect(revisitHint(worked('netzwerkregeln', '2026-11-02T10:00:00.000Z', '2026-11-01'), '2026-11-25')).toEqual({ kind: 'review', day: '2026-11-01', due: false })
    expect(revisitHint(worked('netzwerkregeln', '2026-01-10T10:00:00.000Z'), '2026-11-25')).toEqual({ kind: 'noReviewDay' })
  })

  it('Erfolg und Reflexion regularly; the recurring instruments by their cadence; other methods say nothing', () => {
    expect(revisitHint({ template: 'erfolg', state: 'open' }, '2026-11-25')).toEqual({ kind: 'regularly' })
    expect(revisitHint({ template: 'protokoll', state: 'open', cadence: 'everyMeeting' }, '2026-11-25')).toEqual({ kind: 'everyMeeting' })
    expect(revisitHint(worked('planspiel', '2020-01-01T00:00:00.000Z'), '2026-11-25')).toBeNull()
  })
})
