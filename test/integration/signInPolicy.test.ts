/**
 * Sign-in as the server's rule (SIGN_IN_POLICY, SIGN_IN_FOR): new boards start at it, boards
 * made before it are held to it from the restart on, the facilitator's switch and the operator's
 * `sign-in-required off` do not go below it, and `required` without the organisation's sign-in
 * does not start. Against relays of the file's own in the test's process, a provider
 * (`oidcIssuer.ts`) and real websockets.
 */
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boardSignInPath, BoardSignIn, BoardWithRole, SignInRefusal } from '../../shared/api.ts'
import { createBoard, openRawSocket } from '../helpers/clients.ts'
import { creatorSignInEnv, groupSettings, startTestIssuer, type TestIssuer, type TestUser } from '../helpers/oidcIssuer.ts'
import { makeDataDir, removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { visitor, type Visitor } from '../helpers/signedInVisitor.ts'
import { runAdmin } from '../helpers/admin.ts'

const publicUrl = 'http://netzwerkstatt.test'
const steering: TestUser = { subject: 'steuerung@example.org', name: 'Sabine Steuer', groups: ['/jobcenter/steuerung'] }
const member: TestUser = { subject: 'mitglied@example.org', name: 'Mira Mitglied', groups: ['/netzwerk/mitglieder'] }

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
const upgradeStatus = (relay: Relay, boardId: string, token: string) =>
  openRawSocket(relay, boardId, token).then(
    ({ socket }) => {
      socket.close()
      return 101
    },
    (error: Error) => Number(/upgrade refused: (\d+)/.exec(error.message)?.[1]),
  )

describe('sign-in as the server’s rule', () => {
  let issuer: TestIssuer
  let env: Record<string, string>
  const relays: Relay[] = []
  beforeAll(async () => {
    issuer = await startTestIssuer()
    env = { ...(await creatorSignInEnv(issuer, 'Netzwerk-Gründung 2026', publicUrl)), ...groupSettings }
  })
  afterAll(async () => {
    for (const relay of relays) {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
    await issuer?.close()
  })
  const start = async (extra: Record<string, string>, dataDir?: string) => {
    const relay = await startRelay({ dataDir, env: { ...env, ...extra } })
    relays.push(relay)
    return relay
  }
  let n = 0
  const signedIn = async (relay: Relay, user: TestUser): Promise<Visitor> => {
    issuer.signInAs(user)
    const person = visitor(relay.httpUrl, `198.51.100.${10 + n++}`)
    expect((await person.throughProvider()).status).toBe(302)
    return person
  }
  const boardAs = (relay: Relay, boardId: string, token: string, person?: Visitor) =>
    person ? person.request(`/api/boards/${boardId}`, { headers: bearer(token) }) : fetch(`${relay.httpUrl}/api/boards/${boardId}`, { headers: bearer(token) })

  it('closes a new board to its links alone, and no facilitator switches it off', async () => {
    const relay = await start({ SIGN_IN_POLICY: 'required' })
    const board = await createBoard(relay, 'Steuerungsgruppe')
    const { facilitator, participant, observer } = board.access

    for (const token of [facilitator, participant, observer]) {
      const refused = await boardAs(relay, board.id, token)
      expect(refused.status).toBe(401)
      expect(SignInRefusal.parse(await refused.json()).signIn).toBe('required')
      expect(await upgradeStatus(relay, board.id, token)).toBe(401)
    }
    const mira = await signedIn(relay, member)
    const opened = await boardAs(relay, board.id, participant, mira)
    expect(opened.status).toBe(200)
    expect(BoardWithRole.parse(await opened.json()).signInRequired).toBe(true)

    const sabine = await signedIn(relay, steering)
    const shown = BoardSignIn.parse(await (await sabine.request(boardSignInPath(board.id), { headers: bearer(facilitator) })).json())
    expect(shown).toMatchObject({ required: true, policyFloor: ['facilitator', 'participant', 'observer'] })
    const lowered = await sabine.request(boardSignInPath(board.id), {
      method: 'PUT',
      headers: { ...bearer(facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ required: false }),
    })
    expect(lowered.status).toBe(409)
    expect((await lowered.json()).error).toMatch(/SIGN_IN_POLICY=required/)
    expect((await boardAs(relay, board.id, participant)).status).toBe(401)

    // The operator's way out is refused too, and says why.
    const opening = await runAdmin({ ...env, DATA_DIR: relay.dataDir, SIGN_IN_POLICY: 'required' }, 'sign-in-required', board.id, 'off')
    expect(opening.code).not.toBe(0)
    expect(opening.stderr).toMatch(/SIGN_IN_POLICY=required asks a sign-in of every link/)
    expect((await boardAs(relay, board.id, participant)).status).toBe(401)
  })

  it('holds a board made before the rule to it from the restart on, for the links the rule names', async () => {
    const dataDir = makeDataDir()
    const before = await startRelay({ dataDir, env })
    const board = await createBoard(before, 'Fallkonferenz')
    const { facilitator, participant, observer } = board.access
    expect((await boardAs(before, board.id, participant)).status).toBe(200)
    await before.kill()

    const relay = await start({ SIGN_IN_POLICY: 'required', SIGN_IN_FOR: 'facilitator,participant' }, dataDir)
    expect((await boardAs(relay, board.id, facilitator)).status).toBe(401)
    expect((await boardAs(relay, board.id, participant)).status).toBe(401)
    expect(await upgradeStatus(relay, board.id, participant)).toBe(401)
    // Partners without an account in the organisation still watch by link.
    expect((await boardAs(relay, board.id, observer)).status).toBe(200)
    expect(await upgradeStatus(relay, board.id, observer)).toBe(101)

    // The facilitator's switch may still go off (the board's own), the rule stays and is shown.
    const sabine = await signedIn(relay, steering)
    const lowered = await sabine.request(boardSignInPath(board.id), {
      method: 'PUT',
      headers: { ...bearer(facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ required: false }),
    })
    expect(lowered.status).toBe(200)
    expect(BoardSignIn.parse(await lowered.json())).toMatchObject({ required: false, policyFloor: ['facilitator', 'participant'] })
    expect((await boardAs(relay, board.id, participant)).status).toBe(401)

    const opening = await runAdmin({ ...env, DATA_DIR: relay.dataDir, SIGN_IN_POLICY: 'required', SIGN_IN_FOR: 'facilitator,participant' }, 'sign-in-required', board.id, 'off')
    expect(opening).toMatchObject({ code: 0, stderr: "" })
    expect(opening.stdout).toMatch(/still asks a sign-in of these links on every board: facilitator, participant/)
  })

  it('starts new boards with sign-in under `optional`, which their facilitator may switch off', async () => {
    const relay = await start({ SIGN_IN_POLICY: 'optional' })
    const board = await createBoard(relay, 'Netzwerktreffen')
    expect((await boardAs(relay, board.id, board.access.participant)).status).toBe(401)
    const sabine = await signedIn(relay, steering)
    const lowered = await sabine.request(boardSignInPath(board.id), {
      method: 'PUT',
      headers: { ...bearer(board.access.facilitator), 'content-type': 'application/json' },
      body: JSON.stringify({ required: false }),
    })
    expect(lowered.status).toBe(200)
    expect((await boardAs(relay, board.id, board.access.participant)).status).toBe(200)
  })

  it('shows a network’s link, without the sign-in, its boards but nothing read from them', async () => {
    const relay = await start({ SIGN_IN_POLICY: 'required' })
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${relay.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) }, body: JSON.stringify(body) })
    const network = (await (await post('/api/networks', { name: 'Netzwerk Süd', targetGroup: 'Alleinerziehende' })).json()) as { id: string; token: string }
    const made = await post(`/api/networks/${network.id}/boards/new`, { title: 'Zielsystem', templates: ['zielsystem'], locale: 'de', phase: 'vorStart', internal: false }, network.token)
    expect(made.status).toBe(201)
    const view = async (person?: Visitor) => {
      const init = { headers: bearer(network.token) }
      const response = person ? await person.request(`/api/networks/${network.id}`, init) : await fetch(`${relay.httpUrl}/api/networks/${network.id}`, init)
      expect(response.status).toBe(200)
      return ((await response.json()) as { boards: Array<{ title: string; templates: Array<{ title: string }> }> }).boards
    }
    // The Fahrplan lists the board, but what it holds (its tables' titles, counts, open items) stays behind the sign-in.
    expect(await view()).toMatchObject([{ title: 'Zielsystem', templates: [] }])
    const sabine = await signedIn(relay, steering)
    expect((await view(sabine))[0]!.templates.length).toBeGreaterThan(0)
  })

  it('starts a board the operator imports at the rule too, like every new board', async () => {
    // Made on a server without the rule (the board's own switch off), moved to one with `optional`.
    const source = await start({})
    const board = await createBoard(source, 'Umzug')
    const archive = join(makeDataDir(), 'umzug.nwboard')
    const exported = await runAdmin({ ...env, DATA_DIR: source.dataDir }, 'export-board', board.id, archive)
    expect(exported.code, exported.stderr).toBe(0)
    const dataDir = makeDataDir()
    try {
      const imported = await runAdmin({ ...env, DATA_DIR: dataDir, SIGN_IN_POLICY: 'optional' }, 'import-board', archive)
      expect(imported.code, imported.stderr).toBe(0)
      const facilitator = new RegExp(`^facilitator: .*/b/${board.id}#([A-Za-z0-9_-]{32})$`, 'm').exec(imported.stdout)![1]!
      const relay = await start({ SIGN_IN_POLICY: 'optional' }, dataDir)
      expect((await boardAs(relay, board.id, facilitator)).status).toBe(401)
    } finally {
      removeDataDir(dirname(archive))
    }
  })

  it('does not start as `required` without the organisation’s sign-in, and says what is missing', async () => {
    const dataDir = makeDataDir()
    try {
      await expect(startRelay({ dataDir, env: { SIGN_IN_POLICY: 'required' } })).rejects.toThrow(/SIGN_IN_POLICY=required needs the organisation's sign-in: set OIDC_ISSUER/)
    } finally {
      removeDataDir(dataDir)
    }
  })
})
