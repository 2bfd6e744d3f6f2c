/**
 * The handbook's five phases of building a Produktionsnetzwerk (H 1.1, its chapters 2–6), each with
 * H's chapter title, H 1.1's guiding questions, and the instruments H's chapter holds: the Vorlagen
 * panel groups templates by them, a network's Fahrplan walks them. Where each instrument stands and
 * why is listed in docs/facilitation.md with its H section.
 *
 * H plans network work as "rekursive Schleifen", not a list to tick off: a phase may take up an
 * instrument of an earlier one again (`revisits`), and some instruments belong to no phase at all
 * but to every meeting or come back regularly (`recurring`).
 *
 * The ids are stored with every board of a network (`network_boards.phase`): they stay as they
 * were first cut, though phase 4's is named for the chain H's chapter 4 holds.
 */
import type { Labels } from '../locale.ts'
import { templateNames, type TemplateName } from './templateNames.ts'
import { preTicked } from './caseBoards.ts'

export const phaseIds = ['vorStart', 'gruendung', 'zieleArchitektur', 'dienstleistungskette', 'verstetigung'] as const
export type PhaseId = (typeof phaseIds)[number]

export interface Phase {
  id: PhaseId
  /** H's chapter that describes it. */
  chapter: number
  /** H's chapter title: "Der Start vor dem Start". */
  title: Labels
  /** What the phase is for, in a line. */
  aim: Labels
  /** H 1.1's guiding questions for the phase, in our words. */
  questions: readonly Labels[]
  /** The instruments H's chapter introduces, in the order they are usually used. */
  methods: readonly TemplateName[]
  /** Instruments of an earlier phase this one takes up again (H 1.1: rekursive Schleifen). */
  revisits: readonly TemplateName[]
}

export const phases: readonly Phase[] = [
  {
    id: 'vorStart',
    chapter: 2,
    title: { de: 'Der Start vor dem Start', en: 'Before the start' },
    aim: {
      de: 'Erst die Beteiligten kennen: wer schon für die Zielgruppe arbeitet, wer mit wem, und was gebraucht wird.',
      en: 'Know the people involved first: who already works for the target group, who works with whom, and what is needed.',
    },
    questions: [
      { de: 'Was wissen wir über die Lage vor Ort, welche Netzwerke gibt es schon?', en: 'What do we know about the local situation, which networks exist already?' },
      { de: 'Auf welche Akteure kommt es an?', en: 'Which actors matter?' },
      { de: 'Wie bringen wir Stellen, die bisher jede für sich arbeiten, früh an einen Tisch?', en: 'How do we bring bodies that work apart to one table early?' },
      { de: 'Wie erfahren wir, was die Beteiligten wissen, erlebt haben und wichtig finden?', en: 'How do we learn what those involved know, have lived through and hold important?' },
    ],
    methods: ['beteiligtenanalyse', 'netzwerkkarte', 'experteninterviews', 'bedarfsanalyse'],
    revisits: [],
  },
  {
    id: 'gruendung',
    chapter: 3,
    title: { de: 'Der Start in die Praxis', en: 'Getting started in practice' },
    aim: {
      de: 'Das Netzwerk gründen: wo es angesiedelt ist, wer koordiniert, die Gründungsveranstaltung und erste gemeinsame Ziele.',
      en: 'Found the network: where it sits, who coordinates, the founding event and first shared goals.',
    },
    questions: [
      { de: 'Welche Stellen, bestehenden Netzwerke und Ebenen – Leitung wie Fachkräfte – gehören dazu?', en: 'Which bodies, existing networks and levels – managers and practitioners – belong in it?' },
      { de: 'Wo siedeln wir das Netzwerk an, und welche Rolle spielt ein Lokales Bündnis für Familie?', en: 'Where does the network sit, and what part does a Local Alliance for Families play?' },
      { de: 'Wie gehen wir offen mit Konkurrenz um?', en: 'How do we deal openly with competition?' },
      { de: 'Wer koordiniert, und was muss die Koordination können?', en: 'Who coordinates, and what must the coordinator be able to do?' },
      { de: 'Wie bereiten wir die Gründungsveranstaltung vor?', en: 'How do we prepare the founding event?' },
    ],
    methods: ['koordination', 'koordinationsprofil', 'gruendungsveranstaltung', 'zielsystem'],
    revisits: [],
  },
  {
    id: 'zieleArchitektur',
    chapter: 4,
    title: { de: 'Ein Netzwerk schaffen', en: 'Creating a network' },
    aim: {
      de: 'Ziele gemeinsam ausarbeiten, den Aufbau klären, Arbeitsgruppen beauftragen, Regeln beschließen und die Dienstleistungskette erarbeiten.',
      en: 'Work out goals together, settle the structure, commission working groups, adopt rules and work out the service chain.',
    },
    questions: [
      { de: 'Was bringt das Netzwerk voran, und was hält die Partner zusammen?', en: 'What moves the network on, and what holds the partners together?' },
      { de: 'Worauf achten wir, wenn wir Ziele gemeinsam festlegen?', en: 'What do we watch for when we set goals together?' },
      { de: 'Wer bringt welche Kompetenz wo ein – und welcher Aufbau trägt das?', en: 'Who brings which skills where – and which structure carries that?' },
      { de: 'Wo reißen Wege ab, wo hakt es an Schnittstellen, wie greifen die Abläufe besser ineinander?', en: 'Where do paths break off, where do hand-overs stick, how can the work flow better?' },
      { de: 'Wie wird die Zusammenarbeit verbindlich, und was gilt, wenn wir Regeln beschließen?', en: 'How does working together become binding, and what matters when we adopt rules?' },
    ],
    methods: ['zukunftskonferenz', 'reifegrad', 'aufbau', 'arbeitsauftrag', 'netzwerkregeln', 'kooperationen', 'fallbeispiele', 'planspiel', 'dienstleistungskette'],
    revisits: ['zielsystem'],
  },
  {
    id: 'dienstleistungskette',
    chapter: 5,
    title: { de: 'Gemeinsame Produkte entwickeln', en: 'Developing shared products' },
    aim: {
      de: 'Was das Netzwerk gemeinsam anbietet: Wegweiser, Öffentlichkeitsarbeit, Fallkonferenz und Laufzettel.',
      en: 'What the network offers together: a guide to services, public relations, case conference and referral slip.',
    },
    questions: [
      { de: 'Welche Produkte festigen unser Netzwerk, und welche passen zu ihm?', en: 'Which products make our network firmer, and which suit it?' },
      { de: 'Welche Produkte sind denkbar, und wie entwickeln wir sie?', en: 'Which products are possible, and how do we develop them?' },
      { de: 'Was müssen wir entscheiden, bevor ein Produkt entsteht?', en: 'What must we decide before a product is made?' },
      { de: 'Wie wirken unsere Produkte nach außen?', en: 'How do our products shape how others see us?' },
    ],
    methods: ['anlaufstelle', 'angebotsuebersicht', 'oeffentlichkeitsarbeit', 'befragung', 'fallkonferenz', 'laufzettel'],
    revisits: [],
  },
  {
    id: 'verstetigung',
    chapter: 6,
    title: { de: 'Für Nachhaltigkeit sorgen', en: 'Making it last' },
    aim: {
      de: 'Prüfen, was trägt, Regeln lebendig halten und das Netzwerk auf Dauer sichern – in jeder Phase mitzudenken.',
      en: 'Check what holds, keep the rules alive and secure the network for the long run – to bear in mind in every phase.',
    },
    questions: [
      { de: 'Was braucht das Netzwerk, um auf Dauer zu bestehen?', en: 'What does the network need to last?' },
      { de: 'Woher kommen Mittel und Zeit, und wie bleiben sie?', en: 'Where do money and time come from, and how do they stay?' },
      { de: 'Bleibt das Netzwerk beweglich, wenn sich die Bedingungen ändern?', en: 'Does the network stay flexible when conditions change?' },
      { de: 'Wie verankert es sich vor Ort?', en: 'How does it take root locally?' },
      { de: 'Was muss sich in den eigenen Häusern ändern, damit es besteht?', en: 'What must change in our own organisations for it to last?' },
    ],
    methods: ['erfolg', 'ansprechpartner'],
    revisits: ['netzwerkregeln', 'kooperationen'],
  },
]

/** How often a recurring instrument comes back. */
export type Cadence = 'everyMeeting' | 'regularly'

/**
 * Instruments of no phase: kept at every meeting, or taken up regularly. Quick Wins (H 6.3.3) are
 * short aims beside the long ones, in any phase: they never move the Fahrplan on.
 */
export const recurring: ReadonlyArray<{ template: TemplateName; cadence: Cadence }> = (['protokoll', 'steuerungsgruppe', 'statusbericht', 'fallmatrix', 'quickWins'] as const).map((template): { template: TemplateName; cadence: Cadence } => ({ template, cadence: template === 'protokoll' ? 'everyMeeting' : 'regularly' }))

/** The recurring instruments' templates. */
export const everyPhase: readonly TemplateName[] = recurring.map((r) => r.template)

/**
 * Methods of a phase that never move the Fahrplan's „Als Nächstes“ nor are named by it: Erfolg is
 * a standing item of every meeting (H 4.2.1), a Fallkonferenz is often held early as a Quick Win
 * (H 6.3.3), and the instruments a coordinator reaches for when their question comes up
 * (interviews, a survey, the coordination's profile, the checklists, invented cases, contact
 * persons, the care of cooperations) are offered where they belong, not owed. They count as
 * worked where they stand; the pointer follows the core methods alone.
 */
export const offeredInstruments: readonly TemplateName[] = ['experteninterviews', 'koordinationsprofil', 'aufbau', 'kooperationen', 'fallbeispiele', 'anlaufstelle', 'befragung', 'ansprechpartner']

export const steadyMethods: readonly TemplateName[] = ['erfolg', 'fallkonferenz', ...offeredInstruments]

/** Whether a phase's count of methods worked („3/4 bearbeitet“) owes the template: not an instrument merely offered. */
export const owedInPhase = (template: TemplateName): boolean => !offeredInstruments.includes(template)

/** Whether work on a template moves the Fahrplan's pointer: a phase's core method, neither recurring nor steady. */
export const movesPointer = (template: TemplateName): boolean => !steadyMethods.includes(template) && !everyPhase.includes(template)

/** The phase that introduces a template's method; undefined for a recurring one. */
export const phaseOf = (template: TemplateName): Phase | undefined => phases.find((p) => p.methods.includes(template))

/** A phase's number as the handbook counts them, from 1. */
export const phaseNumber = (id: PhaseId): number => phaseIds.indexOf(id) + 1

/** Every template once, phase by phase, then the recurring ones: the order the Vorlagen panel offers them. */
export const templatesByPhase: readonly TemplateName[] = [...phases.flatMap((p) => p.methods), ...everyPhase]

/** What "Neues Board in dieser Phase" offers (the phase's own, those it takes up again, the recurring) and what it ticks to begin with: never a case (H 5.3.5). */
export function newBoardChoices(phase: Phase, max: number): { offered: TemplateName[]; ticked: TemplateName[] } {
  const offered = [...new Set([...phase.methods, ...phase.revisits, ...everyPhase])]
  return { offered, ticked: preTicked(phase.methods).slice(0, max) }
}

// Kept in step with the registry: a template added there without a place here would be offered nowhere.
const missing = templateNames.filter((name) => !templatesByPhase.includes(name))
if (missing.length > 0) throw new Error(`templates without a phase: ${missing.join(', ')}`)
const twice = templatesByPhase.filter((name, i) => templatesByPhase.indexOf(name) !== i)
if (twice.length > 0) throw new Error(`templates in two places: ${twice.join(', ')}`)
