/**
 * Open sockets per address counted in a real Redis for several relay processes
 * (`server/limits/sharedConnections.ts`): the sockets of a process that dies without a word drop
 * out by themselves, those of a live one are kept, and a Redis that restarts empty learns the
 * open ones again; while it is gone, sockets are let in (each process' own count still holds).
 */
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../server/base/logger.ts'
import { redisLimits, type AddressLimits } from '../../server/limits/addressLimits.ts'
import { skipRedisTests, startRedis, type RedisServer } from '../helpers/redis.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipRedisTests)('open sockets per address in Redis', () => {
  let redis: RedisServer
  let inspector: Redis
  beforeAll(async () => {
    redis = await startRedis()
    inspector = new Redis(redis.url, { lazyConnect: true })
    await inspector.connect()
  })
  afterAll(async () => {
    inspector?.disconnect()
    await redis?.stop()
  })
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
    await inspector.flushall().catch(() => {})
  })

  const lines: string[] = []
  const logger = createLogger('info', (line) => lines.push(line))
  /** A relay process' limits; a short lapse, so that a dead process' sockets go within the test. */
  const relayProcess = async (max = 2, lapseMs = 1500) => {
    const limits: AddressLimits = await redisLimits(redis.url, logger)
    cleanups.push(() => limits.close())
    return limits.connections(max, lapseMs)!
  }
  /** The lapse times Redis holds for the sockets of one address (one set per address). */
  const lapseTimes = async () => {
    const [key] = await inspector.keys('netzwerkstatt:sockets:*')
    if (!key) return []
    const flat = await inspector.zrange(key, 0, -1, 'WITHSCORES')
    return flat.filter((_, i) => i % 2 === 1).map(Number)
  }

  it('counts across processes; a process that dies without closing its sockets frees them within the lapse', async () => {
    const first = await relayProcess()
    const second = await relayProcess()
    expect([await first.open('198.51.100.7', '1'), await first.open('198.51.100.7', '2')]).toEqual([true, true])
    expect(await second.open('198.51.100.7', '1')).toBe(false)
    expect(await second.open('198.51.100.8', '1')).toBe(true)
    // The first stops renewing, as a killed process would: its sockets lapse, no close needed.
    first.stop()
    await expect.poll(() => second.open('198.51.100.7', '2'), { timeout: hang(20_000), interval: 200 }).toBe(true)
  })

  it('a live process renews its open sockets, and frees one at once when it closes', async () => {
    const first = await relayProcess()
    const second = await relayProcess()
    await first.open('198.51.100.9', '1')
    await first.open('198.51.100.9', '2')
    const [before] = await lapseTimes()
    await expect.poll(async () => (await lapseTimes())[0] > before, { timeout: hang(20_000), interval: 200 }).toBe(true)
    expect(await second.open('198.51.100.9', '1')).toBe(false)
    first.closed('198.51.100.9', '1')
    await expect.poll(() => second.open('198.51.100.9', '3'), { timeout: hang(20_000), interval: 200 }).toBe(true)
  })

  it('while Redis is gone, sockets are let in at once; after it restarts empty, the open ones are counted again', async () => {
    const first = await relayProcess()
    const second = await relayProcess()
    await first.open('198.51.100.10', '1')
    await redis.halt()
    cleanups.push(() => redis.resume().catch(() => {}))
    expect(await first.open('198.51.100.10', '2')).toBe(true)
    expect(await second.open('198.51.100.10', '1')).toBe(true)
    expect(await second.open('198.51.100.10', '2')).toBe(true)
    expect(lines.some((line) => line.includes('per-address limits count per process: Redis does not answer'))).toBe(true)
    expect(lines.join('\n')).not.toContain('198.51.100')

    await redis.resume()
    cleanups.pop()
    await inspector.ping()
    // Redis restarted empty: the four open sockets are renewed into it, and the address is full again.
    await expect.poll(async () => (await lapseTimes()).length, { timeout: hang(20_000), interval: 200 }).toBe(4)
    expect(await second.open('198.51.100.10', '3')).toBe(false)
  })

  it('a Redis that hangs (stopped, connections open): counts and sockets go on within the command bound, per process', async () => {
    const limits = await redisLimits(redis.url, logger)
    cleanups.push(() => limits.close())
    const boards = limits.window('hang-test', 2)
    const sockets = limits.connections(1, 1500)!
    expect(await boards.take('198.51.100.11')).toEqual({ allowed: true })
    const pid = Number(/process_id:(\d+)/.exec(await inspector.info('server'))![1])
    process.kill(pid, 'SIGSTOP')
    cleanups.push(() => process.kill(pid, 'SIGCONT'))
    // Each waits for its command's bound, then the process' own count answers.
    expect(await boards.take('198.51.100.11')).toEqual({ allowed: true })
    expect(await boards.take('198.51.100.11')).toEqual({ allowed: true })
    expect((await boards.take('198.51.100.11')).allowed).toBe(false)
    expect(await sockets.open('198.51.100.11', '1')).toBe(true)
    expect(await sockets.open('198.51.100.11', '2')).toBe(true)
  })
})
