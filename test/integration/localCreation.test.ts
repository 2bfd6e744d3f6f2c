/**
 * Who creates boards without signing in: only a request straight from this machine itself,
 * carrying no proxy header, and only where LOCAL_CREATION allows it. A reverse proxy on the same
 * host connects from loopback too; what it passes on is someone else's request. Tried against
 * relays of the file's own (in the test's process, on a real port), directly and through a small
 * real proxy on this machine.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreatorStatus } from '../../shared/api.ts'
import { removeDataDir, startRelay, storedBoardCount, type Relay } from '../helpers/relay.ts'

const create = (base: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ title: 'Ohne Anmeldung' }) })
const status = async (base: string) => CreatorStatus.parse(await (await fetch(`${base}/api/auth/status`)).json())

/** A reverse proxy on this machine in front of `relay`: nginx's plain proxy_pass (no header) or with X-Forwarded-For. */
async function sameHostProxy(relay: Relay, addHeaders: (peer: string) => IncomingHttpHeaders): Promise<{ url: string; server: Server }> {
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      { host: '127.0.0.1', port: relay.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, ...addHeaders(incoming.socket.remoteAddress ?? '') } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    upstream.on('error', () => outgoing.destroy())
    incoming.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

describe('creating a board without sign-in', () => {
  const relays: Relay[] = []
  const servers: Server[] = []
  // Relays of the file's own: each test reads its settings (TRUST_PROXY, LOCAL_CREATION, PUBLIC_URL) and counts its boards.
  const start = async (env: Record<string, string> = {}) => {
    const relay = await startRelay({ env: { LOG_LEVEL: 'info', ...env } })
    relays.push(relay)
    return relay
  }
  afterAll(async () => {
    for (const server of servers) server.close()
    for (const relay of relays) {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
  })

  let relay: Relay
  beforeAll(async () => {
    relay = await start({ TRUST_PROXY: '127.0.0.1' })
  })

  it('works at the laptop that runs `npm start`', async () => {
    expect(await status(relay.httpUrl)).toMatchObject({ mayCreate: true, local: true })
    expect((await create(relay.httpUrl)).status).toBe(201)
  })

  it('is refused to a request a proxy on this machine passes on, even from a trusted one', async () => {
    const before = storedBoardCount(relay)
    const proxied: Record<string, string>[] = [{ 'x-forwarded-for': '127.0.0.1' }, { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }, { 'x-forwarded-proto': 'https' }]
    for (const headers of proxied) {
      const refused = await create(relay.httpUrl, headers)
      expect(refused.status).toBe(401)
      expect((await refused.json()).error).toMatch(/sign in to create boards/)
    }
    const proxy = await sameHostProxy(relay, (peer) => ({ 'x-forwarded-for': peer }))
    servers.push(proxy.server)
    expect(await status(proxy.url)).toMatchObject({ mayCreate: false, local: false })
    expect((await create(proxy.url)).status).toBe(401)
    expect(storedBoardCount(relay)).toBe(before)
  })

  it('is refused with LOCAL_CREATION=deny, also through a proxy that adds no header at all', async () => {
    const denying = await start({ LOCAL_CREATION: 'deny' })
    const proxy = await sameHostProxy(denying, () => ({}))
    servers.push(proxy.server)
    expect((await create(proxy.url)).status).toBe(401)
    expect((await create(denying.httpUrl)).status).toBe(401)
    expect(storedBoardCount(denying)).toBe(0)
  })

  it('is refused by default once PUBLIC_URL is https, unless LOCAL_CREATION=allow', async () => {
    const served = await start({ PUBLIC_URL: 'https://netzwerkstatt.example.org' })
    expect((await create(served.httpUrl)).status).toBe(401)
    const allowed = await start({ PUBLIC_URL: 'https://netzwerkstatt.example.org', LOCAL_CREATION: 'allow' })
    expect((await create(allowed.httpUrl)).status).toBe(201)
  })
})
