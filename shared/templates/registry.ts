/** The templates a board can be built from, by the name the API uses (`templateNames.ts`). */
import type { TemplateDefinition } from './definition.ts'
import type { TemplateName } from './templateNames.ts'
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
import { befragung } from './befragung.ts'
import { koordinationsprofil } from './koordinationsprofil.ts'
import { experteninterviews } from './experteninterviews.ts'
import { aufbau } from './aufbau.ts'
import { anlaufstelle } from './anlaufstelle.ts'
import { quickWins } from './quickWins.ts'
import { fallbeispiele } from './fallbeispiele.ts'
import { ansprechpartner } from './ansprechpartner.ts'
import { kooperationen } from './kooperationen.ts'

// The Vorlagen panel and the Fahrplan order them by the handbook's phases (`phases.ts`), not by
// this list.
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
  befragung,
  koordinationsprofil,
  experteninterviews,
  aufbau,
  anlaufstelle,
  quickWins,
  fallbeispiele,
  ansprechpartner,
  kooperationen,
  // Every name of the list, and no other.
} satisfies Record<TemplateName, TemplateDefinition>

export { templateNames, type TemplateName } from './templateNames.ts'
