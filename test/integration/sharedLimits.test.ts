/**
 * Per-address limits across relays (separate machines sharing PostgreSQL and Redis): counted once
 * for all of them through Redis, not once per relay. While Redis is gone each relay counts on its
 * own, and every request is still answered. The separate relays run in the test's process (each
 * with its own limits' connection), WORKERS=2 as the relay processes it is about.
 */
import { creatorCookie, creatorPasswordEnv } from '../helpers/creatorCookie.ts'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, openRawSocket } from '../helpers/clients.ts'
import { databaseServers } from '../helpers/databases.ts'
import { workerFor } from '../../server/cluster/primary.ts'
import { skipPostgresTests } from '../helpers/postgres.ts'
import { skipRedisTests } from '../helpers/redis.ts'
import type { Relay, RelayKind } from '../helpers/relay.ts'
import { hang } from '../helpers/hang.ts'

describe.skipIf(skipPostgresTests || skipRedisTests)('limits shared through Redis', () => {
  const servers = databaseServers()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  // TRUST_PROXY: each test speaks from its own address (X-Forwarded-For); through a proxy, creating needs a sign-in (`creatorCookie.ts`).
  const start = async (databaseUrl: string, env: Record<string, string> = {}, kind: RelayKind = {}) =>
    servers.startRelay(databaseUrl, { MAX_BOARDS_PER_MINUTE: '4', TRUST_PROXY: '127.0.0.1', ...(await creatorPasswordEnv()), ...env }, kind)
  const twoRelays = async (env: Record<string, string> = {}) => {
    const databaseUrl = await servers.postgres.newDatabase()
    return Promise.all([start(databaseUrl, env), start(databaseUrl, env)])
  }
  const cookies = new Map<string, Promise<string>>()
  const cookieFor = (relay: Relay) => {
    if (!cookies.has(relay.httpUrl)) cookies.set(relay.httpUrl, creatorCookie(relay.httpUrl))
    return cookies.get(relay.httpUrl)!
  }
  const create = async (relay: Relay, from: string) =>
    fetch(`${relay.httpUrl}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from, cookie: await cookieFor(relay) },
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

  it('while Redis is stopped, each relay counts on its own and answers every request; shared again when it is back', { timeout: hang(90_000) }, async () => {
    // A Redis of its own: the shared one must not go away under other files.
    const redis = await servers.privateRedis()
    const [first, second] = await twoRelays({ REDIS_URL: redis.url })
    await redis.halt()
    cleanups.push(() => redis.resume().catch(() => {}))
    // Per process now: four on each, then 429 from each.
    const firstStatuses: number[] = []
    for (let i = 0; i < 5; i++) firstStatuses.push((await create(first, '127.0.26.10')).status)
    expect(firstStatuses).toEqual([201, 201, 201, 201, 429])
    const secondStatuses: number[] = []
    for (let i = 0; i < 5; i++) secondStatuses.push((await create(second, '127.0.26.10')).status)
    expect(secondStatuses).toEqual([201, 201, 201, 201, 429])
    await first.waitForLog((e) => e.msg === 'per-address limits count per process: Redis does not answer')

    await redis.resume()
    cleanups.pop()
    // Back through Redis: a fresh address's creations count on both together again.
    let fresh = 0
    await expect
      .poll(async () => {
        const statuses: number[] = []
        const from = `127.0.27.${++fresh}`
        for (let i = 0; i < 5; i++) statuses.push((await create(i % 2 === 0 ? first : second, from)).status)
        return statuses
      }, { timeout: hang(30_000), interval: 500 })
      .toEqual([201, 201, 201, 201, 429])
  })

  it('open sockets per address count across both relays together (MAX_CONNECTIONS_PER_ADDRESS)', async () => {
    // Boards are created from 127.0.0.1, counted in the one Redis database of all these tests: not limited here.
    const [first, second] = await twoRelays({ MAX_CONNECTIONS_PER_ADDRESS: '3', MAX_BOARDS_PER_MINUTE: '1000' })
    const board = await createBoard(first)
    const from = (address: string) => ({ 'x-forwarded-for': address })
    const open = async (relay: Relay, address: string) => {
      const socket = await openRawSocket(relay, board.id, board.access.participant, from(address))
      cleanups.push(() => socket.socket.terminate())
      return socket
    }
    /** Whether the relay lets the socket into the board's room, or the close code it gets instead. */
    const outcome = async (relay: Relay, address: string) => {
      const socket = await open(relay, address)
      return Promise.race([socket.inRoom.then(() => 'in' as const), socket.closed.then(({ code }) => code)])
    }
    const one = await open(first, '127.0.26.20')
    await one.inRoom
    expect(await outcome(first, '127.0.26.20')).toBe('in')
    expect(await outcome(second, '127.0.26.20')).toBe('in')
    // Each relay holds at most two of them, yet both refuse a fourth.
    expect(await outcome(second, '127.0.26.20')).toBe(CloseCode.tooManyConnections)
    expect(await outcome(first, '127.0.26.20')).toBe(CloseCode.tooManyConnections)
    // Another address is not affected.
    expect(await outcome(second, '127.0.26.21')).toBe('in')
    // One closes: a place is free again, on the other relay too.
    one.socket.close()
    await one.closed
    await expect.poll(() => outcome(second, '127.0.26.20'), { timeout: hang(20_000), interval: 200 }).toBe('in')
  })

  it('WORKERS=2: open sockets per address count across the machine\'s relay processes, whichever holds the board', async () => {
    const relay = await start(await servers.postgres.newDatabase(), { WORKERS: '2', MAX_CONNECTIONS_PER_ADDRESS: '2', MAX_BOARDS_PER_MINUTE: '1000' }, { process: true })
    // Boards until one lands on each relay process (routed by board id).
    const byWorker = new Map<number, Awaited<ReturnType<typeof createBoard>>>()
    while (byWorker.size < 2) {
      const board = await createBoard(relay)
      byWorker.set(workerFor(`GET /ws/${board.id} HTTP/1.1`, 2), board)
    }
    const [a, b] = [byWorker.get(0)!, byWorker.get(1)!]
    const outcome = async (board: typeof a) => {
      const socket = await openRawSocket(relay, board.id, board.access.participant, { 'x-forwarded-for': '127.0.26.30' })
      cleanups.push(() => socket.socket.terminate())
      return Promise.race([socket.inRoom.then(() => 'in' as const), socket.closed.then(({ code }) => code)])
    }
    expect(await outcome(a)).toBe('in')
    expect(await outcome(b)).toBe('in')
    // Each process holds one: the address has its two on the machine.
    expect(await outcome(a)).toBe(CloseCode.tooManyConnections)
    expect(await outcome(b)).toBe(CloseCode.tooManyConnections)
  })
})
