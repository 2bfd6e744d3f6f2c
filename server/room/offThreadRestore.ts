/**
 * A stored board read into a doc without holding the relay's thread. A big board is restored and
 * cut into slices in a worker thread (`documentJobs.ts`, job `slices`) and applied here a slice per
 * turn of the event loop (`boardSlices.ts`); a small one is read here at once, because the trip to
 * a worker and back costs more than it saves.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { applySlices } from './boardSlices.ts'
import { describeError, type Logger } from '../base/logger.ts'
import { restoreDocument, storageOrigin } from './restoreDocument.ts'
import type { StoredDocument } from '../storage/Storage.ts'

/**
 * Restores a stored board in a worker: its slices, its whole state as one update, the updates left
 * out. `readable` hears the board restored before its slices are cut (`boardLoadJobs.ts`).
 */
export type RestoreInWorker = (
  boardId: string,
  stored: StoredDocument,
  readable?: (board: { full: Uint8Array; opensAsIs: boolean }) => void,
) => Promise<{ slices: Uint8Array[]; full: Uint8Array; skipped: number; checked?: string | null }>

/**
 * Below this, and written under few client ids, a board is read here in about 15 ms: less than a
 * worker's round trip. Yjs pays per client of an update as well as per byte (9,000 ids of one
 * struct each are 250 KB and took 200 ms), so both are counted.
 */
export const restoreHereBelowBytes = 256 * 1024
export const restoreHereBelowClients = 500

export const storedBytes = (stored: StoredDocument) => stored.updates.reduce((sum, update) => sum + update.byteLength, stored.snapshot?.byteLength ?? 0)

/** Whether restoring `stored` here is cheap: few bytes, and few clients (a V1 update opens with their number). */
export function cheapToRestoreHere(stored: StoredDocument): boolean {
  if (storedBytes(stored) >= restoreHereBelowBytes) return false
  let clients = 0
  for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
    try {
      clients += decoding.readVarUint(decoding.createDecoder(update))
    } catch {
      // Unreadable here means work for the worker (which skips what it cannot apply).
      return false
    }
    if (clients >= restoreHereBelowClients) return false
  }
  return true
}

export interface Restored {
  doc: Y.Doc
  skipped: number
  /** The board's whole state as one update, when the worker encoded it already: null if not. */
  full: Uint8Array | null
  /** The worker's digest of the stored snapshot, when it checked it (`checkedSnapshots.ts`); null if not, or if the board was read again. */
  checked?: string | null
}

/**
 * Reads `stored` into a new doc, big boards through `inWorker`. The stored bytes are moved to the
 * worker, so the caller must not read them afterwards; should the slices fail to apply (a bug, not
 * an input: they were cut from the board itself), the board is read again with `reread` and
 * restored here, slowly but whole. `readable`: the board's whole state, as soon as the worker has
 * restored it and only if opening the room changes nothing of it (`openingChanges.ts`), while its slices are still cut and applied here; the doc
 * returned holds exactly that state.
 */
export async function restoreOffThread(
  boardId: string,
  stored: StoredDocument,
  options: { inWorker?: RestoreInWorker; reread: () => Promise<StoredDocument>; logger: Logger; readable?: (full: Uint8Array) => void },
): Promise<Restored> {
  if (!options.inWorker || cheapToRestoreHere(stored)) return { ...restoreDocument(stored), full: null }
  const { readable } = options
  let sliced: Awaited<ReturnType<RestoreInWorker>>
  try {
    sliced = await options.inWorker(boardId, stored, readable && (({ full, opensAsIs }) => opensAsIs && readable(full)))
  } catch (error) {
    // The worker failed, took too long or has too much waiting: the board opens all the same, slowly.
    options.logger.error('board not restored in the worker: restored on the relay’s thread', { board: boardId, ...describeError(error) })
    return { ...restoreDocument(await options.reread()), full: null }
  }
  const doc = new Y.Doc()
  try {
    await applySlices(doc, sliced.slices, storageOrigin)
    return { doc, skipped: sliced.skipped, full: sliced.full, checked: sliced.checked ?? null }
  } catch (error) {
    doc.destroy()
    options.logger.error('board slices did not apply: restored on the relay’s thread', { board: boardId, ...describeError(error) })
    return { ...restoreDocument(await options.reread()), full: null }
  }
}
