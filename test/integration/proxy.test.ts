/**
 * A plenary behind one address, and the address behind a proxy: 300 people from one venue NAT
 * get in with the defaults, and only the proxies named in TRUST_PROXY can say who a client is.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { tokenQueryParam } from '../../shared/access.ts'
import { CloseCode, messageSync } from '../../shared/protocol.ts'
import { createBoard } from '../helpers/clients.ts'
import { hashPassword } from '../../server/auth/creatorPassword.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { serverArgs } from '../helpers/serverEntry.ts'
import { hang } from '../helpers/hang.ts'

const relays: Relay[] = []
const start = async (env: Record<string, string> = {}) => {
  const relay = await startRelay({ env: { LOG_LEVEL: 'info', ...env } })
  relays.push(relay)
  return relay
}
afterAll(async () => {
  for (const relay of relays) {
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
})

/** Creates a board with the given X-Forwarded-For header (and a creator's sign-in); the status says whether it counted. */
const createFrom = async (relay: Relay, forwardedFor: string, cookie = '') => {
  const response = await fetch(`${relay.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor, cookie },
    body: JSON.stringify({ title: 'Plenum' }),
  })
  await response.body?.cancel()
  return response.status
}

describe('client addresses behind proxies', () => {
  // A request through a proxy never creates as the server's own machine: the creators sign in with the password.
  it('counts a client by the right-most address its trusted proxies did not write, whatever it spoofs to the left', async () => {
    const password = 'Netzwerk-Gründung 2026'
    const relay = await start({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', MAX_BOARDS_PER_MINUTE: '2', CREATOR_PASSWORD_HASH: await hashPassword(password) })
    const signedIn = await fetch(`${relay.httpUrl}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1' },
      body: JSON.stringify({ password }),
    })
    expect(signedIn.status).toBe(204)
    const cookie = signedIn.headers.getSetCookie().find((line) => /^nws_creator=[^;]/.test(line))!.split(';')[0]
    // The client writes any X-Forwarded-For it likes; the proxies (10.1.2.3, then us) append theirs.
    expect(await createFrom(relay, '1.1.1.1, 127.0.0.7, 10.1.2.3', cookie)).toBe(201)
    expect(await createFrom(relay, '2.2.2.2, 127.0.0.7, 10.1.2.3', cookie)).toBe(201)
    expect(await createFrom(relay, '3.3.3.3, 127.0.0.7', cookie)).toBe(429)
    // Someone else behind the same proxies still has their own share.
    expect(await createFrom(relay, '127.0.0.8, 10.1.2.3', cookie)).toBe(201)
  })

  it('ignores X-Forwarded-For from anyone who is not a named proxy', async () => {
    const relay = await start({ TRUST_PROXY: '10.0.0.0/8', MAX_CONNECTIONS_PER_ADDRESS: '2' })
    const board = await createBoard(relay)
    // The test speaks from 127.0.0.1, which is not a proxy here: every header is a lie, and all
    // three sockets count for 127.0.0.1.
    const open = (forwardedFor: string) => {
      const socket = new WebSocket(`${relay.wsUrl}/${board.id}?${tokenQueryParam}=${board.access.participant}`, {
        headers: { 'x-forwarded-for': forwardedFor },
      })
      sockets.push(socket)
      return new Promise<number | 'admitted'>((resolve) => {
        socket.once('message', () => resolve('admitted'))
        socket.once('close', (code) => resolve(code))
      })
    }
    const sockets: WebSocket[] = []
    expect(await open('198.51.100.1')).toBe('admitted')
    expect(await open('198.51.100.2')).toBe('admitted')
    expect(await open('198.51.100.3')).toBe(CloseCode.tooManyConnections)
    for (const socket of sockets) socket.close()
  })

  it('refuses to start with TRUST_PROXY=1 or an entry that is no address, and says what to write', () => {
    for (const [value, expected] of [
      ['1', 'name the reverse proxies instead'],
      ['127.0.0.1, proxy.local', '"proxy.local" is not an IP address or CIDR range'],
      ['10.0.0.0/33', '"10.0.0.0/33" is not an IP address or CIDR range'],
    ]) {
      const dataDir = makeDataDir()
      const result = spawnSync(process.execPath, serverArgs('relay'), {
        cwd: join(import.meta.dirname, '..', '..'),
        env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TRUST_PROXY: value },
        encoding: 'utf8',
        timeout: hang(30_000),
      })
      removeDataDir(dataDir)
      expect(result.status, value).not.toBe(0)
      expect(result.stderr + result.stdout, value).toContain(expected)
    }
  })
})

describe('a plenary behind one address', () => {
  it('lets 300 people from one address onto one board with the default settings', async () => {
    const relay = await start()
    const board = await createBoard(relay)
    const people = await Promise.all(
      Array.from({ length: 300 }, async () => {
        const socket = new WebSocket(`${relay.wsUrl}/${board.id}?${tokenQueryParam}=${board.access.participant}`)
        const closed = new Promise((resolve) => socket.once('close', resolve))
        // The relay's first message to a client it has admitted is its sync step 1.
        const first = await new Promise<Buffer>((resolve, reject) => {
          socket.once('message', (data) => resolve(data as Buffer))
          socket.once('close', (code) => reject(new Error(`closed with ${code}`)))
        })
        return { socket, closed, first }
      }),
    )
    expect(people.every(({ first }) => first[0] === messageSync)).toBe(true)
    const refused = relay.logs.filter((line) => line.includes('connection refused'))
    expect(refused).toEqual([])
    await relay.waitForLog((e) => e.msg === 'client connected' && e.clients === 300)
    for (const { socket } of people) socket.close()
    await Promise.all(people.map(({ closed }) => closed))
  }, hang(60_000))
})
