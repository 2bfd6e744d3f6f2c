/**
 * `/api/networks`: a coordinator's network of boards (`shared/networkApi.ts`, whose header lists
 * the routes). The network has one token of its own, stored as a hash; each of its boards is
 * added by someone holding that board's facilitator link, which the network keeps sealed under
 * its token (`server/links/networkSeal.ts`). The coordinator opens the boards with the network's own
 * link (`shared/networkCredential.ts`), for as long as they are in the network. No board link is
 * ever a network token: the network's token is checked against the network's hash only.
 */
import type { KeptArchives } from '../../shared/retentionApi.ts'
import { needsSignIn, noSignInPolicy, type SignInPolicy } from '../auth/signInPolicy.ts'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { boardIdPattern } from '../../shared/access.ts'
import { formatExtension } from '../../shared/api.ts'
import { networkBoardHref } from '../../shared/networkCredential.ts'
import {
  AddNetworkBoard,
  CreateNetworkRequest,
  maxNetworkBoards,
  networkBoardsOnDelete,
  networkLink,
  NewNetworkBoard,
  packFormats,
  PhaseId,
  UpdateNetworkBoard,
  type CreatedNetwork,
  type NetworkBoard,
  type NetworkMeta,
  type NetworkView,
} from '../../shared/networkApi.ts'
import { phaseIds } from '../../shared/templates/phases.ts'
import { bearerToken, hashToken, networkHoldsBoard, networkSocketLink, newToken, roleForToken } from '../links/access.ts'
import { networkActor, packActor, type AuditTrail } from '../audit/auditTrail.ts'
import type { Logger } from '../base/logger.ts'
import type { AddressWindow } from '../limits/addressLimits.ts'
import { sealForNetwork } from '../links/networkSeal.ts'
import { linkSockets, type SocketSelector } from '../room/Rooms.ts'
import { networkLinkOf } from './networkAuth.ts'
import type { BoardDirectory, BoardLinks, DocumentLog, NetworkBoardRecord, NetworkDigests, NetworkLinks, Networks, RetentionArchives, RetentionSchedule, StoredNetwork, Versions } from '../storage/Storage.ts'
import { newId } from './boardsApi.ts'
import { createMiddleware } from 'hono/factory'
import { HTTPException } from 'hono/http-exception'
import { needsNetworkLink } from './linkAuthorization.ts'
import { problem } from '../base/httpError.ts'
import { asAttachment, exportFileName, fileResponse } from './documentDownload.ts'
import { packWords } from '../../shared/results/steeringPack.ts'
import { makeSteeringPack, type PackRequest } from '../documents/steeringPackJobs.ts'
import { nearToday, previousPack, rememberPack } from '../documents/packMemory.ts'
import type { DocumentJob, DocumentResult } from '../documents/documentJobs.ts'
import type { StoredDocument } from '../storage/Storage.ts'
import { Day, localDay } from '../../shared/dates.ts'
import { jsonOnly } from './jsonOnly.ts'
import { firstIssue, jsonBody } from './jsonBody.ts'
import { checkSignIn } from './boardSignIn.ts'
import { findBoard } from './findBoard.ts'
import { requireRole } from './boardRole.ts'
import type { Session } from '../auth/sessions.ts'
import { keptArchives, networkRetention, useNetwork, withRetention } from '../ops/retentionDates.ts'
import { networkBetweenRoutes } from './networkBetweenApi.ts'
import { networkBoardSummaries } from './networkBoardReads.ts'
import { unreadTitle } from '../documents/networkBoardSummaries.ts'
import { addRefusal, newBoardInNetwork } from './networkNewBoard.ts'
import type { BoardCreation } from './boardCreation.ts'
import { networkReleaseRoute } from './networkRelease.ts'
import type { BoardRelease } from './releaseApi.ts'

/** What the network routes use of storage: the network, its boards and their links and documents, digests, retention, released versions. */
export type NetworksStorage = Networks & NetworkLinks & NetworkDigests & BoardDirectory & BoardLinks & RetentionSchedule & RetentionArchives & Versions & DocumentLog

export interface NetworksApiOptions {
  storage: NetworksStorage
  logger: Logger
  /** Who may create boards may create networks (`POST /api/boards`'s gate). */
  mayCreate(c: Context): Promise<boolean>
  /** Network creations per client address and window. */
  creations: AddressWindow
  /** Views and packs per client address and window (`networkReadsPerMinute`). */
  reads: AddressWindow
  /** The request's sign-in, for boards that require one (`boardSignIn.ts`). */
  sessionOf(c: Context): Promise<Session | undefined>
  addressOf(c: Context): string
  /** The stored board, refused (`BoardTooLarge`) over MAX_BOARD_BYTES before it is read. */
  loadStored(boardId: string): Promise<StoredDocument>
  /** Runs a document job off the relay's thread (`documentWorkers.ts`), bounded per address and board. */
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }
  /** Deletes a board as `DELETE /api/boards/:id` does: its sockets closed (4404), everything stored of it gone. */
  deleteBoard(boardId: string): Promise<void>
  /** Who may create boards and how many a minute, as for `POST /api/boards` (`boardCreation.ts`). */
  admitCreation: BoardCreation
  /** Closes a board's sockets opened with one link (4401): what a network opened of a board it no longer holds. */
  closeSockets(boardId: string, sockets: SocketSelector): void
  audit?: AuditTrail
  /** BOARD_RETENTION_DAYS, for the view's deletion date (`retentionDates.ts`); 0 or unset: none. */
  retentionDays?: number
  /** The digest's period where SMTP_URL is set (`digest/`); null: no digests. */
  digestEveryMs?: number | null
  /** SIGN_IN_POLICY: a facilitator link it covers needs its sign-in through the network too. */
  signInPolicy?: SignInPolicy
  /** Releases a board as its own release route does (`releaseApi.ts`), for the Fahrplan's release of several; without it, no such route. */
  release?: BoardRelease
}

/**
 * A network's view and pack per client address and minute: each reads up to `maxNetworkBoards`
 * whole boards. A coordinator clicking through the Fahrplan asks a few times a minute.
 */
export const networkReadsPerMinute = 120

/** A name, a target group, a board id and a token: a few hundred bytes. */
const maxBodyBytes = 16 * 1024

const toMeta = (network: StoredNetwork): NetworkMeta => ({ id: network.id, name: network.name, targetGroup: network.targetGroup, createdAt: network.createdAt })

export function networksApi({ storage, logger, mayCreate, creations, reads, sessionOf, addressOf, loadStored, documents, deleteBoard, admitCreation, closeSockets, audit, retentionDays = 0, digestEveryMs, signInPolicy = noSignInPolicy, release }: NetworksApiOptions) {
  const api = new Hono()
  // Each board's templates as last counted, read again only when the board changed.
  const summaries = networkBoardSummaries(storage, loadStored, documents)

  /** The network in the path and its network link; 404 for an unknown network, 401 for no or another token, 403 for the pack link. */
  const authorized = needsNetworkLink(storage)

  /** One of the address's reads of whole boards, or 429. Counted after the link is checked: a refused one reads nothing. */
  const takeRead = async (c: Context) => {
    const taken = await reads.take(addressOf(c))
    if (!taken.allowed) {
      c.header('Retry-After', String(taken.retryAfterSeconds))
      throw new HTTPException(429, { message: "too many reads of networks' boards from this address; please wait a minute" })
    }
  }

  const countRead = createMiddleware(async (c, next) => {
    await takeRead(c)
    await next()
  })

  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => {
      // The rest of the body is never read: the client must not reuse this connection.
      c.header('Connection', 'close')
      throw new HTTPException(413, { message: `the request is larger than ${maxBodyBytes / 1024} KB` })
    },
  })

  /**
   * Whether the request may read or delete the board through the network: on a board that requires
   * sign-in only with the sign-in its facilitator link needs (the network's link must not open
   * what the board's own would not; the board page asks for it).
   */
  const mayOpen = async (c: Context, board: { signInRequired?: boolean }): Promise<boolean> => {
    if (!needsSignIn(signInPolicy, board, 'facilitator')) return true
    try {
      checkSignIn(await sessionOf(c), 'facilitator')
      return true
    } catch {
      return false
    }
  }

  /** A board of the network as the coordinator sees it; null if the board is gone meanwhile. */
  /** An internal board's methods and how many Zettel each holds, as the Fahrplan counts them; none when it cannot be read. */
  const internalMethods = async (c: Context, boardId: string, title: string): Promise<Array<{ template: string; notes: number }>> => {
    try {
      return (await summaries.templates(boardId, addressOf(c), title)).map(({ template, notes }) => ({ template, notes }))
    } catch {
      return []
    }
  }

  const viewBoard = async (c: Context, record: NetworkBoardRecord): Promise<NetworkBoard | null> => {
    const board = await storage.getBoard(record.boardId)
    if (!board) return null
    let templates: NetworkBoard['templates'] = []
    // A case board's typed title is as much the case as its Zettel (`caseBoardHold.ts`): as its export gives it, once read; unread, an internal board's is not shown.
    let title = unreadTitle(board.title, record.internal)
    try {
      // Listed, but read only where the network's link may open it (its tables' titles and counts are the board's content).
      if (await mayOpen(c, board)) ({ templates, title } = await summaries.board(board.id, addressOf(c), board.title))
    } catch (error) {
      // A board too large to open (or unreadable) still belongs to the network: listed without its templates.
      logger.warn('network board not read', { board: board.id, error: error instanceof Error ? error.name : 'unknown' })
    }
    return {
      id: board.id,
      title,
      createdAt: board.createdAt,
      lastUsedAt: board.lastUsedAt ?? null,
      changedAt: board.changedAt ?? null,
      addedAt: record.addedAt,
      phase: PhaseId.safeParse(record.phase).data ?? phaseIds[0],
      internal: record.internal,
      body: record.body ?? '',
      templates,
      // Opened through the network (`shared/networkCredential.ts`): the board's own token never leaves the relay.
      token: null,
      link: networkBoardHref(board.id, record.networkId),
    }
  }

  api.post(
    '/',
    // Refused before counting, as for boards: such posts must not use up the address's budget.
    jsonOnly('send the new network as application/json'),
    async (c, next) => {
      if (!(await mayCreate(c))) throw new HTTPException(401, { message: 'sign in to create networks on this server' })
      const taken = await creations.take(addressOf(c))
      if (!taken.allowed) {
        c.header('Retry-After', String(taken.retryAfterSeconds))
        throw new HTTPException(429, { message: 'too many new networks from this address; please wait a minute' })
      }
      await next()
    },
    limitBody,
    jsonBody(CreateNetworkRequest, firstIssue),
    async (c) => {
      const { name, targetGroup } = c.req.valid('json')
      const network = { id: newId(), name, targetGroup, createdAt: new Date().toISOString() }
      const token = newToken()
      await storage.createNetwork(network, hashToken(token))
      await audit?.networkEvent('network-created', network.id)
      logger.info('network created', { network: network.id })
      return c.json({ ...network, token, link: networkLink(network.id, token) } satisfies CreatedNetwork, 201)
    },
  )

  api.get('/:id', authorized, async (c) => {
    const network = c.get('network')
    await takeRead(c)
    // At most maxNetworkBoards, read one after the other: a view never holds more than one board's document.
    const records = (await storage.networkBoards(network.id)).slice(0, maxNetworkBoards)
    const boards: NetworkBoard[] = []
    for (const record of records) {
      const board = await viewBoard(c, record)
      if (board) boards.push(board)
    }
    // Reading the Fahrplan is using the network: retention counts its boards from here.
    await useNetwork(storage, logger, network.id)
    c.header('Cache-Control', 'no-store')
    return c.json(withRetention({ ...toMeta(network), boards } satisfies NetworkView, await networkRetention(storage, network.id, retentionDays)))
  })

  api.post('/:id/boards', jsonOnly('send the board as application/json'), limitBody, authorized, jsonBody(AddNetworkBoard, firstIssue), async (c) => {
    const network = c.get('network')
    const token = c.get('networkToken')
    const added = c.req.valid('json')
    const board = await storage.getBoard(added.boardId)
    if (!board) throw new HTTPException(404, { message: 'board not found' })
    // Only the facilitator link puts a board into a network; any other (or none) is refused alike.
    if ((await roleForToken(storage, board.id, added.token)) !== 'facilitator') {
      throw new HTTPException(403, { message: "only the board's facilitator link may add it to a network", cause: problem('facilitator-link-needed') })
    }
    // With the sign-in that link needs, where the board requires one.
    if (needsSignIn(signInPolicy, board, 'facilitator')) checkSignIn(await sessionOf(c), 'facilitator')
    const record: NetworkBoardRecord = {
      networkId: network.id,
      boardId: board.id,
      phase: added.phase,
      internal: added.internal,
      body: added.body,
      addedAt: new Date().toISOString(),
      sealedToken: sealForNetwork(token, network.id, board.id, added.token),
    }
    const result = await storage.addNetworkBoard(record, maxNetworkBoards)
    if (result === 'in-this-network' && !(await networkHoldsBoard(storage, board.id, { networkId: network.id, token }))) {
      // Its facilitator renewed her link on the board, which ended the network's hold (`access.ts`):
      // the new link, given again, is kept in place of the old; the board keeps its phase and Gremium.
      await storage.resealNetworkBoard(network.id, board.id, record.sealedToken)
      const kept = await storage.networkBoard(network.id, board.id)
      const view = kept && (await viewBoard(c, kept))
      if (!view) throw new HTTPException(404, { message: 'board not found' })
      logger.info('network board link kept anew', { network: network.id, board: board.id })
      return c.json(view, 200)
    }
    const refusal = addRefusal(result)
    if (refusal) throw refusal
    logger.info('network board added', { network: network.id, board: board.id })
    const view = await viewBoard(c, record)
    if (!view) throw new HTTPException(404, { message: 'board not found' })
    return c.json(view, 201)
  })

  api.post('/:id/boards/new', jsonOnly('send the new board as application/json'), limitBody, authorized, jsonBody(NewNetworkBoard, firstIssue), async (c) => {
    const network = c.get('network')
    const token = c.get('networkToken')
    const created = await newBoardInNetwork(c, network.id, c.req.valid('json'), {
      storage,
      logger,
      admitCreation,
      recordFor: (board, added) => ({
        networkId: network.id,
        boardId: board.id,
        ...added,
        addedAt: new Date().toISOString(),
        sealedToken: sealForNetwork(token, network.id, board.id, board.access.facilitator),
      }),
      view: (record) => viewBoard(c, record),
      deleteBoard,
    })
    return c.json(created, 201)
  })

  api.patch('/:id/boards/:boardId', jsonOnly('send the change as application/json'), limitBody, authorized, jsonBody(UpdateNetworkBoard, firstIssue), async (c) => {
    const network = c.get('network')
    const change = c.req.valid('json')
    const boardId = c.req.param('boardId')
    const record = boardIdPattern.test(boardId) ? await storage.updateNetworkBoard(network.id, boardId, change) : undefined
    const view = record && (await viewBoard(c, record))
    if (!view) throw new HTTPException(404, { message: 'board not in this network' })
    return c.json(view)
  })

  api.delete('/:id/boards/:boardId', authorized, async (c) => {
    const network = c.get('network')
    const boardId = c.req.param('boardId')
    const removed = boardIdPattern.test(boardId) && (await storage.removeNetworkBoard(network.id, boardId))
    if (!removed) throw new HTTPException(404, { message: 'board not in this network' })
    // What the network opened of the board closes with its place in it.
    closeSockets(boardId, linkSockets(networkSocketLink(network.id)))
    logger.info('network board removed', { network: network.id, board: boardId })
    return c.body(null, 204)
  })

  api.delete('/:id', authorized, async (c) => {
    const network = c.get('network')
    const token = c.get('networkToken')
    const boards = networkBoardsOnDelete.find((choice) => choice === c.req.query('boards'))
    if (!boards) throw new HTTPException(400, { message: `say what becomes of the network's boards: boards=${networkBoardsOnDelete.join(' or boards=')}` })
    const records = await storage.networkBoards(network.id)
    if (boards === 'delete') {
      for (const record of records) {
        // A board that requires sign-in stays without one (its place in the network goes below).
        const board = await storage.getBoard(record.boardId)
        if (!board || !(await mayOpen(c, board))) continue
        // Nor one whose facilitator renewed her link on the board since: the network holds it no more (`access.ts`).
        if (!(await networkHoldsBoard(storage, board.id, { networkId: network.id, token }))) continue
        await deleteBoard(record.boardId)
        await audit?.boardDeleted(record.boardId, networkActor(network.id))
        logger.info('board deleted', { board: record.boardId, by: 'network' })
      }
    }
    await storage.deleteNetwork(network.id)
    if (boards === 'keep') for (const record of records) closeSockets(record.boardId, linkSockets(networkSocketLink(network.id)))
    await audit?.networkEvent('network-deleted', network.id)
    logger.info('network deleted', { network: network.id, boards })
    return c.body(null, 204)
  })

  api.get('/:id/pack', async (c) => {
    // The network link or the pack link: the Steuerungsgruppe's link opens this and nothing else.
    const { network, kind } = await networkLinkOf(storage, c)
    await takeRead(c)
    const format = packFormats.find((f) => f === (c.req.query('format') ?? 'md'))
    if (!format) throw new HTTPException(400, { message: `format must be one of ${packFormats.join(', ')}` })
    const locale = c.req.query('locale') === 'en' ? 'en' : 'de'
    // The reader's day where it is a day, else the server's.
    const day = Day.safeParse(c.req.query('day')).data ?? localDay(new Date())
    // Which boards, here; each read, summarised and dropped in turn, off the relay's thread (`steeringPackJobs.ts`).
    const boards: PackRequest['boards'][number][] = []
    for (const record of (await storage.networkBoards(network.id)).slice(0, maxNetworkBoards)) {
      const board = await storage.getBoard(record.boardId)
      if (!board || !(await mayOpen(c, board))) continue
      const phase = PhaseId.safeParse(record.phase).data ?? null
      // An internal board is only counted: not even read, so nothing of it can slip into the pack;
      // which methods it holds with Zettel (the Fahrplan's counts, no content) tells the pack's Fahrplan.
      const methods = record.internal ? await internalMethods(c, board.id, board.title) : undefined
      boards.push({ id: board.id, title: board.title, phase, internal: record.internal, body: record.body ?? '', ...(methods ? { methods } : {}) })
    }
    const source = { storage, loadStored, run: (job: DocumentJob, ids: readonly string[]) => documents.run(job, addressOf(c), ids) }
    // What of the last pack's open items is done now (`packMemory.ts`); this pack is remembered once made.
    const memory = await storage.packMemory(network.id)
    // Only a pack of about today is remembered: a reader's clock a day off is fine, a day chosen years away would push the real last pack out.
    const remember = (open: string[]) => (nearToday(day) ? storage.setPackMemory(network.id, rememberPack(memory, day, open)) : Promise.resolve())
    const previous = previousPack(memory, day)
    const result = await makeSteeringPack(source, { network: { name: network.name, targetGroup: network.targetGroup }, boards, format, locale, day, previous, remember })
    await useNetwork(storage, logger, network.id)
    await audit?.record('pack-downloaded', null, kind === 'pack' ? packActor(network.id) : networkActor(network.id))
    logger.info('steering pack made', { network: network.id, format })
    asAttachment(c, `${exportFileName(`${packWords.title[locale]} ${network.name}`)}-${day}.${formatExtension(format)}`)
    return fileResponse(c, result)
  })

  // What retention deleted of the network, kept as board archives for RETENTION_ARCHIVE_DAYS
  // (`ops/retention.ts`): for the network's link, as its boards were; one that required sign-in, with it.
  api.get('/:id/archives', authorized, async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ archives: await keptArchives(storage, c.get('network').id) } satisfies KeptArchives)
  })

  api.get('/:id/archives/:board', authorized, async (c) => {
    const network = c.get('network')
    const boardId = c.req.param('board')
    // Counted before the store is asked: an archive is a whole board, read whole.
    await takeRead(c)
    const kept = boardIdPattern.test(boardId) ? await storage.retentionArchive(network.id, boardId, new Date().toISOString()) : undefined
    if (!kept) throw new HTTPException(404, { message: 'no archive of this board is kept (any more)' })
    if (needsSignIn(signInPolicy, { signInRequired: kept.entry.signInRequired }, 'facilitator')) checkSignIn(await sessionOf(c), 'facilitator')
    // No board in the row: the board is gone, and its rows went with it.
    await audit?.record('archive-downloaded', null, networkActor(network.id))
    logger.info('retention archive downloaded', { network: network.id, board: boardId })
    asAttachment(c, `${exportFileName(kept.entry.title || boardId)}.nwboard`)
    c.header('Content-Type', 'application/octet-stream')
    return c.body(new Uint8Array(kept.archive.buffer as ArrayBuffer, kept.archive.byteOffset, kept.archive.byteLength))
  })

  networkBetweenRoutes(api, { storage, logger, loadStored, documents, addressOf, authorized, takeRead, countRead, mayOpen, limitBody, sessionOf, digestEveryMs: digestEveryMs ?? null })
  if (release) {
    const templatesOf = (c: Context, boardId: string, title: string) => summaries.templates(boardId, addressOf(c), title)
    networkReleaseRoute(api, { storage, logger, release, addressOf, authorized, takeRead, mayOpen, limitBody, templatesOf, audit })
  }

  return api
}

/**
 * `DELETE /api/boards/:id/network` (mounted under `/api/boards`): the board's current facilitator
 * link takes the board out of the network that holds it. A board belongs to a network only as
 * long as its facilitator wants it to: anyone else who had that link and put the board into a
 * network of their own first cannot keep it there (the facilitator replaces the link, then takes
 * the board out), and another network may then add it.
 */
export function boardNetworkApi({ storage, logger, closeSockets }: Pick<NetworksApiOptions, 'storage' | 'logger' | 'closeSockets'>) {
  return new Hono().delete('/:id/network', async (c) => {
    const board = await findBoard(storage, c.req.param('id'))
    await requireRole(storage, board.id, bearerToken(c.req.header('authorization')), 'facilitator')
    const networkId = await storage.networkOfBoard(board.id)
    if (!networkId || !(await storage.removeNetworkBoard(networkId, board.id))) throw new HTTPException(404, { message: 'the board is in no network' })
    closeSockets(board.id, linkSockets(networkSocketLink(networkId)))
    logger.info('network board removed', { network: networkId, board: board.id, by: 'board' })
    return c.body(null, 204)
  })
}
