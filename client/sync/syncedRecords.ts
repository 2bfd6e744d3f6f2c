/**
 * Which store records belong in the Y.Doc.
 *
 * tldraw also puts `user` records (name, colour) in document scope for attribution; they are
 * per-person data and travel through awareness instead, so this list is explicit rather than
 * "everything in document scope".
 */
export const syncedTypeNames: ReadonlySet<string> = new Set([
  'document',
  'page',
  'shape',
  'binding',
  'asset',
])

export function isSyncedTypeName(typeName: string): boolean {
  return syncedTypeNames.has(typeName)
}
