/**
 * Per-address limits across relay processes (separate machines sharing PostgreSQL and Redis):
 * counted once for all of them through Redis, not once per process. While Redis is gone each
 * process counts on its own, and every request is still answered.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { databaseServers } from '../helpers/databases.ts'
import { skipPostgresTests } from '../helpers/postgres.ts'
import { skipRedisTests } from '../helpers/redis.ts'
import { makeDataDir, removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe.skipIf(skipPostgresTests || skipRedisTests)('limits shared through Redis', () => {
  const servers = databaseServers()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  // TRUST_PROXY: each test speaks from its own address (X-Forwarded-For); loopback, so creating needs no sign-in.
  const start = async (databaseUrl: string) => {
    const dataDir = makeDataDir()
    const relay = await startRelay({
      dataDir,
      env: { DATABASE_URL: databaseUrl, REDIS_URL: servers.redis.url, WORKERS: '1', MAX_BOARDS_PER_MINUTE: '4', TRUST_PROXY: '127.0.0.1' },
    })
    cleanups.push(() => removeDataDir(dataDir))
    cleanups.push(() => relay.kill('SIGKILL'))
    return relay
  }
  const twoRelays = async () => {
    const databaseUrl = await servers.postgres.newDatabase()
    return Promise.all([start(databaseUrl), start(databaseUrl)])
  }
  const create = (relay: RelayProcess, from: string) =>
    fetch(`${relay.httpUrl}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ title: 'Netzwerktreffen' }),
    })

  it('board creations per address and minute count across both relays together', async () => {
    const [first, second] = await twoRelays()
    const statuses: number[] = []
    // Alternating: four new boards in all, then each relay refuses, though each saw only two.
    for (let i = 0; i < 6; i++) statuses.push((await create(i % 2 === 0 ? first : second, '127.0.26.8')).status)
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429])
    const refused = await create(first, '127.0.26.8')
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    // Another address has its own count on both.
    expect((await create(second, '127.0.26.9')).status).toBe(201)
  })

  it('while Redis is stopped, each relay counts on its own and answers every request; shared again when it is back', { timeout: 90_000 }, async () => {
    const [first, second] = await twoRelays()
    await servers.redis.halt()
    cleanups.push(() => servers.redis.resume().catch(() => {}))
    // Per process now: four on each, then 429 from each.
    const firstStatuses: number[] = []
    for (let i = 0; i < 5; i++) firstStatuses.push((await create(first, '127.0.26.10')).status)
    expect(firstStatuses).toEqual([201, 201, 201, 201, 429])
    const secondStatuses: number[] = []
    for (let i = 0; i < 5; i++) secondStatuses.push((await create(second, '127.0.26.10')).status)
    expect(secondStatuses).toEqual([201, 201, 201, 201, 429])
    await first.waitForLog((e) => e.msg === 'rate limits count per process: Redis does not answer')

    await servers.redis.resume()
    cleanups.pop()
    // Back through Redis: a fresh address's creations count on both together again.
    let fresh = 0
    await expect
      .poll(async () => {
        const statuses: number[] = []
        const from = `127.0.27.${++fresh}`
        for (let i = 0; i < 5; i++) statuses.push((await create(i % 2 === 0 ? first : second, from)).status)
        return statuses
      }, { timeout: 30_000, interval: 500 })
      .toEqual([201, 201, 201, 201, 429])
  })
})
