/**
 * The names of the registry's templates (`registry.ts`), in its order, without their definitions:
 * what the HTTP contract and the phases check names against, so that neither loads a template's
 * layout (the editor's first load takes both; issue 64). `registry.ts` holds its keys equal to these.
 */
export const templateNames = [
  'bedarfsanalyse',
  'beteiligtenanalyse',
  'netzwerkkarte',
  'koordination',
  'gruendungsveranstaltung',
  'zukunftskonferenz',
  'zielsystem',
  'reifegrad',
  'arbeitsauftrag',
  'netzwerkregeln',
  'planspiel',
  'dienstleistungskette',
  'angebotsuebersicht',
  'fallkonferenz',
  'laufzettel',
  'fallmatrix',
  'oeffentlichkeitsarbeit',
  'statusbericht',
  'erfolg',
  'protokoll',
  'steuerungsgruppe',
  'befragung',
  'koordinationsprofil',
  'experteninterviews',
  'aufbau',
  'anlaufstelle',
  'quickWins',
  'fallbeispiele',
  'ansprechpartner',
  'kooperationen',
] as const

export type TemplateName = (typeof templateNames)[number]
