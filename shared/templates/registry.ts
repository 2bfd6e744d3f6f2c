/** The templates a board can be built from, by the name the API uses, in the order the panel offers them. */
import { arbeitsauftrag } from './arbeitsauftrag.ts'
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
import { fallkonferenz } from './fallkonferenz.ts'
import { erfolg } from './erfolg.ts'
import { angebotsuebersicht } from './angebotsuebersicht.ts'
import { laufzettel } from './laufzettel.ts'
import { koordination } from './koordination.ts'
import { oeffentlichkeitsarbeit } from './oeffentlichkeitsarbeit.ts'
import { steuerungsgruppe } from './steuerungsgruppe.ts'

// In the order of the handbook's phases (H 1.1): start before the start, founding, goals and
// architecture, the service chain, keeping it going; the Protokoll serves every meeting.
export const templates = {
  bedarfsanalyse,
  beteiligtenanalyse,
  netzwerkkarte,
  koordination,
  gruendungsveranstaltung,
  zukunftskonferenz,
  zielsystem,
  reifegrad,
  arbeitsauftrag,
  netzwerkregeln,
  planspiel,
  dienstleistungskette,
  angebotsuebersicht,
  fallkonferenz,
  laufzettel,
  fallmatrix,
  oeffentlichkeitsarbeit,
  statusbericht,
  erfolg,
  protokoll,
  steuerungsgruppe,
}

export type TemplateName = keyof typeof templates
export const templateNames = Object.keys(templates) as [TemplateName, ...TemplateName[]]
