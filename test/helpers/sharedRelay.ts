/**
 * The run's shared relay (`test/setup/relay.ts`): one relay from dist/ that integration and
 * browser files use as a place to make boards, instead of a relay each. Boards are the unit of
 * isolation: a file creates its own and never counts what the relay holds as a whole.
 *
 * Every file talks to it from 127.0.0.1 at once, so its per-address budgets are set far above
 * anything one test does; a test whose subject is a budget, a setting, the log or the process
 * itself starts a relay of its own (`startRelay`, `privateRelaySuite`).
 */
import { removeDataDir, startRelay, type RelayProcess } from './relay.ts'
import { askTestServer } from './testServers.ts'

/** What a test gets of the shared relay: where it listens, and its data directory to read a board's rows. */
export interface SharedRelay {
  port: number
  httpUrl: string
  wsUrl: string
  /** Read by board id only, never counted as a whole: other files' boards are there too. */
  dataDir: string
}

/** Its settings: the defaults, with the per-address budgets opened up (one address, many files). */
export const sharedRelayEnv: Record<string, string> = {
  // Info, not debug: the relay's lines are read only while it starts, and kept only a few.
  LOG_LEVEL: 'info',
  MAX_BOARDS_PER_MINUTE: '100000',
  // Per address and board: a test that sends refused updates is not cut off for it here.
  MAX_REFUSALS_PER_MINUTE: '100000',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  MAX_HTTP_CONNECTIONS_PER_ADDRESS: '200000',
  MAX_SYNC_BYTES_PER_MINUTE: String(64 * 1024 ** 3),
  MAX_AWARENESS_BYTES_PER_ADDRESS: String(1024 ** 3),
  MAX_AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: String(1024 ** 3),
}

/** Lines of its log kept, for the message when it exits early; a relay of a whole run must not hold them all. */
const keptLogLines = 200

/** Starts a relay with the shared relay's settings, on a data directory of its own. */
export function startSharedRelay(): Promise<RelayProcess> {
  return startRelay({ process: true, env: sharedRelayEnv, keptLogLines, label: 'relay-shared' })
}

/** What a test file holds of it: `stop()` stops only a relay of the file's own (no global setup); the shared one runs until the run ends. */
export interface FileRelay extends SharedRelay {
  stop(): Promise<void>
}

/**
 * The run's shared relay for a test file; outside a run with its global setup (bench/, a config
 * without it) a relay of the caller's own with the same settings.
 */
export async function sharedRelay(): Promise<FileRelay> {
  const shared = await askTestServer<SharedRelay>('relay')
  if (shared) return { ...shared, stop: async () => {} }
  const own = await startSharedRelay()
  const { port, httpUrl, wsUrl, dataDir } = own
  return {
    port,
    httpUrl,
    wsUrl,
    dataDir,
    async stop() {
      await own.kill()
      removeDataDir(own.dataDir)
    },
  }
}
