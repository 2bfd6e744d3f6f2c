/**
 * The Beschlüsse (`facilitation/beschluesse`): the notes a facilitator marked as decided, by
 * shape id, in the order they were marked. The Dokumentation lists them with their text and the
 * template cell they lie in; the canvas marks them for everyone.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

/** More than any meeting decides; bounds what one write may carry. */
export const maxBeschluesse = 200

export const Beschluesse = z.object({
  notes: z.array(z.string().startsWith('shape:').max(200)).max(maxBeschluesse),
})
export type Beschluesse = z.infer<typeof Beschluesse>

export const beschluesseEntry = defineEntry({
  key: 'beschluesse',
  schema: Beschluesse,
  default: { notes: [] } as Beschluesse,
  mayWrite: isFacilitator,
  // Nothing stored once the last mark is gone.
  write: (value) => (value.notes.length === 0 ? null : value),
})

export const readBeschluesse = beschluesseEntry.read

/** Marks the notes as Beschluss, or unmarks them when all of them are marked already. */
export function toggleBeschluesse(current: Beschluesse, ids: readonly string[]): Beschluesse {
  const all = ids.every((id) => current.notes.includes(id))
  const notes = all ? current.notes.filter((id) => !ids.includes(id)) : [...current.notes, ...ids.filter((id) => !current.notes.includes(id))]
  return { notes: notes.slice(0, maxBeschluesse) }
}
