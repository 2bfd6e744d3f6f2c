/**
 * Which state of a board a document reads once the board is released (`entries/release.ts`):
 * the live board while it is as released; after a change, the released version for everyone
 * but the facilitator, who reads the live board marked internal, "geändert seit der Freigabe".
 * Read inside a worker job; a released version is loaded by the relay and handed to a second job.
 */
import type * as Y from 'yjs'
import type { Role } from '../../shared/access.ts'
import { contentFingerprint } from '../../shared/board/contentFingerprint.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { changedSinceRelease, readRelease } from '../../shared/board/entries/release.ts'

export type ReleasedRead =
  /** Read the live board; `changedSince`: the day of the release it differs from (for the facilitator). */
  | { kind: 'live'; changedSince?: string }
  /** Read this version instead, with the live release entry. */
  | { kind: 'version'; version: string; release: unknown }

export function releasedRead(doc: Y.Doc, role: Role, versionGone = false): ReleasedRead {
  if (versionGone) return { kind: 'live', changedSince: '' }
  const stored = facilitationMap(doc).get(facilitationKeys.release)
  const release = readRelease(stored)
  if (!release.version || !changedSinceRelease(release, contentFingerprint(doc))) return { kind: 'live' }
  return role === 'facilitator' ? { kind: 'live', changedSince: release.day ?? '' } : { kind: 'version', version: release.version, release: stored }
}
