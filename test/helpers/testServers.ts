/**
 * What a test file gets of the run's shared servers (`test/setup/`): a PostgreSQL database and a
 * logical Redis database of its own, the run's Chromium (`browser.ts`) and relay (`sharedRelay.ts`). Outside a run with
 * those global setups (bench/, a config without them) each caller starts servers of its own, as
 * the tests did before.
 */
import { randomBytes } from 'node:crypto'
import { databasesOn, startPostgres, type PostgresServer } from './postgres.ts'
import { startRedis } from './redis.ts'

/** The broker's answer for `name`, or undefined when no global setup provides one. */
export async function askTestServer<T>(name: 'postgres' | 'redis' | 'chromium' | 'relay'): Promise<T | undefined> {
  // bench/ imports these helpers outside vitest, where `inject` cannot work.
  if (!process.env.VITEST) return undefined
  const { inject } = await import('vitest')
  const broker = inject('testServers')
  if (!broker) return undefined
  const response = await fetch(`${broker}/${name}`, { method: 'POST' })
  if (!response.ok) throw new Error(`shared ${name}: ${await response.text()}`)
  return (await response.json()) as T
}

/**
 * PostgreSQL for one test file: databases of its own (a random prefix) on the run's cluster,
 * dropped by `stop()`; its own cluster without the global setup. Refusing connections works on
 * one database, so it is safe on the shared cluster; stopping the server is not: a test whose
 * subject is PostgreSQL going away starts its own (`startPostgres`).
 */
export async function filePostgres(): Promise<PostgresServer> {
  const shared = await askTestServer<{ adminUrl: string }>('postgres')
  if (!shared) return startPostgres()
  const databases = databasesOn(shared.adminUrl, `f${randomBytes(5).toString('hex')}`)
  return {
    url: await databases.newDatabase(),
    newDatabase: databases.newDatabase,
    refuseConnections: databases.refuseConnections,
    acceptConnections: databases.acceptConnections,
    stop: databases.dropAll,
  }
}

export interface FileRedis {
  /** With the file's logical database (`/<n>`): keys of other files are not seen. */
  url: string
  stop(): Promise<void>
}

/**
 * Redis for one test file: a logical database of the run's server (the relay has no key prefix to
 * tell files apart). Pub/sub channels are not per database; the relay's channels carry random
 * process keys and board ids, so relay groups of other files never act on each other's messages.
 * A test whose subject is Redis going away (halt, resume, SIGSTOP) starts its own (`startRedis`).
 */
export async function fileRedis(): Promise<FileRedis> {
  const shared = await askTestServer<{ url: string }>('redis')
  if (shared) return { url: shared.url, stop: async () => {} }
  const own = await startRedis()
  return { url: own.url, stop: () => own.stop() }
}
