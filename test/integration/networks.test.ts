/**
 * A network of boards over a real relay (`server/http/networksApi.ts`), where real clients are on
 * its boards: Zettel counted in its view, sockets closed when it is deleted with its boards, packs
 * read after the operator or the board's facilitator changed the board's links. Its rules over
 * HTTP alone: `test/unit/http/networks.test.ts`, over the relay's app in the test's process.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { CreatedNetworkBoard, NetworkBoard, networkApiPath, networkBoardPath, newNetworkBoardPath } from '../../shared/networkApi.ts'
import { networkBoardHref, networkCredential } from '../../shared/networkCredential.ts'
import { createBoard, openRawSocket, relaySuite, until } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { hashToken, newToken } from '../../server/links/access.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { noteAt } from '../unit/templates/helpers.ts'
import { releaseBoard } from '../helpers/release.ts'

describe('networks', () => {
  const suite = relaySuite()
  const { api, json, bearer, createNetwork, addBoard, view, boardStatus, fourBoards } = networkCalls(() => suite.relay)

  it('lists its boards with phases, templates and how many Zettel each template holds', async () => {
    const { network, boards, phases } = await fourBoards()
    const seen = await view(network)
    expect(seen).toMatchObject({ id: network.id, name: network.name, targetGroup: 'Alleinerziehende im Landkreis' })
    expect(seen.boards.map((b) => [b.id, b.title, b.phase, b.internal])).toEqual(boards.map((b, i) => [b.id, b.title, phases[i], i === 1]))
    // Opened through the network: no board token in the view (networkLinks.test.ts).
    expect(seen.boards.map((b) => b.token)).toEqual(boards.map(() => null))
    expect(seen.boards[0]!.templates.map((t) => [t.template, t.notes])).toEqual([
      ['netzwerkkarte', 0],
      ['protokoll', 0],
    ])
    expect(seen.boards[3]!.templates).toEqual([])
    // Each template tells when its own content last changed (`templateDays.ts`); first seen, as its board's last change.
    const first = seen.boards[0]!
    const boardChange = first.changedAt ?? first.lastUsedAt ?? first.createdAt
    expect(first.templates.map((t) => t.editedAt)).toEqual([boardChange, boardChange])

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

  it("once the operator replaces a board's facilitator link, the network neither opens nor deletes the board; its pack reads it while the board is in the network", async () => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Netzwerktreffen', { template: 'protokoll', options: { topics: 1 } })
    expect((await addBoard(network, board, 'gruendung')).status).toBe(201)
    const writer = await suite.connect(board.id, board.access.facilitator)
    // An open item: the pack lists every one of them.
    const cell = recordsIn<TLShape>(writer.doc).find((s) => scaffoldMeta(s)?.kind === 'cell' && scaffoldMeta(s)!.key.endsWith(':aufgabe'))!
    const { w, h } = cell.props as { w: number; h: number }
    const secret = 'Nur für die neue Moderation'
    const note = noteAt(cell.x + w / 2, cell.y + h / 2, secret)
    putRecords(writer.doc, [note])
    // Released once the relay holds it: only released boards go into the pack.
    const reader = await suite.connect(board.id, board.access.facilitator)
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(note.id))
    await releaseBoard(suite.relay, board, '2026-11-24', reader)
    const pack = async () => (await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(network.token))).text()
    await expect.poll(pack).toContain(secret)
    // The operator gives the board new links (`npm run board-links`, a link that leaked): the one the network kept opens nothing.
    const token = newToken()
    const storage = new SqliteStorage(suite.relay.dataDir)
    await storage.replaceTokenHash(board.id, 'facilitator', hashToken(token))
    await storage.close()
    expect((await api(`/api/boards/${board.id}`, bearer(networkCredential(network.id, network.token)))).status).toBe(401)
    // The pack (which the pack link fetches without the network's link) follows the board's place in the network: the new link takes it out.
    expect(await pack()).toContain(secret)
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
    const note = noteAt(cell.x + w / 2, cell.y + h / 2, secret)
    putRecords(writer.doc, [note])
    // Released once the relay holds it: only released boards go into the pack.
    const reader = await suite.connect(board.id, board.access.facilitator)
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(note.id))
    await releaseBoard(suite.relay, board, '2026-11-24', reader)
    const pack = async () => (await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(network.token))).text()
    await expect.poll(pack).toContain(secret)
    // Its facilitator makes every link of it need the organisation's sign-in (PUT /api/boards/:id/sign-in).
    const storage = new SqliteStorage(suite.relay.dataDir)
    await storage.setSignInRequired(board.id, true)
    await storage.close()
    expect((await api(`/api/boards/${board.id}`, bearer(board.access.facilitator))).status).toBe(401)
    expect(await pack()).not.toContain(secret)
    expect((await view(network)).boards[0]).toMatchObject({ id: board.id, token: null, link: networkBoardHref(board.id, network.id) })
    // Its link opens it only with the sign-in, as the board's own facilitator link does.
    expect((await api(`/api/boards/${board.id}`, bearer(networkCredential(network.id, network.token)))).status).toBe(401)
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

  it('makes a meeting’s board from the Fahrplan with the meeting’s day: its record names that day without „Kopf übernehmen“', async () => {
    const network = await createNetwork('Netzwerk Görlitz')
    const made = async (body: unknown) => api(newNetworkBoardPath(network.id), json('POST', body, network.token))
    const response = await made({ title: 'Steuerungsgruppe März', templates: ['steuerungsgruppe', 'netzwerkkarte'], phase: 'verstetigung', date: '2027-03-10' })
    expect(response.status).toBe(201)
    const { board } = CreatedNetworkBoard.parse(await response.json())
    const record = await (await api(`/api/boards/${board.id}/report?format=md&locale=de&day=2027-03-11`, bearer(board.access.facilitator))).text()
    expect(record).toMatch(/Datum:?\**:? 10\.03\.2027/)
    // Not a day: refused, and nothing made.
    expect((await made({ title: 'Irgendwann', templates: ['protokoll'], phase: 'verstetigung', date: 'nächsten Dienstag' })).status).toBe(400)
  })
})
