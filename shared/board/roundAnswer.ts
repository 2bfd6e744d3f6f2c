/**
 * One answer in an „Einverstanden?“ round (`entries/zustimmung.ts`): who, for which Haus, and what.
 * Apart from the entry so that the request's shape (`shared/api.ts`) brings no Yjs into the pages
 * that only talk to the relay.
 */
import { z } from 'zod'

/** Ja, Enthaltung, Nein, Rücksprache im Haus: what a Haus may answer, in the order they are offered. */
export const antworten = ['ja', 'enthaltung', 'nein', 'ruecksprache'] as const
export type Antwort = (typeof antworten)[number]

export const maxNameLength = 80
export const maxHausLength = 120

export const Answer = z.object({
  name: z.string().trim().min(1).max(maxNameLength),
  haus: z.string().trim().min(1).max(maxHausLength),
  antwort: z.enum(antworten),
})
export type Answer = z.infer<typeof Answer>
