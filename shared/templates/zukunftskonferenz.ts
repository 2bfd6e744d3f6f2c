/** STUB: to be written. */
import { z } from 'zod'
import type { TemplateDefinition } from './definition.ts'

export const ZukunftskonferenzOptions = z.object({})
export type ZukunftskonferenzOptions = z.infer<typeof ZukunftskonferenzOptions>

export const zukunftskonferenz: TemplateDefinition<ZukunftskonferenzOptions> = {
  name: 'zukunftskonferenz',
  title: { de: 'Zukunftskonferenz', en: 'Zukunftskonferenz' },
  description: { de: '', en: '' },
  options: ZukunftskonferenzOptions,
  layout: () => ({ blocks: [], w: 1, h: 1 }),
  actions: [],
}
