/** The templates a board can be built from, by the name the API uses. */
import { beteiligtenanalyse } from './beteiligtenanalyse.ts'
import { dienstleistungskette } from './dienstleistungskette.ts'
import { planspiel } from './planspiel.ts'
import { zukunftskonferenz } from './zukunftskonferenz.ts'

export const templates = { beteiligtenanalyse, planspiel, zukunftskonferenz, dienstleistungskette }

export type TemplateName = keyof typeof templates
export const templateNames = Object.keys(templates) as [TemplateName, ...TemplateName[]]
