/**
 * The relay's Hono app in this process, built as `server/main.ts` builds it (`createApp` on the
 * storage `openStorage` opens) on a SQLite file in a temporary directory: no process, no port.
 * For unit tests of routes that need nothing but HTTP; a websocket, a listening port or a process
 * that is killed need `startRelay` (`relay.ts`) in an integration test.
 *
 * `relay.request(path, init, { from })` answers as the relay answers a client whose connection
 * comes from `from` (127.0.0.1 unless told): the node adapter's `getConnInfo`, which every
 * per-address rule asks, reads `env.incoming.socket.remoteAddress`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../../server/app.ts'
import { readConfig } from '../../server/ops/config.ts'
import { createLogger } from '../../server/base/logger.ts'
import { memoryLimits } from '../../server/limits/addressLimits.ts'
import { openStorage } from '../../server/ops/openStorage.ts'
import { makeDataDir, removeDataDir } from './relay.ts'

export interface InProcessRelay {
  dataDir: string
  /** Every log line the relay wrote so far (JSON, as a relay process prints them). */
  logs: string[]
  /** A request to the relay; `path` may be a whole URL (its host is then the request's Host). */
  request(path: string | URL, init?: RequestInit, options?: { from?: string }): Promise<Response>
  /** Stores its rooms, stops its worker threads, closes the database; removes the data directory unless `keepDataDir`. Once. */
  close(options?: { keepDataDir?: boolean }): Promise<void>
}

/** The port a request's Host names, as a browser's does; nothing listens on it. */
const port = 8787

export async function inProcessRelay(options: { env?: Record<string, string>; dataDir?: string; clientDir?: string } = {}): Promise<InProcessRelay> {
  const dataDir = options.dataDir ?? makeDataDir()
  // The defaults of `startRelay`; the environment of this process is not read.
  const config = readConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...options.env })
  // The built client is not there before `npm run build` (the unit project runs first): a page of
  // its own stands in for it. What a test checks of a page is the relay's headers, not the client.
  // A test of the static files passes a `clientDir` it made (and removes) itself.
  const ownClientDir = !options.clientDir
  const clientDir = options.clientDir ?? mkdtempSync(join(tmpdir(), 'netzwerkstatt-client-'))
  if (ownClientDir) writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Netzwerkstatt</title><div id="root"></div>\n')
  config.clientDir = clientDir
  const logs: string[] = []
  const logger = createLogger(config.logLevel, (line) => logs.push(line))
  const { storage } = await openStorage(config, logger)
  const addressLimits = memoryLimits()
  const built = createApp({ config, storage, logger, addressLimits })
  let closed = false

  return {
    dataDir,
    logs,
    async request(path, init, { from = '127.0.0.1' } = {}) {
      const url = new URL(path, `http://127.0.0.1:${port}`)
      // Every HTTP/1.1 request names a Host; the relay answers only to its own (`hostCheck.ts`).
      const headers = new Headers(init?.headers)
      if (!headers.has('host')) headers.set('host', url.host)
      const socket = { remoteAddress: from, remotePort: 50_000, remoteFamily: isIP(from) === 6 ? 'IPv6' : 'IPv4' }
      return built.app.request(url, { ...init, headers }, { incoming: { socket } })
    },
    // What `main.ts` does on SIGTERM, and the thread pools it leaves to the process's end. Left
    // behind: prom-client's default metrics (a gc observer, an event-loop delay histogram) have no off switch.
    async close({ keepDataDir = false } = {}) {
      if (closed) return
      closed = true
      built.readiness.stop()
      await built.rooms.unloadAll()
      await Promise.all([built.documents.close(), built.boardLoads.close()])
      built.wss.close()
      await addressLimits.close()
      await storage.close()
      if (ownClientDir) removeDataDir(clientDir)
      if (!keepDataDir) removeDataDir(dataDir)
    },
  }
}

/** One in-process relay for a test file (or describe block), built before its tests and closed after them: `suite.relay`. */
export function inProcessRelaySuite(env?: Record<string, string>) {
  const suite = { relay: undefined as unknown as InProcessRelay }
  beforeAll(async () => {
    suite.relay = await inProcessRelay({ env })
  })
  afterAll(() => suite.relay?.close())
  return suite
}
