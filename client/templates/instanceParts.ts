/**
 * The parts a template on the board is shown in on the projector (shared/templates/projectorParts.ts):
 * its agenda steps where it has some, each split further where its cells are too small to read.
 */
import { agendaSteps, instanceLayout, stepAreaKeys, type AgendaStep } from '../../shared/facilitation/steps.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { projectorParts, type ProjectorPart } from '../../shared/templates/projectorParts.ts'

export interface InstancePart extends ProjectorPart {
  /** The agenda step the part shows, where the template has an agenda. */
  step?: AgendaStep
}

/**
 * Without `noteScales`, parts where every cell has room for readable notes (what a new note is
 * sized for); with them (the smallest note in each cell that has some), parts where the notes
 * written are readable (what presenting shows).
 */
export function instanceParts(instance: Pick<Instance, 'template' | 'definition' | 'options' | 'locale'>, noteScales?: ReadonlyMap<string, number>): InstancePart[] {
  const layout = instanceLayout(instance)
  const steps = agendaSteps(instance)
  const groups = steps.map((step) => stepAreaKeys(instance.template, layout, step.key))
  return projectorParts(layout, groups, noteScales).map((part) => (steps[part.group] ? { ...part, step: steps[part.group] } : part))
}
