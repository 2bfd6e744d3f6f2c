import { atom } from 'tldraw'
import { describe, expect, it, vi } from 'vitest'
import type { ConnectionState } from '../../../client/board/connectionState.ts'
import { createServerClock, measureOffset } from '../../../client/board/facilitation/serverClock.ts'

/** A relay whose clock is `ahead` ms ahead of ours. */
const relayAhead = (ahead: () => number) =>
  vi.fn(async () => new Response(JSON.stringify({ now: Date.now() + ahead() }), { headers: { 'content-type': 'application/json' } }))

describe('server clock', () => {
  it('estimates the relay clock’s offset from GET /api/time', async () => {
    const fetchTime = relayAhead(() => 90_000)
    const offset = await measureOffset(fetchTime as unknown as typeof fetch)
    expect(offset).toBeGreaterThan(89_900)
    expect(offset).toBeLessThan(90_100)
    expect(fetchTime).toHaveBeenCalledWith('/api/time', { cache: 'no-store' })
  })

  it('reads a missing or odd route as "unknown", not as an offset', async () => {
    const missing = vi.fn(async () => new Response('{"error":"not found"}', { status: 404 }))
    expect(await measureOffset(missing as unknown as typeof fetch)).toBeUndefined()
    const odd = vi.fn(async () => new Response('{"time":"noon"}'))
    expect(await measureOffset(odd as unknown as typeof fetch)).toBeUndefined()
    const offline = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    expect(await measureOffset(offline as unknown as typeof fetch)).toBeUndefined()
  })

  it('measures when connected and again after each reconnect', async () => {
    let ahead = 5_000
    const fetchTime = relayAhead(() => ahead)
    const connection = atom<ConnectionState>('connection', 'connecting')
    const clock = createServerClock(connection, fetchTime as unknown as typeof fetch)
    expect(clock.offset.get()).toBeNull()
    connection.set('connected')
    await vi.waitFor(() => expect(clock.settled.get()).toBe(true))
    expect(Math.abs(clock.offset.get()! - 5_000)).toBeLessThan(100)
    expect(Math.abs(clock.now() - (Date.now() + 5_000))).toBeLessThan(100)

    // The laptop slept; its clock was corrected meanwhile.
    ahead = -20_000
    connection.set('reconnecting')
    connection.set('connected')
    await vi.waitFor(() => expect(Math.abs(clock.offset.get()! + 20_000)).toBeLessThan(100))
    expect(fetchTime).toHaveBeenCalledTimes(6)
    clock.dispose()
  })
})
