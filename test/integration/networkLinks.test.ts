/**
 * Links a coordinator governs (`shared/networkCredential.ts`), over a real relay with real
 * y-websocket clients: the facilitator link and the network link renewed (old refused at once,
 * its sockets closed, the others' left open), the network opening its boards with its own link
 * (no board token in its view), the pack link that downloads the pack and nothing else, a board
 * taken out of the network, and the audit rows that say which link was used, without a token.
 * On the run's shared relay: the audit rows read are this file's boards' and networks'.
 */
import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { RotatedLink, tokenQueryParam } from '../../shared/access.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { networkApiPath, networkBoardPath, networkBoardsPath } from '../../shared/networkApi.ts'
import { networkCredential, networkLinkRenewPath, packLinkApiPath, PackLinkView, RenewedNetworkLink } from '../../shared/networkCredential.ts'
import { networkActor, packActor } from '../../server/audit/auditTrail.ts'
import { createBoard, openRawSocket, relaySuite, until, untilStatus } from '../helpers/clients.ts'
import { networkCalls } from '../helpers/networkCalls.ts'
import { putRecords, recordsIn } from '../helpers/records.ts'
import { storedAudit } from '../helpers/relay.ts'
import { noteAt } from '../unit/templates/helpers.ts'
import WebSocket from 'ws'

describe('links a coordinator governs', () => {
  const suite = relaySuite()
  const { api, json, bearer, createNetwork, addBoard, view } = networkCalls(() => suite.relay)

  /** A network with one board (a Protokoll), and the credential that opens it through the network. */
  const networkWithBoard = async (internal = false) => {
    const network = await createNetwork()
    const board = await createBoard(suite.relay, 'Netzwerktreffen', { template: 'protokoll', options: { topics: 1 } })
    expect((await addBoard(network, board, 'gruendung', internal)).status).toBe(201)
    return { network, board, credential: networkCredential(network.id, network.token) }
  }
  const renew = async (boardId: string, role: string, token: string) => {
    const response = await api(`/api/boards/${boardId}/links/${role}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })
    expect(response.status).toBe(200)
    return RotatedLink.parse(await response.json())
  }
  const roleWith = async (boardId: string, token: string) => {
    const response = await api(`/api/boards/${boardId}`, bearer(token))
    return response.status === 200 ? ((await response.json()) as { role: string }).role : response.status
  }
  /** Whether the relay lets a socket in with this token (the upgrade is refused with 401 otherwise). */
  const upgrade = (boardId: string, token: string) =>
    new Promise<number>((resolve) => {
      const socket = new WebSocket(`${suite.relay.wsUrl}/${boardId}?${tokenQueryParam}=${encodeURIComponent(token)}`)
      socket.on('error', () => {})
      socket.once('open', () => (socket.close(), resolve(101)))
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    })
  /** Counts the client's disconnects from now on: a socket the relay closed reconnects, but is counted. */
  const disconnects = (client: { provider: { on(event: 'status', listener: (e: { status: string }) => void): void } }) => {
    const counted = { n: 0 }
    client.provider.on('status', ({ status }) => status === 'disconnected' && counted.n++)
    return counted
  }
  /** A Zettel written by `writer`, awaited on `reader`: both are live on the board. */
  const writeAndSee = async (writer: { doc: import('yjs').Doc }, reader: { doc: import('yjs').Doc }, text: string) => {
    const cell = recordsIn<TLShape>(writer.doc).find((s) => scaffoldMeta(s)?.kind === 'cell')!
    const note = noteAt(cell.x + 10, cell.y + 10, text)
    putRecords(writer.doc, [note])
    await until(reader.doc, () => reader.doc.getMap('tldraw').has(note.id))
  }

  it("renewing the facilitator link on the board refuses the old one at once and ends the network's hold, until the coordinator adds the board again with the new link", async () => {
    const { network, board, credential } = await networkWithBoard()
    const old = await openRawSocket(suite.relay, board.id, board.access.facilitator)
    const participant = await openRawSocket(suite.relay, board.id, board.access.participant)
    const throughNetwork = await openRawSocket(suite.relay, board.id, credential)
    await Promise.all([old.inRoom, participant.inRoom, throughNetwork.inRoom])

    const renewed = await renew(board.id, 'facilitator', board.access.facilitator)
    expect(renewed).toMatchObject({ role: 'facilitator', link: `/b/${board.id}#${renewed.token}` })
    expect((await old.closed).code).toBe(4401)
    expect(await roleWith(board.id, board.access.facilitator)).toBe(401)
    expect(await upgrade(board.id, board.access.facilitator)).toBe(401)
    expect(await roleWith(board.id, renewed.token)).toBe('facilitator')

    // The network kept the old link: a leaked one that put the board into someone's network is taken back with it.
    expect((await throughNetwork.closed).code).toBe(4401)
    expect(await roleWith(board.id, credential)).toBe(401)
    expect(await upgrade(board.id, credential)).toBe(401)
    // Nor does renewing through the network, or deleting the network with its boards, reach the board now.
    expect((await api(`/api/boards/${board.id}/links/facilitator`, { method: 'POST', ...bearer(credential) })).status).toBe(401)
    // The participant's link and socket are untouched; the new facilitator link still reads it.
    participant.socket.close()
    const kept = (await (await api(`/api/boards/${board.id}/links`, bearer(renewed.token))).json()) as { participant: { token: string } | null }
    expect(kept.participant?.token).toBe(board.access.participant)

    // The coordinator, given the new link, adds the board again: the network opens it, in its old place.
    const again = await addBoard(network, { ...board, access: { ...board.access, facilitator: renewed.token } }, 'dienstleistungskette')
    expect(again.status).toBe(200)
    expect(await roleWith(board.id, credential)).toBe('facilitator')
    expect((await view(network)).boards.map((b) => [b.id, b.phase])).toEqual([[board.id, 'gruendung']])
    expect((await addBoard(network, { ...board, access: { ...board.access, facilitator: renewed.token } }, 'gruendung')).status).toBe(409)
  })

  it("a network that lost its hold does not delete the board with itself", async () => {
    const { network, board } = await networkWithBoard()
    const renewed = await renew(board.id, 'facilitator', board.access.facilitator)
    expect((await api(`${networkApiPath(network.id)}?boards=delete`, { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    expect(await roleWith(board.id, renewed.token)).toBe('facilitator')
  })

  it('the network renews a facilitator link too, and keeps opening the board and reading its kept links', async () => {
    const { network, board, credential } = await networkWithBoard()
    const renewed = await renew(board.id, 'facilitator', credential)
    expect(await roleWith(board.id, board.access.facilitator)).toBe(401)
    const kept = (await (await api(`/api/boards/${board.id}/links`, bearer(credential))).json()) as { participant: { token: string } | null }
    expect(kept.participant?.token).toBe(board.access.participant)
    expect(await roleWith(board.id, renewed.token)).toBe('facilitator')
    const rows = storedAudit(suite.relay).filter((row) => row.board === board.id && row.action === 'facilitator-link-renewed')
    expect(rows.map((row) => row.actor)).toEqual([networkActor(network.id)])
  })

  it('the view never holds a board token; the network opens every board of it as facilitator, internal ones too', async () => {
    const { network, board, credential } = await networkWithBoard()
    const internal = await createBoard(suite.relay, 'Beteiligtenanalyse', { template: 'beteiligtenanalyse' })
    expect((await addBoard(network, internal, 'vorStart', true)).status).toBe(201)
    const seen = await view(network)
    const text = JSON.stringify(seen)
    for (const b of [board, internal]) for (const token of Object.values(b.access)) expect(text).not.toContain(token)
    expect(seen.boards.map((b) => [b.token, b.link])).toEqual([
      [null, `/b/${board.id}#n.${network.id}`],
      [null, `/b/${internal.id}#n.${network.id}`],
    ])
    expect(await roleWith(internal.id, credential)).toBe('facilitator')
    // Another network's link, or this one's on a board outside it, opens nothing.
    const other = await createNetwork('Anderes Netzwerk')
    expect(await roleWith(board.id, networkCredential(other.id, other.token))).toBe(401)
    const outside = await createBoard(suite.relay, 'Außerhalb')
    expect(await roleWith(outside.id, credential)).toBe(401)
    expect(await upgrade(outside.id, credential)).toBe(401)
  })

  it('renewing the network link refuses the old one at once and closes what it opened; the new one opens the boards', async () => {
    const { network, board, credential } = await networkWithBoard()
    const made = PackLinkView.parse(await (await api(packLinkApiPath(network.id), { method: 'POST', ...bearer(network.token) })).json())
    const opened = await openRawSocket(suite.relay, board.id, credential)
    const facilitator = await suite.connect(board.id, board.access.facilitator)
    await opened.inRoom
    await untilStatus(facilitator, 'connected')
    const facilitatorDrops = disconnects(facilitator)

    const response = await api(networkLinkRenewPath(network.id), { method: 'POST', ...bearer(network.token) })
    expect(response.status).toBe(200)
    const renewed = RenewedNetworkLink.parse(await response.json())
    expect(renewed.link).toBe(`/n/${network.id}#${renewed.token}`)
    expect((await opened.closed).code).toBe(4401)
    expect((await api(networkApiPath(network.id), bearer(network.token))).status).toBe(401)
    expect(await roleWith(board.id, credential)).toBe(401)
    expect(await upgrade(board.id, credential)).toBe(401)

    const fresh = networkCredential(network.id, renewed.token)
    expect(await roleWith(board.id, fresh)).toBe('facilitator')
    const throughNew = await suite.connect(board.id, fresh)
    // The board's own facilitator socket stayed open: it hears the network's new socket write.
    await writeAndSee(throughNew, facilitator, 'Mit dem neuen Netzwerklink')
    expect(facilitatorDrops.n).toBe(0)
    // The pack link the network keeps is readable under the new link, and still downloads.
    const pack = PackLinkView.parse(await (await api(packLinkApiPath(network.id), bearer(renewed.token))).json())
    expect(pack.token).toBe(made.token)
    expect((await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(made.token!))).status).toBe(200)
  })

  it('the pack link downloads the pack and nothing else, and once renewed the old one downloads nothing', async () => {
    const { network, board } = await networkWithBoard()
    expect(PackLinkView.parse(await (await api(packLinkApiPath(network.id), bearer(network.token))).json())).toEqual({ token: null, link: null })
    const made = PackLinkView.parse(await (await api(packLinkApiPath(network.id), { method: 'POST', ...bearer(network.token) })).json())
    const packToken = made.token!
    expect(made.link).toBe(`/n/${network.id}/pack#${packToken}`)
    const pack = await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(packToken))
    expect(pack.status).toBe(200)
    expect(await pack.text()).toContain('Netzwerk Alleinerziehende')

    const other = await createBoard(suite.relay, 'Noch ein Board')
    const refusals = [
      await api(networkApiPath(network.id), bearer(packToken)),
      await api(networkBoardsPath(network.id), json('POST', { boardId: other.id, token: other.access.facilitator, phase: 'gruendung' }, packToken)),
      await api(networkBoardPath(network.id, board.id), json('PATCH', { phase: 'verstetigung' }, packToken)),
      await api(networkBoardPath(network.id, board.id), { method: 'DELETE', ...bearer(packToken) }),
      await api(`${networkApiPath(network.id)}?boards=delete`, { method: 'DELETE', ...bearer(packToken) }),
      await api(networkLinkRenewPath(network.id), { method: 'POST', ...bearer(packToken) }),
      await api(packLinkApiPath(network.id), bearer(packToken)),
      await api(packLinkApiPath(network.id), { method: 'POST', ...bearer(packToken) }),
    ]
    for (const refused of refusals) {
      expect(refused.status).toBe(403)
      expect(await refused.json()).toEqual({ error: 'the pack link downloads the released pack and nothing else' })
    }
    // Nor is it a board link, alone or as a network credential.
    expect(await roleWith(board.id, packToken)).toBe(401)
    expect(await roleWith(board.id, networkCredential(network.id, packToken))).toBe(401)
    expect((await view(network)).boards.map((b) => b.phase)).toEqual(['gruendung'])

    const renewed = PackLinkView.parse(await (await api(packLinkApiPath(network.id), { method: 'POST', ...bearer(network.token) })).json())
    expect(renewed.token).not.toBe(packToken)
    expect((await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(packToken))).status).toBe(401)
    expect((await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(renewed.token!))).status).toBe(200)
  })

  it("a board taken out of the network, by the network or by the board's facilitator, no longer opens through it and its sockets close", async () => {
    const { network, board, credential } = await networkWithBoard()
    const opened = await openRawSocket(suite.relay, board.id, credential)
    const own = await suite.connect(board.id, board.access.facilitator)
    await opened.inRoom
    await untilStatus(own, 'connected')
    const ownDrops = disconnects(own)
    expect((await api(networkBoardPath(network.id, board.id), { method: 'DELETE', ...bearer(network.token) })).status).toBe(204)
    expect((await opened.closed).code).toBe(4401)
    expect(await roleWith(board.id, credential)).toBe(401)
    expect(await upgrade(board.id, credential)).toBe(401)

    const second = await networkWithBoard()
    const again = await openRawSocket(suite.relay, second.board.id, second.credential)
    await again.inRoom
    expect((await api(`/api/boards/${second.board.id}/network`, { method: 'DELETE', ...bearer(second.board.access.facilitator) })).status).toBe(204)
    expect((await again.closed).code).toBe(4401)
    expect(await roleWith(second.board.id, second.credential)).toBe(401)
    // The board's own link and its socket stay.
    const reader = await suite.connect(board.id, board.access.participant)
    await writeAndSee(own, reader, 'Nach dem Austritt')
    expect(ownDrops.n).toBe(0)
  })

  it('the audit trail says which link opened a board, downloaded the pack and renewed a link, and holds no token', async () => {
    const { network, board, credential } = await networkWithBoard()
    const opened = await openRawSocket(suite.relay, board.id, credential)
    await opened.inRoom
    // A reconnect within the hour is the same opening: one row, not one per socket.
    const again = await openRawSocket(suite.relay, board.id, credential)
    await again.inRoom
    const pack = PackLinkView.parse(await (await api(packLinkApiPath(network.id), { method: 'POST', ...bearer(network.token) })).json())
    expect((await api(`${networkApiPath(network.id)}/pack?format=md`, bearer(pack.token!))).status).toBe(200)
    expect((await api(`${networkApiPath(network.id)}/pack?format=csv`, bearer(network.token))).status).toBe(200)
    await renew(board.id, 'facilitator', board.access.facilitator)
    const renewed = RenewedNetworkLink.parse(await (await api(networkLinkRenewPath(network.id), { method: 'POST', ...bearer(network.token) })).json())
    await opened.closed

    const rows = storedAudit(suite.relay)
    const mine = rows.filter((row) => row.board === board.id || row.actor === networkActor(network.id) || row.actor === packActor(network.id))
    expect(mine.map((row) => [row.action, row.board, row.actor])).toEqual(
      expect.arrayContaining([
        ['board-opened:network', board.id, networkActor(network.id)],
        ['pack-link-renewed', null, networkActor(network.id)],
        ['pack-downloaded', null, packActor(network.id)],
        ['pack-downloaded', null, networkActor(network.id)],
        ['facilitator-link-renewed', board.id, expect.stringMatching(/^link:facilitator:/)],
        ['network-link-renewed', null, networkActor(network.id)],
      ]),
    )
    expect(mine.filter((row) => row.action === 'board-opened:network')).toHaveLength(1)
    const text = JSON.stringify(rows)
    for (const secret of [network.token, renewed.token, pack.token!, ...Object.values(board.access)]) expect(text).not.toContain(secret)
  })
})
