/**
 * PostgreSQL and Redis for the tests of one describe block: databases of their own on the run's
 * shared servers (`testServers.ts`), dropped after them, and relays on them.
 */
import { afterAll, afterEach, beforeAll } from 'vitest'
import type { PostgresServer } from './postgres.ts'
import { startRedis, type RedisServer } from './redis.ts'
import { makeDataDir, removeDataDir, startRelay, stopRelay, type Relay, type RelayKind, type RelayProcess } from './relay.ts'
import { filePostgres, fileRedis, type FileRedis } from './testServers.ts'

export interface DatabaseServers {
  readonly postgres: PostgresServer
  /** A logical database of the shared Redis: never halted, other files use the server too. */
  readonly redis: Pick<FileRedis, 'url'>
  /** A Redis of the running test's own, stopped after it: for a test whose subject is Redis going away. */
  privateRedis(): Promise<RedisServer>
  /**
   * One relay (WORKERS=1 unless `env` says otherwise) on the database and Redis, stopped after its
   * test: in the test's process unless `process: true` (WORKERS above 1, a Redis or PostgreSQL
   * outage that may end it, SIGKILL, an exit code: the relay ends its process when it loses the database's lock).
   */
  startRelay(databaseUrl: string, env: Record<string, string> | undefined, kind: RelayKind & { process: true }): Promise<RelayProcess>
  startRelay(databaseUrl: string, env?: Record<string, string>, kind?: RelayKind): Promise<Relay>
}

export function databaseServers(): DatabaseServers {
  let postgres: PostgresServer | undefined
  let redis: FileRedis | undefined
  const relays: Array<{ relay: Relay; dataDir: string }> = []
  const ownRedis: RedisServer[] = []
  beforeAll(async () => {
    ;[postgres, redis] = await Promise.all([filePostgres(), fileRedis()])
  })
  afterEach(async () => {
    for (const { relay, dataDir } of relays.splice(0).reverse()) {
      await stopRelay(relay)
      removeDataDir(dataDir)
    }
    await Promise.all(ownRedis.splice(0).map((server) => server.stop()))
  })
  afterAll(async () => {
    await Promise.all([postgres?.stop(), redis?.stop()])
  })
  return {
    get postgres() {
      return postgres!
    },
    get redis() {
      return redis!
    },
    async privateRedis() {
      const server = await startRedis()
      ownRedis.push(server)
      return server
    },
    async startRelay(databaseUrl: string, env: Record<string, string> = {}, kind: RelayKind = {}) {
      const dataDir = makeDataDir()
      try {
        const options = { dataDir, env: { DATABASE_URL: databaseUrl, REDIS_URL: redis!.url, WORKERS: '1', ...env } }
        const relay = kind.process ? await startRelay({ ...options, process: true }) : await startRelay(options)
        relays.push({ relay, dataDir })
        // The kind asked for: the overloads above tell the caller which.
        return relay as RelayProcess
      } catch (error) {
        removeDataDir(dataDir)
        throw error
      }
    },
  }
}
