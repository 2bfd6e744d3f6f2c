/**
 * The jobs a room hands to a thread of its own (`app.ts`' board loads): a big board cut into
 * slices for the room that opens it, and its state as one update for compaction. Only Yjs and the
 * board's restore: the thread that runs them (`boardLoadWorker.ts`) starts in a fraction of a
 * document thread's time, which matters because a room may wait for it.
 */
import * as Y from 'yjs'
import { opensChanged } from '../room/openingChanges.ts'
import { digestOf } from '../room/checkedSnapshots.ts'
import { restoreDocument } from '../room/restoreDocument.ts'
import { sliceDocument } from '../room/boardSlices.ts'
import type { StoredDocument } from '../storage/Storage.ts'

export type BoardLoadJob =
  /** The stored board as one state: compaction, or a version of a board nobody is on. */
  | { kind: 'board-state'; stored: StoredDocument }
  /** The stored board cut into slices, for a room that opens it or a rehearsal copy of it (`boardSlices.ts`). */
  | { kind: 'slices'; stored: StoredDocument }

/**
 * A `slices` job's board as restored, before it is cut (posted ahead of the slices, `jobPort.ts`):
 * its whole state as one update, what a joining client is sent; `opensAsIs`: the room's opening
 * changes nothing of it (`openingChanges.ts`), so joiners may be sent it before (`earlyAnswers.ts`).
 */
export interface BoardRestored {
  kind: 'restored'
  full: Uint8Array
  skipped: number
  opensAsIs: boolean
}

export type BoardLoadResult =
  /**
   * A `board-state` job's. `checked`: the body's digest when the board opens as it is (as for
   * `BoardRestored`), which compaction remembers (`checkedSnapshots.ts`); taken here: 20-60 ms of a thread for 32 MiB.
   */
  | { kind: 'file'; body: Uint8Array; contentType: string; checked: string | null }
  /**
   * The board in slices, and the stored updates left out; its whole state too, unless it went ahead (`BoardRestored`).
   * `checked`: the digest of the stored snapshot when it is all of the board, opens as it is, and is
   * byte for byte the board's own encoding (`checkedSnapshots.ts`); taken here, off the relay's thread.
   */
  | { kind: 'slices'; slices: Uint8Array[]; full: Uint8Array | null; skipped: number; checked?: string | null }

/** Whether `stored` is one snapshot with exactly the bytes `full` has. */
function isOwnEncoding(stored: StoredDocument, full: Uint8Array): boolean {
  const { snapshot } = stored
  return !!snapshot && stored.updates.length === 0 && Buffer.from(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength).equals(full)
}

export function runBoardLoadJob(job: BoardLoadJob, restored?: (board: BoardRestored) => void): BoardLoadResult {
  // Its thread is handed nothing else (`app.ts`); a job of another kind would be a wiring mistake.
  if (job.kind !== 'board-state' && job.kind !== 'slices') throw new Error(`not a board load: ${String((job as { kind: unknown }).kind)}`)
  const { doc, skipped } = restoreDocument(job.stored)
  try {
    if (job.kind === 'board-state') {
      const body = Y.encodeStateAsUpdate(doc)
      return { kind: 'file', body, contentType: 'application/octet-stream', checked: opensChanged(doc) ? null : digestOf(body) }
    }
    const full = Y.encodeStateAsUpdate(doc)
    const opensAsIs = !opensChanged(doc)
    // Joiners can be sent the board while it is cut and applied (`earlyAnswers.ts`).
    if (restored) restored({ kind: 'restored', full, skipped, opensAsIs })
    const slices = sliceDocument(doc)
    // The stored bytes may hold what the restore drops (deleted words kept without GC, pending structs): only the board's own encoding counts.
    const checked = opensAsIs && skipped === 0 && isOwnEncoding(job.stored, full) ? digestOf(full) : null
    return { kind: 'slices', slices, full: restored ? null : full, skipped, checked }
  } finally {
    doc.destroy()
  }
}
