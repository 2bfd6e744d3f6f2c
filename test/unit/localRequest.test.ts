/**
 * Who counts as the server's own machine for the join screen (which address it shows; creating
 * boards without a sign-in is stricter, `localCreation.test.ts` and the integration test): the machine
 * itself, directly or through a proxy that runs on it, never a peer elsewhere that merely names a
 * loopback address in X-Forwarded-For — in Kubernetes TRUST_PROXY covers every pod of the cluster.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { isLocalRequest } from '../../server/http/clientAddress.ts'
import { parseTrustedProxies } from '../../server/limits/trustedProxies.ts'

function localAs(trustProxy: string, peer: string, headers: Record<string, string> = {}): Promise<boolean> {
  const proxies = parseTrustedProxies(trustProxy)
  const app = new Hono().get('/', (c) => c.json(isLocalRequest(c, proxies)))
  const socket = { remoteAddress: peer, remoteFamily: peer.includes(':') ? 'IPv6' : 'IPv4' }
  return Promise.resolve(app.request('/', { headers }, { incoming: { socket } })).then((r) => r.json() as Promise<boolean>)
}

describe('a request from the server’s own machine', () => {
  it('is one from loopback, directly or through a trusted proxy on this machine', async () => {
    expect(await localAs('', '127.0.0.1')).toBe(true)
    expect(await localAs('127.0.0.1', '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(true)
  })

  it('is never one from another machine, whatever it writes into X-Forwarded-For', async () => {
    // A pod in the cluster's range, trusted as proxies are, claiming to forward for loopback.
    expect(await localAs('10.0.0.0/8', '10.1.2.3', { 'x-forwarded-for': '127.0.0.1' })).toBe(false)
    expect(await localAs('10.0.0.0/8', '10.1.2.3', { 'x-forwarded-for': '::1' })).toBe(false)
    expect(await localAs('10.0.0.0/8', '10.1.2.3')).toBe(false)
    // A proxy on this machine that is not trusted speaks for someone else.
    expect(await localAs('', '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(false)
  })
})
