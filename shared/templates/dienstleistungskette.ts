/** STUB: to be written. */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'

export const DienstleistungsketteOptions = z.object({})
export type DienstleistungsketteOptions = z.infer<typeof DienstleistungsketteOptions>

export const dienstleistungskette: TemplateDefinition<DienstleistungsketteOptions> = {
  name: 'dienstleistungskette',
  title: { de: 'Dienstleistungskette', en: 'Dienstleistungskette' },
  description: { de: '', en: '' },
  options: DienstleistungsketteOptions,
  layout: () => ({ blocks: [], w: 1, h: 1 }),
  actions: [],
}
