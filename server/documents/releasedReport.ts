/** The Dokumentation route's side of `releasedRead.ts`: load the released version the first job names, and ask again. */
import type { DocumentJob, DocumentResult } from './documentJobs.ts'
import type { Storage } from '../storage/Storage.ts'

/**
 * A Dokumentation job that reads the released version where the board says so: run once on the
 * live board, and once more on the version it names. A version storage no longer holds: the
 * board reads as not released (the live board, marked internal).
 */
export async function releasedReport(
  storage: Pick<Storage, 'versionState'>,
  job: Extract<DocumentJob, { kind: 'report' }>,
  run: (job: DocumentJob) => Promise<DocumentResult>,
): Promise<DocumentResult> {
  const first = await run(job)
  if (first.kind !== 'released-version') return first
  const state = await storage.versionState(job.board.id, first.version)
  return run(state ? { ...job, stored: undefined, released: { state, release: first.release } } : { ...job, versionGone: true })
}
