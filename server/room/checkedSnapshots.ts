/**
 * Stored snapshots this relay process checked open as they are (`openingChanges.ts`): its own
 * compactions of a big board, and big boards it opened from a snapshot alone. A board stored as
 * exactly such a snapshot, nothing after it, is what joiners receive: they can be sent it as soon
 * as it is read (`boardLoad.ts`, `earlyAnswers.ts`), without waiting for the worker to restore it
 * and ask what opening changes. That wait was most of the first join storm after a board loads
 * (the QR moment): 113 ms to the first answer on the 0.33 MB Planspiel board, 57 of them restoring.
 *
 * Only a digest per board, never its content: a snapshot anything else wrote (an import, a
 * restored version, another relay of the group) has other bytes and goes the long way. Known to
 * this process only, so the rules of opening that checked it are the ones that run; a restart
 * forgets, and the board's next load checks it again.
 */
import { createHash } from 'node:crypto'
import type { StoredDocument } from '../storage/Storage.ts'

/** One digest is 44 characters: ten thousand boards are well under a megabyte. */
const defaultMaxBoards = 10_000

export const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64')

/** Whether `bytes` have this digest (`snapshotDigest`). */
export const sameDigest = (bytes: Uint8Array, digest: string): boolean => digestOf(bytes) === digest

/** The digest of `stored`'s snapshot when the snapshot is all of the board; null otherwise. */
export function snapshotDigest(stored: StoredDocument): string | null {
  return stored.snapshot && stored.updates.length === 0 ? digestOf(stored.snapshot) : null
}

export class CheckedSnapshots {
  /** Per board, the digest of the snapshot that opens as it is; oldest first. */
  private readonly digests = new Map<string, string>()

  constructor(private readonly maxBoards = defaultMaxBoards) {}

  /** The snapshot with this digest, stored as `boardId`'s, opens as it is. */
  remember(boardId: string, digest: string): void {
    this.digests.delete(boardId)
    this.digests.set(boardId, digest)
    if (this.digests.size > this.maxBoards) this.digests.delete(this.digests.keys().next().value!)
  }

  /** Whether the snapshot with this digest is `boardId`'s and opens as it is. */
  opensAsIs(boardId: string, digest: string): boolean {
    return this.digests.get(boardId) === digest
  }

  /** The board was deleted, or its stored snapshot was replaced by one nobody checked. */
  forget(boardId: string): void {
    this.digests.delete(boardId)
  }
}
