/**
 * Version history (facilitator): the board's saved states, automatic and named. A version can be
 * read (as a Yjs update, for the client's read-only preview and restore), exported like the
 * board, and turned into a new board of its own. Restoring into the board itself happens in the
 * facilitator's client, as one change everyone sees and one undo reverts; only a board no client
 * can open gets a version's meta back from here (`metaRepair.ts`).
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { NewVersion, versionIdPattern, writtenRefusal } from '../../shared/api.ts'
import { untilWritten } from '../room/untilWritten.ts'
import { bearerToken } from '../links/access.ts'
import { callerActor } from '../ops/linkRenewal.ts'
import { BoardTooLarge, loadWithinBudget } from '../judge/boardBudget.ts'
import type { Logger } from '../base/logger.ts'
import type { Room } from '../room/Room.ts'
import { namedVersionsRefusal, storeVersionState } from '../room/versionPolicy.ts'
import type { BoardDirectory, BoardLinks, DocumentLog, Networks, Versions } from '../storage/Storage.ts'
import { createBoardRecord } from './boardsApi.ts'
import { asAttachment, exportFileName, fileResponse, fileTitle } from './documentDownload.ts'
import { isExportFormat, type DocumentJob, type DocumentResult } from '../documents/documentJobs.ts'
import { exportFormats } from '../../shared/results/export.ts'
import { knownSchema } from '../judge/judgeUpdate.ts'
import { restoreMeta, type readableMeta } from '../judge/metaRepair.ts'
import { OwnedElsewhere } from '../room/Rooms.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonBody } from './jsonBody.ts'
import { needsBoardLink } from './linkAuthorization.ts'
import { acceptedState, type BoardCreation } from './boardCreation.ts'
import { jsonOnly } from './jsonOnly.ts'
import { perBoard } from './perBoard.ts'
import { linkActor, type AuditTrail } from '../audit/auditTrail.ts'

export interface VersionsApiOptions {
  storage: Versions & DocumentLog & BoardDirectory & BoardLinks & Networks
  logger: Logger
  room(boardId: string): Room | undefined
  /** Runs `work` on the board's room, loading it if nobody is on the board (`Rooms.withRoom`). */
  withRoom(boardId: string, work: (room: Room) => Promise<void>): Promise<void>
  /** MAX_BOARD_BYTES: a board stored larger is not decoded here either, nor made from a version. */
  maxBoardBytes: number
  /** Where restores are recorded. */
  audit?: AuditTrail
  /** Who may create boards and how many a minute (`boardCreation.ts`): a board from a version is a new board. */
  admitCreation: BoardCreation
  /** MAX_NAMED_VERSIONS_PER_HOUR: named versions per board and hour (`versionPolicy.ts`). */
  maxNamedVersionsPerHour: number
  /** Runs a document job off the relay's thread (`documentWorkers.ts`), bounded per address and board. */
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }
  addressOf(c: Context): string
}

export function versionsApi({ storage, logger, room, withRoom, maxBoardBytes, audit, admitCreation, maxNamedVersionsPerHour, documents, addressOf }: VersionsApiOptions) {
  // One named version after the other per board: the hour's count is read before each is saved.
  const serial = perBoard()
  const api = new Hono()
  const facilitatorLink = needsBoardLink(storage, 'facilitator')
  const versionState = async (c: Context, boardId: string) => {
    const id = c.req.param('versionId') ?? ''
    const state = versionIdPattern.test(id) ? await storage.versionState(boardId, id) : undefined
    if (!state) throw new HTTPException(404, { message: 'version not found' })
    return { id, state }
  }
  const limit = bodyLimit({
    maxSize: 4 * 1024,
    onError: (c) => {
      c.header('Connection', 'close')
      throw new HTTPException(413, { message: 'a version name is shorter than that' })
    },
  })

  api.get('/:id/versions', facilitatorLink, async (c) => {
    const board = c.get('board')
    c.header('Cache-Control', 'no-store')
    return c.json(await storage.listVersions(board.id))
  })

  api.post('/:id/versions', jsonOnly(), limit, facilitatorLink, jsonBody(NewVersion, (error) => (error.issues[0]?.path[0] === 'written' ? writtenRefusal : 'a version needs a name'), 'a version needs a name'), async (c) => {
    const board = c.get('board')
    const { name, written } = c.req.valid('json')
    // Outside the board's queue: a request naming writing that never comes holds no other.
    const waiting = room(board.id)
    if (waiting) await untilWritten(waiting.doc, written)
    const version = await serial(board.id, async () => {
      const retryAfter = await namedVersionsRefusal(storage, board.id, maxNamedVersionsPerHour)
      if (retryAfter !== null) {
        c.header('Retry-After', String(retryAfter))
        throw new HTTPException(429, { message: `at most ${maxNamedVersionsPerHour} named versions of a board an hour; please wait` })
      }
      const live = room(board.id)
      if (live) return live.saveVersion(name)
      // Nobody on the board: the stored board is the board, decoded off the relay's thread.
      const stored = await loadWithinBudget(storage, board.id, maxBoardBytes)
      const state = await documents.run({ kind: 'board-state', stored }, addressOf(c), [board.id])
      if (state.kind !== 'file' || typeof state.body === 'string') throw new Error('a board-state job answers with bytes')
      return storeVersionState(storage, logger, board.id, state.body, name)
    })
    return c.json(version, 201)
  })

  api.get('/:id/versions/:versionId/document', facilitatorLink, async (c) => {
    const board = c.get('board')
    const { state } = await versionState(c, board.id)
    return c.body(state.slice().buffer, 200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store' })
  })

  api.get('/:id/versions/:versionId/export', facilitatorLink, async (c) => {
    const board = c.get('board')
    const { id, state } = await versionState(c, board.id)
    const format = c.req.query('format') ?? 'md'
    if (!isExportFormat(format)) throw new HTTPException(400, { message: `format must be one of ${exportFormats.join(', ')}` })
    const locale = c.req.query('locale') === 'en' ? 'en' : 'de'
    const version = (await storage.listVersions(board.id)).find((v) => v.id === id)!
    const title = `${board.title} (${version.name ?? version.createdAt.slice(0, 16).replace('T', ' ')})`
    // A version is written at most MAX_BOARD_BYTES (a larger one stays, but is not decoded).
    if (state.byteLength > maxBoardBytes) throw new BoardTooLarge(state.byteLength, maxBoardBytes)
    const result = await documents.run({ kind: 'version-export', board: { id: board.id, title }, state, format, locale }, addressOf(c), [board.id])
    await audit?.record('board-exported', board.id, callerActor(board.id, bearerToken(c.req.header('authorization'))!, 'facilitator'))
    asAttachment(c, `${exportFileName(fileTitle(result, title))}.${format}`)
    return fileResponse(c, result)
  })

  /** A new board holding the version, with fresh links: for comparing, or a clean restart. */
  api.post('/:id/versions/:versionId/board', facilitatorLink, async (c) => {
    const board = c.get('board')
    // A new board like any other: the same right to create, the same boards per minute; asked
    // before the version is read, as a new board's body is read only after.
    const admitted = await admitCreation(c)
    const { id, state } = await versionState(c, board.id)
    // A board that would not open: an older version (or a higher MAX_BOARD_BYTES) brings it back.
    if (state.byteLength > maxBoardBytes) throw new BoardTooLarge(state.byteLength, maxBoardBytes)
    const version = (await storage.listVersions(board.id)).find((v) => v.id === id)!
    // Judged as every first state is, off the relay's thread: a version of 12 MB takes seconds.
    const judged = await documents.run({ kind: 'judge-state', state }, addressOf(c), [board.id])
    if (judged.kind !== 'judged') throw new Error('a judge-state job answers with its verdict')
    const created = await createBoardRecord(storage, admitted, `${board.title} – ${version.name ?? version.createdAt.slice(0, 10)}`.slice(0, 200), acceptedState(state, judged.verdict))
    // As closed as the board it came from (whoever copies it passed the same sign-in).
    if (board.signInRequired) await storage.setSignInRequired(created.id, true)
    logger.info('board created from version', { board: created.id, from: board.id })
    return c.json(created, 201)
  })

  /**
   * The versions panel restored the version into the board. The restore itself is an ordinary
   * change of the document (the relay cannot tell it from editing): the client says so here, for
   * the audit trail.
   */
  api.post('/:id/versions/:versionId/restored', facilitatorLink, async (c) => {
    const board = c.get('board')
    await versionState(c, board.id)
    await audit?.record('version-restored', board.id, linkActor(board.id, 'facilitator'))
    return c.body(null, 204)
  })

  /**
   * A board no client can read gets the version's meta back, as the relay's own change: stored
   * and sent to everyone on the board. Its records stay; once the board opens again, the
   * versions panel restores those.
   */
  api.post('/:id/versions/:versionId/meta', facilitatorLink, async (c) => {
    const board = c.get('board')
    const { state } = await versionState(c, board.id)
    if (state.byteLength > maxBoardBytes) throw new BoardTooLarge(state.byteLength, maxBoardBytes)
    const answer = await documents.run({ kind: 'version-meta', state }, addressOf(c), [board.id])
    const readable = (answer.kind === 'json' ? answer.value : { ok: false, reason: 'unreadable' }) as ReturnType<typeof readableMeta>
    if (!readable.ok) throw new HTTPException(422, { message: readable.reason })
    try {
      await withRoom(board.id, (live) => live.applyOwnChange((doc) => restoreMeta(doc, readable.schema, knownSchema)))
    } catch (error) {
      if (error instanceof OwnedElsewhere) throw new HTTPException(503, { message: 'the board is served by another relay process: try again' })
      throw error
    }
    await audit?.record('version-restored', board.id, linkActor(board.id, 'facilitator'))
    logger.info('board meta restored from version', { board: board.id })
    return c.body(null, 204)
  })

  return api
}
