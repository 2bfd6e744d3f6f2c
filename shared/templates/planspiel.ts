/** STUB: to be written. */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'

export const PlanspielOptions = z.object({})
export type PlanspielOptions = z.infer<typeof PlanspielOptions>

export const planspiel: TemplateDefinition<PlanspielOptions> = {
  name: 'planspiel',
  title: { de: 'Planspiel', en: 'Planspiel' },
  description: { de: '', en: '' },
  options: PlanspielOptions,
  layout: () => ({ blocks: [], w: 1, h: 1 }),
  actions: [],
}
