/**
 * A network of boards (`server/http/networksApi.ts`) over the relay's app in this process: its
 * coordinator link opens it and each of its boards; no board link opens it; deleting it keeps or
 * deletes its boards as the coordinator says. What needs real clients on its boards (Zettel
 * counted, sockets closed, packs read) is in `test/integration/networks.test.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { networkReadsPerMinute } from '../../../server/http/networksApi.ts'
import { CreatedNetwork, NetworkReleaseAnswer, networkApiPath, networkBoardPath, networkBoardsPath, networkReleasePath } from '../../../shared/networkApi.ts'
import { networkActor } from '../../../server/audit/auditTrail.ts'
import { createBoard } from '../../helpers/clients.ts'
import { inProcessRelay, inProcessRelaySuite, type InProcessRelay } from '../../helpers/inProcessRelay.ts'
import { networkCalls } from '../../helpers/networkCalls.ts'
import { storedAudit } from '../../helpers/relay.ts'
import { visitor } from '../../helpers/signedInVisitor.ts'
import { quickPasswordHash } from '../../helpers/creatorCookie.ts'

describe('networks', () => {
  const suite = inProcessRelaySuite({ MAX_BOARDS_PER_MINUTE: '200' })
  const { api, json, bearer, createNetwork, addBoard, view, boardStatus, fourBoards } = networkCalls(() => suite.relay)

  it('opens only with its own link: no board link, no wrong token reveals it or its boards', async () => {
    const { network, boards } = await fourBoards()
    const board = boards[0]!
    for (const token of [board.access.participant, board.access.observer, board.access.facilitator, 'x'.repeat(32)]) {
      const response = await api(networkApiPath(network.id), bearer(token))
      expect(response.status).toBe(401)
      const text = await response.text()
      for (const b of boards) {
        expect(text).not.toContain(b.id)
        expect(text).not.toContain(b.access.facilitator)
      }
      expect((await api(networkBoardsPath(network.id), json('POST', { boardId: board.id, token: board.access.facilitator, phase: 'vorStart' }, token))).status).toBe(401)
      expect((await api(networkBoardPath(network.id, board.id), json('PATCH', { phase: 'vorStart' }, token))).status).toBe(401)
      expect((await api(networkBoardPath(network.id, board.id), { method: 'DELETE', ...bearer(token) })).status).toBe(401)
      expect((await api(`${networkApiPath(network.id)}?boards=delete`, { method: 'DELETE', ...bearer(token) })).status).toBe(401)
    }
    expect((await api(networkApiPath(network.id))).status).toBe(401)
    // Another network's link is a wrong token too.
    const other = await createNetwork('Anderes Netzwerk')
    expect((await api(networkApiPath(network.id), bearer(other.token))).status).toBe(401)
    expect((await api(networkApiPath('q'.repeat(22)), bearer(network.token))).status).toBe(404)
    expect(await boardStatus(board)).toBe(200)
  })

  it('takes a board only with its facilitator link, and only into one network', async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Gründungsworkshop')
    const participant = await addBoard(network, board, 'gruendung', false, board.access.participant)
    expect(participant.status).toBe(403)
    expect(await participant.json()).toMatchObject({ code: 'facilitator-link-needed' })
    expect((await addBoard(network, board, 'gruendung', false, board.access.observer)).status).toBe(403)
    expect((await addBoard(network, board, 'gruendung', false, 'y'.repeat(32))).status).toBe(403)
    expect((await view(network)).boards).toEqual([])
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    expect((await addBoard(network, board, 'gruendung')).status).toBe(409)
    const other = await createNetwork('Anderes Netzwerk')
    const taken = await addBoard(other, board, 'gruendung')
    expect(taken.status).toBe(409)
    // With the reason as a word the page says in its language.
    expect(await taken.json()).toEqual({ error: expect.any(String), code: 'board-in-another-network' })
  })

  it("lets the board's facilitator link take it out of a network someone else locked it into first", async () => {
    const board = await createBoard(suite.relay, 'Fallkonferenz')
    // Someone else with the facilitator link puts the board into a network of their own first.
    const squatter = await createNetwork('Fremdes Netzwerk')
    expect((await addBoard(squatter, board, 'gruendung')).status).toBe(201)
    const network = await createNetwork()
    expect((await addBoard(network, board, 'gruendung')).status).toBe(409)
    // Only the board's facilitator link takes it out; the network's place is gone, the board stays.
    const leave = (token?: string) => api(`/api/boards/${board.id}/network`, { method: 'DELETE', ...(token ? bearer(token) : {}) })
    expect((await leave(board.access.participant)).status).toBe(403)
    expect((await leave(squatter.token)).status).toBe(401)
    expect((await leave(board.access.facilitator)).status).toBe(204)
    expect((await view(squatter)).boards).toEqual([])
    expect((await leave(board.access.facilitator)).status).toBe(404)
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    expect(await boardStatus(board)).toBe(200)
  })

  it('lets a board leave the network and stay openable', async () => {
    const { network, boards } = await fourBoards()
    const leaving = boards[1]!
    expect((await api(networkBoardPath(network.id, leaving.id), { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    expect((await view(network)).boards.map((b) => b.id)).toEqual([boards[0]!.id, boards[2]!.id, boards[3]!.id])
    expect(await boardStatus(leaving)).toBe(200)
    expect((await api(networkBoardPath(network.id, leaving.id), { method: 'DELETE', ...bearer(network.token) })).status).toBe(404)
    // Free again: another network may take it.
    expect((await addBoard(await createNetwork('Neues Netzwerk'), leaving, 'vorStart')).status).toBe(201)
    // A board its facilitator deletes leaves the network with everything else of it.
    expect((await api(`/api/boards/${boards[3]!.id}`, { method: 'DELETE' })).status).toBe(204)
    expect((await view(network)).boards.map((b) => b.id)).toEqual([boards[0]!.id, boards[2]!.id])
  })

  it('is deleted only with an explicit decision about its boards; keep leaves them openable', async () => {
    const { network, boards } = await fourBoards()
    for (const query of ['', '?boards=', '?boards=maybe']) {
      const response = await api(`${networkApiPath(network.id)}${query}`, { method: 'DELETE', ...bearer(network.token) })
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: expect.any(String) })
    }
    expect((await api(`${networkApiPath(network.id)}?boards=keep`, { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    expect((await api(networkApiPath(network.id), bearer(network.token))).status).toBe(404)
    for (const board of boards) expect(await boardStatus(board)).toBe(200)
    const audit = storedAudit(suite.relay).filter((row) => row.actor === networkActor(network.id))
    expect(audit.map((row) => [row.action, row.board])).toEqual([
      ['network-created', null],
      ['network-deleted', null],
    ])
    // Neither the audit trail nor the log holds a token or the network's name.
    const traces = [network.token, network.name, network.targetGroup, ...boards.map((b) => b.access.facilitator)]
    for (const trace of traces) {
      expect(JSON.stringify(storedAudit(suite.relay))).not.toContain(trace)
      expect(suite.relay.logs.join('\n')).not.toContain(trace)
    }
  })

  it('once deleted, no file under DATA_DIR holds its name', async () => {
    const name = 'Netzwerk Quendelberg-Ost'
    const network = await createNetwork(name)
    const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile())
    const holding = () => files(suite.relay.dataDir).filter((f) => readFileSync(f).includes(name))
    expect(holding()).not.toEqual([])
    expect((await api(`${networkApiPath(network.id)}?boards=keep`, { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    expect(holding()).toEqual([])
  })

  it('refuses malformed bodies (400) and other content types (415)', async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Board')
    const refused = async (path: string, init: RequestInit, status: number) => {
      const response = await api(path, init)
      expect(response.status).toBe(status)
      expect(await response.json()).toEqual({ error: expect.any(String) })
    }
    for (const body of [{}, { name: '' }, { name: 'x'.repeat(500) }, { name: 'N', targetGroup: 'x'.repeat(500) }, []]) await refused('/api/networks', json('POST', body), 400)
    await refused('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' }, 400)
    await refused('/api/networks', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"name":"N"}' }, 415)
    await refused('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x'.repeat(64 * 1024) }) }, 413)
    for (const body of [{}, { boardId: board.id }, { boardId: board.id, token: board.access.facilitator, phase: 'spaeter' }, { boardId: 'nope', token: board.access.facilitator, phase: 'vorStart' }]) {
      await refused(networkBoardsPath(network.id), json('POST', body, network.token), 400)
    }
    await refused(networkBoardsPath(network.id), { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${network.token}` }, body: '{}' }, 415)
    expect((await addBoard(network, board, 'vorStart')).status).toBe(201)
    await refused(networkBoardPath(network.id, board.id), json('PATCH', { phase: 'spaeter' }, network.token), 400)
    await refused(networkBoardPath(network.id, board.id), json('PATCH', { internal: 'ja' }, network.token), 400)
    await refused(networkBoardPath(network.id, board.id), { method: 'PATCH', headers: { 'content-type': 'text/plain', authorization: `Bearer ${network.token}` }, body: '{}' }, 415)
  })
})

describe('who may create networks', () => {
  const password = 'Netzwerk-Gründung 2026'
  let relay: InProcessRelay
  beforeAll(async () => {
    relay = await inProcessRelay({ env: { TRUST_PROXY: '127.0.0.1', CREATOR_PASSWORD_HASH: await quickPasswordHash(password), MAX_BOARDS_PER_MINUTE: '2' } })
  })
  afterAll(() => relay.close())
  const create = (from: ReturnType<typeof visitor>) =>
    from.request('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Netzwerk' }) })

  it('whoever may create boards, within the same budget per address', async () => {
    const stranger = visitor(relay, '198.51.100.30')
    const refused = await create(stranger)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: expect.any(String) })

    const creator = visitor(relay, '198.51.100.31')
    expect((await creator.signIn(password)).status).toBe(204)
    expect((await create(creator)).status).toBe(201)
    expect((await create(creator)).status).toBe(201)
    const tooMany = await create(creator)
    expect(tooMany.status).toBe(429)
    expect(tooMany.headers.get('retry-after')).toMatch(/^\d+$/)
    // A post another site could make (no preflight) uses up nothing and is refused first.
    const plain = await creator.request('/api/networks', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"name":"N"}' })
    expect(plain.status).toBe(415)
  })

  it(`reads whole boards for a network's view and pack at most ${networkReadsPerMinute} times a minute per address`, async () => {
    const creator = visitor(relay, '198.51.100.32')
    expect((await creator.signIn(password)).status).toBe(204)
    const network = CreatedNetwork.parse(await (await create(creator)).json())
    const read = (from: ReturnType<typeof visitor>, path: string) => from.request(path, { headers: { authorization: `Bearer ${network.token}` } })
    const reader = visitor(relay, '198.51.100.33')
    for (let i = 0; i < networkReadsPerMinute; i++) {
      expect((await read(reader, i % 2 ? networkApiPath(network.id) : `${networkApiPath(network.id)}/pack?format=md`)).status).toBe(200)
    }
    for (const path of [networkApiPath(network.id), `${networkApiPath(network.id)}/pack?format=md`]) {
      const tooMany = await read(reader, path)
      expect(tooMany.status).toBe(429)
      expect(tooMany.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(await tooMany.json()).toEqual({ error: expect.any(String) })
    }
    // Another address is not held back by it.
    expect((await read(visitor(relay, '198.51.100.34'), networkApiPath(network.id))).status).toBe(200)
  })

  it('counts each board the Fahrplan releases at once as one of those reads: past them, the rest wait, said per board', async () => {
    const creator = visitor(relay, '198.51.100.35')
    expect((await creator.signIn(password)).status).toBe(204)
    const network = CreatedNetwork.parse(await (await create(creator)).json())
    const coordinator = visitor(relay, '198.51.100.36')
    for (let i = 0; i < networkReadsPerMinute - 2; i++) {
      expect((await coordinator.request(networkApiPath(network.id), { headers: { authorization: `Bearer ${network.token}` } })).status).toBe(200)
    }
    // Boards the network does not hold: each read all the same, to find that out.
    const boards = ['a', 'b', 'c', 'd'].map((c) => c.repeat(22))
    const response = await coordinator.request(networkReleasePath(network.id), {
      method: 'POST',
      headers: { authorization: `Bearer ${network.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ day: '2026-11-28', locale: 'de', boards }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('retry-after')).toBeNull()
    expect(NetworkReleaseAnswer.parse(await response.json()).boards.map((b) => b.outcome)).toEqual(['not-in-network', 'not-in-network', 'wait', 'wait'])
  })
})
