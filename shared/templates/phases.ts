/**
 * The handbook's five phases of building a Produktionsnetzwerk (H 1.1, its chapters 2–6), and the
 * methods each phase uses: the Vorlagen panel groups templates by them, a network's Fahrplan walks them. The
 * Protokoll belongs to no phase: every meeting of every phase keeps one.
 */
import type { Labels } from '../locale.ts'
import { templateNames, type TemplateName } from './registry.ts'

export const phaseIds = ['vorStart', 'gruendung', 'zieleArchitektur', 'dienstleistungskette', 'verstetigung'] as const
export type PhaseId = (typeof phaseIds)[number]

export interface Phase {
  id: PhaseId
  /** "1 · Start vor dem Start" */
  title: Labels
  /** What the phase is for, in a line. */
  aim: Labels
  /** Its methods, in the order they are usually done. */
  methods: readonly TemplateName[]
}

export const phases: readonly Phase[] = [
  {
    id: 'vorStart',
    title: { de: 'Der Start vor dem Start', en: 'Before the start' },
    aim: {
      de: 'Bedarf klären, mögliche Partner einschätzen und sichtbar machen, wer schon mit wem arbeitet.',
      en: 'Clarify the need, weigh up possible partners and show who already works with whom.',
    },
    methods: ['bedarfsanalyse', 'beteiligtenanalyse', 'netzwerkkarte'],
  },
  {
    id: 'gruendung',
    title: { de: 'Der Start in die Praxis: Gründung', en: 'Getting started: founding' },
    aim: {
      de: 'Die Partner zusammenbringen, Erwartungen und erste Regeln klären, eine gemeinsame Zukunft entwerfen.',
      en: 'Bring the partners together, clarify expectations and first rules, draw up a shared future.',
    },
    methods: ['koordination', 'gruendungsveranstaltung', 'zukunftskonferenz'],
  },
  {
    id: 'zieleArchitektur',
    title: { de: 'Ein Netzwerk schaffen: Ziele und Architektur', en: 'Building the network: goals and architecture' },
    aim: {
      de: 'Ein Zielsystem vereinbaren, die Funktionen des Netzwerks klären, Arbeitsgruppen beauftragen und verbindliche Regeln beschließen.',
      en: 'Agree a goal system, clarify what the network is for, commission working groups and adopt binding rules.',
    },
    methods: ['zielsystem', 'reifegrad', 'arbeitsauftrag', 'netzwerkregeln'],
  },
  {
    id: 'dienstleistungskette',
    title: { de: 'Gemeinsame Produkte: die Dienstleistungskette', en: 'Shared products: the service chain' },
    aim: {
      de: 'Die Angebote zu einer Kette verbinden: im Planspiel erproben, Lücken und Schnittstellen an Fällen prüfen.',
      en: 'Join the services into one chain: try it out in a Planspiel, test gaps and hand-overs on cases.',
    },
    methods: ['planspiel', 'dienstleistungskette', 'angebotsuebersicht', 'fallkonferenz', 'laufzettel', 'fallmatrix', 'oeffentlichkeitsarbeit'],
  },
  {
    id: 'verstetigung',
    title: { de: 'Für Nachhaltigkeit sorgen', en: 'Keeping it going' },
    aim: {
      de: 'Der Steuerungsgruppe berichten, den Erfolg prüfen und das Netzwerk auf Dauer sichern.',
      en: 'Report to the steering group, review success and secure the network for the long run.',
    },
    methods: ['statusbericht', 'erfolg'],
  },
]

/** Templates that belong to every phase rather than one (minutes of any meeting). */
export const everyPhase: readonly TemplateName[] = ['protokoll', 'steuerungsgruppe']

/** The phase a template's method belongs to; undefined for the Protokoll. */
export const phaseOf = (template: TemplateName): Phase | undefined => phases.find((p) => p.methods.includes(template))

/** A phase's number as the handbook counts them, from 1. */
export const phaseNumber = (id: PhaseId): number => phaseIds.indexOf(id) + 1

/** Every template once, phase by phase, then those of every phase: the registry's own order. */
export const templatesByPhase: readonly TemplateName[] = [...phases.flatMap((p) => p.methods), ...everyPhase]

// Kept in step with the registry: a template added there without a phase here would be offered nowhere.
const missing = templateNames.filter((name) => !templatesByPhase.includes(name))
if (missing.length > 0) throw new Error(`templates without a phase: ${missing.join(', ')}`)
