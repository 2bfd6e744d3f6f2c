/**
 * One board of the steering group's pack, read in a worker job (`documentJobs.ts`): its summary
 * (`shared/results/packSummary.ts`), a few kilobytes, instead of its records. A released board
 * whose content changed since its release answers with the version to read instead; the relay
 * loads that and asks again with its state and the live release entry
 * (`steeringPackJobs.ts`). So a pack of 500 boards decodes one board at a time and keeps only
 * the summaries.
 */
import * as Y from 'yjs'
import { contentFingerprint } from '../../shared/board/contentFingerprint.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { changedSinceRelease, readRelease } from '../../shared/board/entries/release.ts'
import { packBoardSummary, type PackBoardSummary } from '../../shared/results/packSummary.ts'
import type { PhaseId } from '../../shared/templates/phases.ts'
import { exportSource } from './boardContent.ts'
import { restoreDocument } from '../room/restoreDocument.ts'
import type { StoredDocument } from '../storage/Storage.ts'

export interface PackBoardJob {
  kind: 'pack-board'
  board: { id: string; title: string; phase: PhaseId | null; body?: string }
  day: string
  /** The live board as stored; or, once it said so, its released version with the live release entry. */
  stored?: StoredDocument
  released?: { state: Uint8Array; release: unknown }
  /** The release names a version storage no longer holds: read the live board as not released. */
  versionGone?: boolean
}

export type PackBoardAnswer = { kind: 'summary'; summary: PackBoardSummary } | { kind: 'needs-version'; version: string; release: unknown }

function summaryOf(job: PackBoardJob, doc: Y.Doc, release: unknown, changed: boolean): PackBoardSummary {
  const { records, beschluesse, meeting, comments, consent, rounds } = exportSource(doc)
  return packBoardSummary({ ...job.board, internal: false, records, facilitation: { beschluesse, release, meeting, comments, consent, rounds }, changedSinceRelease: changed }, job.day)
}

export function packBoardAnswer(job: PackBoardJob): PackBoardAnswer {
  if (job.released) {
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, job.released.state)
      return { kind: 'summary', summary: summaryOf(job, doc, job.released.release, true) }
    } finally {
      doc.destroy()
    }
  }
  if (!job.stored) throw new Error('a pack-board job reads a stored board or a released version')
  const { doc } = restoreDocument(job.stored)
  try {
    const stored = facilitationMap(doc).get(facilitationKeys.release)
    if (job.versionGone) return { kind: 'summary', summary: summaryOf(job, doc, undefined, false) }
    const release = readRelease(stored)
    if (release.version && changedSinceRelease(release, contentFingerprint(doc))) return { kind: 'needs-version', version: release.version, release: stored }
    return { kind: 'summary', summary: summaryOf(job, doc, stored, false) }
  } finally {
    doc.destroy()
  }
}
