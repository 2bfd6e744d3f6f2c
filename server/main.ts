/** Starts Netzwerkstatt: HTTP API, websocket relay and client in one process. */
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { CloseCode } from '../shared/protocol.ts'
import { createApp } from './app.ts'
import { readConfig } from './config.ts'
import { newControlSecret, removeRelayControl, writeRelayControl } from './relayControl.ts'
import { sweepRetention } from './retention.ts'
import { createLogger, describeError } from './logger.ts'
import { openStorage } from './storage/openStorage.ts'

const config = readConfig()
const logger = createLogger(config.logLevel)
const storage = await openStorage(config, logger)
const controlSecret = newControlSecret()
const { app, injectWebSocket, wss, rooms, metrics } = createApp({ config, storage, logger, controlSecret })

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
  writeRelayControl(config.dataDir, { pid: process.pid, port: info.port, secret: controlSecret })
  const store = config.databaseUrl ? { storage: 'postgresql' } : { storage: 'sqlite', dataDir: config.dataDir }
  logger.info('listening', { host: config.host, port: info.port, ...store, url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}` })
})
injectWebSocket(server)

// Retention: at start and then hourly, off the request path.
const retention = { deleted: 0 }
const sweep = async () => {
  try {
    await storage.dropExpiredJoinCodes(new Date().toISOString())
  } catch (error) {
    logger.error('dropping expired join codes failed', describeError(error))
  }
  if (config.retentionDays === 0) return
  try {
    metrics.boardDeleted('retention', await sweepRetention({ storage, rooms, logger, days: config.retentionDays, counter: retention }))
  } catch (error) {
    logger.error('retention sweep failed', describeError(error))
  }
}
void sweep()
setInterval(() => void sweep(), 60 * 60_000).unref()

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  logger.info('shutting down', { signal })
  server.close()
  for (const socket of wss.clients) socket.close(CloseCode.goingAway, 'server shutting down')
  try {
    await rooms.unloadAll()
    await storage.close()
    removeRelayControl(config.dataDir)
  } catch (error) {
    logger.error('shutdown failed', describeError(error))
    process.exit(1)
  }
  logger.info('shutdown complete')
  process.exit(0)
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
