/**
 * The organisation's groups decide what a sign-in through its provider allows (create,
 * facilitate, join boards that require sign-in); a sign-in whose groups allow nothing is refused
 * and audited under a pseudonym. Signing out ends the session here first, then at the provider
 * (RP-initiated logout) when it offers that. A sign-in only ever returns to a path on this server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SignOutAnswer } from '../../shared/api.ts'
import { creatorSignInEnv, groupSettings, startTestIssuer, type TestIssuer } from '../helpers/oidcIssuer.ts'
import { removeDataDir, startRelay, storedAudit, type Relay } from '../helpers/relay.ts'
import { visitor } from '../helpers/signedInVisitor.ts'

const password = 'Netzwerk-Gründung 2026'
const publicUrl = 'http://netzwerkstatt.test'

describe('groups from the provider', () => {
  let relay: Relay
  let issuer: TestIssuer
  beforeAll(async () => {
    issuer = await startTestIssuer()
    relay = await startRelay({ env: { ...(await creatorSignInEnv(issuer, password, publicUrl)), ...groupSettings } })
  })
  afterAll(async () => {
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
    await issuer?.close()
  })
  const auditRows = () => storedAudit(relay)

  it('map to creating, facilitating and membership by full path or last segment', async () => {
    const cases = [
      { groups: ['/jobcenter/steuerung'], rights: ['create', 'facilitate', 'member'], mayCreate: true },
      { groups: ['/sozialamt/planung'], rights: ['create'], mayCreate: true },
      { groups: ['/netzwerk/mitglieder', '/kantine'], rights: ['member'], mayCreate: false },
    ]
    for (const [i, { groups, rights, mayCreate }] of cases.entries()) {
      issuer.signInAs({ subject: `person-${i}@example.org`, name: `Person ${i}`, groups })
      const person = visitor(relay.httpUrl, `198.51.100.${60 + i}`)
      expect((await person.throughProvider()).headers.get('location')).toBe('/')
      expect(await person.status(), groups.join()).toMatchObject({ mayCreate, session: { name: `Person ${i}`, rights, provider: true } })
      const created = await person.request('/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' })
      expect(created.status).toBe(mayCreate ? 201 : 401)
    }
    // Without `name` the provider's user name stands in.
    issuer.signInAs({ subject: 'kurz@example.org', preferredUsername: 'kkurz', groups: ['/netzwerk/mitglieder'] })
    const short = visitor(relay.httpUrl, '198.51.100.65')
    await short.throughProvider()
    expect((await short.status()).session?.name).toBe('kkurz')
    expect(relay.logs.join('\n')).not.toMatch(/person-\d@example\.org|Person \d|kkurz/)
  })

  it('refuses a sign-in whose groups allow nothing, says so, and audits it under a pseudonym', async () => {
    issuer.signInAs({ subject: 'kantine@example.org', name: 'Kantine', groups: ['/kantine'] })
    const refused = visitor(relay.httpUrl, '198.51.100.66')
    const back = await refused.throughProvider({ path: '/api/auth/oidc/login?return=/b/abcdefghijklmnopqrstuv' })
    expect(back.headers.get('location')).toBe('/b/abcdefghijklmnopqrstuv?anmeldung=abgelehnt')
    expect(refused.cookies.has('nws_creator')).toBe(false)
    expect((await refused.status()).session).toBeUndefined()
    const failures = auditRows().filter((row) => row.action === 'sign-in-failed:oidc')
    expect(failures).toHaveLength(1)
    expect(failures[0].actor).toMatch(/^oidc:[0-9a-f]{16}$/)
    expect(JSON.stringify(auditRows())).not.toContain('kantine')
  })

  it('returns only to a path on this server after signing in', async () => {
    issuer.signInAs({ subject: 'wohin@example.org', groups: ['/netzwerk/mitglieder'] })
    const targets = [
      ['/b/abcdefghijklmnopqrstuv', '/b/abcdefghijklmnopqrstuv'],
      ['//evil.example/x', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example/', '/'],
      ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
      // Dot segments that only resolving turns into a path beginning with two slashes.
      ['/..//evil.example/x', '/'],
      ['/.//evil.example', '/'],
      ['/%2e%2e//evil.example', '/'],
      ['/a/..//evil.example', '/'],
    ]
    for (const [i, [target, expected]] of targets.entries()) {
      const person = visitor(relay.httpUrl, `198.51.100.${70 + i}`)
      const back = await person.throughProvider({ path: `/api/auth/oidc/login?return=${encodeURIComponent(target)}` })
      expect(back.headers.get('location'), target).toBe(expected)
    }
  })

  it('signs out here first, then at the provider with the ID token as hint, back to the public address', async () => {
    issuer.signInAs({ subject: 'abmelden@example.org', name: 'Abmelden', groups: ['/jobcenter/steuerung'] })
    const person = visitor(relay.httpUrl, '198.51.100.80')
    await person.throughProvider()
    const out = await person.request('/api/auth/sign-out', { method: 'POST' })
    expect(out.status).toBe(200)
    const at = new URL(SignOutAnswer.parse(await out.json()).signOutAt)
    expect(at.origin + at.pathname).toBe(`${issuer.url}/logout`)
    expect(at.searchParams.get('post_logout_redirect_uri')).toBe(`${publicUrl}/`)
    // Already signed out here, before the browser reaches the provider.
    expect(person.cookies.has('nws_creator')).toBe(false)
    expect((await person.status()).session).toBeUndefined()
    const atProvider = await person.atProvider(at)
    expect(atProvider.headers.get('location')).toBe(`${publicUrl}/`)
    expect(issuer.signOuts).toContainEqual({ subject: 'abmelden@example.org', postLogoutRedirectUri: `${publicUrl}/` })

    // The password's sessions end here only: there is no provider to leave.
    const creator = visitor(relay.httpUrl, '198.51.100.81')
    expect((await creator.signIn(password)).status).toBe(204)
    expect((await creator.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(204)
    expect(await creator.status()).toMatchObject({ mayCreate: false })
  })
})

describe('a provider without sign-out', () => {
  it('ends the session here only', async () => {
    const issuer = await startTestIssuer('ohne@example.org', { endSession: false })
    const relay = await startRelay({ env: await creatorSignInEnv(issuer, password, publicUrl) })
    try {
      const person = visitor(relay.httpUrl, '198.51.100.82')
      await person.throughProvider()
      expect(await person.status()).toMatchObject({ mayCreate: true, session: { rights: ['create', 'facilitate', 'member'] } })
      expect((await person.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(204)
      expect(await person.status()).toMatchObject({ mayCreate: false })
    } finally {
      await relay.kill()
      removeDataDir(relay.dataDir)
      await issuer.close()
    }
  })
})
