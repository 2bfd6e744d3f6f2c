/** A PostgreSQL and a Redis server for the tests of one describe block: started before them, stopped after. */
import { afterAll, beforeAll } from 'vitest'
import { startPostgres, type PostgresServer } from './postgres.ts'
import { startRedis, type RedisServer } from './redis.ts'

export function databaseServers(): { readonly postgres: PostgresServer; readonly redis: RedisServer } {
  let postgres: PostgresServer | undefined
  let redis: RedisServer | undefined
  beforeAll(async () => {
    ;[postgres, redis] = await Promise.all([startPostgres(), startRedis()])
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
  }
}
