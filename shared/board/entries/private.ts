/**
 * Private writing ("verdeckt schreiben"): while the facilitator has a round open, the notes
 * participants write never enter the shared document. Each browser sends its own notes to the
 * relay (`PUT /api/boards/:id/private`), which keeps them in storage under the browser's author
 * id; the relay refuses a participant's new note in the document meanwhile. At the reveal
 * (`POST /api/boards/:id/private/reveal`, facilitator) the relay writes every stored note into
 * the document, signed with its author, and ends the round. A browser reads back only its own
 * notes (after a reload).
 *
 *   facilitation.private: { id, startedAt, writers?, notes? }
 *     id, startedAt    written by the facilitator when the round opens
 *     writers, notes   how many people have written how many notes, written by the relay
 *
 * In the writer's own browser a private note carries `meta.netzwerkstattPrivate` (the round's
 * id); the record bridge keeps such notes out of the document.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { canEdit, isFacilitator, type Role } from '../rights.ts'
import { metaKey } from '../scaffoldMeta.ts'

export const privateMetaKey = 'netzwerkstattPrivate'
/** Notes per person in one round. */
export const maxPrivateNotes = 50

export const PrivateRound = z.object({
  id: z.string().min(1).max(200),
  startedAt: z.number(),
  writers: z.number().int().min(0).optional(),
  notes: z.number().int().min(0).optional(),
})
export type PrivateRound = z.infer<typeof PrivateRound>

export const privateEntry = defineEntry({
  key: 'private',
  schema: PrivateRound,
  default: undefined,
  mayWrite: isFacilitator,
  // Opened by the facilitator, ended only by the relay's reveal, so that no private note is left behind.
  refuses: (stored) => (stored !== undefined ? 'a round of private writing ends with its reveal' : null),
})

export const readPrivateRound = privateEntry.read

/** Whose new notes go to the relay while a round is open: everyone who writes, but the facilitator. */
export const writesPrivately = (role: Role) => canEdit(role) && !isFacilitator(role)

/** What a browser sends: all its notes of the round, whole (an empty list withdraws them). */
export const OwnPrivateNotes = z.object({
  roundId: z.string().min(1).max(200),
  notes: z.array(z.record(z.string(), z.unknown())).max(maxPrivateNotes),
})
export type OwnPrivateNotes = z.infer<typeof OwnPrivateNotes>

export const PrivateRevealRequest = z.object({ roundId: z.string().min(1).max(200) })
/**
 * The reveal's answer: notes written into the board, notes left out as no participant's valid
 * note, and notes still private because the board had no room left for them (the round stays open).
 */
export const PrivateRevealOutcome = z.object({ revealed: z.number().int().min(0), leftOut: z.number().int().min(0), waiting: z.number().int().min(0).default(0) })
export type PrivateRevealOutcome = z.infer<typeof PrivateRevealOutcome>

/** A note kept out of the document in its writer's browser. */
export function isPrivateRecord(record: unknown): boolean {
  const meta = (record as { meta?: Record<string, unknown> } | undefined)?.meta
  return typeof meta?.[privateMetaKey] === 'string'
}

/**
 * A private note as it enters the document at the reveal: signed by its author, no longer
 * private, and no template scaffold (`scaffold.ts`), whatever meta its browser gave it.
 */
export function revealedRecord(note: Record<string, unknown>, author: string): Record<string, unknown> {
  const { [privateMetaKey]: _private, [metaKey]: _scaffold, ...meta } = (note.meta as Record<string, unknown> | undefined) ?? {}
  return { ...note, meta: { ...meta, author } }
}
