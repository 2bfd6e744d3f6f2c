/**
 * Starts Netzwerkstatt: HTTP API, websocket relay and client in one process, or with WORKERS
 * above 1, a primary that hands each connection to one of that many relay processes.
 */
import cluster from 'node:cluster'
import { readConfig } from './ops/config.ts'
import { servePrimary, workerEnv } from './cluster/primary.ts'
import { createLogger, describeError } from './base/logger.ts'
import { exposureWarnings } from './http/exposure.ts'
import { auditKeyFileWarning } from './ops/auditKeyFileMode.ts'
import { startRelayServer, type RunningRelay } from './relayServer.ts'

const config = readConfig()
const logger = createLogger(config.logLevel)
// Once per server, not once per worker.
if (cluster.isPrimary) for (const warning of [...exposureWarnings(config), auditKeyFileWarning(process.env.AUDIT_KEY_FILE)]) if (warning) logger.warn(warning)
try {
  if (config.workers > 1 && cluster.isPrimary) await servePrimary(config, logger)
  else stopOnSignals(await startRelayServer(config, logger, cluster.isWorker ? Number(process.env[workerEnv.index]) : null))
} catch (error) {
  logger.error('could not start', { ...describeError(error), reason: (error as Error).message })
  process.exit(1)
}

function stopOnSignals(relay: RunningRelay): void {
  let stopping = false
  async function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    logger.info('shutting down', { signal })
    try {
      await relay.stop()
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
