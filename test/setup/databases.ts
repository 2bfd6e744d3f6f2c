/**
 * Global setup of the projects whose files use PostgreSQL or Redis: one PostgreSQL cluster and
 * one Redis per run, each started when a file first asks (`test/helpers/testServers.ts`).
 * Isolation is per file: a database of its own on the cluster, a logical Redis database of its own.
 */
import { Redis } from 'ioredis'
import type { TestProject } from 'vitest/node'
import { startPostgres, type PostgresServer } from '../helpers/postgres.ts'
import { startRedis, type RedisServer } from '../helpers/redis.ts'
import { openBroker } from './broker.ts'

/**
 * Logical Redis databases (`/<n>` in REDIS_URL): the relay has no key prefix of its own, so a file
 * gets a database instead. Number 0 stays unused (what a URL without one means).
 */
export const redisDatabases = 1024

export default async function setup(project: TestProject) {
  const broker = await openBroker()
  broker.offer<PostgresServer>('postgres', {
    start: () => startPostgres(),
    // The superuser's own database: each file makes its databases from there.
    answer: async (server) => ({ adminUrl: Object.assign(new URL(server.url), { pathname: '/postgres' }).href }),
    stop: (server) => server.stop(),
  })
  let handedOut = 0
  broker.offer<RedisServer>('redis', {
    start: () => startRedis({ databases: redisDatabases }),
    async answer(server) {
      const database = (handedOut++ % (redisDatabases - 1)) + 1
      // Only a long watch session comes round again: then the number is emptied first.
      if (handedOut >= redisDatabases) {
        const client = new Redis(`${server.url}/${database}`)
        await client.flushdb().finally(() => client.disconnect())
      }
      return { url: `${server.url}/${database}` }
    },
    stop: (server) => server.stop(),
  })
  project.provide('testServers', broker.url)
  return () => broker.release()
}
