/**
 * Health probes against a real relay: `/livez` says the process answers, `/readyz` that its
 * storage (and Redis, with REDIS_URL) answers too, and that it is not shutting down.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startRelay, type RelayProcess } from '../helpers/relay.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const start = async (env: Record<string, string> = {}) => {
  const relay = await startRelay({ env })
  cleanups.push(() => relay.kill('SIGKILL'))
  return relay
}

describe('health on SQLite', () => {
  it('is live and ready', async () => {
    const relay: RelayProcess = await start()
    const live = await fetch(`${relay.httpUrl}/livez`)
    expect(live.status).toBe(200)
    const ready = await fetch(`${relay.httpUrl}/readyz`)
    expect(ready.status).toBe(200)
    expect(ready.headers.get('cache-control')).toBe('no-store')
    expect(await ready.json()).toEqual({ status: 'ready' })
  })
})
