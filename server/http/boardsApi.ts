/** `/api/boards`: create boards, read their metadata, upload and serve pasted images. */
import { needsSignIn, noSignInPolicy, type SignInPolicy } from '../auth/signInPolicy.ts'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { randomBytes } from 'node:crypto'
import { assetPath, type AssetSpace, formatExtension, reportFormats, type BoardMeta, type BoardWithRole, type CreatedBoard } from '../../shared/api.ts'
import { CreateBoardRequest } from '../../shared/boardCreationApi.ts'
import type { Logger } from '../base/logger.ts'
import type { BoardAssets, BoardDirectory, BoardLinks, BoardRecord, NetworkLinks, Networks, RetentionSchedule, Versions } from '../storage/Storage.ts'
import { HTTPException } from 'hono/http-exception'
import { jsonOnly, mediaType } from './jsonOnly.ts'
import type { AddressWindow } from '../limits/addressLimits.ts'
import { assetIdPattern, assetTypePattern } from '../storage/assetNames.ts'
import { checkFirstState, type BoardCreation, type CheckedState, type CreationAdmitted } from './boardCreation.ts'
import { boardPath, boardLink, canEdit, roles, rotatableRoles, type Role, type RotatedLink } from '../../shared/access.ts'
import { bearerToken, issueTokens, linksFor } from '../links/access.ts'
import { callerActor, renewLink } from '../ops/linkRenewal.ts'
import type { SocketSelector } from '../room/Rooms.ts'
import { needsBoardLink } from './linkAuthorization.ts'
import { firstIssue, jsonBody } from './jsonBody.ts'
import { keepLink } from '../links/keptLinks.ts'
import { ZodError } from 'zod'
import { exportFormats } from '../../shared/results/export.ts'
import { exportsEntry, mayExport } from '../../shared/board/entries/exports.ts'
import { dokumentationWords } from '../../shared/results/dokumentation.ts'
import { asAttachment, exportFileName, fileResponse, fileTitle } from './documentDownload.ts'
import type { CarrySourceBoard } from '../../shared/results/carrySource.ts'
import { Day, localDay } from '../../shared/dates.ts'
import { boardDeleteAfter } from '../ops/retentionDates.ts'
import type { AuditTrail } from '../audit/auditTrail.ts'
import { isExportFormat, type DocumentJob, type DocumentResult, type ReportFormat } from '../documents/documentJobs.ts'
import type { StoredDocument } from '../storage/Storage.ts'
import { releasedReport } from '../documents/releasedReport.ts'
import { boardDocument, templateDocument, templatesDocument } from '../documents/templateBoard.ts'

/** What the board routes use of storage: the board, its assets and links, its network's copy of them, its retention date and released versions. */
export type BoardsStorage = BoardDirectory & BoardAssets & BoardLinks & Networks & NetworkLinks & RetentionSchedule & Versions

export interface BoardsApiOptions {
  storage: BoardsStorage
  logger: Logger
  maxAssetBytes: number
  /** All assets of one board together. */
  maxBoardAssetBytes: number
  /** Who may create boards and how many a minute (`boardCreation.ts`), shared by every route that makes one. */
  admitCreation: BoardCreation
  /** Reads of a board to carry from it, per client address and window (each may load a stored board). */
  carryReads?: AddressWindow
  addressOf(c: Context): string
  /** The stored board, refused (`BoardTooLarge`) over MAX_BOARD_BYTES before it is read. */
  loadStored(boardId: string): Promise<StoredDocument>
  /** The board's `facilitation/exports` from its live room, if this process has it loaded (cheap); undefined otherwise. */
  liveExportRights(boardId: string): { rights: unknown } | undefined
  /** Runs a document job off the relay's thread (`documentWorkers.ts`), bounded per address and board. */
  documents: { run(job: DocumentJob, address: string, boards: readonly string[]): Promise<DocumentResult> }
  /** Closes the board's open sockets of one role or link: its link was replaced. */
  disconnect(boardId: string, sockets: SocketSelector): void
  /** Closes all of the board's sockets and deletes everything stored of it. */
  deleteBoard(boardId: string): Promise<void>
  /** BOARD_RETENTION_DAYS (0: boards are kept for ever). */
  retentionDays?: number
  /** SIGN_IN_POLICY: whether this link needs a sign-in here is told to the board page (default: the board's own switch alone). */
  signInPolicy?: SignInPolicy
  /** Where deletions, replaced links and downloads are recorded. */
  audit?: AuditTrail
}

/** A title, a template name and its options: a few kilobytes at most. */
const maxCreateBodyBytes = 64 * 1024

export const newId = () => randomBytes(16).toString('base64url')

export const toBoardMeta = (board: BoardRecord): BoardMeta => ({
  id: board.id,
  title: board.title,
  createdAt: board.createdAt,
  url: boardPath(board.id),
})

/**
 * A new board with fresh links, starting from a checked first state if given (a template, a
 * version): only for a request admitted to make one (`boardCreation.ts`).
 */
export async function createBoardRecord(
  storage: BoardDirectory & BoardLinks,
  // Proof that the route asked for the admission; it says how the board starts and records who made it.
  admitted: CreationAdmitted,
  title: string,
  first?: CheckedState,
): Promise<CreatedBoard> {
  // An empty board has the entry's default: exports closed to the read-only link.
  const observersMayExport = first?.observersMayExport ?? exportsEntry.default.observers
  const board: BoardRecord = { id: newId(), title, createdAt: new Date().toISOString(), observersMayExport }
  const { tokens, hashes } = issueTokens()
  await storage.createBoard(board, hashes, first?.state)
  // New boards start at the server's sign-in policy (`auth/signInPolicy.ts`).
  if (admitted.signInRequired) await storage.setSignInRequired(board.id, true)
  await admitted.created?.(board.id)
  for (const role of rotatableRoles) await keepLink(storage, board.id, tokens.facilitator, role, { token: tokens[role], joinCode: null })
  return { ...toBoardMeta(board), access: tokens, links: linksFor(board.id, tokens) }
}

export function boardsApi({
  storage,
  logger,
  maxAssetBytes,
  maxBoardAssetBytes,
  admitCreation,
  carryReads,
  addressOf,
  loadStored,
  liveExportRights,
  documents,
  disconnect,
  deleteBoard,
  retentionDays: retention = 0,
  signInPolicy = noSignInPolicy,
  audit,
}: BoardsApiOptions) {
  // The admission to make a board, from the check before the body is read to the handler.
  const api = new Hono<{ Variables: { creation: CreationAdmitted } }>()
  /** The board named in the path and the caller's role on it (`c.get('board')`, `c.get('role')`); 404, 401 or 403 otherwise. */
  const link = (needed: Role) => needsBoardLink(storage, needed)
  /**
   * Rights before reading: the link's role, and for the read-only link the facilitator's export
   * setting, from the board's room where this process has it loaded, else as storage keeps it
   * beside the board (`exportSetting.ts`): a refused export reads nothing of the document. A
   * board whose setting storage does not know yet (stored before it was kept) goes to the worker,
   * which reads the setting first and answers only the refusal (`documentJobs.ts`), as it does
   * for every export it makes.
   */
  const refuseExport = (board: BoardRecord, role: Role, message: string) => {
    if (canEdit(role)) return
    const live = liveExportRights(board.id)
    const allowed = live ? mayExport(role, live.rights) : board.observersMayExport
    if (allowed === false) throw new HTTPException(403, { message: message })
  }
  const exportRefused = 'exporting needs the participant link, unless the facilitator allows it for the read-only link'
  const reportRefused = 'the report needs the participant link, unless the facilitator allows exports for the read-only link'

  api.post(
    '/',
    // Refused before counting: such posts come from the victim's own address and must not use up
    // the new boards of everyone behind it.
    jsonOnly('send the new board as application/json'),
    async (c, next) => {
      c.set('creation', await admitCreation(c))
      await next()
    },
    bodyLimit({
      maxSize: maxCreateBodyBytes,
      onError: (c) => {
        // The rest of the body is never read: the client must not reuse this connection.
        c.header('Connection', 'close')
        throw new HTTPException(413, { message: `the request is larger than ${maxCreateBodyBytes / 1024} KB` })
      },
    }),
    jsonBody(CreateBoardRequest, firstIssue),
    async (c) => {
      const { title, template, options, locale, templates } = c.req.valid('json')
      const initialState = templates
        ? initialTemplateState(() => templatesDocument(templates, locale))
        : template
          ? initialTemplateState(() => templateDocument({ template, options, locale }))
          : boardDocument(locale)
      const created = await createBoardRecord(storage, c.get('creation'), title, checkFirstState(initialState, c.get('creation')))
      logger.info('board created', { board: created.id, template: template ?? templates?.map((t) => t.template).join(',') ?? null })
      return c.json(created, 201)
    },
  )

  api.get('/:id', link('observer'), async (c) => {
    const board = c.get('board')
    const role = c.get('role')
    const retentionDays = retention > 0 ? retention : null
    // From the network's use as a whole, where the board is in one.
    const deleteAfter = await boardDeleteAfter(storage, board.id, retention)
    return c.json({ ...toBoardMeta(board), role, retentionDays, deleteAfter, signInRequired: needsSignIn(signInPolicy, board, role) } satisfies BoardWithRole)
  })

  api.delete('/:id', link('facilitator'), async (c) => {
    const board = c.get('board')
    const role = c.get('role')
    await deleteBoard(board.id)
    await audit?.boardDeleted(board.id, callerActor(board.id, bearerToken(c.req.header('authorization'))!, role))
    logger.info('board deleted', { board: board.id })
    return c.body(null, 204)
  })

  api.post('/:id/links/:role', link('facilitator'), async (c) => {
    const board = c.get('board')
    const by = c.get('role')
    const role = roles.find((r) => r === c.req.param('role'))
    if (!role) throw new HTTPException(400, { message: `only these links can be replaced: ${roles.join(', ')}` })
    const caller = bearerToken(c.req.header('authorization'))!
    const renewed = await renewLink(storage, board.id, role, caller, (selector) => disconnect(board.id, selector))
    await audit?.record(role === 'facilitator' ? 'facilitator-link-renewed' : 'link-replaced', board.id, callerActor(board.id, caller, by))
    logger.info('link replaced', { board: board.id, role })
    return c.json({ role, token: renewed, link: boardLink(board.id, renewed) } satisfies RotatedLink)
  })

  api.get('/:id/export', link('observer'), async (c) => {
    const board = c.get('board')
    const role = c.get('role')
    refuseExport(board, role, exportRefused)
    const format = c.req.query('format') ?? 'md'
    if (!isExportFormat(format)) throw new HTTPException(400, { message: `format must be one of ${exportFormats.join(', ')}` })
    const locale = c.req.query('locale') === 'en' ? 'en' : 'de'
    const job: DocumentJob = { kind: 'export', board: { id: board.id, title: board.title }, stored: await loadStored(board.id), role, format, locale }
    const result = await documents.run(job, addressOf(c), [board.id])
    if (result.kind === 'refused') throw new HTTPException(403, { message: exportRefused })
    logger.info('board exported', { board: board.id, format })
    await audit?.record('board-exported', board.id, callerActor(board.id, bearerToken(c.req.header('authorization'))!, role))
    // Named by the title the file holds: a case board's typed title is the case's (`caseBoardHold.ts`).
    asAttachment(c, `${exportFileName(fileTitle(result, board.title))}.${format}`)
    return fileResponse(c, result)
  })

  // What a facilitator of another board of the network may carry from this one: the network hands
  // its boards' facilitator links to its coordinator, so the facilitator's link is asked here.
  api.get('/:id/carry-source', link('facilitator'), async (c) => {
    const board = c.get('board')
    const taken = await carryReads?.take(addressOf(c))
    if (taken && !taken.allowed) {
      c.header('Retry-After', String(taken.retryAfterSeconds))
      throw new HTTPException(429, { message: 'too many boards read from this address; please wait a minute' })
    }
    const job: DocumentJob = { kind: 'carry-source', board: { id: board.id, title: board.title }, stored: await loadStored(board.id) }
    const result = await documents.run(job, addressOf(c), [board.id])
    c.header('Cache-Control', 'no-store')
    logger.info('carry source read', { board: board.id })
    return c.json((result.kind === 'json' ? result.value : null) as CarrySourceBoard)
  })

  api.get('/:id/report', link('observer'), async (c) => {
    const board = c.get('board')
    const role = c.get('role')
    refuseExport(board, role, reportRefused)
    const format = c.req.query('format') ?? 'md'
    if (!(reportFormats as readonly string[]).includes(format)) throw new HTTPException(400, { message: `format must be one of ${reportFormats.join(', ')}` })
    const locale = c.req.query('locale') === 'en' ? 'en' : 'de'
    // The reader's day where it is a day, else the server's.
    const day = Day.safeParse(c.req.query('day')).data ?? localDay(new Date())
    const emptyTables = c.req.query('empty') === '1'
    const job: DocumentJob = {
      kind: 'report',
      board: { id: board.id, title: board.title },
      stored: await loadStored(board.id),
      role,
      format: format as ReportFormat,
      locale,
      day,
      emptyTables,
    }
    const result = await releasedReport(storage, job, (next) => documents.run(next, addressOf(c), [board.id]))
    if (result.kind === 'refused') throw new HTTPException(403, { message: reportRefused })
    logger.info('report made', { board: board.id, format })
    await audit?.record('dokumentation-downloaded', board.id, callerActor(board.id, bearerToken(c.req.header('authorization'))!, role))
    if (result.kind === 'json') {
      c.header('Cache-Control', 'no-store')
      return c.json(result.value)
    }
    // Named by the board and the meeting's day (else the reader's), so that a folder of them sorts.
    asAttachment(c, `${exportFileName(`${dokumentationWords.title[locale]} ${fileTitle(result, board.title)}`)}-${(result.kind === 'file' && result.day) || day}.${formatExtension(format)}`)
    return fileResponse(c, result)
  })

  api.post(
    '/:id/assets',
    // Checked before the body is read: nobody without a link can make us read megabytes.
    link('participant'),
    bodyLimit({
      maxSize: maxAssetBytes,
      onError: (c) => {
        c.header('Connection', 'close')
        throw new HTTPException(413, { message: `file is larger than ${sizeText(maxAssetBytes)}` })
      },
    }),
    async (c) => {
      const board = c.get('board')
      const mimeType = mediaType(c.req.header('content-type'))
      if (!assetTypePattern.test(mimeType)) throw new HTTPException(415, { message: 'only images and videos can be uploaded' })
      const data = new Uint8Array(await c.req.arrayBuffer())
      if (data.byteLength === 0) throw new HTTPException(400, { message: 'empty file' })
      if ((await storage.assetBytes(board.id)) + data.byteLength > maxBoardAssetBytes) {
        throw new HTTPException(507, { message: `this board's space for images and videos (${sizeText(maxBoardAssetBytes)}) is used up` })
      }
      const assetId = newId()
      await storage.putAsset(board.id, assetId, { mimeType, data })
      logger.info('asset stored', { board: board.id, bytes: data.byteLength })
      return c.json({ url: assetPath(board.id, assetId) }, 201)
    },
  )

  // A document's pages are only uploaded when all of them fit (client/documents/).
  api.get('/:id/asset-space', link('participant'), async (c) => {
    const board = c.get('board')
    c.header('Cache-Control', 'no-store')
    return c.json({ usedBytes: await storage.assetBytes(board.id), maxBytes: maxBoardAssetBytes } satisfies AssetSpace)
  })

  // A file follows its board's links: its address is in every document that synced the board, so
  // the address alone must not read it once a leaked link is renewed. Any current link reads it,
  // sent as a header as on every route (client/board/assetReader.ts), never in the URL.
  api.get('/:id/assets/:assetId', link('observer'), async (c) => {
    const board = c.get('board')
    const assetId = c.req.param('assetId')
    const asset = assetIdPattern.test(assetId) ? await storage.getAsset(board.id, assetId) : undefined
    if (!asset) throw new HTTPException(404, { message: 'asset not found' })
    return c.body(asset.data, 200, {
      'Content-Type': asset.mimeType,
      // Not in the browser's HTTP cache, which no page can empty: the service worker's offline
      // copy is removed with the board's local copy (client/localCopy.ts).
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      // An uploaded SVG opened on its own must not run script on our origin.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    })
  })

  return api
}

/** The templates' first state; bad options are the client's mistake, so a 400 that says which. */
function initialTemplateState(build: () => Uint8Array): Uint8Array {
  try {
    return build()
  } catch (error) {
    if (error instanceof ZodError) {
      const issue = error.issues[0]
      throw new HTTPException(400, { message: `invalid template options: ${issue.path.join('.') || 'options'}: ${issue.message}` })
    }
    throw error
  }
}

/** A limit in words; below a megabyte in KB, so a small limit never reads "0 MB". */
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
