/**
 * A network of boards over a real relay (`server/http/networksApi.ts`): its coordinator link opens
 * it and each of its boards; no board link opens it; deleting it keeps or deletes its boards as
 * the coordinator says.
 */
import type { TLShape } from '@tldraw/tlschema'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import type { CreatedBoard } from '../../shared/api.ts'
import { networkReadsPerMinute } from '../../server/http/networksApi.ts'
import { CreatedNetwork, maxNetworkBoards, NetworkBoard, NetworkView, networkApiPath, networkBoardPath, networkBoardsPath } from '../../shared/networkApi.ts'
import { apiFetch, createBoard, openRawSocket, relaySuite, until } from '../helpers/clients.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { removeDataDir, startRelay, storedAudit, type RelayProcess } from '../helpers/relay.ts'
import { visitor } from '../helpers/signedInVisitor.ts'
import { hashPassword } from '../../server/auth/creatorPassword.ts'
import { networkActor } from '../../server/audit.ts'
import { hashToken, newToken } from '../../server/access.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { noteAt } from '../unit/templates/helpers.ts'

describe('networks', () => {
  const suite = relaySuite({ MAX_BOARDS_PER_MINUTE: '200' })
  const api = (path: string, init?: RequestInit) => apiFetch(suite.relay, path, init)
  const json = (method: string, body: unknown, token?: string): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

  const createNetwork = async (name = 'Netzwerk Alleinerziehende') => {
    const response = await api('/api/networks', json('POST', { name, targetGroup: 'Alleinerziehende im Landkreis' }))
    expect(response.status).toBe(201)
    return CreatedNetwork.parse(await response.json())
  }
  const addBoard = (network: CreatedNetwork, board: CreatedBoard, phase: string, internal = false, token = board.access.facilitator) =>
    api(networkBoardsPath(network.id), json('POST', { boardId: board.id, token, phase, internal }, network.token))
  const view = async (network: CreatedNetwork) => {
    const response = await api(networkApiPath(network.id), bearer(network.token))
    expect(response.status).toBe(200)
    return NetworkView.parse(await response.json())
  }
  /** The board answers its facilitator link (200) or is gone (404). */
  const boardStatus = async (board: CreatedBoard) => (await api(`/api/boards/${board.id}`)).status

  /** A network with four boards, one of them internal. */
  const fourBoards = async () => {
    const network = await createNetwork()
    const boards = [
      await createBoard(suite.relay, 'Auftaktworkshop', { templates: [{ template: 'netzwerkkarte' }, { template: 'protokoll' }] }),
      await createBoard(suite.relay, 'Beteiligtenanalyse', { template: 'beteiligtenanalyse' }),
      await createBoard(suite.relay, 'Zielworkshop', { template: 'zielsystem' }),
      await createBoard(suite.relay, 'Leeres Board'),
    ]
    const phases = ['gruendung', 'vorStart', 'zieleArchitektur', 'verstetigung']
    for (const [i, board] of boards.entries()) {
      const response = await addBoard(network, board, phases[i]!, i === 1)
      expect(response.status).toBe(201)
      expect(NetworkBoard.parse(await response.json())).toMatchObject({ id: board.id, phase: phases[i], internal: i === 1, link: board.links.facilitator })
    }
    return { network, boards, phases }
  }

  it('lists its boards with phases, templates and how many Zettel each template holds', async () => {
    const { network, boards, phases } = await fourBoards()
    const seen = await view(network)
    expect(seen).toMatchObject({ id: network.id, name: network.name, targetGroup: 'Alleinerziehende im Landkreis' })
    expect(seen.boards.map((b) => [b.id, b.title, b.phase, b.internal])).toEqual(boards.map((b, i) => [b.id, b.title, phases[i], i === 1]))
    expect(seen.boards.map((b) => b.token)).toEqual(boards.map((b) => b.access.facilitator))
    expect(seen.boards[0]!.templates.map((t) => [t.template, t.notes])).toEqual([
      ['netzwerkkarte', 0],
      ['protokoll', 0],
    ])
    expect(seen.boards[3]!.templates).toEqual([])

    // A Zettel written into a cell of the Zielbaum with a real client: the count follows.
    const writer = await suite.connect(boards[2]!.id)
    const cell = recordsIn<TLShape>(writer.doc).find((s) => scaffoldMeta(s)?.cell)!
    const { w, h } = cell.props as { w: number; h: number }
    const note = noteAt(cell.x + w / 2, cell.y + h / 2, 'Alle Kinder haben einen Kitaplatz')
    putRecords(writer.doc, [note])
    const reader = await suite.connect(boards[2]!.id)
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(note.id))
    expect((await view(network)).boards[2]!.templates).toEqual([expect.objectContaining({ template: 'zielsystem', notes: 1 })])

    const phase = await api(networkBoardPath(network.id, boards[3]!.id), json('PATCH', { phase: 'dienstleistungskette', internal: true }, network.token))
    expect(phase.status).toBe(200)
    expect(NetworkBoard.parse(await phase.json())).toMatchObject({ phase: 'dienstleistungskette', internal: true })
    expect((await view(network)).boards[3]).toMatchObject({ phase: 'dienstleistungskette', internal: true })
  })

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
    expect((await addBoard(network, board, 'gruendung', false, board.access.participant)).status).toBe(403)
    expect((await addBoard(network, board, 'gruendung', false, board.access.observer)).status).toBe(403)
    expect((await addBoard(network, board, 'gruendung', false, 'y'.repeat(32))).status).toBe(403)
    expect((await view(network)).boards).toEqual([])
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    expect((await addBoard(network, board, 'gruendung')).status).toBe(409)
    const other = await createNetwork('Anderes Netzwerk')
    const taken = await addBoard(other, board, 'gruendung')
    expect(taken.status).toBe(409)
    expect(await taken.json()).toEqual({ error: expect.any(String) })
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

  it(`holds at most ${maxNetworkBoards} boards`, async () => {
    const network = await createNetwork()
    for (let i = 0; i < maxNetworkBoards; i++) expect((await addBoard(network, await createBoard(suite.relay, `Board ${i}`), 'vorStart')).status).toBe(201)
    const onTooMany = await addBoard(network, await createBoard(suite.relay, 'Eins zu viel'), 'vorStart')
    expect(onTooMany.status).toBe(409)
    expect(await onTooMany.json()).toEqual({ error: expect.any(String) })
    expect((await view(network)).boards).toHaveLength(maxNetworkBoards)
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

  it('deleted with its boards: they answer 404 and their sockets close with 4404', async () => {
    const { network, boards } = await fourBoards()
    const kept = await createBoard(suite.relay, 'Nicht im Netzwerk')
    const sockets = await Promise.all(boards.map((b) => openRawSocket(suite.relay, b.id)))
    await Promise.all(sockets.map((s) => s.inRoom))
    expect((await api(`${networkApiPath(network.id)}?boards=delete`, { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    for (const socket of sockets) expect((await socket.closed).code).toBe(4404)
    for (const board of boards) expect(await boardStatus(board)).toBe(404)
    expect(await boardStatus(kept)).toBe(200)
    expect((await api(networkApiPath(network.id), bearer(network.token))).status).toBe(404)
  })

  it("once the operator replaces a board's facilitator link, the network neither reads the board into its pack nor deletes it", async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Netzwerktreffen', { template: 'protokoll', options: { topics: 1 } })
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    const writer = await suite.connect(board.id, board.access.facilitator)
    // An open item: the pack lists every one of them.
    const cell = recordsIn<TLShape>(writer.doc).find((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)!.key.endsWith(':aufgabe'))!
    const { w, h } = cell.props as { w: number; h: number }
    const secret = 'Nur für die neue Moderation'
    putRecords(writer.doc, [noteAt(cell.x + w / 2, cell.y + h / 2, secret)])
    const pack = async () => (await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(network.token))).text()
    await expect.poll(pack).toContain(secret)
    // The operator gives the board new links (`npm run board-links`, a link that leaked): the one the network holds opens nothing.
    const token = newToken()
    const storage = new SqliteStorage(suite.relay.dataDir)
    await storage.replaceTokenHash(board.id, 'facilitator', hashToken(token))
    await storage.close()
    expect((await view(network)).boards[0]!.token).toBeNull()
    expect(await pack()).not.toContain(secret)
    expect((await api(`${networkApiPath(network.id)}?boards=delete`, { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    expect((await api(`/api/boards/${board.id}`, bearer(token))).status).toBe(200)
  })

  it('a board that requires sign-in is neither read into the pack nor deleted nor opened through the network without one', async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Netzwerktreffen', { template: 'protokoll', options: { topics: 1 } })
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    const writer = await suite.connect(board.id, board.access.facilitator)
    const cell = recordsIn<TLShape>(writer.doc).find((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)!.key.endsWith(':aufgabe'))!
    const { w, h } = cell.props as { w: number; h: number }
    const secret = 'Nur für Angemeldete'
    putRecords(writer.doc, [noteAt(cell.x + w / 2, cell.y + h / 2, secret)])
    const pack = async () => (await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(network.token))).text()
    await expect.poll(pack).toContain(secret)
    // Its facilitator makes every link of it need the organisation's sign-in (PUT /api/boards/:id/sign-in).
    const storage = new SqliteStorage(suite.relay.dataDir)
    await storage.setSignInRequired(board.id, true)
    await storage.close()
    expect((await api(`/api/boards/${board.id}`, bearer(board.access.facilitator))).status).toBe(401)
    expect(await pack()).not.toContain(secret)
    expect((await view(network)).boards[0]).toMatchObject({ id: board.id, token: null, link: null })
    expect((await api(`${networkApiPath(network.id)}?boards=delete`, { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    const kept = new SqliteStorage(suite.relay.dataDir)
    expect(await kept.getBoard(board.id)).toBeDefined()
    await kept.close()
  })

  it('creates a board with several templates side by side, left to right, as the Fahrplan does for a phase', async () => {
    const templates = [{ template: 'netzwerkkarte' }, { template: 'beteiligtenanalyse', options: { partners: ['Jobcenter', 'Kita'] } }, { template: 'protokoll' }]
    const board = await createBoard(suite.relay, 'Vor dem Start', { templates })
    const client = await suite.connect(board.id)
    const titles = recordsIn<TLShape>(client.doc).filter((s) => scaffoldMeta(s)?.kind === 'title')
    const boxes = templates.map(({ template }) => {
      const shapes = recordsIn<TLShape>(client.doc).filter((s) => scaffoldMeta(s)?.template === template)
      const left = Math.min(...shapes.map((s) => s.x))
      const right = Math.max(...shapes.map((s) => s.x + ((s.props as { w?: number }).w ?? 0)))
      return { left, right, page: new Set(shapes.map((s) => s.parentId)) }
    })
    expect(titles).toHaveLength(3)
    expect(new Set(titles.map((t) => scaffoldMeta(t)?.instance)).size).toBe(3)
    for (const [i, box] of boxes.entries()) {
      expect([...box.page]).toEqual(['page:page'])
      if (i > 0) expect(box.left).toBeGreaterThan(boxes[i - 1]!.right)
    }
    // The export (and a network's view) reads them in that order, each with its own options.
    const exported = (await (await api(`/api/boards/${board.id}/export?format=json`)).json()) as { templates: Array<{ template: string }> }
    expect(exported.templates.map((t) => t.template)).toEqual(['netzwerkkarte', 'beteiligtenanalyse', 'protokoll'])

    const refused = async (body: unknown) => {
      const response = await api('/api/boards', json('POST', body))
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ error: expect.any(String) })
    }
    await refused({ title: 'Beides', template: 'protokoll', templates: [{ template: 'protokoll' }] })
    await refused({ title: 'Keine', templates: [] })
    await refused({ title: 'Zu viele', templates: Array.from({ length: 7 }, () => ({ template: 'protokoll' })) })
    await refused({ title: 'Unbekannt', templates: [{ template: 'kanban' }] })
    await refused({ title: 'Falsche Optionen', templates: [{ template: 'protokoll' }, { template: 'beteiligtenanalyse', options: { partners: 'Jobcenter' } }] })
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
  let relay: RelayProcess
  beforeAll(async () => {
    relay = await startRelay({ env: { TRUST_PROXY: '127.0.0.1', CREATOR_PASSWORD_HASH: await hashPassword(password), MAX_BOARDS_PER_MINUTE: '2' } })
  })
  afterAll(async () => {
    await relay.kill()
    removeDataDir(relay.dataDir)
  })
  const create = (from: ReturnType<typeof visitor>) =>
    from.request('/api/networks', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Netzwerk' }) })

  it('whoever may create boards, within the same budget per address', async () => {
    const stranger = visitor(relay.httpUrl, '198.51.100.30')
    const refused = await create(stranger)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: expect.any(String) })

    const creator = visitor(relay.httpUrl, '198.51.100.31')
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
    const creator = visitor(relay.httpUrl, '198.51.100.32')
    expect((await creator.signIn(password)).status).toBe(204)
    const network = CreatedNetwork.parse(await (await create(creator)).json())
    const read = (from: ReturnType<typeof visitor>, path: string) => from.request(path, { headers: { authorization: `Bearer ${network.token}` } })
    const reader = visitor(relay.httpUrl, '198.51.100.33')
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
    expect((await read(visitor(relay.httpUrl, '198.51.100.34'), networkApiPath(network.id))).status).toBe(200)
  })
})
