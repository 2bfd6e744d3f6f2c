/**
 * DNS rebinding: a page of another site whose name the attacker points at 127.0.0.1 reaches the
 * relay from the facilitator's own browser, and would count as "this machine" (creating boards,
 * learning the LAN address). The relay answers only to its own names: loopback, its interface
 * addresses, PUBLIC_URL's host and ALLOWED_HOSTS; any other Host gets 421, on HTTP and websocket.
 */
import { request } from 'node:http'
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createBoard } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe('the Host a request names', () => {
  let relay: RelayProcess
  beforeAll(async () => {
    relay = await startRelay({ env: { LOG_LEVEL: 'info', HOST: '0.0.0.0', ALLOWED_HOSTS: 'whiteboard.intern' } })
  })
  afterAll(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  /** A request to the relay on loopback, naming `host` as a browser would after resolving it there. */
  const as = (host: string, path: string, method = 'GET'): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: relay.port, path, method, headers: { host, 'content-type': 'application/json' } }, (res) => {
        let body = ''
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode!, body }))
      })
      req.on('error', reject)
      req.end(method === 'POST' ? JSON.stringify({ title: 'Umgeleitet' }) : undefined)
    })

  it("is refused with 421 when it is not one of the relay's own names: a rebound page is not this machine", async () => {
    const port = relay.port
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

  it('refuses the websocket of a rebound page before it joins a board', async () => {
    const board = await createBoard(relay)
    const opened = (host: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${relay.wsUrl}/${board.id}?token=${board.access.facilitator}`, { headers: { host } })
        socket.on('open', () => (socket.close(), resolve(101)))
        socket.on('unexpected-response', (_req, res) => (res.resume(), resolve(res.statusCode!)))
        socket.on('error', () => {})
      })
    expect(await opened(`attacker.example:${relay.port}`)).toBe(421)
    expect(await opened(`localhost:${relay.port}`)).toBe(101)
  })
})
