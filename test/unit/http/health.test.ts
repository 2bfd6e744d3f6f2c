/**
 * Health probes of a relay on SQLite, over its app in this process. Shutting down (SIGTERM) and
 * PostgreSQL or Redis going away are in `test/integration/health.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import { inProcessRelaySuite } from '../../helpers/inProcessRelay.ts'

describe('health on SQLite', () => {
  const suite = inProcessRelaySuite()

  it('is live and ready', async () => {
    const { relay } = suite
    const live = await relay.request('/livez')
    expect(live.status).toBe(200)
    const response = await relay.request('/readyz')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ status: 'ready' })
    const healthz = await relay.request('/healthz')
    expect({ status: healthz.status, body: await healthz.json() }).toEqual({ status: 200, body: { status: 'ready' } })
  })
})
