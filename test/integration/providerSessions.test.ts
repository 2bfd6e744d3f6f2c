/**
 * Sessions follow the provider (oidc-provider, OpenID Certified): a back-channel logout from it
 * ends the sessions it names here, and a group taken away there costs its rights within
 * OIDC_RECHECK_SECONDS. Both also close the websockets the sign-in opened on a board that
 * requires sign-in. And the database keeps no token a copy of it could use.
 */
import Database from 'better-sqlite3'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boardSignInPath } from '../../shared/api.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { createBoard, openRawSocket } from '../helpers/clients.ts'
import { creatorSignInEnv, groupSettings, startTestIssuer, stopCreatorSignIn, type TestIssuer, type TestUser } from '../helpers/oidcIssuer.ts'
import { startRelay, storedAudit, type Relay } from '../helpers/relay.ts'
import { visitor, type Visitor } from '../helpers/signedInVisitor.ts'
import { hang } from '../helpers/hang.ts'

const publicUrl = 'http://netzwerkstatt.test'
const password = 'Netzwerk-Gründung 2026'
const steering: TestUser = { subject: 'steuerung@example.org', name: 'Sabine Steuer', groups: ['/jobcenter/steuerung'] }
const member: TestUser = { subject: 'mitglied@example.org', name: 'Mira Mitglied', groups: ['/netzwerk/mitglieder'] }

/** A relay with a provider, its sign-in steps and a board that requires sign-in. */
function providerRelay(env: Record<string, string> = {}) {
  const world = {} as { relay: Relay; issuer: TestIssuer; board: Awaited<ReturnType<typeof createBoard>> }
  let n = 0
  beforeAll(async () => {
    world.issuer = await startTestIssuer()
    world.relay = await startRelay({ env: { ...(await creatorSignInEnv(world.issuer, password, publicUrl)), ...groupSettings, ...env } })
    // Keycloak: "Backchannel logout URL", "Backchannel logout session required" on.
    world.issuer.backchannelLogoutTo(`${world.relay.httpUrl}/api/auth/oidc/backchannel-logout`)
    world.board = await createBoard(world.relay, 'Fallkonferenz')
    const lead = await signedIn(steering)
    const required = await lead.request(boardSignInPath(world.board.id), {
      method: 'PUT',
      headers: { authorization: `Bearer ${world.board.access.facilitator}`, 'content-type': 'application/json' },
      body: '{"required":true}',
    })
    expect(required.status).toBe(200)
  })
  afterAll(() => stopCreatorSignIn(world.relay, world.issuer))

  const signedIn = async (user: TestUser): Promise<Visitor> => {
    world.issuer.signInAs(user)
    const person = visitor(world.relay.httpUrl, `198.51.100.${150 + n++}`)
    expect((await person.throughProvider()).headers.get('location')).toBe('/')
    return person
  }
  const cookieOf = (person: Visitor) => [...person.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  /** A socket on the board with the person's cookie, in its room. */
  const onBoard = async (person: Visitor, token: string) => {
    const opened = await openRawSocket(world.relay, world.board.id, token, { cookie: cookieOf(person) })
    await opened.inRoom
    return opened
  }
  const upgradeStatus = (person: Visitor, token: string) =>
    openRawSocket(world.relay, world.board.id, token, { cookie: cookieOf(person) }).then(
      ({ socket }) => {
        socket.close()
        return 101
      },
      (error: Error) => Number(/upgrade refused: (\d+)/.exec(error.message)?.[1]),
    )
  return { world, signedIn, onBoard, upgradeStatus }
}

describe('a back-channel logout from the provider', () => {
  const { world, signedIn, onBoard, upgradeStatus } = providerRelay()

  it('ends the session it names: the next request finds no sign-in, the open socket closes, the link alone opens nothing', async () => {
    const person = await signedIn(member)
    const other = await signedIn(steering)
    expect(await person.status()).toMatchObject({ session: { name: 'Mira Mitglied', rights: ['member'] } })
    const { closed } = await onBoard(person, world.board.access.participant)

    // As an administrator's "Sign out" in Keycloak: the provider posts a logout token to the relay.
    await world.issuer.endSessionsOf(member.subject)
    expect(world.issuer.backchannelLogouts).toContainEqual({ subject: member.subject, accepted: true })
    expect(await closed).toEqual({ code: CloseCode.moved, reason: 'sign-in ended' })
    expect((await person.status()).session).toBeUndefined()
    expect(await upgradeStatus(person, world.board.access.participant)).toBe(401)
    // Someone else's sign-in stays.
    expect(await other.status()).toMatchObject({ session: { name: 'Sabine Steuer' } })
    // The audit trail names who the provider signed out, by the same pseudonym as the sign-in.
    const trail = storedAudit(world.relay)
    const signedInAs = trail.filter((row) => row.action === 'signed-in:oidc').map((row) => row.actor)
    const ended = trail.filter((row) => row.action === 'signed-out:provider')
    expect(ended).toHaveLength(1)
    expect(signedInAs).toContain(ended[0]!.actor)
    expect(ended[0]!.actor).toMatch(/^oidc:[0-9a-f]{16}$/)
  })

  it('refuses a logout token the provider did not sign, or none, and ends nothing', async () => {
    const person = await signedIn(member)
    const post = (token: string) =>
      fetch(`${world.relay.httpUrl}/api/auth/oidc/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }),
      })
    // Everything right but the key.
    const { privateKey, publicKey } = await generateKeyPair('RS256')
    const forged = await new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, jti: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: (await exportJWK(publicKey)).kid ?? 'test', typ: 'logout+jwt' })
      .setIssuer(world.issuer.url)
      .setAudience(world.issuer.clientId)
      .setSubject(member.subject)
      .setIssuedAt()
      .sign(privateKey)
    expect((await post(forged)).status).toBe(400)
    expect((await post('')).status).toBe(400)
    expect(await person.status()).toMatchObject({ session: { name: 'Mira Mitglied' } })
  })

  it('answers an address that keeps sending bad logout tokens with 429, without checking or logging each, and the provider still gets through', async () => {
    const post = (address: string) =>
      fetch(`${world.relay.httpUrl}/api/auth/oidc/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: new URLSearchParams({ logout_token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' }),
      })
    const refusedLines = () => world.relay.logs.filter((line) => line.includes('back-channel logout refused')).length
    const before = refusedLines()
    const statuses: number[] = []
    for (let i = 0; i < 35; i++) statuses.push((await post('203.0.113.66')).status)
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(400))
    expect(statuses.slice(30)).toEqual(Array(5).fill(429))
    // The log takes the first refusals, not every one an attacker sends.
    expect(refusedLines() - before).toBeLessThanOrEqual(30)
    // Another address (the provider's) is not held by it.
    expect((await post('203.0.113.67')).status).toBe(400)
    const person = await signedIn({ ...member, subject: 'danach@example.org' })
    await world.issuer.endSessionsOf('danach@example.org')
    expect(world.issuer.backchannelLogouts).toContainEqual({ subject: 'danach@example.org', accepted: true })
    expect((await person.status()).session).toBeUndefined()
  })

  it('keeps no token in the database: the provider tokens are sealed under the cookie, the sid only hashed', async () => {
    await signedIn({ ...member, subject: 'versiegelt@example.org' })
    const db = new Database(join(world.relay.dataDir, 'netzwerkstatt.sqlite'), { readonly: true })
    try {
      const rows = db.prepare("SELECT data FROM sessions WHERE kind = 'session'").all() as Array<{ data: string }>
      expect(rows.length).toBeGreaterThan(0)
      for (const { data } of rows) {
        // A JWT (ID token) starts with eyJ; the refresh token is opaque, so neither may be readable.
        expect(data).not.toMatch(/eyJ[\w-]+\.[\w-]+/)
        expect(data).not.toContain('idToken')
        expect(data).not.toContain('refreshToken')
      }
    } finally {
      db.close()
    }
  })
})

describe('a group removed at the provider', () => {
  const { world, signedIn, onBoard, upgradeStatus } = providerRelay({ OIDC_RECHECK_SECONDS: '2' })
  /** Sessions the group re-check ended, as the audit trail records them. */
  const recheckEnds = () => storedAudit(world.relay).filter((row) => row.action === 'signed-out:recheck')
  const signedInActors = () => storedAudit(world.relay).flatMap((row) => (row.action === 'signed-in:oidc' ? [row.actor] : []))

  it('costs its rights within OIDC_RECHECK_SECONDS: the socket that needed it closes, the next request has less', async () => {
    const lead = { ...steering, subject: 'wechsel@example.org', name: 'Wera Wechsel' }
    const person = await signedIn(lead)
    expect(await person.status()).toMatchObject({ mayCreate: true, session: { rights: ['create', 'facilitate', 'member'] } })
    const asFacilitator = await onBoard(person, world.board.access.facilitator)

    // Taken out of the steering group in Keycloak, still a member of the network.
    world.issuer.signInAs({ ...lead, groups: ['/netzwerk/mitglieder'] })
    expect(await asFacilitator.closed).toEqual({ code: CloseCode.moved, reason: 'sign-in ended' })
    expect(await person.status()).toMatchObject({ mayCreate: false, session: { rights: ['member'] } })
    expect(await upgradeStatus(person, world.board.access.facilitator)).toBe(403)
    const asParticipant = await onBoard(person, world.board.access.participant)

    // Then out of every group: the sign-in ends.
    const endsBefore = recheckEnds().length
    world.issuer.signInAs({ ...lead, groups: [] })
    expect(await asParticipant.closed).toEqual({ code: CloseCode.moved, reason: 'sign-in ended' })
    expect((await person.status()).session).toBeUndefined()
    // The audit trail says so, under the pseudonym of the sign-in (the row follows the socket's close).
    await expect.poll(() => recheckEnds().length, { timeout: hang(10_000) }).toBe(endsBefore + 1)
    expect(signedInActors()).toContain(recheckEnds().at(-1)!.actor)
  })

  it('ends the session when the provider no longer honours its refresh token', async () => {
    const person = await signedIn({ ...member, subject: 'widerrufen@example.org' })
    const { closed } = await onBoard(person, world.board.access.participant)
    // Ended at the provider without a back-channel call reaching the relay.
    world.issuer.backchannelLogoutTo('http://127.0.0.1:9/unreachable')
    const endsBefore = recheckEnds().length
    await world.issuer.endSessionsOf('widerrufen@example.org')
    expect(await closed).toEqual({ code: CloseCode.moved, reason: 'sign-in ended' })
    expect((await person.status()).session).toBeUndefined()
    await expect.poll(() => recheckEnds().length, { timeout: hang(10_000) }).toBe(endsBefore + 1)
    expect(signedInActors()).toContain(recheckEnds().at(-1)!.actor)
  })
})
