/** Wires the HTTP API, the websocket relay and the client into one Hono app. */
import './base/errorEvent.ts'
import { createNodeWebSocket } from '@hono/node-ws'
import { Hono, type Context } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { WebSocket } from 'ws'
import type { ClientConfig, SignInRefusal } from '../shared/api.ts'
import { Closing, closeWith } from '../shared/closeReasons.ts'
import { presencePatchParam } from '../shared/presencePatch.ts'
import { wallParam } from '../shared/wall.ts'
import type { Config } from './ops/config.ts'
import { onMaster } from './redis/redisClient.ts'
import { Connection } from './room/Connection.ts'
import { readBoardForNetwork } from './http/networkBoardReads.ts'
import { BoardTooLarge } from './judge/boardBudget.ts'
import { boardsApi } from './http/boardsApi.ts'
import { findBoard } from './http/findBoard.ts'
import { roleForToken } from './links/access.ts'
import { NetworkOpenings } from './links/networkOpenings.ts'
import { RelayMetrics } from './ops/metrics.ts'
import { credentialsFromProtocols, relayProtocol, tokenQueryParam, type ServerTime } from '../shared/access.ts'
import { writerQueryParam } from '../shared/author.ts'
import { facilitationKeys, facilitationMap } from '../shared/board/facilitation.ts'
import { loadWithinBudget } from './judge/boardBudget.ts'
import { DocumentWorkers } from './documents/documentWorkers.ts'
import type { BoardRestored } from './documents/boardLoadJobs.ts'
import { boardNetworkApi, networkReadsPerMinute, networksApi } from './http/networksApi.ts'
import { boardKeepApi, networkKeepApi, retentionLookupApi, retentionLookupsPerMinute } from './http/retentionApi.ts'
import { caseRemovalApi } from './http/caseRemovalApi.ts'
import { versionsApi } from './http/versionsApi.ts'
import { boardReleaser, releaseApi } from './http/releaseApi.ts'
import { votesApi } from './http/votesApi.ts'
import { roundAnswersPerMinute, zustimmungApi } from './http/zustimmungApi.ts'
import { privateApi } from './http/privateApi.ts'
import { joinApi } from './http/joinApi.ts'
import { creatorAccess } from './http/authApi.ts'
import { SignedInSockets } from './auth/signedInSockets.ts'
import { boardSignIn, SignInNeeded } from './http/boardSignIn.ts'
import { clientAddress, isLocalRequest } from './http/clientAddress.ts'
import { localCreation } from './http/localCreation.ts'
import { checkMetricsAccess } from './http/exposure.ts'
import { newBoardsRequireSignIn } from './auth/signInPolicy.ts'
import { hostCheck } from './http/hostCheck.ts'
import { clientApp } from './http/clientApp.ts'
import { OwnChangeRefused, ownChangeAnswer } from './judge/ownChange.ts'
import { HTTPException } from 'hono/http-exception'
import { errorBody } from './base/httpError.ts'
import { needsOperator } from './http/linkAuthorization.ts'
import { boardCreation } from './http/boardCreation.ts'
import { memoryLimits, type AddressLimits } from './limits/addressLimits.ts'
import { healthApi, Readiness } from './http/health.ts'
import { describeError, type Logger } from './base/logger.ts'
import { roomSession, type PendingSession } from './room/BoardSession.ts'
import { enterBoard } from './room/admission.ts'
import { admit, isRefusal, type AdmissionGates } from './http/admit.ts'
import { addressSeats } from './http/addressSeats.ts'
import type { Bus } from './cluster/Bus.ts'
import { Cluster, type BoardChange } from './cluster/Cluster.ts'
import { countBusState } from './cluster/busMetrics.ts'
import { Rooms, type BoardOwnership, type SocketSelector } from './room/Rooms.ts'
import { networkLinksApi } from './http/networkLinksApi.ts'
import type { Storage } from './storage/Storage.ts'
import { isStorageFull } from './storage/storageErrors.ts'
import { SyncBudget } from './judge/syncBudget.ts'
import { adminActor, auditLines, AuditTrail, clientActor, localActor, sessionActor, unknownActor } from './audit/auditTrail.ts'
import { socketCompression } from './base/socketCompression.ts'
import { SharedDeflate } from './base/sharedDeflate.ts'
import { configuredLicence, licenceDaysLeft, licenceReport } from './base/tldrawLicence.ts'

/** Join codes tried per address and minute: a room of 300 behind one NAT joins at once; guessing 60 bits at this rate takes millions of years. */
const joinLookupsPerMinute = 600
/** A coordinator's panel reads each of the network's boards (60 at most) when it opens. */
const carrySourceReadsPerMinute = 300

export interface AppDeps {
  config: Config
  storage: Storage
  logger: Logger
  /** The secret in `relay.json` that lets `npm run admin` on this machine delete boards. */
  controlSecret?: string
  /** One of several relay processes: boards are claimed through `ownership`, clients of boards others hold are served over `bus`. */
  cluster?: { ownership: BoardOwnership; bus: Bus }
  /** Answers close the connection after each request (behind `cluster/primary.ts`). */
  oneRequestPerConnection?: boolean
  /** Where per-address windows are counted: Redis with REDIS_URL (`limits/addressLimits.ts`), else this process. */
  addressLimits?: AddressLimits
  /** Where lines for stdout go besides the logger's (AUDIT_STDOUT's rows): the process's stdout unless told (a relay in a test's process). */
  stdout?: (line: string) => void
}

/** How long a board's restore in the load worker may take: a board of 32 MiB on a slow machine takes seconds. */
const boardLoadMs = 120_000

function assertOnMaster(processKey: number): void {
  if (!onMaster(processKey)) throw new Error('a Redis connection is not on the master')
}

export function createApp({ config, storage: untimedStorage, logger, controlSecret, cluster: member, oneRequestPerConnection, addressLimits = memoryLimits(), stdout }: AppDeps) {
  const { limits } = config
  const app = new Hono()
  const metrics: RelayMetrics = new RelayMetrics({
    rooms: (): number => rooms.size,
    connections: (): number => wss.clients.size,
    ...(member ? { remoteClients: (): number => cluster?.remoteClients ?? 0 } : {}),
  })
  const storage: Storage = metrics.timeStorage(untimedStorage)
  const auditLine = config.auditStdout ? auditLines(stdout, config.auditKey) : undefined
  const audit = new AuditTrail(storage, logger, auditLine)
  const networkOpenings = new NetworkOpenings(audit)
  // Big boards are restored for their rooms in a thread of their own, so that a join never waits
  // behind a PDF; DOCUMENT_WORK_MS bounds documents, not loads, which get minutes (a board must open).
  const boardLoads = new DocumentWorkers(
    { threads: 1, timeoutMs: Math.max(config.documentWork.timeoutMs, boardLoadMs), maxWaiting: 256, maxPerAddress: Infinity, maxPerBoard: 1, entry: 'boardLoadWorker' },
    logger,
  )
  const rooms: Rooms = new Rooms(
    storage,
    {
      ...limits,
      restoreInWorker: async (boardId, stored, readable) => {
        let restored: BoardRestored | null = null
        const result = await boardLoads.run({ kind: 'slices', stored }, 'relay', [boardId], (board) => {
          restored = board
          readable?.(board)
        })
        if (result.kind !== 'slices') throw new Error('a board’s slices came back as something else')
        // Its state went ahead of the slices (`boardLoadJobs.ts`).
        const full = result.full ?? (restored as BoardRestored | null)?.full
        if (!full) throw new Error('a board’s slices came back without its state')
        return { slices: result.slices, full, skipped: result.skipped, checked: result.checked }
      },
      encodeInWorker: async (boardId, stored) => {
        const result = await boardLoads.run({ kind: 'board-state', stored }, 'relay', [boardId])
        if (result.kind !== 'file' || typeof result.body === 'string') throw new Error('a board’s state came back as something else')
        return { state: result.body, checked: 'checked' in result && typeof result.checked === 'string' ? result.checked : null }
      },
      warmWorker: () => boardLoads.warm(),
      syncBudget: new SyncBudget(limits.maxSyncBytesPerMinute),
      exportsReleased: (boardId, by) => void audit.record('exports-released', boardId, by ? clientActor(boardId, by) : unknownActor),
    },
    logger,
    member?.ownership,
  )
  const signedInSockets = new SignedInSockets()
  const cluster = member ? new Cluster(member.bus, rooms, limits, logger, (session) => signedInSockets.end(session)) : null
  if (member) countBusState(metrics.registry, member.bus)
  const { injectWebSocket, upgradeWebSocket, wss } = createNodeWebSocket({ app })
  // ws closes an oversized frame with 1009 before any of it reaches the room.
  wss.options.maxPayload = limits.maxMessageBytes
  // Compressed when the client offers it (browsers do), bounded as socketCompression.ts says; ws
  // reads these options at each upgrade and bounds inflation by the maxPayload above.
  wss.options.perMessageDeflate = config.socketCompression ? socketCompression : false
  // What every joiner is sent (the board, everyone's presence) deflated once, not once per socket.
  const sharedDeflate = new SharedDeflate(metrics.deflates)
  // Our client's credentials come as subprotocols; the answer names only the protocol itself.
  wss.options.handleProtocols = (offered: Set<string>) => (offered.has(relayProtocol) ? relayProtocol : false)
  /** A socket's link token and writer secret: from the subprotocols (our client) or the query (y-websocket). */
  const socketCredentials = (c: Context) => {
    const fromProtocols = credentialsFromProtocols(c.req.header('sec-websocket-protocol'))
    return {
      token: fromProtocols.token ?? c.req.query(tokenQueryParam),
      writer: fromProtocols.writer ?? c.req.query(writerQueryParam),
    }
  }

  app.onError((error, c) => {
    if (error instanceof SignInNeeded) return c.json({ error: error.message, signIn: error.reason } satisfies SignInRefusal, error.status)
    if (error instanceof HTTPException) return c.json(errorBody(error), error.status)
    if (error instanceof OwnChangeRefused) {
      const { status, error: text } = ownChangeAnswer(error)
      return c.json({ error: text }, status)
    }
    if (error instanceof BoardTooLarge) return c.json({ error: 'the board is larger than this server opens (MAX_BOARD_BYTES)' }, 413)
    logger.error('request failed', { path: c.req.routePath, ...describeError(error) })
    const full = isStorageFull(error)
    return c.json({ error: full ? 'storage is full' : 'internal error' }, full ? 507 : 500)
  })

  // Before anything else, websocket included: only requests that name this server (DNS rebinding).
  app.use(hostCheck({ publicUrl: config.publicUrl, listenHost: config.host, allowedHosts: config.allowedHosts }))

  // On every page and API answer (not the websocket upgrade): no sniffing, no referrer, no
  // framing by other sites unless FRAME_ANCESTORS allows it. HSTS is left to the operator's
  // TLS proxy: sent from here it would bind the whole domain.
  const headers = secureHeaders({
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: true,
    xFrameOptions: config.frameAncestors === "'none'" ? 'DENY' : false,
    strictTransportSecurity: false,
  })
  app.use((c, next) => (c.req.path.startsWith('/ws/') ? next() : headers(c, next)))

  // Behind the primary, a socket carries one request: the next may be for another worker's board.
  if (oneRequestPerConnection) {
    app.use(async (c, next) => {
      await next()
      if (!c.req.path.startsWith('/ws/')) c.header('Connection', 'close')
    })
  }

  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    // The route pattern, not the URL: ids and query strings stay out of the log.
    logger.debug('request', { method: c.req.method, route: c.req.routePath, status: c.res.status, ms: Math.round(performance.now() - started) })
    if (c.res.status >= 400 && c.res.status < 500) metrics.httpRefused(c.res.status)
  })

  // Storage asked directly (not timed): probes are not storage work worth a histogram.
  const readiness = new Readiness([
    { name: 'storage', check: () => untimedStorage.ping() },
    ...(member ? [{ name: 'redis', optional: true, check: () => member.bus.ping() }] : []),
    // Following Sentinels: a connection on no master (or on one that became a replica) is a relay
    // cut off from the others while the rest of the group goes on: not ready (redisClient.ts).
    ...(member && config.redisSentinel ? [{ name: 'redis master', check: async () => assertOnMaster(member.bus.processKey) }] : []),
  ])
  app.route('/', healthApi(readiness))

  app.get('/metrics', async (c) => {
    checkMetricsAccess(c, config)
    return c.body(await metrics.text(), 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' })
  })

  const tldrawLicence = configuredLicence(config)
  if (licenceDaysLeft(licenceReport(tldrawLicence, config.publicUrl)) !== null) {
    metrics.tldrawLicenceDaysLeft(() => licenceDaysLeft(licenceReport(tldrawLicence, config.publicUrl)) ?? 0)
  }
  app.get('/api/config', (c) =>
    c.json({ tldrawLicenseKey: config.tldrawLicenseKey, maxAssetBytes: limits.maxAssetBytes, tldrawLicence } satisfies ClientConfig),
  )
  /** Closes the board's sockets (4404), drops its room unsaved and deletes everything stored. */
  const removeBoard = async (boardId: string) => {
    await closeBoard({ board: boardId, role: 'all', ...Closing.boardDeleted, deleted: true })
    await storage.deleteBoard(boardId)
  }
  /** Closes a board's sockets of a role (and drops its room if deleted), in every relay process. */
  const closeBoard = async (change: BoardChange) => {
    if (cluster) return cluster.boardChanged(change)
    rooms.disconnect(change.board, change.role, change.code, change.reason)
    if (change.deleted) rooms.discard(change.board)
  }

  /** `DELETE /api/boards/:id` (and a network deleted with its boards): sockets closed, everything stored gone. */
  const deleteBoardByFacilitator = async (boardId: string) => {
    await removeBoard(boardId)
    metrics.boardDeleted('facilitator')
  }

  /** The client's address, as every per-address limit counts it. */
  const addressOf = (c: Context) => clientAddress(c, limits.trustedProxies)
  // Exports, reports, packs and PDFs: decoded and laid out off the relay's thread, within a time budget.
  // One address may have half the thread's time once it has used 10 s of it in a row.
  const documents = new DocumentWorkers({ ...config.documentWork, threadShare: { share: 0.5, burstMs: 10_000 } }, logger)
  const loadStored = (boardId: string) => loadWithinBudget(storage, boardId, limits.maxBoardBytes)

  const creators = creatorAccess({
    settings: config.creators,
    storage,
    logger,
    addressOf,
    isLocal: localCreation(config.localCreation),
    audit,
    limits: addressLimits,
    signedOut: (session) => void (cluster ? cluster.signedOut(session) : signedInSockets.end(session)),
  })
  app.route('/api/auth', creators.api)
  const signInBoards = boardSignIn({
    storage,
    logger,
    audit,
    sessionOf: creators.sessionOf,
    available: creators.oidcEnabled,
    policy: config.signInPolicy,
    // Everyone on the board is admitted again, under the new rule (the facilitator reconnects signed in).
    changed: (boardId) => void closeBoard({ board: boardId, role: 'all', ...Closing.signInRequired, deleted: false }),
  })
  /** Asked by every route that makes a board: the same right, one count of new boards per address. */
  const admitCreation = boardCreation({
    mayCreate: creators.mayCreate,
    creations: addressLimits.window('board-creations', limits.maxBoardsPerMinute),
    addressOf,
    maxBoardBytes: limits.maxBoardBytes,
    creators: { actorOf: async (c) => ((session) => (session ? sessionActor(session) : localActor))(await creators.sessionOf(c)), audit },
    signInRequired: newBoardsRequireSignIn(config.signInPolicy),
  })
  app.use('/api/boards/:id', signInBoards.gate)
  app.use('/api/boards/:id/*', signInBoards.gate)
  app.route('/api/boards', signInBoards.api)
  app.route(
    '/api/boards',
    boardsApi({
      admitCreation,
      storage,
      logger,
      maxAssetBytes: limits.maxAssetBytes,
      maxBoardAssetBytes: limits.maxBoardAssetBytes,
      carryReads: addressLimits.window('carry-source-reads', carrySourceReadsPerMinute),
      addressOf,
      loadStored,
      liveExportRights: (boardId) => {
        const live = rooms.get(boardId)
        return live && { rights: facilitationMap(live.doc).get(facilitationKeys.exports) }
      },
      documents,
      retentionDays: config.retentionDays,
      signInPolicy: config.signInPolicy,
      audit,
      disconnect: (boardId, sockets) => void closeBoard({ board: boardId, role: sockets, ...Closing.linkReplaced, deleted: false }),
      deleteBoard: deleteBoardByFacilitator,
    }),
  )
  /** What a network opened of a board closes when the network's link is renewed or the board leaves it. */
  const closeSockets = (boardId: string, sockets: SocketSelector) =>
    void closeBoard({ board: boardId, role: sockets, ...Closing.linkReplaced, deleted: false })
  app.route('/api/boards', boardNetworkApi({ storage, logger, closeSockets }))
  app.route('/api/networks', networkLinksApi({ storage, logger, closeSockets, audit }))
  // One releaser for a board's own release and the Fahrplan's of several: one board's releases go one at a time.
  // Each room let go once released: the Fahrplan's release goes through up to 500 boards in one request.
  const release = boardReleaser({ storage, withRoom: (boardId, work) => rooms.withRoom(boardId, work, { letGo: true }), maxNamedVersionsPerHour: limits.maxNamedVersionsPerHour, documents })
  app.route(
    '/api/networks',
    networksApi({
      storage,
      logger,
      mayCreate: creators.mayCreate,
      creations: addressLimits.window('network-creations', limits.maxBoardsPerMinute),
      reads: addressLimits.window('network-reads', networkReadsPerMinute),
      sessionOf: creators.sessionOf,
      addressOf,
      loadStored,
      documents,
      // The network's coordinator holds each board's facilitator link: its boards go as `DELETE /api/boards/:id` deletes one.
      deleteBoard: deleteBoardByFacilitator,
      admitCreation,
      closeSockets,
      audit,
      retentionDays: config.retentionDays,
      digestEveryMs: config.digest?.everyMs ?? null,
      signInPolicy: config.signInPolicy,
      release,
    }),
  )
  const retention = {
    storage,
    logger,
    days: config.retentionDays,
    sessionOf: creators.sessionOf,
    lookups: addressLimits.window('retention-lookups', retentionLookupsPerMinute),
    addressOf,
    signInPolicy: config.signInPolicy,
  }
  app.route('/api', retentionLookupApi(retention))
  app.route('/api/boards', boardKeepApi(retention))
  app.route('/api/networks', networkKeepApi(retention))
  app.route(
    '/api',
    joinApi({
      storage,
      logger,
      lookups: addressLimits.window('join-lookups', joinLookupsPerMinute),
      limits: addressLimits,
      addressOf,
      isLocal: (c) => isLocalRequest(c, limits.trustedProxies),
      address: { publicUrl: config.publicUrl, listenHost: config.host },
      audit,
    }),
  )
  app.route('/api/boards', votesApi({ storage, logger, room: (boardId) => rooms.get(boardId), audit }))
  app.route('/api/boards', zustimmungApi({ storage, logger, room: (boardId) => rooms.get(boardId), audit, answers: addressLimits.window('round-answers', roundAnswersPerMinute), addressOf }))
  app.route(
    '/api/boards',
    privateApi({
      storage,
      logger,
      room: (boardId) => rooms.get(boardId),
      audit,
      budget: { maxWriters: limits.maxPrivateWritersPerRound, maxBytesPerWriter: limits.maxPrivateBytesPerWriter },
    }),
  )
  app.route(
    '/api/boards',
    versionsApi({
      storage,
      logger,
      room: (boardId) => rooms.get(boardId),
      withRoom: (boardId, work) => rooms.withRoom(boardId, work),
      maxBoardBytes: limits.maxBoardBytes,
      audit,
      admitCreation,
      maxNamedVersionsPerHour: limits.maxNamedVersionsPerHour,
      documents,
      addressOf,
    }),
  )
  app.route(
    '/api/boards',
    releaseApi({
      storage,
      logger,
      withRoom: (boardId, work) => rooms.withRoom(boardId, work),
      maxNamedVersionsPerHour: limits.maxNamedVersionsPerHour,
      documents,
      addressOf,
      audit,
      release,
    }),
  )
  app.route(
    '/api/boards',
    caseRemovalApi({
      storage,
      logger,
      loadStored,
      withRoom: (boardId, work) => rooms.withRoom(boardId, work),
      documents,
      addressOf,
      maxBoardBytes: limits.maxBoardBytes,
      audit,
    }),
  )
  // The operator's `npm run admin -- delete`: from this machine only, with relay.json's secret.
  app.delete('/api/admin/boards/:id', needsOperator(controlSecret), async (c) => {
    const board = await findBoard(storage, c.req.param('id'))
    await removeBoard(board.id)
    await audit.boardDeleted(board.id, adminActor)
    logger.info('board deleted', { board: board.id, by: 'operator' })
    metrics.boardDeleted('operator')
    return c.body(null, 204)
  })
  app.get('/api/time', (c) => c.json({ now: Date.now() } satisfies ServerTime))
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404))

  const seats = addressSeats(limits.maxConnectionsPerAddress, addressLimits, logger)
  /** A socket's request to join, as `admit` reads it. */
  const admissionRequest = (c: Context, boardId: string) => ({
    boardId,
    ...socketCredentials(c),
    wall: c.req.query(wallParam.name) === wallParam.value,
    presencePatches: c.req.query(presencePatchParam.name) === presencePatchParam.value,
  })
  const admissionGates = (c: Context): AdmissionGates => ({
    roleFor: (boardId, token) => roleForToken(storage, boardId, token),
    signIn: (boardId, role) => signInBoards.admitSocket(c, boardId, role).catch((error: unknown) => (error instanceof SignInNeeded ? { missing: error } : Promise.reject(error))),
  })
  app.get(
    '/ws/:id',
    async (c, next) => {
      // Refused at the upgrade: a client without a valid link never gets a socket.
      const board = await findBoard(storage, c.req.param('id'))
      const admission = await admit(admissionRequest(c, board.id), admissionGates(c))
      if (isRefusal(admission)) throw admission.atUpgrade
      await next()
    },
    upgradeWebSocket(async (c) => {
      const boardId = c.req.param('id')!
      // Admitted again: the link may have been replaced (or sign-in required) between the check above and now.
      const admission = await admit(admissionRequest(c, boardId), admissionGates(c))
      const signIn = isRefusal(admission) ? undefined : admission.signIn
      const rechecker = signIn ? creators.recheckerFor(c) : null
      const address = addressOf(c)
      let connection: Connection | null = null
      let session: PendingSession | null = null
      let forgetSignIn: (() => void) | undefined
      return {
        onOpen(_event, ws) {
          const socket = ws.raw as WebSocket
          // Replaced link: do not come back with it; sign-in needed: the client comes back and is told at the upgrade.
          if (isRefusal(admission)) {
            closeWith(socket, admission.refused)
            return
          }
          networkOpenings.opened(boardId, admission.token)
          const { role } = admission.identity
          connection = new Connection(socket, limits, logger, { ...admission.identity, address }, {
            sent: (bytes) => metrics.messageSent(bytes),
            closedByRelay: (code) => metrics.closedByRelay(code),
          }, sharedDeflate)
          const signedInSocket = connection
          // Moved: the client comes back and meets the sign-in page.
          if (signIn) forgetSignIn = signedInSockets.add(signIn.key, signIn.expiresAt, () => closeWith(signedInSocket, Closing.signInEnded))
          // Its groups are read again at the provider while it is open (`groupRecheck.ts`).
          if (signIn && rechecker) signedInSockets.watch(signIn.key, rechecker.everyMs, rechecker.recheck)
          const joining = connection
          // Seated per address (`addressSeats.ts`); meanwhile messages wait in the pending session.
          // The per-board cap is the room's door's (`Rooms.join`), wherever the room is.
          const joined = seats.open(address, joining, boardId, () =>
            cluster ? cluster.join(boardId, joining) : rooms.join(boardId, joining).then((room) => roomSession(rooms, room, joining)),
          )
          if (!joined) return
          session = enterBoard({
            boardId,
            client: joining,
            maxWaitingBytes: limits.maxWaitingBytes,
            logger,
            // Its request for the board may be answered while the board's room opens in this process.
            early: rooms.earlyAsker(boardId, joining),
            join: () =>
              joined.then((boardSession) => {
                logger.info('client connected', { board: boardId, connection: joining.id, role, clients: rooms.get(boardId)?.connections.size ?? 0 })
                return boardSession
              }),
            joined: () => {
              // Required while this socket was on its way in: switching it on closed only the sockets already on the board.
              if (signIn === undefined) {
                void storage.getBoard(boardId).then(
                  (board) => board?.signInRequired && closeWith(joining, Closing.signInRequired),
                  (error: unknown) => logger.error('sign-in check after joining failed', { board: boardId, ...describeError(error) }),
                )
              }
            },
          })
        },
        onMessage(event) {
          // Once the relay has decided to close a connection, nothing it sends counts.
          if (!connection?.isOpen) return
          const bytes = event.data instanceof ArrayBuffer ? event.data.byteLength : String(event.data).length
          if (!connection.admitMessage(bytes)) return
          metrics.messageReceived(bytes)
          if (!(event.data instanceof ArrayBuffer)) {
            logger.warn('malformed message', { board: boardId, connection: connection.id, reason: 'text frame' })
            closeWith(connection, Closing.textFrame)
            return
          }
          session?.receive(new Uint8Array(event.data))
        },
        onClose(event) {
          if (!connection) return
          forgetSignIn?.()
          connection.dispose()
          seats.closed(address, connection)
          session?.leave()
          logger.info('client disconnected', { board: boardId, connection: connection.id, code: event.code })
        },
        onError(event) {
          // ws reports oversized frames here, then closes with 1009.
          logger.warn('socket error', { board: boardId, connection: connection?.id, ...describeError((event as ErrorEvent).error) })
        },
      }
    }),
  )

  app.route('/', clientApp(config.clientDir, config.frameAncestors))

  // The two thread pools are returned so that whoever built the app can stop them (tests in one process, `test/helpers/inProcessRelay.ts`).
  // Retention's tombstone names a board as the network's list did (its own turn in the document workers' share).
  const shownTitle = async (boardId: string, typed: string) => (await readBoardForNetwork(loadStored, documents, boardId, 'retention', typed)).title
  return { app, injectWebSocket, wss, rooms, metrics, storage, cluster, removeBoard, readiness, audit, auditLine, documents, boardLoads, shownTitle }
}
