/**
 * What the relay makes of a stored board besides serving it: exports, the Dokumentation (also as
 * PDF), what a network reads of its boards, the steering group's pack, a version of a board nobody
 * is on, a version's meta to put back, the judgement of a version made into a new board. Each job gets the stored
 * bytes and returns the finished answer, so that it can run in a worker thread
 * (`documentWorkers.ts`): decoding a board of 12 MB or laying out a PDF of long Zettel takes
 * seconds, and on the relay's one thread every other board would wait for it.
 *
 * Rights first: a job for the read-only link checks the board's export rights before it reads
 * any record, and answers only that it is refused.
 */
import * as Y from 'yjs'
import type { Role } from '../../shared/access.ts'
import { reportFormats } from '../../shared/api.ts'
import type { Locale } from '../../shared/locale.ts'
import { mayExport } from '../../shared/board/entries/exports.ts'
import { writersEntry } from '../../shared/board/entries/writers.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { exportBoard, exportFormats, heldBackReading, renderExport, templateSummaries, type ExportFormat } from '../../shared/results/export.ts'
import { dokumentation, dokumentationCsv, dokumentationLayout } from '../../shared/results/dokumentation.ts'
import { carrySource } from '../../shared/results/carrySource.ts'
import type { DocumentLayout } from '../../shared/results/layout.ts'
import { composeSteeringPack, steeringPackCsv, steeringPackLayout } from '../../shared/results/steeringPack.ts'
import type { PackBoardSummary } from '../../shared/results/packSummary.ts'
import { packBoardAnswer, type PackBoardAnswer, type PackBoardJob } from './packBoardJob.ts'
import type { PackFormat } from '../../shared/networkApi.ts'
import { exportSource } from './boardContent.ts'
import { boardSince, searchHits } from '../../shared/results/boardBetween.ts'
import { renderLayout, type LayoutFormat } from './dokumentation/layoutFormats.ts'
import { restoreDocument } from '../room/restoreDocument.ts'
import { runBoardLoadJob, type BoardLoadJob, type BoardLoadResult } from './boardLoadJobs.ts'
import { knownSchema } from '../judge/judgeUpdate.ts'
import { readableMeta } from '../judge/metaRepair.ts'
import { judgeState, type StateVerdict } from '../boardArchive/importCheck.ts'
import type { StoredDocument } from '../storage/Storage.ts'
import { contentFingerprint } from '../../shared/board/contentFingerprint.ts'
import { releasedRead } from './releasedRead.ts'
import type { PackMemory } from '../../shared/results/itemLifeCycle.ts'
import { readRecords } from '../../shared/board/records.ts'
import type { CaseSource } from '../../shared/results/caseCopies.ts'
import { caseCopiesIn } from '../../shared/results/caseCopiesIn.ts'

interface BoardName {
  id: string
  title: string
}

export type DocumentJob =
  | { kind: 'export'; board: BoardName; stored: StoredDocument; role: Role; format: ExportFormat; locale: Locale }
  /** A version's state, which the facilitator reads (no rights in it to check). */
  | { kind: 'version-export'; board: BoardName; state: Uint8Array; format: ExportFormat; locale: Locale }
  | {
      kind: 'report'
      board: BoardName
      /** The live board; or, after it answered `released-version`, that version's state with the live release entry. */
      stored?: StoredDocument
      released?: { state: Uint8Array; release: unknown }
      /** The release names a version storage no longer holds: the live board, as not released. */
      versionGone?: boolean
      role: Role
      format: ReportFormat
      locale: Locale
      day: string
      emptyTables: boolean
    }
  | { kind: 'carry-source'; board: BoardName; stored: StoredDocument }
  /** The board's templates counted, and its title (`title`, as typed) as the network may show it. */
  | { kind: 'template-counts'; stored: StoredDocument; title: string }
  | BoardLoadJob
  /** Whether this relay can read a version's meta, to put it back into the board (`metaRepair.ts`). */
  | { kind: 'version-meta'; state: Uint8Array }
  /** Whether a state may become a new board (a version copied into one), and what storage keeps beside it (`judgeState`). */
  | { kind: 'judge-state'; state: Uint8Array }
  /** A board's results for a network-wide search (`results/boardBetween.ts`); `internal`: the board is filed internal in its network. */
  | { kind: 'network-search'; board: BoardName; stored: StoredDocument; query: string; internal?: boolean }
  /** What changed on a board since a device last looked from its network's Fahrplan. */
  | { kind: 'board-since'; board: BoardName; stored: StoredDocument; seen?: string; since: number | null; day: string }
  /** A version's content fingerprint, for its release (`releaseApi.ts`). */
  | { kind: 'fingerprint'; state: Uint8Array }
  | PackBoardJob
  /** What a board (`stored`) or one of its versions (`state`) holds of a case (`results/caseCopies.ts`); `here`: the case's own board. */
  | { kind: 'case-copies'; source: CaseSource; here: boolean; stored?: StoredDocument; state?: Uint8Array }
  /** The steering group's pack from each board's summary (`steeringPackJobs.ts`). */
  | { kind: 'pack-compose'; network: { name: string; targetGroup: string }; summaries: PackBoardSummary[]; format: PackFormat; locale: Locale; day: string; previous?: PackMemory }

export type ReportFormat = (typeof reportFormats)[number]

export type DocumentResult =
  /** The read-only link may not export this board (its `facilitation/exports`). */
  | { kind: 'refused' }
  /**
   * A file to download; `day`: the day it is dated by, for its name; `title`: the board's title as
   * the file holds it (a case board's as its rule gives it, `caseBoardHold.ts`), for its name too.
   */
  | { kind: 'file'; body: string | Uint8Array; contentType: string; day?: string; title?: string }
  | { kind: 'json'; value: unknown }
  | Extract<BoardLoadResult, { kind: 'slices' }>
  | { kind: 'judged'; verdict: StateVerdict }
  | { kind: 'pack-board'; answer: PackBoardAnswer }
  /** The board changed since its release: the document reads this version (`releasedRead.ts`). */
  | { kind: 'released-version'; version: string; release: unknown }

export const exportContentTypes: Record<ExportFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
}

/** Reads the stored board, runs `read` on it and drops the copy. */
function withBoard<T>(stored: StoredDocument, read: (doc: Y.Doc) => T): T {
  const { doc } = restoreDocument(stored)
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** Reads a version's state (one update holding the whole board), runs `read` on it and drops the copy. */
function withState<T>(state: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** Whether `role` may export the board: the read-only link only if the facilitator allows it. */
const exportAllowed = (doc: Y.Doc, role: Role) => mayExport(role, facilitationMap(doc).get(facilitationKeys.exports))

/** A laid-out document as CSV or a file of its layout (`layoutFormats.ts`: Markdown, PDF, ODT, DOCX; marked internal on every page until it is released). */
export async function renderDocument(
  format: 'csv' | LayoutFormat,
  document: { layout: () => DocumentLayout; csv: () => string; internal: boolean; locale: Locale },
): Promise<{ body: string | Uint8Array; contentType: string }> {
  if (format === 'csv') return { body: document.csv(), contentType: 'text/csv; charset=utf-8' }
  return renderLayout(format, document.layout(), document.locale, document.internal)
}

export async function runDocumentJob(job: DocumentJob): Promise<DocumentResult> {
  switch (job.kind) {
    case 'export':
    case 'version-export': {
      const render = (doc: Y.Doc): DocumentResult => {
        const { records, votes, comments, consent } = exportSource(doc)
        const data = exportBoard(job.board, records, votes, comments, consent)
        return { kind: 'file', body: renderExport(data, job.format, job.locale), contentType: exportContentTypes[job.format], title: data.board.title }
      }
      if (job.kind === 'export') return withBoard(job.stored, (doc) => (exportAllowed(doc, job.role) ? render(doc) : { kind: 'refused' }))
      const doc = new Y.Doc()
      try {
        Y.applyUpdate(doc, job.state)
        return render(doc)
      } finally {
        doc.destroy()
      }
    }
    case 'report': {
      const { released } = job
      const read = released
        ? withState(released.state, (board) => dokumentation(job.board, exportSource(board).records, { ...exportSource(board), release: released.release }, job.day, { emptyTables: job.emptyTables }))
        : withBoard(job.stored!, (board) => {
            if (!exportAllowed(board, job.role)) return null
            const which = releasedRead(board, job.role, job.versionGone)
            if (which.kind === 'version') return which
            const source = exportSource(board)
            if (which.changedSince === undefined) return dokumentation(job.board, source.records, source, job.day, { emptyTables: job.emptyTables })
            // The facilitator's own copy after a change is internal: read as unreleased, so a template's gate (an Anlass not spruchreif) holds nothing back.
            const made = dokumentation(job.board, source.records, { ...source, release: undefined }, job.day, { emptyTables: job.emptyTables })
            return { ...made, release: { ...made.release, released: false, changedSince: which.changedSince } }
          })
      if (!read) return { kind: 'refused' }
      if ('kind' in read) return { kind: 'released-version', version: read.version, release: read.release }
      const doc = read
      if (job.format === 'json') return { kind: 'json', value: doc }
      const rendered = await renderDocument(job.format, {
        layout: () => dokumentationLayout(doc, job.locale),
        csv: () => dokumentationCsv(doc, job.locale),
        internal: !doc.release.released,
        locale: job.locale,
      })
      // Named by the meeting's day, else the reader's: a folder of them sorts.
      return { kind: 'file', ...rendered, day: doc.meeting.date || job.day, title: doc.board.title }
    }
    case 'carry-source': {
      return { kind: 'json', value: withBoard(job.stored, (doc) => {
        const source = exportSource(doc)
        return carrySource(job.board, source.records, source.meeting, source.consent, facilitationMap(doc).get(writersEntry.key))
      }) }
    }
    case 'template-counts':
      return { kind: 'json', value: withBoard(job.stored, (doc) => {
        const { records, consent } = exportSource(doc)
        return { templates: templateSummaries(records, consent), title: heldBackReading(records, consent).boardTitle(job.title) }
      }) }
    case 'board-state':
    case 'slices':
      return runBoardLoadJob(job)
    case 'version-meta':
      return { kind: 'json', value: readableMeta(job.state, knownSchema) }
    case 'judge-state':
      return { kind: 'judged', verdict: judgeState(job.state) }
    case 'network-search':
      return { kind: 'json', value: withBoard(job.stored, (doc) => {
        const { records, comments, consent, release } = exportSource(doc)
        return searchHits(records, comments, job.query, { consent, internal: job.internal, release })
      }) }
    case 'board-since':
      return { kind: 'json', value: withBoard(job.stored, (doc) => boardSince(doc, job.board, exportSource(doc), job.seen, job.since, job.day)) }
    case 'fingerprint':
      return { kind: 'json', value: withState(job.state, contentFingerprint) }
    case 'pack-board':
      return { kind: 'pack-board', answer: packBoardAnswer(job) }
    case 'case-copies': {
      const read = (doc: Y.Doc) => caseCopiesIn(readRecords(doc).records, job.source, job.here)
      if (job.state) return { kind: 'json', value: withState(job.state, read) }
      if (!job.stored) throw new Error('a case-copies job reads a stored board or a version')
      return { kind: 'json', value: withBoard(job.stored, read) }
    }
    case 'pack-compose': {
      const pack = composeSteeringPack(job.network, job.summaries, job.day, job.locale, job.previous)
      return {
        kind: 'file',
        ...(await renderDocument(job.format, {
          layout: () => steeringPackLayout(pack, job.locale),
          csv: () => steeringPackCsv(pack, job.locale),
          // Only released boards are let in (steeringPack.ts): the pack is never internal.
          internal: false,
          locale: job.locale,
        })),
      }
    }
  }
}

export const isExportFormat = (format: string): format is ExportFormat => (exportFormats as readonly string[]).includes(format)
