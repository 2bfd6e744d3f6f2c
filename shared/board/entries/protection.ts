/**
 * "Zettel anderer schützen" (`facilitation/protection`): whether participants may delete only
 * their own notes (on, the default) or others' too. The rule it switches is the declaration's
 * (`mayDeleteShape` in `../declaration.ts`); a note's author is its `meta.author`.
 */
import { z } from 'zod'
import { defineEntry } from '../entry.ts'
import { isFacilitator } from '../rights.ts'

export const NoteProtection = z.object({ othersNotes: z.boolean() })
export type NoteProtection = z.infer<typeof NoteProtection>

export const protectionEntry = defineEntry({
  key: 'protection',
  schema: NoteProtection,
  default: { othersNotes: true } as NoteProtection,
  mayWrite: isFacilitator,
})

export const protectionKey = protectionEntry.key
export const readNoteProtection = protectionEntry.read
