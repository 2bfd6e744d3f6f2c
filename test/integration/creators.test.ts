/**
 * Who may create boards: anyone on the server's own machine; from elsewhere only a creator signed
 * in with the password or through the organisation's OpenID Connect provider (a real, small
 * provider started by the test). Board links keep working for everyone. Here what needs the
 * provider or the server's LAN address; the rest, over the relay's app in the test's process:
 * `test/unit/http/creators.test.ts`.
 */
import { networkInterfaces } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { visitor as visitorAt } from '../helpers/signedInVisitor.ts'
import { followProvider } from '../helpers/providerPages.ts'
import { createBoard } from '../helpers/clients.ts'
import { startCreatorSignIn, stopCreatorSignIn, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { removeDataDir, startRelay, storedAudit, type Relay } from '../helpers/relay.ts'
import Database from 'better-sqlite3'
import { join } from 'node:path'

const password = 'Netzwerk-Gründung 2026'
const publicUrl = 'http://netzwerkstatt.test'

describe('who may create boards', () => {
  let relay: Relay
  let issuer: TestIssuer
  beforeAll(async () => {
    ;({ relay, issuer } = await startCreatorSignIn(password, publicUrl))
  })
  afterAll(() => stopCreatorSignIn(relay, issuer))

  /** A browser on another machine: its own address, and the cookies it was given. */
  const visitor = (address: string) => visitorAt(relay.httpUrl, address)

  it('keeps no more sign-ins under way and audits no more refused callbacks than an address may start in a minute (120)', async () => {
    const flooder = visitor('198.51.100.29')
    const pendingRows = () => {
      const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM sessions WHERE kind = 'pending-login'").get() as { n: number }).n
      } finally {
        db.close()
      }
    }
    const before = pendingRows()
    const auditBefore = storedAudit(relay).length
    const statuses: number[] = []
    for (let i = 0; i < 100; i++) statuses.push((await flooder.request('/api/auth/oidc/login')).status)
    // From the same address, without the cookie of a sign-in under way (that one would be used up).
    const caller = visitor('198.51.100.29')
    for (let i = 0; i < 30; i++) statuses.push((await caller.request('/api/auth/oidc/callback?code=x&state=y')).status)
    expect(statuses.filter((status) => status === 429)).toHaveLength(10)
    expect(statuses.at(-1)).toBe(429)
    expect(pendingRows() - before).toBe(100)
    expect(storedAudit(relay).length - auditBefore).toBe(20)
    const refused = await flooder.request('/api/auth/oidc/login')
    expect(refused.headers.get('retry-after')).toBeTruthy()
  })

  /** Leaves for the provider and follows it back to the callback, as a browser would. */
  const throughProvider = async (creator: ReturnType<typeof visitor>, tamper: (callback: URL) => void = () => {}) => {
    const login = await creator.request('/api/auth/oidc/login')
    expect(login.status).toBe(302)
    const authorize = new URL(login.headers.get('location')!)
    expect(authorize.origin + authorize.pathname).toBe(`${issuer.url}/authorize`)
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${publicUrl}/api/auth/oidc/callback`)
    const atProvider = await followProvider(authorize, creator.providerCookies)
    const callback = new URL(atProvider.headers.get('location')!)
    expect(callback.origin).toBe(publicUrl)
    tamper(callback)
    const back = await creator.request(callback.pathname + callback.search)
    expect(back.status).toBe(302)
    return { back, callback }
  }

  it('signs a creator in through the OpenID Connect provider', async () => {
    const creator = visitor('198.51.100.24')
    const { back } = await throughProvider(creator)
    expect(back.headers.get('location')).toBe('/')
    expect(creator.cookies.has('nws_creator')).toBe(true)
    expect((await creator.create('Mit Dienstkonto')).status).toBe(201)
    expect(relay.logs.join('\n')).not.toContain('creator@example.org')
  })

  it('refuses a provider answer with a changed state, a code swapped in from another sign-in, or one used twice', async () => {
    const failed = `/?anmeldung=fehlgeschlagen`
    const tampered = visitor('198.51.100.25')
    const { back } = await throughProvider(tampered, (callback) => callback.searchParams.set('state', 'changed'))
    expect(back.headers.get('location')).toBe(failed)
    expect(tampered.cookies.has('nws_creator')).toBe(false)

    // The code of someone else's sign-in, put into this one's answer on the way (code injection):
    // the provider refuses it, as it was asked for with another PKCE challenge.
    const stolen = (await throughProvider(visitor('198.51.100.30'), (callback) => callback.searchParams.set('state', 'held back'))).callback.searchParams.get('code')!
    const injected = visitor('198.51.100.26')
    const { back: injectedBack } = await throughProvider(injected, (callback) => callback.searchParams.set('code', stolen))
    expect(injectedBack.headers.get('location')).toBe(failed)
    expect(injected.cookies.has('nws_creator')).toBe(false)

    // A callback URL that worked once does not work again, also not for whoever copies it.
    const first = visitor('198.51.100.27')
    const { callback } = await throughProvider(first)
    const copier = visitor('198.51.100.28')
    const again = await copier.request(callback.pathname + callback.search)
    expect(again.headers.get('location')).toBe(failed)
    expect((await copier.create()).status).toBe(401)
  })
})

/** A non-loopback address of this machine, if it has one (the LAN address a facilitator opens). */
const ownLanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address

describe('a server without a creator sign-in', () => {
  it.skipIf(!ownLanAddress)("counts the server's own LAN address as its own machine", async () => {
    const relay = await startRelay({ env: { LOG_LEVEL: 'info', HOST: '0.0.0.0' } })
    try {
      const viaLan = `http://${ownLanAddress}:${relay.port}`
      expect(await (await fetch(`${viaLan}/api/auth/status`)).json()).toMatchObject({ mayCreate: true, local: true })
      expect((await createBoard({ httpUrl: viaLan }, 'Am eigenen Rechner')).title).toBe('Am eigenen Rechner')
      // …but not what a proxy on this machine passes on through that address (`localCreation.ts`).
      const proxied = await fetch(`${viaLan}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ownLanAddress! }, body: '{"title":"Weitergereicht"}' })
      expect(proxied.status).toBe(401)
    } finally {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
  })
})
