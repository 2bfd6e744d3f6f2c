/**
 * Which store records belong in the Y.Doc: the record types the board declares
 * (`shared/board/declaration.ts`), and no others. tldraw also puts `user` records (name, colour)
 * in document scope for attribution; they are per-person data and travel through awareness
 * instead, so this is the board's list rather than "everything in document scope".
 */
import { boardRecordTypes } from '../../shared/board/declaration.ts'

export const syncedTypeNames: ReadonlySet<string> = boardRecordTypes

export function isSyncedTypeName(typeName: string): boolean {
  return syncedTypeNames.has(typeName)
}
