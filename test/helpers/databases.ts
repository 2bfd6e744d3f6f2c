/** A PostgreSQL and a Redis server for the tests of one describe block: started before them, stopped after. */
import { afterAll, afterEach, beforeAll } from 'vitest'
import { startPostgres, type PostgresServer } from './postgres.ts'
import { startRedis, type RedisServer } from './redis.ts'
import { makeDataDir, removeDataDir, startRelay, type RelayProcess } from './relay.ts'

export interface DatabaseServers {
  readonly postgres: PostgresServer
  readonly redis: RedisServer
  /** One relay process (WORKERS=1 unless `env` says otherwise) on the database and Redis; killed after its test. */
  startRelay(databaseUrl: string, env?: Record<string, string>): Promise<RelayProcess>
}

export function databaseServers(): DatabaseServers {
  let postgres: PostgresServer | undefined
  let redis: RedisServer | undefined
  const relays: Array<{ relay: RelayProcess; dataDir: string }> = []
  beforeAll(async () => {
    ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
  })
  afterEach(async () => {
    for (const { relay, dataDir } of relays.splice(0).reverse()) {
      await relay.kill('SIGKILL')
      removeDataDir(dataDir)
    }
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
    async startRelay(databaseUrl, env = {}) {
      const dataDir = makeDataDir()
      try {
        const relay = await startRelay({ dataDir, env: { DATABASE_URL: databaseUrl, REDIS_URL: redis!.url, WORKERS: '1', ...env } })
        relays.push({ relay, dataDir })
        return relay
      } catch (error) {
        removeDataDir(dataDir)
        throw error
      }
    },
  }
}
