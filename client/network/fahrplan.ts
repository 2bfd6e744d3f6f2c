/**
 * Where a network stands on the handbook's way (`shared/templates/phases.ts`): for each phase's
 * method when it was last worked on (a board holds the template with Zettel in it; the day its own
 * content last changed, as the relay noted it, else its board's last change), whether it is begun
 * (a board holds it, nobody wrote in it yet) or not yet, and what comes next. Nothing is ever
 * "erledigt": H 1.1 plans "rekursive Schleifen", so the Fahrplan tells when a method was last
 * worked on and when to take it up again (`revisit.ts`).
 *
 * "Als Nächstes" follows the work, not the plan: the latest phase in which Zettel were written is
 * where the network stands; its first method nobody worked on yet is next, or, once every method of
 * that phase was worked on, the first such method of the following phase; work on Erfolg (every
 * meeting's, H 4.2.1) or an early Fallkonferenz (a Quick Win, H 6.3.3) does not move it. An empty board made ahead
 * for a later phase does not move it, and methods skipped in an earlier phase stay shown as open
 * but are not pushed: a coordinator who has moved on chose to. Recurring instruments (the
 * Protokoll, the Statusbericht …) belong to no phase and never are "next".
 */
import type { NetworkBoard } from '../../shared/networkApi.ts'
import { movesPointer, phases, recurring, type Cadence, type Phase, type PhaseId } from '../../shared/templates/phases.ts'
import type { TemplateName } from '../../shared/templates/registry.ts'

export type MethodState = 'worked' | 'begun' | 'open'

export interface MethodProgress {
  template: TemplateName
  state: MethodState
  /** The board that holds it (the one where it last changed, of several), for worked and begun methods. */
  board?: NetworkBoard
  /** When its template last changed its own content on that board, else when that board last changed (worked methods). */
  lastEdited?: string
  /** The review day written on that board's template (the Netzwerkregeln'), if any. */
  reviewOn?: string
}

export interface PhaseProgress {
  phase: Phase
  methods: MethodProgress[]
  /** Methods of an earlier phase this one takes up again. */
  revisits: MethodProgress[]
  /** The boards the coordinator filed under this phase, oldest first. */
  boards: NetworkBoard[]
}

export interface Fahrplan {
  phases: PhaseProgress[]
  /** The instruments of every meeting and the regular ones, outside the phases. */
  recurring: Array<MethodProgress & { cadence: Cadence }>
  next: { phase: PhaseId; template: TemplateName } | null
}

export const lastActivity = (board: Pick<NetworkBoard, 'createdAt' | 'lastUsedAt'>): string => board.lastUsedAt ?? board.createdAt

/**
 * When the board last changed: as the relay noted it, else (a board from before it noted changes)
 * its last use, else its creation.
 */
export const lastChange = (board: Pick<NetworkBoard, 'createdAt' | 'lastUsedAt' | 'changedAt'>): string => board.changedAt ?? lastActivity(board)

/**
 * When the template last changed its own content on the board (the newest of its copies with
 * Zettel, `NetworkBoardTemplate.editedAt`): a Protokoll written beside a Netzwerkkarte does not
 * renew the Netzwerkkarte. A board without the relay's record counts from its own last change.
 */
export function templateChange(board: NetworkBoard, template: TemplateName): string {
  const own = board.templates.filter((t) => t.template === template && t.notes > 0).map((t) => t.editedAt)
  if (own.length === 0 || own.some((at) => !at)) return lastChange(board)
  return (own as string[]).reduce((a, b) => (b > a ? b : a))
}

const latest = (boards: NetworkBoard[], changed: (board: NetworkBoard) => string): NetworkBoard | undefined =>
  boards.reduce<NetworkBoard | undefined>((best, b) => (!best || changed(b) > changed(best) ? b : best), undefined)

function progressOf(template: TemplateName, boards: readonly NetworkBoard[]): MethodProgress {
  const holding = boards.filter((b) => b.templates.some((t) => t.template === template))
  const changed = (board: NetworkBoard) => templateChange(board, template)
  const written = latest(
    holding.filter((b) => b.templates.some((t) => t.template === template && t.notes > 0)),
    changed,
  )
  if (written) {
    const reviewOn = written.templates.find((t) => t.template === template && t.reviewOn)?.reviewOn
    return { template, state: 'worked', board: written, lastEdited: changed(written), ...(reviewOn ? { reviewOn } : {}) }
  }
  const begun = latest(holding, lastChange)
  return begun ? { template, state: 'begun', board: begun } : { template, state: 'open' }
}

export function fahrplan(boards: readonly NetworkBoard[]): Fahrplan {
  const progress = phases.map((phase) => ({
    phase,
    methods: phase.methods.map((template) => progressOf(template, boards)),
    revisits: phase.revisits.map((template) => progressOf(template, boards)),
    boards: boards.filter((b) => b.phase === phase.id),
  }))
  // Recurring and steady methods (Erfolg, an early Fallkonferenz) never move it (`movesPointer`).
  const worked = progress.findLastIndex((p) => p.methods.some((m) => m.state === 'worked' && movesPointer(m.template)))
  let next: Fahrplan['next'] = null
  for (const p of progress.slice(Math.max(worked, 0))) {
    const open = p.methods.find((m) => m.state !== 'worked' && movesPointer(m.template))
    if (open) {
      next = { phase: p.phase.id, template: open.template }
      break
    }
  }
  return { phases: progress, recurring: recurring.map((r) => ({ ...progressOf(r.template, boards), cadence: r.cadence })), next }
}
