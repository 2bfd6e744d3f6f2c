/**
 * Boards holding a case (a Fallkonferenz, H 5.3.5) are the coordination's: internal whatever
 * else they hold, never started with a case because a phase lists it, and their tasks stay on
 * the board. So is the Beteiligtenanalyse (H 2.3.1): the initiating body's own tool, whose
 * partners' interests, motives and conflicts must not reach those partners. Read by the
 * Fahrplan's new-board dialog, the relay filing a new board and the pack.
 */
import type { TemplateName } from './registry.ts'

/** Templates that hold a person's case. */
export const caseTemplates: readonly TemplateName[] = ['fallkonferenz']

export const isCaseTemplate = (template: string): boolean => (caseTemplates as readonly string[]).includes(template)

/**
 * The coordination's own instruments: a board made with one is filed internal, and where one is
 * inserted into an ordinary board, the network reads nothing of it but that it was worked on
 * (`results/internalParts.ts`); the board's own export keeps it for the people on the board.
 */
export const internalTemplates: readonly TemplateName[] = ['beteiligtenanalyse']

export const isInternalTemplate = (template: string): boolean => (internalTemplates as readonly string[]).includes(template)

/** The methods a new board of a phase starts with ticked: every one but a case, which someone chooses on purpose. */
export const preTicked = (methods: readonly TemplateName[]): TemplateName[] => methods.filter((m) => !isCaseTemplate(m))

/** A board made with these templates is internal, whatever the coordinator ticked. */
export const mustBeInternal = (templates: readonly string[]): boolean => templates.some((t) => isCaseTemplate(t) || isInternalTemplate(t))
