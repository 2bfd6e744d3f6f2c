/**
 * A stored board read back into a Y.Doc: for the room that opens it, and for whatever reads a
 * board without opening it (the versions API, board archives, the admin CLI). Below the room, so
 * that these need not load it.
 */
import * as Y from 'yjs'
import type { StoredDocument } from '../storage/Storage.ts'
import { checkUpdate } from '../judge/updateRules.ts'

/** Transaction origin of what the room itself applies from storage: never stored again. */
export const storageOrigin = Symbol('storage')

/**
 * Loads a stored board into a new doc. Updates stored before the relay checked them may not
 * apply: those are skipped (with whatever depended on them), and one that throws half-way is left
 * out of a fresh attempt, so that no single update can make a board unloadable.
 */
export function restoreDocument(stored: StoredDocument): { doc: Y.Doc; skipped: number } {
  const left = new Set<number>()
  for (;;) {
    const doc = new Y.Doc()
    let skipped = left.size
    let applying = -1
    try {
      Y.transact(doc, () => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
        stored.updates.forEach((update, index) => {
          if (left.has(index)) return
          if (!checkUpdate(doc, update).ok) {
            skipped++
            return
          }
          applying = index
          Y.applyUpdate(doc, update)
          applying = -1
        })
      }, storageOrigin)
    } catch (error) {
      doc.destroy()
      // The snapshot itself is the board: better no room than a board without it.
      if (applying < 0) throw error
      left.add(applying)
      continue
    }
    doc.store.pendingStructs = null
    doc.store.pendingDs = null
    return { doc, skipped }
  }
}
