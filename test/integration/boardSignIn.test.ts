/**
 * A board that requires sign-in: its facilitator (signed in with facilitate rights) switches it
 * on; then every link also needs a sign-in through the organisation's provider — member rights
 * for participant and observer links, facilitate rights for the facilitator link — on every board
 * API and on the websocket, tried with real y-websocket clients with and without the cookie.
 */
import Database from 'better-sqlite3'
import { networkCredential } from '../../shared/networkCredential.ts'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardSignInPath, BoardSignIn, SignInRefusal, versionsPath, BoardWithRole, CreatedBoard } from '../../shared/api.ts'
import { connectClient, createBoard, openRawSocket, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteKeys, putNote } from '../helpers/records.ts'
import { creatorSignInEnv, groupSettings, startTestIssuer, stopCreatorSignIn, type TestIssuer, type TestUser } from '../helpers/oidcIssuer.ts'
import { removeDataDir, startRelay, storedAudit, type Relay } from '../helpers/relay.ts'
import { sharedRelay, type FileRelay } from '../helpers/sharedRelay.ts'
import { visitor, type Visitor } from '../helpers/signedInVisitor.ts'
import { admin } from '../helpers/admin.ts'
import { CreatedNetwork, networkApiPath, networkBoardsPath, NetworkView } from '../../shared/networkApi.ts'

const publicUrl = 'http://netzwerkstatt.test'
const steering: TestUser = { subject: 'steuerung@example.org', name: 'Sabine Steuer', groups: ['/jobcenter/steuerung'] }
const member: TestUser = { subject: 'mitglied@example.org', name: 'Mira Mitglied', groups: ['/netzwerk/mitglieder'] }
/** May create boards, but is neither facilitator nor member. */
const planner: TestUser = { subject: 'planung@example.org', name: 'Paul Plan', groups: ['/sozialamt/planung'] }

describe('a board that requires sign-in', () => {
  let relay: Relay
  let issuer: TestIssuer
  const clients: TestClient[] = []
  beforeAll(async () => {
    issuer = await startTestIssuer()
    relay = await startRelay({ env: { ...(await creatorSignInEnv(issuer, 'Netzwerk-Gründung 2026', publicUrl)), ...groupSettings } })
  })
  afterEach(() => clients.splice(0).forEach((client) => client.destroy()))
  afterAll(async () => {
    await relay?.kill()
    if (relay) removeDataDir(relay.dataDir)
    await issuer?.close()
  })

  let n = 0
  const signedIn = async (user: TestUser): Promise<Visitor> => {
    issuer.signInAs(user)
    const person = visitor(relay.httpUrl, `198.51.100.${100 + n++}`)
    expect((await person.throughProvider()).status).toBe(302)
    expect(person.cookies.has('nws_creator')).toBe(true)
    return person
  }
  const cookieOf = (person: Visitor) => [...person.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const setRequired = (person: Visitor, boardId: string, token: string, required: boolean) =>
    person.request(boardSignInPath(boardId), { method: 'PUT', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ required }) })
  /** A y-websocket client that sends the person's cookie with the upgrade, as a browser does. */
  const connectAs = (boardId: string, token: string, person?: Visitor) => {
    const headers = person ? { cookie: cookieOf(person) } : {}
    const socket = class extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers })
      }
    }
    const client = connectClient(relay, boardId, new Y.Doc(), { token, socket: socket as unknown as typeof WebSocket })
    clients.push(client)
    return client
  }
  const upgradeStatus = (boardId: string, token: string, person?: Visitor) =>
    openRawSocket(relay, boardId, token, person ? { cookie: cookieOf(person) } : {}).then(
      ({ socket }) => {
        socket.close()
        return 101
      },
      (error: Error) => Number(/upgrade refused: (\d+)/.exec(error.message)?.[1]),
    )
  const auditRows = () => storedAudit(relay)

  it('is switched on only by a facilitator link signed in with facilitate rights, and audited', async () => {
    const board = await createBoard(relay, 'Steuerungsgruppe')
    const { facilitator, participant } = board.access
    const anonymous = visitor(relay.httpUrl, '198.51.100.90')
    const notSignedIn = await setRequired(anonymous, board.id, facilitator, true)
    expect(notSignedIn.status).toBe(401)
    expect(SignInRefusal.parse(await notSignedIn.json()).signIn).toBe('required')
    const asMember = await signedIn(member)
    expect((await setRequired(asMember, board.id, facilitator, true)).status).toBe(403)
    const lead = await signedIn(steering)
    expect((await setRequired(lead, board.id, participant, true)).status).toBe(403)
    const before = BoardSignIn.parse(await (await lead.request(boardSignInPath(board.id), { headers: bearer(facilitator) })).json())
    expect(before).toEqual({ required: false, available: true, mayRequire: true, signedInAs: 'Sabine Steuer', policyFloor: [] })

    const switched = await setRequired(lead, board.id, facilitator, true)
    expect(switched.status).toBe(200)
    expect(BoardSignIn.parse(await switched.json()).required).toBe(true)
    const changed = auditRows().filter((row) => row.action === 'sign-in-required-changed')
    expect(changed).toEqual([{ action: 'sign-in-required-changed', board: board.id, actor: expect.stringMatching(/^oidc:[0-9a-f]{16}$/) }])
    expect(relay.logs.join('\n')).not.toMatch(/Sabine|steuerung@example/)
  })

  it("opens through a network only for who is signed in with the rights the board's facilitator link needs", async () => {
    const board = await createBoard(relay, 'Fallkonferenz im Netzwerk')
    const lead = await signedIn(steering)
    const asMember = await signedIn(member)
    expect((await setRequired(lead, board.id, board.access.facilitator, true)).status).toBe(200)
    const network = CreatedNetwork.parse(
      await (await lead.request('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Netzwerk' }) })).json(),
    )
    const add = (person: Visitor) =>
      person.request(networkBoardsPath(network.id), {
        method: 'POST',
        headers: { ...bearer(network.token), 'content-type': 'application/json' },
        body: JSON.stringify({ boardId: board.id, token: board.access.facilitator, phase: 'dienstleistungskette' }),
      })
    expect((await add(asMember)).status).toBe(403)
    expect((await add(visitor(relay.httpUrl, '198.51.100.92'))).status).toBe(401)
    expect((await add(lead)).status).toBe(201)
    const viewAs = async (person: Visitor) => NetworkView.parse(await (await person.request(networkApiPath(network.id), { headers: bearer(network.token) })).json()).boards[0]
    // The view hands nobody a board token; the network's own link opens the board only with the sign-in.
    for (const person of [lead, asMember, visitor(relay.httpUrl, '198.51.100.93')]) expect(await viewAs(person)).toMatchObject({ id: board.id, token: null })
    const credential = networkCredential(network.id, network.token)
    const openAs = async (person: Visitor) => (await person.request(`/api/boards/${board.id}`, { headers: bearer(credential) })).status
    expect(await openAs(lead)).toBe(200)
    expect(await openAs(asMember)).not.toBe(200)
    expect(await openAs(visitor(relay.httpUrl, '198.51.100.94'))).not.toBe(200)
  })

  it('refuses every board API and the websocket without a sign-in, admits an allowed group, refuses a wrong one', async () => {
    const board = await createBoard(relay, 'Fallkonferenz')
    const { facilitator, participant, observer } = board.access
    const lead = await signedIn(steering)
    const asMember = await signedIn(member)
    const asPlanner = await signedIn(planner)
    const anonymous = visitor(relay.httpUrl, '198.51.100.91')
    // An image uploaded while the board was link-only.
    const uploaded = await anonymous.request(`/api/boards/${board.id}/assets`, { method: 'POST', headers: { ...bearer(participant), 'content-type': 'image/png' }, body: new Uint8Array([137, 80, 78, 71]) })
    expect(uploaded.status).toBe(201)
    const { url: assetUrl } = (await uploaded.json()) as { url: string }
    // Link-only still: a link alone opens the board and its socket.
    expect((await anonymous.request(`/api/boards/${board.id}`, { headers: bearer(participant) })).status).toBe(200)
    const early = connectAs(board.id, participant)
    await whenSynced(early)

    expect((await setRequired(lead, board.id, facilitator, true)).status).toBe(200)
    // Whoever was on the board is admitted again under the new rule: without a sign-in, not at all.
    await expect.poll(() => early.provider.wsconnected).toBe(false)

    const participantRoutes = [
      `/api/boards/${board.id}`,
      `/api/boards/${board.id}/export?format=json`,
      `/api/boards/${board.id}/report?format=json`,
      `/api/boards/${board.id}/versions`,
      `/api/boards/${board.id}/vote/ballot`,
      `/api/boards/${board.id}/private`,
      assetUrl,
    ]
    for (const path of participantRoutes) {
      const refused = await anonymous.request(path, { headers: bearer(participant) })
      expect(refused.status, path).toBe(401)
      expect(SignInRefusal.parse(await refused.json()).signIn, path).toBe('required')
      const wrongGroup = await asPlanner.request(path, { headers: bearer(participant) })
      expect(wrongGroup.status, path).toBe(403)
      expect(SignInRefusal.parse(await wrongGroup.json()).signIn, path).toBe('forbidden')
      // With an allowed group the request reaches the route (which may still say no for its own reasons).
      const reached = await asMember.request(path, { headers: bearer(participant) })
      expect(SignInRefusal.safeParse(await reached.json().catch(() => null)).success, path).toBe(false)
    }
    for (const [path, init] of [
      [`/api/boards/${board.id}/assets`, { method: 'POST', headers: { ...bearer(participant), 'content-type': 'image/png' }, body: new Uint8Array([1]) }],
      [`/api/boards/${board.id}/links`, { headers: bearer(facilitator) }],
      [`/api/boards/${board.id}/links/participant`, { method: 'POST', headers: bearer(facilitator) }],
      [`/api/boards/${board.id}`, { method: 'DELETE', headers: bearer(facilitator) }],
    ] as const) {
      expect((await anonymous.request(path, init)).status, path).toBe(401)
    }
    // The facilitator link needs facilitate rights: a member's sign-in is not enough.
    expect((await asMember.request(`/api/boards/${board.id}/links`, { headers: bearer(facilitator) })).status).toBe(403)
    expect((await lead.request(`/api/boards/${board.id}/links`, { headers: bearer(facilitator) })).status).toBe(200)
    const opened = BoardWithRole.parse(await (await asMember.request(`/api/boards/${board.id}`, { headers: bearer(observer) })).json())
    expect(opened).toMatchObject({ role: 'observer', signInRequired: true })

    // The websocket: refused at the upgrade without a sign-in or with a wrong group, admitted with an allowed one.
    expect(await upgradeStatus(board.id, participant)).toBe(401)
    expect(await upgradeStatus(board.id, participant, asPlanner)).toBe(403)
    expect(await upgradeStatus(board.id, facilitator, asMember)).toBe(403)
    const admitted = connectAs(board.id, participant, asMember)
    const facilitating = connectAs(board.id, facilitator, lead)
    await Promise.all([whenSynced(admitted), whenSynced(facilitating)])
    putNote(admitted.doc, 'vom Mitglied')
    await until(facilitating.doc, () => noteKeys(facilitating.doc).includes('vom Mitglied'))
    // Others see the name of the sign-in, whatever name the client claims.
    admitted.provider.awareness.setLocalStateField('presence', { userName: 'Die Chefin' })
    const nameSeen = () => (facilitating.provider.awareness.getStates().get(admitted.doc.clientID) as { presence?: { userName?: string } } | undefined)?.presence?.userName
    await expect.poll(nameSeen).toBe('Mira Mitglied')

    // Signed out: the same cookie opens nothing any more, and the socket it opened is closed.
    expect((await asMember.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(200)
    await expect.poll(() => admitted.provider.wsconnected).toBe(false)
    expect(facilitating.provider.wsconnected).toBe(true)
    expect((await anonymous.request(`/api/boards/${board.id}`, { headers: { ...bearer(participant), cookie: '' } })).status).toBe(401)

    // Switched off again by the facilitator: link-only as before.
    expect((await setRequired(lead, board.id, facilitator, false)).status).toBe(200)
    expect((await anonymous.request(`/api/boards/${board.id}`, { headers: bearer(participant) })).status).toBe(200)
    expect(await upgradeStatus(board.id, participant)).toBe(101)
  })
})

describe('a board that requires sign-in, copied from one of its versions', () => {
  it('makes a copy that requires sign-in too', async () => {
    const issuer = await startTestIssuer()
    const relay = await startRelay({ env: { ...(await creatorSignInEnv(issuer, 'Netzwerk-Gründung 2026', publicUrl)), ...groupSettings } })
    try {
      issuer.signInAs(steering)
      const lead = visitor(relay.httpUrl, '198.51.100.95')
      expect((await lead.throughProvider()).status).toBe(302)
      const board = await createBoard(relay, 'Fallkonferenz vertraulich')
      const asFacilitator = { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' }
      expect((await lead.request(boardSignInPath(board.id), { method: 'PUT', headers: asFacilitator, body: JSON.stringify({ required: true }) })).status).toBe(200)
      const saved = await lead.request(versionsPath(board.id), { method: 'POST', headers: asFacilitator, body: JSON.stringify({ name: 'Stand März' }) })
      expect(saved.status).toBe(201)
      const { id: versionId } = (await saved.json()) as { id: string }
      const copied = await lead.request(`${versionsPath(board.id)}/${versionId}/board`, { method: 'POST', headers: asFacilitator })
      expect(copied.status).toBe(201)
      const copy = CreatedBoard.parse(await copied.json())
      // Its links alone open nothing: it is as closed as the board it came from.
      expect((await fetch(`${relay.httpUrl}/api/boards/${copy.id}`, { headers: { authorization: `Bearer ${copy.access.participant}` } })).status).toBe(401)
      const state = BoardSignIn.parse(await (await lead.request(boardSignInPath(copy.id), { headers: { authorization: `Bearer ${copy.access.facilitator}` } })).json())
      expect(state.required).toBe(true)
    } finally {
      await stopCreatorSignIn(relay, issuer)
    }
  })
})

describe('a server without OpenID Connect', () => {
  // The run's shared relay has none; both tests read and change only their own board.
  let relay: FileRelay
  beforeAll(async () => {
    relay = await sharedRelay()
  })
  afterAll(() => relay?.stop())

  it('cannot require sign-in for a board', async () => {
    const board = await createBoard(relay, 'Ohne Anmeldung')
    const headers = { authorization: `Bearer ${board.access.facilitator}`, 'content-type': 'application/json' }
    expect(BoardSignIn.parse(await (await fetch(`${relay.httpUrl}${boardSignInPath(board.id)}`, { headers })).json())).toMatchObject({ required: false, available: false, mayRequire: false })
    const refused = await fetch(`${relay.httpUrl}${boardSignInPath(board.id)}`, { method: 'PUT', headers, body: '{"required":true}' })
    expect(refused.status).toBe(409)
    expect((await fetch(`${relay.httpUrl}/api/boards/${board.id}`, { headers })).status).toBe(200)
  })

  it('lets the operator open a board that required sign-in when the server had it, and audits that', async () => {
    const board = await createBoard(relay, 'Früher mit Anmeldung')
    // As the database holds it after OIDC_* was taken away from a server that had it.
    const db = new Database(join(relay.dataDir, 'netzwerkstatt.sqlite'))
    db.prepare('UPDATE boards SET sign_in_required = 1 WHERE id = ?').run(board.id)
    db.close()
    const headers = { authorization: `Bearer ${board.access.participant}` }
    expect((await fetch(`${relay.httpUrl}/api/boards/${board.id}`, { headers })).status).toBe(401)

    const opened = await admin(relay.dataDir, 'sign-in-required', board.id, 'off')
    expect(opened.stderr).toBe('')
    expect(opened.code).toBe(0)
    expect((await fetch(`${relay.httpUrl}/api/boards/${board.id}`, { headers })).status).toBe(200)
    expect(storedAudit(relay).filter((row) => row.board === board.id)).toEqual([
      { action: 'board-created', board: board.id, actor: 'local' },
      { action: 'sign-in-required-changed', board: board.id, actor: 'admin' },
    ])
    expect((await admin(relay.dataDir, 'sign-in-required', board.id, 'on')).stderr).toContain('can only switch off')
    expect((await admin(relay.dataDir, 'sign-in-required', 'unbekanntesBoard00000A', 'off')).stderr).toContain('no board')
  })
})
