/**
 * Each template of the registry loaded on its own, for the list „Beitragen“ (`knownTemplates.ts`):
 * a board holds one or two of them, and a phone fetches only those. The same names as
 * `registry.ts` (`templateNames.ts`): typed by those names, so that the compiler holds the lists equal.
 */
import type { TemplateDefinition } from './definition.ts'
import type { TemplateName } from './templateNames.ts'

export const templateLoaders: Record<TemplateName, () => Promise<TemplateDefinition>> = {
  arbeitsauftrag: () => import('./arbeitsauftrag.ts').then((m) => m.arbeitsauftrag),
  bedarfsanalyse: () => import('./bedarfsanalyse.ts').then((m) => m.bedarfsanalyse),
  beteiligtenanalyse: () => import('./beteiligtenanalyse.ts').then((m) => m.beteiligtenanalyse),
  dienstleistungskette: () => import('./dienstleistungskette.ts').then((m) => m.dienstleistungskette),
  fallmatrix: () => import('./fallmatrix.ts').then((m) => m.fallmatrix),
  gruendungsveranstaltung: () => import('./gruendungsveranstaltung.ts').then((m) => m.gruendungsveranstaltung),
  netzwerkkarte: () => import('./netzwerkkarte.ts').then((m) => m.netzwerkkarte),
  netzwerkregeln: () => import('./netzwerkregeln.ts').then((m) => m.netzwerkregeln),
  planspiel: () => import('./planspiel.ts').then((m) => m.planspiel),
  protokoll: () => import('./protokoll.ts').then((m) => m.protokoll),
  reifegrad: () => import('./reifegrad.ts').then((m) => m.reifegrad),
  statusbericht: () => import('./statusbericht.ts').then((m) => m.statusbericht),
  zielsystem: () => import('./zielsystem.ts').then((m) => m.zielsystem),
  zukunftskonferenz: () => import('./zukunftskonferenz.ts').then((m) => m.zukunftskonferenz),
  fallkonferenz: () => import('./fallkonferenz.ts').then((m) => m.fallkonferenz),
  erfolg: () => import('./erfolg.ts').then((m) => m.erfolg),
  angebotsuebersicht: () => import('./angebotsuebersicht.ts').then((m) => m.angebotsuebersicht),
  laufzettel: () => import('./laufzettel.ts').then((m) => m.laufzettel),
  koordination: () => import('./koordination.ts').then((m) => m.koordination),
  oeffentlichkeitsarbeit: () => import('./oeffentlichkeitsarbeit.ts').then((m) => m.oeffentlichkeitsarbeit),
  steuerungsgruppe: () => import('./steuerungsgruppe.ts').then((m) => m.steuerungsgruppe),
  befragung: () => import('./befragung.ts').then((m) => m.befragung),
  koordinationsprofil: () => import('./koordinationsprofil.ts').then((m) => m.koordinationsprofil),
  experteninterviews: () => import('./experteninterviews.ts').then((m) => m.experteninterviews),
  aufbau: () => import('./aufbau.ts').then((m) => m.aufbau),
  anlaufstelle: () => import('./anlaufstelle.ts').then((m) => m.anlaufstelle),
  quickWins: () => import('./quickWins.ts').then((m) => m.quickWins),
  fallbeispiele: () => import('./fallbeispiele.ts').then((m) => m.fallbeispiele),
  ansprechpartner: () => import('./ansprechpartner.ts').then((m) => m.ansprechpartner),
  kooperationen: () => import('./kooperationen.ts').then((m) => m.kooperationen),
}
