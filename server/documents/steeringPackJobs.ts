/**
 * The steering group's pack, made board by board (`GET /api/networks/:id/pack`): each board's
 * stored bytes are read, summarised in a worker job (`packBoardJob.ts`) and dropped before the
 * next is read; a released board is read as its released version; then one job composes the
 * pack from the summaries and renders it. Memory holds one board and the summaries, never the
 * network's boards at once.
 */
import type { Locale } from '../../shared/locale.ts'
import type { PackFormat } from '../../shared/networkApi.ts'
import { internalSummary, type PackBoardSummary } from '../../shared/results/packSummary.ts'
import { packOpenKeys } from '../../shared/results/steeringPack.ts'
import type { PackMemory } from '../../shared/results/itemLifeCycle.ts'
import type { PhaseId } from '../../shared/templates/phases.ts'
import type { DocumentJob, DocumentResult } from './documentJobs.ts'
import type { Storage, StoredDocument } from '../storage/Storage.ts'

export interface PackSource {
  storage: Pick<Storage, 'versionState'>
  loadStored(boardId: string): Promise<StoredDocument>
  run(job: DocumentJob, boards: readonly string[]): Promise<DocumentResult>
}

export interface PackRequest {
  network: { name: string; targetGroup: string }
  /** In the network's order; an internal board is only counted, never read. */
  boards: ReadonlyArray<{
    id: string
    title: string
    phase: PhaseId | null
    internal: boolean
    /** The board's Gremium: the pack takes the newest Statusbericht of each. */
    body?: string
    /** An internal board's methods with their Zettel counts (no content): the pack's Fahrplan counts them. */
    methods?: ReadonlyArray<{ template: string; notes: number }>
  }>
  format: PackFormat
  locale: Locale
  day: string
  /** The last pack made on an earlier day: this one lists what of it is done now. */
  previous?: PackMemory
  /** Told the keys of the items this pack lists as open, once it is made (the next pack compares with them). */
  remember?(open: string[]): Promise<void>
}

async function summarise(source: PackSource, board: PackRequest['boards'][number], day: string): Promise<PackBoardSummary> {
  const name = { id: board.id, title: board.title, phase: board.phase, body: board.body ?? '' }
  if (board.internal) return internalSummary(name, board.methods)
  const first = await source.run({ kind: 'pack-board', board: name, day, stored: await source.loadStored(board.id) }, [board.id])
  if (first.kind !== 'pack-board') throw new Error('a pack-board job answers with a summary')
  if (first.answer.kind === 'summary') return first.answer.summary
  const state = await source.storage.versionState(board.id, first.answer.version)
  // The released version is gone (a restored backup without it): the live board, not released any more.
  if (!state) {
    const again = await source.run({ kind: 'pack-board', board: name, day, stored: await source.loadStored(board.id), versionGone: true }, [board.id])
    if (again.kind !== 'pack-board' || again.answer.kind !== 'summary') throw new Error('a pack-board job answers with a summary')
    return again.answer.summary
  }
  const second = await source.run({ kind: 'pack-board', board: name, day, released: { state, release: first.answer.release } }, [board.id])
  if (second.kind !== 'pack-board' || second.answer.kind !== 'summary') throw new Error('a released version answers with a summary')
  return second.answer.summary
}

export async function makeSteeringPack(source: PackSource, request: PackRequest): Promise<DocumentResult> {
  const summaries: PackBoardSummary[] = []
  // One after the other: a board's bytes are let go before the next board's are read.
  for (const board of request.boards) summaries.push(await summarise(source, board, request.day))
  const { network, format, locale, day, previous } = request
  const result = await source.run({ kind: 'pack-compose', network, summaries, format, locale, day, ...(previous ? { previous } : {}) }, request.boards.map((b) => b.id))
  await request.remember?.(packOpenKeys(summaries))
  return result
}
