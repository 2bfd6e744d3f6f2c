/**
 * The parts a facilitator steers from the list when the canvas is missing (`FacilitatorList.tsx`):
 * every template on the board in the list's order, with its agenda steps (a step is what the room
 * and the wall follow, as the canvas's „Als aktuellen Schritt setzen“ makes it) or, without an
 * agenda, the template as one part (the room is brought there as „Alle zu mir“ brings it). Plain
 * reads of the list's templates and the board's instances: no editor.
 */
import type * as Y from 'yjs'
import type { TLShape } from '@tldraw/tlschema'
import type { CurrentStep } from '../../shared/board/entries/step.ts'
import { readRecords } from '../../shared/board/records.ts'
import { findInstances } from '../../shared/templates/catalogue.ts'
import type { Instance } from '../../shared/templates/instance.ts'
import { agendaSteps } from '../../shared/templates/steps.ts'
import type { TemplatePart } from './contributionModel.ts'

export interface SteerableChoice {
  /** `instance|step:key`, or `instance|` for a template without an agenda. */
  value: string
  label: string
}

export interface SteerableTemplate {
  instance: string
  pageId: string
  title: string
  choices: SteerableChoice[]
}

const steps = (instance: Instance | undefined) => {
  try {
    return instance ? agendaSteps(instance) : []
  } catch {
    // Options a newer program wrote: the template as one part.
    return []
  }
}

export function steerableParts(templates: readonly TemplatePart[], instances: readonly Instance[]): SteerableTemplate[] {
  return templates.map((template) => {
    const own = steps(instances.find((i) => i.instance === template.instance))
    const choices = own.length > 0 ? own.map((step) => ({ value: `${template.instance}|${step.key}`, label: step.label })) : [{ value: `${template.instance}|`, label: template.title }]
    return { instance: template.instance, pageId: template.pageId, title: template.title, choices }
  })
}

/** The choice the stored current step names ('' for none). */
export const choiceOfStep = (step: CurrentStep | undefined) => (step ? `${step.instance}|${step.key}` : '')

/** What a choice asks for: a step of a template, or a template as a whole. */
export function readChoice(value: string): { instance: string; step: string | undefined } | undefined {
  const at = value.indexOf('|')
  if (at <= 0) return undefined
  const step = value.slice(at + 1)
  return { instance: value.slice(0, at), step: step || undefined }
}

/** The board's template instances, on every page, read from its records. */
export const boardInstances = (doc: Y.Doc): Instance[] => findInstances(readRecords(doc).records.filter((r) => r.typeName === 'shape') as unknown as TLShape[])
