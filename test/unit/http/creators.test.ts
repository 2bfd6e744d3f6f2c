/**
 * Who may create boards: anyone on the server's own machine; from elsewhere only a creator signed
 * in (here with the password). Board links keep working for everyone. Over the relay's app in
 * this process; the sign-in through a real OpenID Connect provider, and the server's own LAN
 * address, are in `test/integration/creators.test.ts`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BoardVersion, versionsPath } from '../../../shared/api.ts'
import { apiFetch, createBoard } from '../../helpers/clients.ts'
import { inProcessRelay, type InProcessRelay } from '../../helpers/inProcessRelay.ts'
import { storedBoardCount } from '../../helpers/relay.ts'
import { visitor as visitorAt } from '../../helpers/signedInVisitor.ts'
import { quickPasswordHash } from '../../helpers/creatorCookie.ts'

const password = 'Netzwerk-Gründung 2026'
const publicUrl = 'http://netzwerkstatt.test'

describe('who may create boards', () => {
  let relay: InProcessRelay
  beforeAll(async () => {
    // The settings of `startCreatorSignIn` (`oidcIssuer.ts`). No test here goes to the provider,
    // so none is started: its address (a name that never resolves) is only what the relay is told.
    relay = await inProcessRelay({
      env: {
        LOG_LEVEL: 'info',
        TRUST_PROXY: '127.0.0.1',
        CREATOR_PASSWORD_HASH: await quickPasswordHash(password),
        OIDC_ISSUER: 'http://oidc.invalid',
        OIDC_CLIENT_ID: 'netzwerkstatt',
        OIDC_CLIENT_SECRET: 'not-asked-for',
        PUBLIC_URL: publicUrl,
      },
    })
  })
  afterAll(() => relay.close())

  /** A browser on another machine: its own address, and the cookies it was given. */
  const visitor = (address: string) => visitorAt(relay, address)
  const storedBoards = () => storedBoardCount(relay)

  it('needs a sign-in from other machines, none on the server itself, and board links work without one', async () => {
    const stranger = visitor('198.51.100.20')
    expect(await stranger.status()).toEqual({ mayCreate: false, local: false, methods: { password: true, oidc: true } })
    const before = storedBoards()
    const refused = await stranger.create()
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: 'sign in to create boards on this server' })
    expect(storedBoards()).toBe(before)

    // The facilitator at the server's own machine.
    const local = await relay.request('/api/auth/status')
    expect(await local.json()).toMatchObject({ mayCreate: true, local: true })
    const board = await createBoard(relay, 'Am Server angelegt')

    // The link is the capability: no account needed to open the board.
    const asParticipant = { headers: { authorization: `Bearer ${board.access.participant}`, 'x-forwarded-for': '198.51.100.20' } }
    expect((await apiFetch(relay, `/api/boards/${board.id}`, asParticipant)).status).toBe(200)
  })
  it('signs a creator in with the password, and out again', async () => {
    const creator = visitor('198.51.100.21')
    const wrong = await creator.signIn('falsches Passwort')
    expect(wrong.status).toBe(401)
    expect(creator.cookies.size).toBe(0)
    expect((await creator.create()).status).toBe(401)

    expect((await creator.signIn(password)).status).toBe(204)
    expect(creator.cookies.has('nws_creator')).toBe(true)
    expect(await creator.status()).toMatchObject({ mayCreate: true, local: false })
    expect((await creator.create('Mit Passwort')).status).toBe(201)

    // The cookie alone is no key for someone else: a made-up one opens nothing.
    const forger = visitor('198.51.100.22')
    forger.cookies.set('nws_creator', 'x'.repeat(43))
    expect((await forger.create()).status).toBe(401)

    expect((await creator.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(204)
    expect((await creator.create()).status).toBe(401)
  })

  it('asks the same of a board made from a version: a facilitator link is no right to create boards', async () => {
    const board = await createBoard(relay, 'Am Server angelegt, mit Versionen')
    const named = await apiFetch(relay, versionsPath(board.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Stand"}' })
    expect(named.status).toBe(201)
    const version = BoardVersion.parse(await named.json())
    // The facilitator link reached someone on another machine who may not create boards.
    const stranger = visitor('198.51.100.23')
    expect((await stranger.create()).status).toBe(401)
    const before = storedBoards()
    const copied = await stranger.request(`${versionsPath(board.id)}/${version.id}/board`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.access.facilitator}` },
    })
    expect(copied.status).toBe(401)
    expect(await copied.json()).toEqual({ error: 'sign in to create boards on this server' })
    expect(storedBoards()).toBe(before)
  })

  it('stops guessing: after ten attempts a minute from one address the answer is 429', async () => {
    const guesser = visitor('198.51.100.23')
    for (let i = 0; i < 10; i++) expect((await guesser.signIn(`Versuch ${i}`)).status).toBe(401)
    const blocked = await guesser.signIn(password)
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('retry-after')).toBeTruthy()
    expect(guesser.cookies.size).toBe(0)
  })

  it("lets a creator who signed in on this browser before in again while someone at the venue's shared address has used up its attempts", async () => {
    const creator = visitor('198.51.100.25')
    expect((await creator.signIn(password)).status).toBe(204)
    expect((await creator.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(204)
    // Someone else behind the same address guesses until the address is stopped.
    const neighbour = visitor('198.51.100.25')
    const statuses: number[] = []
    for (let i = 0; i < 11 && !statuses.includes(429); i++) statuses.push((await neighbour.signIn(`Versuch ${i}`)).status)
    expect(statuses.at(-1)).toBe(429)
    expect((await neighbour.signIn(password)).status).toBe(429)
    expect((await creator.signIn(password)).status).toBe(204)
    // The browser's own attempts are still counted: it guesses no faster than an address.
    const wrong: number[] = []
    for (let i = 0; i < 11; i++) wrong.push((await creator.signIn(`Versuch ${i}`)).status)
    expect(wrong.slice(0, 9).every((status) => status === 401)).toBe(true)
    expect(wrong.at(-1)).toBe(429)
  })

  it('refuses a password sent as a form or text (what any page can post unasked) with 415, without counting it', async () => {
    const neighbour = visitor('198.51.100.24')
    const simple = [
      ['application/x-www-form-urlencoded', 'password=Versuch'],
      ['text/plain', JSON.stringify({ password: 'Versuch' })],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="password"\r\n\r\nVersuch\r\n--x--'],
    ] as const
    for (let i = 0; i < 12; i++) {
      const [contentType, body] = simple[i % simple.length]
      const refused = await neighbour.request('/api/auth/password', { method: 'POST', headers: { 'content-type': contentType }, body })
      expect(refused.status, contentType).toBe(415)
      expect(await refused.json()).toEqual({ error: 'send the password as application/json' })
    }
    // The ten attempts of the minute are all still there for the real creator behind that address.
    expect((await neighbour.signIn(password)).status).toBe(204)
  })
})

describe('a server without a creator sign-in', () => {
  it('lets nobody but its own machine create boards, and says so', async () => {
    const relay = await inProcessRelay({ env: { LOG_LEVEL: 'info', TRUST_PROXY: '127.0.0.1' } })
    try {
      const from = { 'x-forwarded-for': '198.51.100.30' }
      const status = await (await relay.request('/api/auth/status', { headers: from })).json()
      expect(status).toEqual({ mayCreate: false, local: false, methods: { password: false, oidc: false } })
      const refused = await relay.request('/api/boards', {
        method: 'POST',
        headers: { ...from, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'x' }),
      })
      expect(refused.status).toBe(401)
      expect((await relay.request('/api/auth/password', { method: 'POST', headers: from, body: '{}' })).status).toBe(404)
      // A proxy that is not trusted speaks for someone else: not local, even on this machine.
      const viaUntrusted = await inProcessRelay({ env: { LOG_LEVEL: 'info' } })
      try {
        const answer = await (await viaUntrusted.request('/api/auth/status', { headers: from })).json()
        expect(answer).toMatchObject({ mayCreate: false, local: false })
      } finally {
        await viaUntrusted.close()
      }
    } finally {
      await relay.close()
    }
  })
})
