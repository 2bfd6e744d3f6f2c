/**
 * A relay of a test's own in the test's process: `startRelayServer` (server/relayServer.ts, what
 * `main.ts` runs), built as production runs it (`dist/server/relayServer.js`, loaded by Node, not
 * through vitest's transform), on a free port of 127.0.0.1 with real HTTP and websockets, its log
 * lines kept as a relay process prints them. It costs no process start (about 0.7 s of CPU each), so a test whose
 * subject is a setting, a limit, a restart on the same data directory or the log takes one of these;
 * a test whose subject is the process (SIGKILL, the lock between processes, WORKERS, an exit code,
 * memory, the event loop under load, PostgreSQL's lock lost) takes a relay process
 * (`startRelay({ process: true })`).
 */
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { makeDataDir } from './relay.ts'
import type { Relay, RelayOptions } from './relay.ts'
import { assertBuilt, logProcess } from './serverEntry.ts'
import { RelayLog } from './relayLog.ts'
import { hang } from './hang.ts'

const root = join(import.meta.dirname, '..', '..')
const built = 'dist/server/relayServer.js'
/** How long its stop may take (a relay process gets as long before SIGKILL). */
const stopMs = hang(10_000)

export async function startRelayInThisProcess(options: RelayOptions = {}): Promise<Relay> {
  const dataDir = options.dataDir ?? makeDataDir()
  const log = new RelayLog(options.keptLogLines)
  logProcess(options.label ?? 'relay', 'in-process')
  assertBuilt(built, ['server', 'shared'], 'run `npm run build`')
  const { startRelayFromEnv } = (await import(pathToFileURL(join(root, built)).href)) as typeof import('../../server/relayServer.ts')
  // The environment a relay process would get (`startRelay`): this process's, then the tests' defaults, then the test's.
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ...options.env }
  const relay = await startRelayFromEnv(env, (line) => log.add(line))
  const port = relay.port!
  let stopped = false
  return {
    kind: 'in-process',
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    dataDir,
    logs: log.lines,
    waitForLog: (predicate, from) => log.waitFor(predicate, from),
    async kill(signal = 'SIGTERM') {
      if (signal !== 'SIGTERM' && signal !== 'SIGINT') throw new Error(`a relay in the test's process stops as SIGTERM stops it; ${signal} needs startRelay({ process: true })`)
      if (stopped) return
      stopped = true
      // A stop that hangs cannot be killed here: the test's teardown says so instead of hanging.
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        relay.stop(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the relay in the test's process did not stop within ${stopMs / 1000} s:\n${log.lines.slice(-20).join('\n')}`)), stopMs)
        }),
      ]).finally(() => clearTimeout(timer))
      log.close('the relay stopped')
    },
  }
}
