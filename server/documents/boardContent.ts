/** Reading a board for exports: from its live room if loaded, else from storage. */
import type * as Y from 'yjs'
import { readComments, type Comment } from '../../shared/board/comments.ts'
import { readRecords } from '../../shared/board/records.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { readVotes, type KeptVote } from '../../shared/board/entries/voteRecord.ts'
import { readRounds, type KeptRound } from '../../shared/board/entries/zustimmungen.ts'
import { loadWithinBudget } from '../judge/boardBudget.ts'
import { restoreDocument } from '../room/restoreDocument.ts'
import type { Rooms } from '../room/Rooms.ts'
import type { DocumentLog } from '../storage/Storage.ts'

async function readBoard<T>(rooms: Rooms, storage: DocumentLog, boardId: string, maxBoardBytes: number, read: (doc: Y.Doc) => T): Promise<T> {
  const live = rooms.get(boardId)
  if (live) return read(live.doc)
  // Not loaded: read a throwaway copy instead of loading a room nobody is in.
  const { doc } = restoreDocument(await loadWithinBudget(storage, boardId, maxBoardBytes))
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** What an export needs of a board, read from one copy: its records, its dot votes, who may export. */
export interface ExportSource {
  records: unknown[]
  /** Every vote of the meeting with a result (`voteRecord.ts`). */
  votes: KeptVote[]
  /** Every closed „Einverstanden?“ round (`zustimmungen.ts`): its answers per Haus go with the Beschluss. */
  rounds: KeptRound[]
  /** `facilitation/exports` as stored (see `shared/board/entries/exports.ts`). */
  exportRights: unknown
  /** The Dokumentation's entries as stored (`shared/board/entries/{beschluesse,release,meeting}.ts`). */
  beschluesse: unknown
  release: unknown
  meeting: unknown
  /** `facilitation/consent` (`shared/board/entries/consent.ts`): what releases a Fallkonferenz's case. */
  consent: unknown
  /** The board's comments (`shared/board/comments.ts`): open threads are the export's open questions. */
  comments: ReadonlyMap<string, Comment>
}

export const exportSource = (doc: Y.Doc): ExportSource => ({
  records: readRecords(doc).records,
  votes: readVotes(doc),
  rounds: readRounds(doc),
  exportRights: facilitationMap(doc).get(facilitationKeys.exports),
  beschluesse: facilitationMap(doc).get(facilitationKeys.beschluesse),
  release: facilitationMap(doc).get(facilitationKeys.release),
  meeting: facilitationMap(doc).get(facilitationKeys.meeting),
  consent: facilitationMap(doc).get(facilitationKeys.consent),
  comments: readComments(doc),
})

export const readExportSource = (rooms: Rooms, storage: DocumentLog, boardId: string, maxBoardBytes: number): Promise<ExportSource> =>
  readBoard(rooms, storage, boardId, maxBoardBytes, exportSource)
