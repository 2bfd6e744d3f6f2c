/**
 * Stored snapshots this relay process checked open as they are (`openingChanges.ts`): its own
 * compactions of a big board, and big boards it opened from a snapshot alone. A board stored as
 * exactly such a snapshot, nothing after it, is what joiners receive: they can be sent it as soon
 * as it is read (`boardLoad.ts`, `earlyAnswers.ts`), without waiting for the worker to restore it
 * and ask what opening changes. That wait was most of the first join storm after a board loads
 * (the QR moment): 113 ms to the first answer on the 0.33 MB Planspiel board, 57 of them restoring.
 *
 * Only a size and a digest per board, never its content: a snapshot anything else wrote (an import, a
 * restored version, another relay of the group) has other bytes and goes the long way. A snapshot
 * opened is remembered only when it is byte for byte the board's own encoding (`boardLoadJobs.ts`):
 * stored bytes may hold what the restore drops (deleted words kept without GC, pending structs),
 * and those must never be sent as they are stored. Digests are taken in the board-load worker. Known to
 * this process only, so the rules of opening that checked it are the ones that run; a restart
 * forgets, and the board's next load checks it again.
 */
import { createHash } from 'node:crypto'
import type { StoredDocument } from '../storage/Storage.ts'

/** One digest is 44 characters: ten thousand boards are a few megabytes at most. */
const defaultMaxBoards = 10_000

export const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64')

export class CheckedSnapshots {
  /** Per board, the size and digest of the snapshot that opens as it is; oldest first. */
  private readonly checked = new Map<string, { bytes: number; digest: string }>()

  constructor(private readonly maxBoards = defaultMaxBoards) {}

  /** The snapshot of `bytes` with this digest, stored as `boardId`'s, opens as it is. */
  remember(boardId: string, bytes: number, digest: string): void {
    this.checked.delete(boardId)
    this.checked.set(boardId, { bytes, digest })
    if (this.checked.size > this.maxBoards) this.checked.delete(this.checked.keys().next().value!)
  }

  /**
   * Whether `stored`, read as `boardId`'s, is a snapshot alone that opens as it is. Hashed on the
   * relay's thread only when its size is the one remembered (32 MiB: 19-61 ms): a miss costs nothing.
   */
  opensAsIs(boardId: string, stored: StoredDocument): boolean {
    const checked = this.checked.get(boardId)
    const { snapshot } = stored
    return !!checked && !!snapshot && stored.updates.length === 0 && snapshot.byteLength === checked.bytes && digestOf(snapshot) === checked.digest
  }

  /** The board was deleted, or its stored snapshot was replaced by one nobody checked. */
  forget(boardId: string): void {
    this.checked.delete(boardId)
  }
}
