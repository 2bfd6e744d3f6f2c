/**
 * The relay group's bus keeps listening across reconnects (`server/cluster/Bus.ts`): a
 * subscription that could not be renewed when its connection came back (the connection closing
 * again at that moment, in a failover; a refused SUBSCRIBE) is asked for again, never left off in
 * silence. ioredis' own resubscription is not awaited: it lost the subscription for good, and its
 * rejection went unhandled (which ends a Node 22 process). Seen under a whole run's load in
 * highAvailability's ten-failover test; here made certain with an ACL that refuses SUBSCRIBE once.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { Bus } from '../../server/cluster/Bus.ts'
import { createLogger } from '../../server/base/logger.ts'
import { skipRedisTests, startRedis } from '../helpers/redis.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipRedisTests)('the relay group’s bus', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('listens again after a reconnect whose subscription was refused: another process reaches it once Redis takes the subscription', async () => {
    const redis = await startRedis()
    cleanups.push(() => redis.stop())
    const admin = new Redis(redis.url)
    cleanups.push(() => admin.disconnect())
    const events = { message() {}, lost() {}, restored() {} }
    const logger = createLogger('silent')
    const listening = await Bus.open(redis.url, 1, logger, events)
    cleanups.push(() => listening.close())
    const sending = await Bus.open(redis.url, 2, logger, events)
    cleanups.push(() => sending.close())
    expect(await sending.send(1, { type: 'ping', from: 2 })).toBe(true)

    // The subscribers' connections drop, and come back to a Redis that refuses SUBSCRIBE for now.
    await admin.call('ACL', 'SETUSER', 'default', '-subscribe')
    await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub')
    await expect.poll(() => sending.send(1, { type: 'ping', from: 2 }), { timeout: hang(5_000), interval: 100 }).toBe(false)
    // Back in, not before the subscribers' connections are ready again (refused once).
    await expect.poll(async () => ((await admin.call('CLIENT', 'LIST')) as string).includes('netzwerkstatt:1:subscriber'), { timeout: hang(5_000), interval: 50 }).toBe(true)
    await admin.call('ACL', 'SETUSER', 'default', '+subscribe')
    await expect.poll(() => sending.send(1, { type: 'ping', from: 2 }), { timeout: hang(10_000), interval: 100 }).toBe(true)
  }, hang(30_000))
})
