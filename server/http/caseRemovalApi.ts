/**
 * „Fall vom Board entfernen“ (facilitator): after a withdrawn consent (Art. 7(3), 17(1)(b) DSGVO)
 * a Fallkonferenz's case leaves the board with its copies (`shared/results/caseCopies.ts`):
 * - the Zettel in its cells on every page holding it (a small group's copy) and those carried from
 *   it on this board, removed as the relay's own change (`Room.applyOwnChange`: judged, stored and
 *   sent to everyone on the board like any write);
 * - the saved versions holding it, deleted whole from the version store: a version is the whole
 *   board at one moment, and there is no way to keep it without the case that is not a new board;
 * - the Zettel carried from it onto the network's other boards (their provenance keeps the source
 *   text), removed there as each board's own change.
 * Each board and version is read alone, off the relay's thread, as the steering group's pack reads
 * them (`steeringPackJobs.ts`). The answer is what is left afterwards: nothing, or what could not
 * be read (a board over MAX_BOARD_BYTES) and what was written meanwhile.
 */
import { Hono, type Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type * as Y from 'yjs'
import { recordsMapName } from '../../shared/board/ydoc.ts'
import { readRecords } from '../../shared/board/records.ts'
import { anyCopies, type CaseCopies, type CaseCopiesIn, type CaseSource } from '../../shared/results/caseCopies.ts'
import { holdsCase } from '../../shared/results/caseCopiesIn.ts'
import { linkActor, type AuditTrail } from '../audit/auditTrail.ts'
import type { Logger } from '../base/logger.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'
import type { Room } from '../room/Room.ts'
import { OwnedElsewhere } from '../room/Rooms.ts'
import type { BoardDirectory, BoardLinks, Networks, StoredDocument, Versions } from '../storage/Storage.ts'
import { needsBoardLink } from './linkAuthorization.ts'
import { OwnChangeRefused, ownChangeAnswer } from '../judge/ownChange.ts'

export interface CaseRemovalApiOptions {
  storage: Versions & BoardDirectory & BoardLinks & Networks
  logger: Logger
  /** The stored board, refused (`BoardTooLarge`) over MAX_BOARD_BYTES before it is read. */
  loadStored(boardId: string): Promise<StoredDocument>
  /** Runs `work` on the board's room, loading it if nobody is on the board (`Rooms.withRoom`). */
  withRoom(boardId: string, work: (room: Room) => Promise<void>): Promise<void>
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }
  addressOf(c: Context): string
  /** MAX_BOARD_BYTES: a version stored larger is not decoded; it counts as holding the case. */
  maxBoardBytes: number
  audit?: AuditTrail
}

/** A template instance's id as the board gives them. */
const instancePattern = /^[\w:.-]{1,100}$/

/** Removes shapes and the bindings that hold on to them, in one transaction: no arrow is left bound to nothing. */
export function removeShapes(doc: Y.Doc, ids: ReadonlySet<string>): void {
  const records = doc.getMap(recordsMapName)
  const bindings = readRecords(doc).records.filter((r) => {
    const record = r as { typeName?: string; fromId?: string; toId?: string }
    return record.typeName === 'binding' && (ids.has(record.fromId ?? '') || ids.has(record.toId ?? ''))
  })
  doc.transact(() => {
    for (const id of ids) if (records.has(id)) records.delete(id)
    for (const binding of bindings) records.delete((binding as { id: string }).id)
  })
}

export function caseRemovalApi({ storage, logger, loadStored, withRoom, documents, addressOf, maxBoardBytes, audit }: CaseRemovalApiOptions) {
  const api = new Hono()
  const facilitatorLink = needsBoardLink(storage, 'facilitator')

  const sourceOf = (c: Context, boardId: string): CaseSource => {
    const instance = c.req.query('instance') ?? ''
    if (!instancePattern.test(instance)) throw new HTTPException(400, { message: 'instance names the Fallkonferenz on the board' })
    return { board: boardId, instance }
  }
  const read = async (c: Context, boardId: string, job: Omit<Extract<DocumentJob, { kind: 'case-copies' }>, 'kind'>): Promise<CaseCopiesIn> => {
    const result = await documents.run({ kind: 'case-copies', ...job }, addressOf(c), [boardId])
    if (result.kind !== 'json') throw new Error('a case-copies job answers with what it found')
    return result.value as CaseCopiesIn
  }

  /** The case's copies now: on its board, in its versions, on the network's other boards; `unread`: boards that could not be read. */
  async function gather(c: Context, source: CaseSource): Promise<CaseCopies> {
    const board = await read(c, source.board, { source, here: true, stored: await loadStored(source.board) })
    const versions: string[] = []
    for (const version of await storage.listVersions(source.board)) {
      const state = await storage.versionState(source.board, version.id)
      if (!state) continue
      // Too large to decode here: it cannot be told apart from one holding the case.
      if (state.byteLength > maxBoardBytes || holdsCase(await read(c, source.board, { source, here: true, state }))) versions.push(version.id)
    }
    const boards: CaseCopies['boards'] = []
    let unread = 0
    const network = await storage.networkOfBoard(source.board)
    for (const record of network ? await storage.networkBoards(network) : []) {
      if (record.boardId === source.board || !(await storage.getBoard(record.boardId))) continue
      try {
        const found = await read(c, record.boardId, { source, here: false, stored: await loadStored(record.boardId) })
        if (found.carried.length > 0) boards.push({ id: record.boardId, carried: found.carried })
      } catch (error) {
        unread++
        logger.warn('network board not read for a case’s copies', { board: record.boardId, error: error instanceof Error ? error.name : 'unknown' })
      }
    }
    return { board, versions, boards, unread }
  }

  const removeOn = async (boardId: string, ids: readonly string[]) => {
    if (ids.length === 0) return
    try {
      await withRoom(boardId, (room) => room.applyOwnChange((doc) => removeShapes(doc, new Set(ids))))
    } catch (error) {
      if (error instanceof OwnedElsewhere) throw new HTTPException(503, { message: 'a board is served by another relay process: try again' })
      if (error instanceof OwnChangeRefused) {
        const answer = ownChangeAnswer(error)
        throw new HTTPException(answer.status, { message: answer.error })
      }
      throw error
    }
  }

  api.get('/:id/case-copies', facilitatorLink, async (c) => {
    const board = c.get('board')
    const copies = await gather(c, sourceOf(c, board.id))
    c.header('Cache-Control', 'no-store')
    return c.json(copies)
  })

  api.post('/:id/case-removal', facilitatorLink, async (c) => {
    const board = c.get('board')
    const source = sourceOf(c, board.id)
    const found = await gather(c, source)
    await removeOn(board.id, [...found.board.notes, ...found.board.carried])
    for (const version of found.versions) await storage.deleteVersion(board.id, version)
    for (const other of found.boards) {
      await removeOn(other.id, other.carried)
      await audit?.record('case-removed', other.id, linkActor(board.id, 'facilitator'))
    }
    await audit?.record('case-removed', board.id, linkActor(board.id, 'facilitator'))
    logger.info('case removed', {
      board: board.id,
      notes: found.board.notes.length + found.board.carried.length,
      versions: found.versions.length,
      boards: found.boards.length,
    })
    // What is left: written meanwhile, or on a board that could not be read.
    const left = await gather(c, source)
    return c.json({ ...left, removed: !anyCopies(left) && left.unread === 0 })
  })

  return api
}
