/** The parts of several relay processes that need no servers: their messages, routing and settings. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBusMessage, encodeBusMessage, type BusMessage } from '../../server/cluster/busMessages.ts'
import { workerFor } from '../../server/cluster/primary.ts'
import { readConfig } from '../../server/ops/config.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'

describe('messages between relay processes', () => {
  const identity = { role: 'participant' as const, link: 'abc', address: '10.0.0.7', author: null, presencePatches: true }
  const samples: BusMessage[] = [
    { type: 'open', from: 7, connection: 3, board: 'Ig4fEUr1p6sGHwb8fkEPLw', identity },
    { type: 'up', from: 7, connection: 3, data: new Uint8Array([0, 0, 1, 0]) },
    { type: 'down', from: 2 ** 31 - 1, items: [{ connections: [3, 4, 900], data: new Uint8Array(70_000).fill(9) }, { connections: [4], data: new Uint8Array([1]) }] },
    { type: 'leave', from: 7, connection: 3 },
    { type: 'close', from: 1, connection: 99, code: 4403, reason: 'not allowed' },
    { type: 'ping', from: 5 },
    { type: 'board', from: 5, board: 'b', role: 'all', code: 4404, reason: 'board deleted', deleted: true },
    { type: 'signed-out', from: 5, session: 'n4bQgNlBxO6s2Y8Y1cYV0l1pS9TqH2g7c1aZkX3mWJ0' },
  ]

  it('arrive as they were sent', () => {
    for (const message of samples) expect(decodeBusMessage(encodeBusMessage(message))).toEqual(message)
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.nat(), fc.uint8Array({ maxLength: 2000 }), (from, connection, data) => {
        const message: BusMessage = { type: 'up', from, connection, data }
        expect(decodeBusMessage(encodeBusMessage(message))).toEqual(message)
      }),
      propertyParameters({ gate: 100, full: 1000 }),
    )
  })

  it('are refused when unknown, cut short or followed by more', () => {
    const whole = encodeBusMessage(samples[1]!)
    expect(() => decodeBusMessage(new Uint8Array([200, 1]))).toThrow()
    expect(() => decodeBusMessage(whole.subarray(0, whole.length - 1))).toThrow()
    expect(() => decodeBusMessage(new Uint8Array([...whole, 0]))).toThrow(/trailing/)
  })
})

describe('the worker for a connection', () => {
  it('is the same for a board’s socket and its API calls, and the first one for everything else', () => {
    const board = 'Ig4fEUr1p6sGHwb8fkEPLw'
    const worker = workerFor(`GET /ws/${board}?token=x HTTP/1.1`, 4)
    expect(workerFor(`POST /api/boards/${board}/votes HTTP/1.1`, 4)).toBe(worker)
    expect(workerFor(`GET /api/boards/${board} HTTP/1.1`, 4)).toBe(worker)
    for (const line of ['GET / HTTP/1.1', 'POST /api/boards HTTP/1.1', 'GET /api/auth/status HTTP/1.1', 'GET /assets/x.js HTTP/1.1', 'garbage']) {
      expect(workerFor(line, 4)).toBe(0)
    }
  })

  it('spreads boards over all workers', () => {
    const counts = [0, 0, 0]
    for (let i = 0; i < 3000; i++) counts[workerFor(`GET /ws/board-${i} HTTP/1.1`, 3)]!++
    for (const count of counts) expect(count).toBeGreaterThan(800)
  })
})

describe('settings for several relay processes', () => {
  const database = { DATABASE_URL: 'postgres://relay@db/netzwerkstatt' }

  it('run one process unless Redis is there to coordinate several', () => {
    expect(readConfig({}).workers).toBe(1)
    expect(readConfig({ ...database }).workers).toBe(1)
    expect(readConfig({ ...database, REDIS_URL: 'redis://redis:6379' }).workers).toBeGreaterThanOrEqual(1)
    expect(readConfig({ ...database, REDIS_URL: 'redis://redis:6379', WORKERS: '3' }).workers).toBe(3)
  })

  it('refuse combinations that cannot work', () => {
    expect(() => readConfig({ REDIS_URL: 'redis://redis:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/)
    expect(() => readConfig({ ...database, WORKERS: '2' })).toThrow(/WORKERS above 1 needs REDIS_URL/)
    expect(() => readConfig({ ...database, REDIS_URL: 'http://redis' })).toThrow(/redis:\/\//)
    expect(() => readConfig({ ...database, REDIS_URL: 'redis://redis:6379', WORKERS: '0' })).toThrow(/WORKERS/)
  })

  it('find Redis through Sentinels when told, and refuse a list that names no host', () => {
    const withRedis = { ...database, REDIS_URL: 'redis://:secret@mymaster/2' }
    expect(readConfig(withRedis).redisSentinel).toBe(null)
    expect(readConfig({ ...withRedis, REDIS_SENTINELS: 's1:26380, s2 ,[::1]:5000', REDIS_SENTINEL_PASSWORD: 'sentinel-secret' }).redisSentinel).toEqual({
      hosts: [{ host: 's1', port: 26380 }, { host: 's2', port: 26379 }, { host: '::1', port: 5000 }],
      name: 'mymaster',
      password: 'sentinel-secret',
    })
    expect(readConfig({ ...withRedis, REDIS_SENTINELS: 's1', REDIS_SENTINEL_NAME: 'netzwerkstatt' }).redisSentinel?.name).toBe('netzwerkstatt')
    for (const list of [',', 's1:0', 's1:99999', 's1:port', 'a:b:c']) {
      expect(() => readConfig({ ...withRedis, REDIS_SENTINELS: list })).toThrow(/REDIS_SENTINELS must be host:port/)
    }
    expect(() => readConfig({ ...database, REDIS_SENTINELS: 's1:26379' })).toThrow(/REDIS_SENTINELS needs REDIS_URL/)
  })
})
