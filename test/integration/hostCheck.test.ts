/**
 * DNS rebinding: a page of another site whose name the attacker points at 127.0.0.1 reaches the
 * relay from the facilitator's own browser, and would count as "this machine" (creating boards,
 * learning the LAN address). The relay answers only to its own names: loopback, its interface
 * addresses, PUBLIC_URL's host and ALLOWED_HOSTS; any other Host gets 421, on HTTP and websocket.
 * Here the websocket, which needs a relay listening; HTTP requests: `test/unit/http/hostCheck.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createBoard } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

describe('the Host a request names', () => {
  let relay: Relay
  beforeAll(async () => {
    relay = await startRelay({ env: { LOG_LEVEL: 'info', HOST: '0.0.0.0', ALLOWED_HOSTS: 'whiteboard.intern' } })
  })
  afterAll(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
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
