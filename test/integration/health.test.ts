/**
 * Health probes against a real relay: `/livez` says the process answers, `/readyz` that its
 * storage answers too (Redis, with REDIS_URL, only marks it degraded), and that it is not shutting down. Real
 * PostgreSQL and Redis servers are made unreachable under a running relay and brought back.
 * (A relay on SQLite that is live and ready: `test/unit/http/health.test.ts`.)
 */
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { databaseServers } from '../helpers/databases.ts'
import { skipPostgresTests, startPostgres } from '../helpers/postgres.ts'
import { skipRedisTests } from '../helpers/redis.ts'
import { startRelay, type RelayProcess } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const start = async (env: Record<string, string> = {}) => {
  const relay = await startRelay({ process: true, env })
  cleanups.push(() => relay.kill('SIGKILL'))
  return relay
}

/** A probe's status and body, or 'refused' when nothing answers. */
const probe = async (relay: RelayProcess, path: '/livez' | '/readyz' | '/healthz') => {
  try {
    const response = await fetch(`${relay.httpUrl}${path}`)
    return { status: response.status, body: (await response.json()) as unknown }
  } catch {
    return 'refused' as const
  }
}
const ready = { status: 200, body: { status: 'ready' } }
const failing = (...parts: string[]) => ({ status: 503, body: { status: 'not ready', failing: parts } })
// Readiness is rechecked at most once a second and each check waits up to a second: generous on a slow machine.
const poll = { timeout: hang(20_000), interval: 200 }

describe('health on SQLite', () => {
  it('is not ready once it is shutting down', async () => {
    const relay = await start()
    expect(await probe(relay, '/readyz')).toEqual(ready)
    relay.child.kill('SIGTERM')
    // The listener closes at once: a probe meets either the shutdown's 503 or a closed port.
    await expect
      .poll(async () => {
        const answer = await probe(relay, '/readyz')
        return answer === 'refused' ? answer : answer.status
      }, poll)
      .toSatisfy((answer) => answer === 'refused' || answer === 503)
  })
})

describe.skipIf(skipPostgresTests || skipRedisTests)('health on PostgreSQL and Redis', () => {
  const servers = databaseServers()
  const startOn = async (databaseUrl: string, env: Record<string, string> = {}) =>
    start({ DATABASE_URL: databaseUrl, REDIS_URL: servers.redis.url, WORKERS: '1', ...env })

  it('names storage while the database is unreachable, stays live, and is ready again when it is back', async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    const relay = await startOn(databaseUrl)
    expect(await probe(relay, '/readyz')).toEqual(ready)

    await servers.postgres.refuseConnections(databaseUrl)
    cleanups.push(() => servers.postgres.acceptConnections(databaseUrl))
    await expect.poll(() => probe(relay, '/readyz'), poll).toEqual(failing('storage'))
    expect(await probe(relay, '/healthz')).toEqual(failing('storage'))
    expect(await probe(relay, '/livez')).toEqual({ status: 200, body: { status: 'live' } })

    await servers.postgres.acceptConnections(databaseUrl)
    await expect.poll(() => probe(relay, '/readyz'), poll).toEqual(ready)
  })

  it('a hanging database: probes name storage and open no further connections to it', async () => {
    // A cluster of its own: a frozen backend holds up every DROP DATABASE on its cluster (it cannot
    // answer the barrier that waits for all backends), so the shared one's other files would wait.
    const cluster = await startPostgres()
    cleanups.push(() => cluster.stop())
    const databaseUrl = cluster.url
    const relay = await startOn(databaseUrl)
    expect(await probe(relay, '/readyz')).toEqual(ready)
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    cleanups.push(() => admin.end())
    // The relay's pooled connections (its lock's connection holds an advisory lock and is left alone).
    const pooled = async () =>
      (
        await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)`,
        )
      ).rows.map((row) => row.pid)
    const frozen = await pooled()
    expect(frozen.length).toBeGreaterThan(0)
    for (const pid of frozen) process.kill(pid, 'SIGSTOP')
    const thaw = () =>
      frozen.forEach((pid) => {
        try {
          process.kill(pid, 'SIGCONT')
        } catch {
          // gone already
        }
      })
    cleanups.push(thaw)

    // Once the last answer kept from before has run out, the check waits its bound and fails.
    await expect.poll(() => probe(relay, '/readyz'), poll).toEqual(failing('storage'))
    // A burst while the query hangs: every probe gets that answer, none asks the database.
    const burst = await Promise.all(Array.from({ length: 30 }, () => probe(relay, '/readyz')))
    expect(burst).toEqual(Array.from({ length: 30 }, () => failing('storage')))
    // Probing on for a few of the cache's seconds starts no new query while the first still hangs.
    for (const until = Date.now() + 3000; Date.now() < until; ) expect(await probe(relay, '/readyz')).toEqual(failing('storage'))
    expect((await pooled()).sort()).toEqual([...frozen].sort())

    thaw()
    await expect.poll(() => probe(relay, '/readyz'), poll).toEqual(ready)
  })

  it('stays ready while Redis is stopped, naming it degraded, and live; the mark goes when Redis is back', async () => {
    // A Redis of its own: the shared one must not go away under other files.
    const redis = await servers.privateRedis()
    const relay = await startOn(await servers.postgres.newDatabase(), { REDIS_URL: redis.url })
    expect(await probe(relay, '/readyz')).toEqual(ready)

    await redis.halt()
    cleanups.push(() => redis.resume().catch(() => {}))
    // Boards held here go on without Redis: a Redis outage must not take every relay out of service.
    await expect.poll(() => probe(relay, '/readyz'), poll).toEqual({ status: 200, body: { status: 'ready', degraded: ['redis'] } })
    expect(await probe(relay, '/livez')).toEqual({ status: 200, body: { status: 'live' } })

    await redis.resume()
    cleanups.pop()
    await expect.poll(() => probe(relay, '/readyz'), poll).toEqual(ready)
  })

  it('WORKERS=2: readiness speaks for every relay process: one that does not answer makes the machine unready, by name', async () => {
    const relay = await startOn(await servers.postgres.newDatabase(), { WORKERS: '2' })
    expect(await probe(relay, '/livez')).toEqual({ status: 200, body: { status: 'live' } })
    expect(await probe(relay, '/readyz')).toEqual(ready)

    // The second worker freezes (the first still answers every request that names no board).
    const second = await relay.waitForLog((e) => e.msg === 'relay process ready' && e.worker === 1)
    process.kill(Number(second.pid), 'SIGSTOP')
    const thaw = () => process.kill(Number(second.pid), 'SIGCONT')
    cleanups.push(thaw)
    expect(await probe(relay, '/readyz')).toEqual(failing('worker 1'))
    expect(await probe(relay, '/livez')).toEqual({ status: 200, body: { status: 'live' } })
    thaw()
    cleanups.pop()
    await expect.poll(() => probe(relay, '/readyz'), poll).toEqual(ready)
  })
})

describe.skipIf(skipPostgresTests)('health when PostgreSQL stops altogether', () => {
  it('the relay stops too: its database lock is gone', async () => {
    const postgres = await startPostgres()
    cleanups.push(() => postgres.stop())
    const relay = await start({ DATABASE_URL: postgres.url })
    expect(await probe(relay, '/readyz')).toEqual(ready)
    const exited = new Promise<number | null>((resolve) => relay.child.once('exit', (code) => resolve(code)))
    await postgres.stop()
    expect(await exited).toBe(1)
    expect(await probe(relay, '/livez')).toBe('refused')
  })
})
