/**
 * `POST /api/boards`: the request that names templates. Apart from `api.ts`, so that the link
 * and board shapes every page and the relay's kernel load bring no template registry along.
 */
import { z } from 'zod'
import { maxBoardTemplates, maxTitleLength } from './api.ts'
import { locales } from './locale.ts'
import { templateNames } from './templates/templateNames.ts'

export const CreateBoardRequest = z.object({
  title: z.string().trim().min(1, 'title must not be empty').max(maxTitleLength),
  /** Start the board with a workshop template (see `shared/templates/`). */
  template: z.enum(templateNames).optional(),
  /** The template's options; checked by the template itself, defaults fill in what is missing. */
  options: z.record(z.string(), z.unknown()).optional(),
  /** Language of the template's labels. */
  locale: z.enum(locales).default('de'),
  /**
   * Several templates, laid side by side on the first page from left to right (the Fahrplan's
   * board for a phase with its methods); instead of `template`, never with it.
   */
  templates: z
    .array(z.object({ template: z.enum(templateNames), options: z.record(z.string(), z.unknown()).optional() }))
    .min(1, 'templates must name at least one template')
    .max(maxBoardTemplates, `a new board holds at most ${maxBoardTemplates} templates`)
    .optional(),
}).refine((request) => !(request.template && request.templates), { message: 'send either template or templates, not both', path: ['templates'] })
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>
