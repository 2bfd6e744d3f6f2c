/**
 * Starts Netzwerkstatt: HTTP API, websocket relay and client in one process, or with WORKERS
 * above 1, a primary that hands each connection to one of that many relay processes.
 */
import { serve, createAdaptorServer } from '@hono/node-server'
import cluster from 'node:cluster'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { CloseCode } from '../shared/protocol.ts'
import { createApp } from './app.ts'
import { Bus } from './cluster/Bus.ts'
import type { Cluster } from './cluster/Cluster.ts'
import { receiveSockets, servePrimary, workerEnv } from './cluster/primary.ts'
import { joinGroupProbes } from './cluster/groupProbes.ts'
import { connectionCap, httpServerOptions } from './http/connectionCap.ts'
import { readConfig, type Config } from './config.ts'
import { newControlSecret, removeRelayControl, writeRelayControl } from './relayControl.ts'
import { sweepRetention } from './retention.ts'
import { sweepAudit } from './audit.ts'
import { startDigests } from './digest/startDigests.ts'
import { createLogger, describeError, type Logger } from './logger.ts'
import { openStorage } from './storage/openStorage.ts'
import { memoryLimits, redisLimits } from './limits/addressLimits.ts'
import { exposureWarnings } from './http/exposure.ts'
import { logLicence } from './tldrawLicence.ts'

const config = readConfig()
const logger = createLogger(config.logLevel)
// Once per server, not once per worker.
if (cluster.isPrimary) for (const warning of exposureWarnings(config)) logger.warn(warning)
try {
  if (config.workers > 1 && cluster.isPrimary) await servePrimary(config, logger)
  else await serveRelay(config, logger)
} catch (error) {
  logger.error('could not start', { ...describeError(error), reason: (error as Error).message })
  process.exit(1)
}

async function serveRelay(config: Config, logger: Logger): Promise<void> {
  const worker = cluster.isWorker ? Number(process.env[workerEnv.index]) : null
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
  const { app, injectWebSocket, wss, rooms, metrics, cluster: joined, removeBoard, readiness, audit, documents } = createApp({
    config,
    storage,
    logger,
    controlSecret,
    cluster: bus && ownership ? { bus, ownership } : undefined,
    // Behind the primary, a socket carries one request: the next may be for another worker's board.
    oneRequestPerConnection: worker !== null,
    addressLimits,
  })
  member = joined
  if (worker !== null) {
    const group = joinGroupProbes({ registry: metrics.registry, readiness: () => readiness.check() })
    readiness.speakFor(group.readiness)
    metrics.speakFor(group.metrics)
  }

  let server: Server
  const serverOptions = httpServerOptions(config)
  if (worker === null) {
    server = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions }, (info: AddressInfo) => {
      writeRelayControl(config.dataDir, { pid: process.pid, port: info.port, secret: controlSecret })
      const store = config.databaseUrl ? { storage: 'postgresql' } : { storage: 'sqlite', dataDir: config.dataDir }
      logger.info('listening', { host: config.host, port: info.port, ...store, url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}` })
      logLicence(config, logger)
    }) as Server
  } else {
    server = createAdaptorServer({ fetch: app.fetch, serverOptions }) as Server
    logger.info('relay process ready', { worker, pid: process.pid, processKey: ownership?.processKey })
    if (worker === 0) logLicence(config, logger)
    receiveSockets(server)
  }
  const admit = connectionCap({ maxPerAddress: config.limits.maxHttpConnectionsPerAddress, trustedProxies: config.limits.trustedProxies, logger })
  server.on('connection', admit)
  injectWebSocket(server)

  // Retention: at start and then hourly, off the request path; in the first worker only.
  const retention = { deleted: 0 }
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
    if (config.retentionDays === 0) return
    try {
      metrics.boardDeleted('retention', await sweepRetention({ storage, rooms, logger, days: config.retentionDays, counter: retention, deleteBoard: removeBoard, audit }))
    } catch (error) {
      logger.error('retention sweep failed', describeError(error))
    }
  }
  if (!worker) {
    void sweep()
    setInterval(() => void sweep(), 60 * 60_000).unref()
  }
  // Digests by e-mail only where the operator set SMTP_URL; in the first worker only.
  const digests = config.digest && !worker ? startDigests(config.digest, { storage, logger, documents, maxBoardBytes: config.limits.maxBoardBytes, signInPolicy: config.signInPolicy }) : null

  let stopping = false
  async function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    readiness.stop()
    server.close()
    for (const socket of wss.clients) socket.close(CloseCode.goingAway, 'server shutting down')
    joined?.closeRemoteClients()
    try {
      await rooms.unloadAll()
      joined?.close()
      await digests?.stop()
      await bus?.close()
      await addressLimits.close()
      await storage.close()
      if (worker === null) removeRelayControl(config.dataDir)
    } catch (error) {
      logger.error('shutdown failed', describeError(error))
      process.exit(1)
    }
    logger.info('shutdown complete')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
