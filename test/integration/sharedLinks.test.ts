/**
 * `GET /api/boards/:id/links` against a real relay: any device holding the facilitator link reads
 * the participant and read-only links, their current join codes and the address to show; nobody
 * else does; the database keeps none of it readable; PUBLIC_URL, or the LAN address for a page
 * opened as localhost, is the address shown.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JoinCode } from '../../shared/access.ts'
import { SharedLinks } from '../../shared/api.ts'
import { apiFetch, createBoard } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { sharedRelay, type FileRelay, type SharedRelay } from '../helpers/sharedRelay.ts'
import { lanAddress } from '../../server/links/joinAddress.ts'

const readLinks = (relay: SharedRelay, boardId: string, token?: string) =>
  fetch(`${relay.httpUrl}/api/boards/${boardId}/links`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

describe('links kept for facilitators', () => {
  // The run's shared relay: listening on 127.0.0.1 without PUBLIC_URL, as the answers below expect.
  let relay: FileRelay
  beforeAll(async () => {
    relay = await sharedRelay()
  })
  afterAll(() => relay?.stop())

  it('gives any device with the facilitator link the links to pass on, and their current join code', async () => {
    const board = await createBoard(relay, 'Netzwerktreffen')
    const response = await readLinks(relay, board.id, board.access.facilitator)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const links = SharedLinks.parse(await response.json())
    expect(links.participant).toEqual({ token: board.access.participant, joinCode: null })
    expect(links.observer).toEqual({ token: board.access.observer, joinCode: null })
    // Opened as 127.0.0.1 on a relay listening on 127.0.0.1 only: nobody else reaches it.
    expect(links.address).toEqual({ origin: null, reach: 'this-computer' })

    const made = await apiFetch(relay, `/api/boards/${board.id}/join-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'participant', token: board.access.participant }),
    })
    const { code, expiresAt } = JoinCode.parse(await made.json())
    const after = SharedLinks.parse(await (await readLinks(relay, board.id, board.access.facilitator)).json())
    expect(after.participant).toEqual({ token: board.access.participant, joinCode: { code, expiresAt } })
    expect(after.observer?.joinCode).toBeNull()

    const bytes = readdirSync(relay.dataDir).map((name) => readFileSync(join(relay.dataDir, name)))
    for (const secret of [code, board.access.participant, board.access.observer]) expect(bytes.some((b) => b.includes(secret))).toBe(false)
  })

  it('gives the new link once one device replaced it, without the old code', async () => {
    const board = await createBoard(relay)
    await apiFetch(relay, `/api/boards/${board.id}/join-code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'participant', token: board.access.participant }),
    })
    const rotated = await (await apiFetch(relay, `/api/boards/${board.id}/links/participant`, { method: 'POST' })).json()
    const links = SharedLinks.parse(await (await readLinks(relay, board.id, board.access.facilitator)).json())
    expect(links.participant).toEqual({ token: rotated.token, joinCode: null })
    expect(links.observer?.token).toBe(board.access.observer)
  })

  it('tells participants, read-only links and wrong tokens nothing but a clear refusal', async () => {
    const board = await createBoard(relay)
    for (const [token, status] of [
      [board.access.participant, 403],
      [board.access.observer, 403],
      [undefined, 401],
      ['x'.repeat(32), 401],
      ['kaputt', 401],
    ] as const) {
      const response = await readLinks(relay, board.id, token)
      expect(response.status).toBe(status)
      const body = await response.text()
      expect(JSON.parse(body).error).toMatch(status === 401 ? /valid board link/ : /facilitator/)
      for (const secret of [board.access.participant, board.access.observer, board.access.facilitator]) expect(body).not.toContain(secret)
    }
    // Another board's facilitator link opens nothing here.
    const other = await createBoard(relay)
    expect((await readLinks(relay, board.id, other.access.facilitator)).status).toBe(401)
    expect((await readLinks(relay, 'A'.repeat(22), board.access.facilitator)).status).toBe(404)
  })
})

describe('the address shown for joining', () => {
  const relays: Relay[] = []
  afterAll(async () => {
    for (const r of relays) {
      await r.kill()
      removeDataDir(r.dataDir)
    }
  })
  const start = async (env: Record<string, string>) => {
    // The names these requests give as Host, as an operator names them (a LAN address another machine would have, a proxy's name).
    const relay = await startRelay({ env: { ALLOWED_HOSTS: '192.168.1.20,netzwerkstatt.example.org', ...env } })
    relays.push(relay)
    return relay
  }

  /** The links answer for a request whose Host header says how the browser reached the relay. */
  function addressAs(relay: Relay, boardId: string, token: string, host: string, headers: Record<string, string> = {}): Promise<SharedLinks['address']> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: relay.port, path: `/api/boards/${boardId}/links`, headers: { ...headers, host, authorization: `Bearer ${token}` } },
        (res) => {
          let text = ''
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
          res.on('end', () => {
            try {
              resolve(SharedLinks.parse(JSON.parse(text)).address)
            } catch (error) {
              reject(error)
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
  }

  it('is PUBLIC_URL when it is set, however the page was opened', async () => {
    // LOCAL_CREATION: the board is made at the server's own machine, which https PUBLIC_URL denies by default.
    const relay = await start({ PUBLIC_URL: 'https://board.example.org/', LOCAL_CREATION: 'allow' })
    const board = await createBoard(relay)
    for (const host of [`localhost:${relay.port}`, `192.168.1.20:${relay.port}`]) {
      expect(await addressAs(relay, board.id, board.access.facilitator, host)).toEqual({ origin: 'https://board.example.org', reach: 'public' })
    }
  })

  it('is the LAN address for a page opened as localhost, the page’s own otherwise', async () => {
    const relay = await start({ HOST: '0.0.0.0' })
    const board = await createBoard(relay)
    const lan = lanAddress(networkInterfaces(), '0.0.0.0')
    expect(await addressAs(relay, board.id, board.access.facilitator, `localhost:${relay.port}`)).toEqual(
      lan ? { origin: `http://${lan}:${relay.port}`, reach: 'network' } : { origin: null, reach: 'this-computer' },
    )
    expect(await addressAs(relay, board.id, board.access.facilitator, `192.168.1.20:${relay.port}`)).toEqual({ origin: null, reach: 'network' })
    expect(await addressAs(relay, board.id, board.access.facilitator, 'netzwerkstatt.example.org')).toEqual({ origin: null, reach: 'public' })
  })

  it('is never the LAN address for a request a proxy passed on saying only X-Real-IP (nginx’s usual upstream Host is localhost)', async () => {
    const relay = await start({ HOST: '0.0.0.0' })
    const board = await createBoard(relay)
    const address = await addressAs(relay, board.id, board.access.facilitator, `localhost:${relay.port}`, { 'x-real-ip': '203.0.113.7' })
    expect(address.origin).toBeNull()
  })
})
