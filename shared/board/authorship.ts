/**
 * Whose a shape is, and whether a writer may take back or rewrite it: apart from the judge
 * (`declaration.ts`, which re-exports these), so that the list „Beitragen“ reads it without
 * loading every rule of the board's writes.
 */
import { canEdit, isFacilitator, type Role } from './rights.ts'
import { readNoteProtection } from './entries/protection.ts'

/** Where a shape records who made it: the author id of the browser that created it. */
export const authorMetaKey = 'author'

export const authorOf = (record: { meta?: unknown } | undefined): string | undefined => {
  const author = (record?.meta as Record<string, unknown> | undefined)?.[authorMetaKey]
  return typeof author === 'string' ? author : undefined
}

/**
 * May this writer delete this (non-scaffold) shape, or change its text, now? Others' words are
 * theirs while "Zettel anderer schützen" is on: moving them (clustering) stays open to all.
 */
export function mayDeleteShape(role: Role, author: string | null, shape: { meta?: unknown }, protection: unknown): boolean {
  if (isFacilitator(role)) return true
  if (!canEdit(role)) return false
  if (!readNoteProtection(protection).othersNotes) return true
  return author !== null && authorOf(shape) === author
}
