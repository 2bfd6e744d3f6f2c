/**
 * A room's big-board load with the board-load worker's job run in the test's thread
 * (`app.ts` runs it in its own): the restored board is posted before its slices, as the worker
 * posts it, so early answers (`server/room/earlyAnswers.ts`) see it as the relay does.
 */
import * as Y from 'yjs'
import { encodeSyncStep1 } from '../../shared/protocol.ts'
import type { RoomOptions } from '../../server/room/Room.ts'
import { runBoardLoadJob, type BoardRestored } from '../../server/documents/boardLoadJobs.ts'
import type { RestoreInWorker } from '../../server/room/offThreadRestore.ts'
import type { TLRecord, TLShapeId } from '@tldraw/tlschema'
import type { BoardDirectory } from '../../server/storage/Storage.ts'
import { issueTokens } from '../../server/links/access.ts'
import { boardDocument } from '../../server/documents/templateBoard.ts'
import { authorId } from '../../shared/author.ts'
import { recordWriter } from '../../shared/board/entries/writers.ts'
import { consentTemplate } from '../../shared/board/entries/consent.ts'
import { metaKey } from '../../shared/board/scaffoldMeta.ts'
import { noteAt } from './records.ts'

/** A room that sends and compacts only when a test says so. */
export const quietRoomOptions: RoomOptions = { tickMs: 1_000_000, compactAfterUpdates: 1_000_000, maxAwarenessClientIds: 4, maxAwarenessBytes: 8192, farPresenceMs: 2000, maxWaitingBytes: 64 * 1024 * 1024 }

export const boardLoadHere: RestoreInWorker = async (_boardId, stored, readable) => {
  let restored: BoardRestored | null = null
  const result = runBoardLoadJob({ kind: 'slices', stored }, (board) => {
    restored = board
    readable?.(board)
  })
  if (result.kind !== 'slices') throw new Error('not slices')
  return { slices: result.slices, full: result.full ?? (restored as BoardRestored | null)!.full, skipped: result.skipped, checked: result.checked }
}

/** A room's compaction of a big board with the board-load worker's job run in the test's thread. */
export const encodeHere: NonNullable<RoomOptions['encodeInWorker']> = async (_boardId, stored) => {
  const result = runBoardLoadJob({ kind: 'board-state', stored })
  if (result.kind !== 'file') throw new Error('not a board state')
  return { state: result.body, checked: result.checked }
}

/** A joiner's first message: the board, holding nothing of it. */
export const asksHoldingNothing = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()))

/**
 * Stores a big case board (a Fallkonferenz's title) that holds its writer's name, as an old version
 * or an import brings it; big enough for the load worker. Returns the writer's author id.
 */
export async function storeCaseBoardWithNames(storage: BoardDirectory, boardId: string): Promise<string> {
  const author = authorId('a'.repeat(32), boardId)
  const title = { ...noteAt(0, -400, 'Fallkonferenz', 'shape:titel' as TLShapeId), meta: { [metaKey]: { kind: 'title', template: consentTemplate, instance: 'i1', key: 'title' } } }
  const zettel = { ...noteAt(0, 0, 'Wort '.repeat(60_000), 'shape:gross' as TLShapeId), meta: { author } }
  const doc = new Y.Doc()
  Y.applyUpdate(doc, boardDocument('de', [title, zettel] as unknown as TLRecord[]))
  recordWriter(doc, author, 'Anna Beispiel')
  await storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes, Y.encodeStateAsUpdate(doc))
  return author
}
