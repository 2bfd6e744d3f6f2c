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

// Keyed by what the layout is made from: notes dropped one after another ask for the same parts.
const cache = new WeakMap<object, { locale: string; parts: InstancePart[] }>()

export function instanceParts(instance: Pick<Instance, 'template' | 'definition' | 'options' | 'locale'>): InstancePart[] {
  const key = instance.options as object
  const cached = typeof key === 'object' && key !== null ? cache.get(key) : undefined
  if (cached && cached.locale === instance.locale) return cached.parts
  const layout = instanceLayout(instance)
  const steps = agendaSteps(instance)
  const parts = projectorParts(
    layout,
    steps.map((step) => stepAreaKeys(instance.template, layout, step.key)),
  ).map((part) => (steps[part.group] ? { ...part, step: steps[part.group] } : part))
  if (typeof key === 'object' && key !== null) cache.set(key, { locale: instance.locale, parts })
  return parts
}
