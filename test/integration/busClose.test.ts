/**
 * Closing the relay group's bus (`server/cluster/Bus.ts`, on the relay's shutdown) ends both of its
 * Redis connections and reports nothing: an orderly close is no lost Redis (no 'lost', no error in
 * the log), and a close while Redis is unreachable leaves no connection behind that keeps trying,
 * comes back onto Redis once it returns, and keeps a process that closed its relay alive.
 */
import { once } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { Bus } from '../../server/cluster/Bus.ts'
import { createLogger } from '../../server/base/logger.ts'
import { skipRedisTests, startRedis } from '../helpers/redis.ts'
import { hang } from '../helpers/hang.ts'

/** The bus's two connections: what a close must end (their status is what keeps trying). */
const connectionsOf = (bus: Bus) => Object.values(bus).filter((value): value is Redis => value instanceof Redis)
const ended = (connection: Redis) => (connection.status === 'end' ? null : once(connection, 'end'))

describe.skipIf(skipRedisTests)('closing the relay group’s bus', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('is no lost Redis: nothing is reported lost when the relay closes its bus', async () => {
    const redis = await startRedis()
    cleanups.push(() => redis.stop())
    const lost: string[] = []
    const bus = await Bus.open(redis.url, 1, createLogger('silent'), { message() {}, lost: () => lost.push('lost'), restored() {} })
    const connections = connectionsOf(bus)
    expect(connections).toHaveLength(2)
    await bus.close()
    await Promise.all(connections.map(ended))
    expect(lost).toEqual([])
  }, hang(30_000))

  it('leaves no connection trying to reconnect when it closes while Redis is unreachable', async () => {
    const redis = await startRedis()
    cleanups.push(() => redis.stop())
    const bus = await Bus.open(redis.url, 1, createLogger('silent'), { message() {}, lost() {}, restored() {} })
    const connections = connectionsOf(bus)
    cleanups.push(() => connections.forEach((connection) => connection.disconnect()))
    await redis.halt()
    await expect.poll(() => bus.connected, { timeout: hang(5_000), interval: 50 }).toBe(false)
    await bus.close()
    // Waiting for Redis to return and the connections to show up there would be a sleep; the
    // reconnect ioredis has pending is what brings them back (and keeps the process alive).
    // ioredis leaves a connection dropped while reconnecting in that status, with nothing pending.
    expect(connections.map((connection) => (connection as unknown as { reconnectTimeout: unknown }).reconnectTimeout ?? null)).toEqual([null, null])
  }, hang(30_000))
})
