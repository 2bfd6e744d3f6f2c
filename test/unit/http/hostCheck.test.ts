/**
 * DNS rebinding: a page of another site whose name the attacker points at 127.0.0.1 reaches the
 * relay from the facilitator's own browser, and would count as "this machine" (creating boards,
 * learning the LAN address). The relay answers only to its own names: loopback, its interface
 * addresses, PUBLIC_URL's host and ALLOWED_HOSTS; any other Host gets 421. Over the relay's app
 * in this process; the websocket's upgrade is in `test/integration/hostCheck.test.ts`.
 */
import { networkInterfaces } from 'node:os'
import { describe, expect, it } from 'vitest'
import { inProcessRelaySuite } from '../../helpers/inProcessRelay.ts'

describe('the Host a request names', () => {
  // HOST=0.0.0.0: the names it answers to are read from the settings; nothing listens here.
  const suite = inProcessRelaySuite({ LOG_LEVEL: 'info', HOST: '0.0.0.0', ALLOWED_HOSTS: 'whiteboard.intern' })
  /** The port in the Host a browser sends; the check leaves it out (a rebound name differs in its name). */
  const port = 8787

  /** A request naming `host`, as a browser sends it after resolving that name to the relay. */
  const as = async (host: string, path: string, method = 'GET'): Promise<{ status: number; body: string }> => {
    const response = await suite.relay.request(path, {
      method,
      headers: { host, 'content-type': 'application/json' },
      body: method === 'POST' ? JSON.stringify({ title: 'Umgeleitet' }) : undefined,
    })
    return { status: response.status, body: await response.text() }
  }

  it("is refused with 421 when it is not one of the relay's own names: a rebound page is not this machine", async () => {
    for (const host of [`attacker.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
      const status = await as(host, '/api/auth/status')
      expect(status.status, host).toBe(421)
      expect(JSON.parse(status.body).error).toContain('ALLOWED_HOSTS')
      expect((await as(host, '/api/boards', 'POST')).status, host).toBe(421)
    }
    // Its own names answer: loopback, its interface addresses, ALLOWED_HOSTS.
    const own = Object.values(networkInterfaces()).flatMap((infos) => infos ?? []).map((a) => (a.family === 'IPv6' ? `[${a.address}]` : a.address))
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, 'whiteboard.intern', ...own.map((a) => `${a}:${port}`)]) {
      expect((await as(host, '/api/auth/status')).status, host).toBe(200)
    }
  })
})
