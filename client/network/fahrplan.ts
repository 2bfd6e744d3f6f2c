/**
 * Where a network stands on the handbook's way (`shared/templates/phases.ts`): for each phase's
 * method whether it was done (a board of the network holds the template with Zettel in it),
 * begun (a board holds it, nobody wrote in it yet) or not yet, and what comes next.
 *
 * "Als Nächstes" follows the work, not the plan: the latest phase in which Zettel were written is
 * where the network stands; its first method not done is next, or, once that phase is all done,
 * the first method of the following phase that is not done. An empty board made ahead for a later
 * phase does not move it, and methods skipped in an earlier phase stay shown as open but are not
 * pushed: a coordinator who has moved on chose to.
 */
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { phases, type Phase, type PhaseId } from '../../shared/templates/phases.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'

export type MethodState = 'done' | 'begun' | 'open'

export interface MethodProgress {
  template: TemplateName
  state: MethodState
  /** The board that holds it (the latest used, of several), for done and begun methods. */
  board?: NetworkBoard
  /** When it was done: the board's last use, or its creation if never used since. */
  when?: string
}

export interface PhaseProgress {
  phase: Phase
  methods: MethodProgress[]
  /** The boards the coordinator filed under this phase, oldest first. */
  boards: NetworkBoard[]
}

export interface Fahrplan {
  phases: PhaseProgress[]
  next: { phase: PhaseId; template: TemplateName } | null
}

export const lastActivity = (board: Pick<NetworkBoard, 'createdAt' | 'lastUsedAt'>): string => board.lastUsedAt ?? board.createdAt

const latest = (boards: NetworkBoard[]): NetworkBoard | undefined =>
  boards.reduce<NetworkBoard | undefined>((best, b) => (!best || lastActivity(b) > lastActivity(best) ? b : best), undefined)

function progressOf(template: TemplateName, boards: readonly NetworkBoard[]): MethodProgress {
  const holding = boards.filter((b) => b.templates.some((t) => t.template === template))
  const written = latest(holding.filter((b) => b.templates.some((t) => t.template === template && t.notes > 0)))
  if (written) return { template, state: 'done', board: written, when: lastActivity(written) }
  const begun = latest(holding)
  return begun ? { template, state: 'begun', board: begun } : { template, state: 'open' }
}

export function fahrplan(boards: readonly NetworkBoard[]): Fahrplan {
  const progress = phases.map((phase) => ({
    phase,
    methods: phase.methods.map((template) => progressOf(template, boards)),
    boards: boards.filter((b) => b.phase === phase.id),
  }))
  const worked = progress.findLastIndex((p) => p.methods.some((m) => m.state === 'done'))
  let next: Fahrplan['next'] = null
  for (const p of progress.slice(Math.max(worked, 0))) {
    const open = p.methods.find((m) => m.state !== 'done')
    if (open) {
      next = { phase: p.phase.id, template: open.template }
      break
    }
  }
  return { phases: progress, next }
}
