/** The templates a board can be built from, by the name the API uses, in the order the panel offers them. */
import { bedarfsanalyse } from './bedarfsanalyse.ts'
import { beteiligtenanalyse } from './beteiligtenanalyse.ts'
import { dienstleistungskette } from './dienstleistungskette.ts'
import { fallmatrix } from './fallmatrix.ts'
import { gruendungsveranstaltung } from './gruendungsveranstaltung.ts'
import { netzwerkkarte } from './netzwerkkarte.ts'
import { netzwerkregeln } from './netzwerkregeln.ts'
import { planspiel } from './planspiel.ts'
import { protokoll } from './protokoll.ts'
import { reifegrad } from './reifegrad.ts'
import { statusbericht } from './statusbericht.ts'
import { zielsystem } from './zielsystem.ts'
import { zukunftskonferenz } from './zukunftskonferenz.ts'

export const templates = {
  beteiligtenanalyse,
  planspiel,
  zukunftskonferenz,
  dienstleistungskette,
  protokoll,
  gruendungsveranstaltung,
  zielsystem,
  bedarfsanalyse,
  netzwerkkarte,
  reifegrad,
  fallmatrix,
  statusbericht,
  netzwerkregeln,
}

export type TemplateName = keyof typeof templates
export const templateNames = Object.keys(templates) as [TemplateName, ...TemplateName[]]
