/**
 * Creating boards without a sign-in (`server/http/localCreation.ts`): only from a socket of this
 * machine itself (loopback; its LAN address in `test/integration/creators.test.ts`) with no proxy header at all, and only where LOCAL_CREATION allows it. Over a Hono app in this
 * process; through a real proxy in `test/integration/localCreation.test.ts`.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { localCreation } from '../../server/http/localCreation.ts'

function mayCreateAs(peer: string, headers: Record<string, string> = {}, allowed = true): Promise<boolean> {
  const app = new Hono().get('/', (c) => c.json(localCreation(allowed)(c)))
  const socket = { remoteAddress: peer, remoteFamily: peer.includes(':') ? 'IPv6' : 'IPv4' }
  return Promise.resolve(app.request('/', { headers }, { incoming: { socket } })).then((r) => r.json() as Promise<boolean>)
}

describe('creating without a sign-in', () => {
  it('is for a direct loopback request, IPv4, IPv6 or mapped', async () => {
    expect(await mayCreateAs('127.0.0.1')).toBe(true)
    expect(await mayCreateAs('::1')).toBe(true)
    expect(await mayCreateAs('::ffff:127.0.0.1')).toBe(true)
  })

  it('is never for a request carrying a header a proxy writes', async () => {
    for (const name of ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'forwarded', 'via', 'x-real-ip', 'x-client-ip', 'true-client-ip', 'x-original-forwarded-for',
      // Older proxies, Envoy/Istio, Google's and Microsoft's: each writes one of these about the client it passes on.
      'client-ip', 'forwarded-for', 'x-forwarded', 'x-originating-ip', 'x-remote-addr', 'x-remote-ip', 'x-proxyuser-ip', 'x-envoy-external-address', 'x-envoy-expected-rq-timeout-ms']) {
      expect(await mayCreateAs('127.0.0.1', { [name]: '127.0.0.1' }), name).toBe(false)
    }
  })

  it('is never for another address, nor with LOCAL_CREATION=deny', async () => {
    // Documentation addresses (RFC 5737): never one of this machine's.
    expect(await mayCreateAs('192.0.2.20')).toBe(false)
    expect(await mayCreateAs('198.51.100.1')).toBe(false)
    expect(await mayCreateAs('127.0.0.1', {}, false)).toBe(false)
  })
})
