/**
 * One relay: storage, the app, the HTTP server with its websockets, and the rounds that run beside
 * them (retention, digests), started from a config and stopped as SIGTERM stops it. `main.ts`
 * runs it as the process (or as one of WORKERS behind the primary); tests run the same in their
 * own process, on port 0, when the process itself is not their subject.
 */
import { serve, createAdaptorServer } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { Closing, closeWith } from '../shared/closeReasons.ts'
import { createApp } from './app.ts'
import { Bus } from './cluster/Bus.ts'
import type { Cluster } from './cluster/Cluster.ts'
import { receiveSockets, workerEnv } from './cluster/primary.ts'
import { joinGroupProbes } from './cluster/groupProbes.ts'
import { connectionCap, httpServerOptions } from './http/connectionCap.ts'
import { readConfig, type Config } from './ops/config.ts'
import { newControlSecret, removeRelayControl, writeRelayControl } from './base/relayControl.ts'
import { dropKeptArchives, sweepRetention } from './ops/retention.ts'
import { warningMailer, warnOfRetention } from './ops/retentionWarnings.ts'
import { markKeyInUse, sweepAudit } from './audit/auditTrail.ts'
import { forwardAdminRows, type AuditForwarding } from './audit/auditForwarding.ts'
import { startDigests } from './digest/startDigests.ts'
import { createLogger, describeError, type Logger } from './base/logger.ts'
import { exposureWarnings } from './http/exposure.ts'
import { auditKeyFileWarning } from './ops/auditKeyFileMode.ts'
import { openStorage } from './ops/openStorage.ts'
import { refuseUnkeyedAfterKeyed, UnkeyedAfterKeyed } from './audit/auditKeyGuard.ts'
import { memoryLimits, redisLimits } from './limits/addressLimits.ts'
import { logLicence } from './base/tldrawLicence.ts'

export interface RunningRelay {
  /** The port it listens on; null for a worker behind the primary, which is handed sockets. */
  port: number | null
  /** Closes the listener and every socket, stores every board and closes the storage: what SIGTERM does. */
  stop(): Promise<void>
}

/** The hourly sweeps: retention, expired join codes and sessions, old audit rows. */
const sweepEveryMs = 60 * 60_000

/**
 * Starts a relay; `worker`: its index behind the primary (`cluster/primary.ts`), null for a relay
 * of its own; `stdout`: where its lines for stdout go besides the logger's (AUDIT_STDOUT's rows).
 */
export async function startRelayServer(config: Config, logger: Logger, worker: number | null = null, stdout?: (line: string) => void): Promise<RunningRelay> {
  // Before the storage opens (which may write): no unkeyed row after keyed ones (a lost .env, a compose file started elsewhere).
  await refuseUnkeyedAfterKeyed(config).catch((error: unknown) => {
    if (error instanceof UnkeyedAfterKeyed) throw error
  })
  const openedAt = new Date().toISOString()
  const { storage, ownership } = await openStorage(config, logger)
  let member: Cluster | null = null
  const bus =
    config.redisUrl && ownership
      ? await Bus.open({ url: config.redisUrl, sentinel: config.redisSentinel }, ownership.processKey, logger, {
          message: (message) => member?.handle(message),
          lost: () => member?.busLost(),
          restored: () => member?.busRestored(),
        })
      : null
  const addressLimits = config.redisUrl ? await redisLimits({ url: config.redisUrl, sentinel: config.redisSentinel }, logger, ownership?.processKey) : memoryLimits()
  const controlSecret = worker === null ? newControlSecret() : process.env[workerEnv.controlSecret]!
  const { app, injectWebSocket, wss, rooms, metrics, cluster: joined, removeBoard, readiness, audit, auditLine, documents, shownTitle } = createApp({
    config,
    storage,
    logger,
    controlSecret,
    cluster: bus && ownership ? { bus, ownership } : undefined,
    // Behind the primary, a socket carries one request: the next may be for another worker's board.
    oneRequestPerConnection: worker !== null,
    addressLimits,
    stdout,
  })
  member = joined
  if (worker !== null) {
    const group = joinGroupProbes({ registry: metrics.registry, readiness: () => readiness.check() })
    readiness.speakFor(group.readiness)
    metrics.speakFor(group.metrics)
  }

  // Retention: at start, and for a relay of its own before it listens (no board past its days
  // opens again, and its log says what went before `listening`); then hourly, off the request
  // path. In the first worker only, which takes the sockets the primary hands it meanwhile.
  const retention = { deleted: 0 }
  let warning: Promise<void> = Promise.resolve()
  // The warnings' mail goes through the digest's relay (SMTP_URL); in the process that sweeps only.
  const mailer = !worker && config.retentionDays > 0 && config.retentionWarnDays > 0 ? warningMailer(config.digest) : null
  const sweep = async () => {
    try {
      await storage.dropExpiredJoinCodes(new Date().toISOString())
    } catch (error) {
      logger.error('dropping expired join codes failed', describeError(error))
    }
    try {
      await storage.dropExpiredSessions(new Date().toISOString())
    } catch (error) {
      logger.error('dropping expired sessions failed', describeError(error))
    }
    try {
      await sweepAudit(storage, config.auditRetentionDays)
    } catch (error) {
      logger.error('dropping old audit rows failed', describeError(error))
    }
    // Archives of boards retention deleted go when their days are over, even once retention is off.
    try {
      await dropKeptArchives(storage, logger)
    } catch (error) {
      logger.error('dropping retention archives failed', describeError(error))
    }
    if (config.retentionDays === 0) return
    const archives = { storage, days: config.retentionArchiveDays, maxBoardBytes: config.limits.maxBoardBytes }
    try {
      metrics.boardDeleted('retention', await sweepRetention({ storage, rooms, logger, days: config.retentionDays, counter: retention, deleteBoard: removeBoard, audit, shownTitle, archives }))
    } catch (error) {
      logger.error('retention sweep failed', describeError(error))
    }
    // After the sweep: what it deleted is no longer due; what goes within the warning's days is
    // told. Off the start's path (a mail relay slow to answer must not hold the relay), one round at a time.
    warning = warning.then(async () => {
      try {
        await warnOfRetention({ storage, logger, days: config.retentionDays, warnDays: config.retentionWarnDays, archiveDays: config.retentionArchiveDays, mail: mailer })
      } catch (error) {
        logger.error('retention warnings failed', describeError(error))
      }
    })
  }
  let sweeping: Promise<void> = Promise.resolve()
  let sweeps: NodeJS.Timeout | undefined
  if (!worker) {
    sweeping = sweep()
    if (worker === null) await sweeping
    sweeps = setInterval(() => void (sweeping = sweep()), sweepEveryMs).unref()
  }

  if (config.auditKey && !worker) await markKeyInUse(storage, audit, config.auditKey)
  // The admin command line's rows to AUDIT_STDOUT, in the process that sweeps.
  const forwarding: AuditForwarding | null = auditLine && !worker ? await forwardAdminRows({ storage, line: auditLine, written: audit.written, logger, openedAt }) : null

  const admit = connectionCap({ maxPerAddress: config.limits.maxHttpConnectionsPerAddress, trustedProxies: config.limits.trustedProxies, logger })
  let server: Server
  let port: number | null = null
  const serverOptions = httpServerOptions(config)
  if (worker === null) {
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions }, (info: AddressInfo) => {
      port = info.port
      writeRelayControl(config.dataDir, { pid: process.pid, port: info.port, secret: controlSecret })
      const store = config.databaseUrl ? { storage: 'postgresql' } : { storage: 'sqlite', dataDir: config.dataDir }
      logger.info('listening', { host: config.host, port: info.port, ...store, url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}` })
      logLicence(config, logger)
    }) as Server
    server.on('connection', admit)
    injectWebSocket(server)
    // After serve's own callback has written relay.json and said so; a port taken fails the start.
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve)
      server.once('error', reject)
    })
  } else {
    server = createAdaptorServer({ fetch: app.fetch, serverOptions }) as Server
    logger.info('relay process ready', { worker, pid: process.pid, processKey: ownership?.processKey })
    if (worker === 0) logLicence(config, logger)
    server.on('connection', admit)
    injectWebSocket(server)
    receiveSockets(server)
  }

  // Digests by e-mail only where the operator set SMTP_URL; in the first worker only.
  const digests = config.digest && !worker ? startDigests(config.digest, { storage, logger, documents, maxBoardBytes: config.limits.maxBoardBytes, signInPolicy: config.signInPolicy }) : null

  let stopped: Promise<void> | undefined
  const stop = async () => {
    readiness.stop()
    clearInterval(sweeps)
    server.close()
    for (const socket of wss.clients) closeWith(socket, Closing.shuttingDown)
    joined?.closeRemoteClients()
    await rooms.unloadAll()
    joined?.close()
    await digests?.stop()
    forwarding?.stop()
    await forwarding?.round()
    // A sweep under way finishes before its storage closes.
    await sweeping
    await warning
    mailer?.close()
    await bus?.close()
    await addressLimits.close()
    await storage.close()
    if (worker === null) removeRelayControl(config.dataDir)
    // Requests still open (a keep-alive socket, a long poll) end with the relay, as with its process.
    server.closeAllConnections()
  }
  return {
    get port() {
      return port
    },
    stop: () => (stopped ??= stop()),
  }
}

/**
 * A relay of its own from environment variables, as a process started with them runs it (its
 * warnings said, its lines written to `write`): for tests that run the built relay in their own
 * process (test/helpers/relayInThisProcess.ts).
 */
export function startRelayFromEnv(env: NodeJS.ProcessEnv, write?: (line: string) => void): Promise<RunningRelay> {
  const config = readConfig(env)
  const logger = createLogger(config.logLevel, write)
  for (const warning of [...exposureWarnings(config), auditKeyFileWarning(env.AUDIT_KEY_FILE)]) if (warning) logger.warn(warning)
  return startRelayServer(config, logger, null, write)
}
