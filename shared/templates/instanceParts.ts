/**
 * The parts a template on the board is shown in on the projector (projectorParts.ts): its agenda
 * steps where it has some, each split further where its cells are too small to read. Read by the
 * client (sizing a note, presenting) and by the relay (laying revealed notes into their cells).
 */
import { agendaSteps, instanceLayout, stepAreaKeys, type AgendaStep } from './steps.ts'
import type { Instance } from './instance.ts'
import { projectorParts, type ProjectorPart } from './projectorParts.ts'

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
  // Asked for every note placed and on every change while presenting, with the same answer
  // until the template or what is written in it changes.
  const key = JSON.stringify([instance.template, instance.locale, instance.options, noteScales && [...noteScales].sort()])
  const cached = recent.get(key)
  if (cached) return cached
  const layout = instanceLayout(instance)
  const steps = agendaSteps(instance)
  const groups = steps.map((step) => stepAreaKeys(instance.template, layout, step.key))
  const parts = projectorParts(layout, groups, noteScales).map((part) => (steps[part.group] ? { ...part, step: steps[part.group] } : part))
  recent.set(key, parts)
  if (recent.size > remembered) recent.delete(recent.keys().next().value!)
  return parts
}

const remembered = 64
const recent = new Map<string, InstancePart[]>()

/** The note scale readable with the part of `instance` that shows the block `key` on the projector; 1 for a block in no part. */
export const legibleScaleOf = (instance: Pick<Instance, 'template' | 'definition' | 'options' | 'locale'>, key: string): number =>
  instanceParts(instance).find((part) => part.keys.includes(key))?.legibleScale ?? 1
