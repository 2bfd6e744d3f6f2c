/**
 * Access by role over real websockets and HTTP: link tokens and what each role may read, write
 * and export, replaced links and deleted boards closing their sockets, floods and caps per
 * address, awareness that tells the truth, no secret in the log, and `npm run board-links`.
 */
import { execFileSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { credentialProtocols, relayProtocol } from '../../shared/access.ts'
import { authorId } from '../../shared/author.ts'
import { CloseCode, encodeAwareness, encodeUpdate } from '../../shared/protocol.ts'
import {
  apiFetch,
  connectClient,
  createBoard,
  openRawSocket,
  relaySuite,
  until,
  untilStatus,
  whenSynced,
  type TestClient,
} from '../helpers/clients.ts'
import { startRelay, removeDataDir } from '../helpers/relay.ts'
import type { SharedRelay } from '../helpers/sharedRelay.ts'
import { noteAt, noteKeys, noteText, putNote, putRecords } from '../helpers/records.ts'
import { serverArgs } from '../helpers/serverEntry.ts'
import type { TLShapeId } from '@tldraw/tlschema'

describe('access by role', () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  // Boards on the run's shared relay; a relay of its own, in the test's process, for a test that
  // restarts it, reads its log or its data directory as a whole, or changes a limit.
  const suite = relaySuite()
  const start = async (env?: Record<string, string>, dataDir?: string) => {
    const relay = await startRelay({ env, dataDir })
    cleanups.push(async () => {
      await relay.kill()
      if (!dataDir) removeDataDir(relay.dataDir)
    })
    return relay
  }
  const connect = (relay: SharedRelay, boardId: string, token: string) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token })
    cleanups.push(() => client.destroy())
    return client
  }
  const closeOf = (client: TestClient) =>
    new Promise<number>((resolve) => client.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? -1)))

  it('creates three distinct tokens of at least 128 bits with links that carry them in the fragment', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const tokens = Object.values(board.access)
    expect(new Set(tokens).size).toBe(3)
    for (const token of tokens) expect(Buffer.from(token, 'base64url').byteLength).toBeGreaterThanOrEqual(16)
    expect(board.links).toEqual({
      facilitator: `/b/${board.id}#${board.access.facilitator}`,
      participant: `/b/${board.id}#${board.access.participant}`,
      observer: `/b/${board.id}#${board.access.observer}`,
    })
    for (const role of ['facilitator', 'participant', 'observer'] as const) {
      const response = await apiFetch(relay, `/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.access[role]}` } })
      expect(await response.json()).toMatchObject({ id: board.id, role })
    }
  })

  it('takes the link token and writer secret from the subprotocols, out of the URL and its logs', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const writer = 'w'.repeat(32)
    const doc = new Y.Doc()
    const provider = new WebsocketProvider(relay.wsUrl, board.id, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      protocols: credentialProtocols(board.access.participant, writer),
    })
    cleanups.push(() => provider.destroy())
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()))
    // The relay answers with the protocol's name only, never echoing a secret.
    expect((provider.ws as unknown as WebSocket).protocol).toBe(relayProtocol)
    // Signed with the author id the writer secret gives on this board, a participant's note is accepted.
    putRecords(doc, [{ ...noteAt(0, 0, 'mit Autor', 'shape:signed' as TLShapeId), meta: { author: authorId(writer, board.id) } }])
    const check = connect(relay, board.id, board.access.observer)
    await until(check.doc, () => noteText(check.doc, 'signed') === 'mit Autor')

    const refused = new WebSocket(`${relay.wsUrl}/${board.id}`, credentialProtocols('x'.repeat(32)))
    const status = await new Promise<number>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)))
    expect(status).toBe(401)
  })

  it('refuses missing, made-up and other boards tokens before anything of the board is sent', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const other = await createBoard(relay)
    for (const token of ['', 'x'.repeat(32), other.access.facilitator, `${board.access.facilitator}x`]) {
      await expect(openRawSocket(relay, board.id, token)).rejects.toThrow(/401/)
      const response = await apiFetch(relay, `/api/boards/${board.id}`, { headers: { authorization: `Bearer ${token}` } })
      expect(response.status).toBe(401)
      expect((await response.json()).error).toBeTruthy()
    }
    expect((await fetch(`${relay.httpUrl}/api/boards/${board.id}/export?format=md`)).status).toBe(401)
    // Roles below what a route needs.
    const asParticipant = { authorization: `Bearer ${board.access.participant}` }
    const asObserver = { authorization: `Bearer ${board.access.observer}` }
    expect((await apiFetch(relay, `/api/boards/${board.id}`, { method: 'DELETE', headers: asParticipant })).status).toBe(403)
    expect((await apiFetch(relay, `/api/boards/${board.id}/links/observer`, { method: 'POST', headers: asParticipant })).status).toBe(403)
    const upload = { method: 'POST', body: new Uint8Array([1, 2, 3]), headers: { ...asObserver, 'content-type': 'image/png' } }
    expect((await apiFetch(relay, `/api/boards/${board.id}/assets`, upload)).status).toBe(403)
  })

  it('lets the read-only link export only once the facilitator allows it, also while nobody is on the board', async () => {
    const relay = await start({ UNLOAD_DELAY_MS: '0' })
    const board = await createBoard(relay, 'Ergebnisse')
    const exportAs = (token: string) =>
      apiFetch(relay, `/api/boards/${board.id}/export?format=md`, { headers: { authorization: `Bearer ${token}` } })
    const refused = await exportAs(board.access.observer)
    expect(refused.status).toBe(403)
    expect((await refused.json()).error).toMatch(/participant link/)
    expect((await exportAs(board.access.participant)).status).toBe(200)

    // A participant cannot open exports: the relay refuses the write and the export stays closed.
    const participant = connect(relay, board.id, board.access.participant)
    await whenSynced(participant)
    const participantClosed = closeOf(participant)
    participant.doc.getMap('facilitation').set('exports', { observers: true })
    expect(await participantClosed).toBe(CloseCode.notAllowed)
    expect((await exportAs(board.access.observer)).status).toBe(403)
    participant.provider.disconnect()

    const facilitator = connect(relay, board.id, board.access.facilitator)
    const watcher = connect(relay, board.id, board.access.observer)
    await Promise.all([facilitator, watcher].map(whenSynced))
    facilitator.doc.getMap('facilitation').set('exports', { observers: true })
    // Forwarded means stored and applied.
    await until(watcher.doc, () => watcher.doc.getMap('facilitation').has('exports'))
    const allowed = await exportAs(board.access.observer)
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('Ergebnisse')
    // From storage, with the board unloaded.
    facilitator.provider.disconnect()
    watcher.provider.disconnect()
    await relay.waitForLog((e) => e.msg === 'room unloaded')
    expect((await exportAs(board.access.observer)).status).toBe(200)
  })

  it("drops an observer's edits: nobody receives them and they are not stored, while the observer sees everything live", async () => {
    const relay = await start()
    const board = await createBoard(relay)
    const participant = connect(relay, board.id, board.access.participant)
    const observer = connect(relay, board.id, board.access.observer)
    await Promise.all([participant, observer].map(whenSynced))

    putNote(observer.doc, 'observer', 'von Beobachtenden')
    putNote(participant.doc, 'participant', 'von Teilnehmenden')
    // The observer receives the participant's edit; the participant never gets the observer's,
    // although it was sent first over the same relay.
    await until(observer.doc, () => noteText(observer.doc, 'participant') !== undefined)
    const late = connect(relay, board.id, board.access.facilitator)
    await whenSynced(late)
    expect(noteKeys(late.doc)).toEqual(['participant'])
    expect(noteText(participant.doc, 'observer')).toBeUndefined()
    // Observers still show up for the others.
    const awareness = participant.provider.awareness
    observer.provider.awareness.setLocalStateField('user', { name: 'Gast' })
    await new Promise<void>((resolve) => {
      const check = () => awareness.getStates().get(observer.doc.clientID)?.user && resolve()
      awareness.on('change', check)
      check()
    })

    for (const client of [participant, observer, late]) client.provider.disconnect()
    await relay.kill()
    const restarted = await start(undefined, relay.dataDir)
    const fresh = connect(restarted, board.id, board.access.facilitator)
    await whenSynced(fresh)
    expect(noteKeys(fresh.doc)).toEqual(['participant'])
  })

  it('a hand-written observer client sending raw update frames changes nothing', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const { socket } = await openRawSocket(relay, board.id, board.access.observer)
    const doc = new Y.Doc()
    putNote(doc, 'forged')
    socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
    socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
    const reader = connect(relay, board.id, board.access.participant)
    await whenSynced(reader)
    // A later participant edit arrives, the forged one never does.
    const writer = connect(relay, board.id, board.access.participant)
    await whenSynced(writer)
    putNote(writer.doc, 'real', 'real')
    await until(reader.doc, () => noteText(reader.doc, 'real') !== undefined)
    expect(noteText(reader.doc, 'forged')).toBeUndefined()
    socket.close()
  })

  it('a replaced link stops working at once: its open sockets close with 4401, new ones are refused', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const participant = connect(relay, board.id, board.access.participant)
    const facilitator = connect(relay, board.id, board.access.facilitator)
    await Promise.all([participant, facilitator].map(whenSynced))
    const closed = closeOf(participant)

    const response = await apiFetch(relay, `/api/boards/${board.id}/links/participant`, { method: 'POST' })
    expect(response.status).toBe(200)
    const rotated = await response.json()
    expect(rotated.link).toBe(`/b/${board.id}#${rotated.token}`)
    expect(rotated.token).not.toBe(board.access.participant)
    expect(await closed).toBe(CloseCode.unauthorized)
    participant.provider.disconnect()

    await expect(openRawSocket(relay, board.id, board.access.participant)).rejects.toThrow(/401/)
    const fresh = connect(relay, board.id, rotated.token)
    await whenSynced(fresh)
    // The facilitator was not disconnected.
    expect(facilitator.provider.wsconnected).toBe(true)
    // No role of that name: nothing replaced (the facilitator's own renewal: networkLinks.test.ts).
    expect((await apiFetch(relay, `/api/boards/${board.id}/links/owner`, { method: 'POST' })).status).toBe(400)
  })

  it('deleting a board closes its sockets with 4404 and removes its data', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const client = connect(relay, board.id, board.access.participant)
    await whenSynced(client)
    putNote(client.doc, 'a', 'vertraulich')
    const closed = closeOf(client)
    expect((await apiFetch(relay, `/api/boards/${board.id}`, { method: 'DELETE' })).status).toBe(204)
    expect(await closed).toBe(CloseCode.boardGone)
    client.provider.disconnect()
    expect((await apiFetch(relay, `/api/boards/${board.id}`)).status).toBe(404)
    await expect(openRawSocket(relay, board.id)).rejects.toThrow(/404/)
  })

  it('cuts off a flooding client with 4420 while the others keep syncing', async () => {
    const relay = await start({ MAX_MESSAGES_PER_SECOND: '50' })
    const board = await createBoard(relay)
    const a = connect(relay, board.id, board.access.participant)
    const b = connect(relay, board.id, board.access.participant)
    await Promise.all([a, b].map(whenSynced))
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
    const awareness = encodeAwareness(new Uint8Array([0]))
    for (let i = 0; i < 1000; i++) socket.send(awareness)
    expect((await closed).code).toBe(CloseCode.rateLimited)
    putNote(a.doc, 'after', 'weiter')
    await until(b.doc, () => noteText(b.doc, 'after') !== undefined)
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
  })

  it('refuses connections beyond the cap per address with 4429', async () => {
    const relay = await start({ MAX_CONNECTIONS_PER_ADDRESS: '2' })
    const board = await createBoard(relay)
    const first = connect(relay, board.id, board.access.participant)
    const second = connect(relay, board.id, board.access.participant)
    await Promise.all([first, second].map(whenSynced))
    const { closed } = await openRawSocket(relay, board.id, board.access.participant)
    expect((await closed).code).toBe(CloseCode.tooManyConnections)
    await untilStatus(first, 'connected')
  })

  it('never writes tokens or board contents into the log', async () => {
    const relay = await start()
    const board = await createBoard(relay, 'Geheimer Titel', { template: 'beteiligtenanalyse', options: { partners: ['Vertraulicher Partner'] } })
    const client = connect(relay, board.id, board.access.participant)
    await whenSynced(client)
    putNote(client.doc, 'secret', 'Vertraulicher Inhalt')
    await apiFetch(relay, `/api/boards/${board.id}/export?format=md`)
    await apiFetch(relay, `/api/boards/${board.id}`, { headers: { authorization: `Bearer ${'y'.repeat(32)}` } })
    await openRawSocket(relay, board.id, 'z'.repeat(32)).catch(() => {})
    const rotated = await (await apiFetch(relay, `/api/boards/${board.id}/links/observer`, { method: 'POST' })).json()
    await relay.waitForLog((e) => e.msg === 'link replaced')
    const output = relay.logs.join('\n')
    expect(output).toContain('board exported')
    for (const secret of [...Object.values(board.access), rotated.token, 'y'.repeat(32), 'z'.repeat(32), 'Geheimer Titel', 'Vertraulich']) {
      expect(output).not.toContain(secret)
    }
  })

  it("gives the operator new links for a board with npm run board-links; the old ones stop working", async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const output = execFileSync(process.execPath, [...serverArgs('boardLinks'), board.id, relay.httpUrl], {
      env: { ...process.env, DATA_DIR: relay.dataDir },
      encoding: 'utf8',
    })
    const link = /^facilitator: (.+)$/m.exec(output)![1]
    const token = new URL(link).hash.slice(1)
    expect(new URL(link).pathname).toBe(`/b/${board.id}`)
    const as = (t: string) => ({ headers: { authorization: `Bearer ${t}` } })
    expect((await apiFetch(relay, `/api/boards/${board.id}`, as(token))).status).toBe(200)
    expect((await apiFetch(relay, `/api/boards/${board.id}`, as(board.access.facilitator))).status).toBe(401)
  })

  it('awareness tells the truth about roles, and nobody can speak for another client', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const facilitator = connect(relay, board.id, board.access.facilitator)
    const participant = connect(relay, board.id, board.access.participant)
    await Promise.all([facilitator, participant].map(whenSynced))
    const seen = facilitator.provider.awareness
    const stateOf = (client: TestClient) => seen.getStates().get(client.doc.clientID)
    const untilSeen = (predicate: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => predicate() && (seen.off('change', check), resolve())
        seen.on('change', check)
        check()
      })

    // A participant claiming to be the facilitator is shown as what its link says.
    participant.provider.awareness.setLocalStateField('workshop', { role: 'facilitator' })
    await untilSeen(() => stateOf(participant)?.workshop?.role === 'participant')

    // A hand-written client sends a state for the participant's client id: dropped.
    const { socket } = await openRawSocket(relay, board.id, board.access.observer)
    const forged = new Y.Doc()
    const fake = new awarenessProtocol.Awareness(forged)
    fake.clientID = participant.doc.clientID
    fake.setLocalState({ presence: { userName: 'Gefälscht' } })
    // A clock far ahead: applied, it would also shut out the real client's next states.
    fake.meta.get(fake.clientID)!.clock = 1000
    socket.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(fake, [participant.doc.clientID])))
    participant.provider.awareness.setLocalStateField('presence', { userName: 'Echt' })
    await untilSeen(() => stateOf(participant)?.presence?.userName === 'Echt')
    expect(JSON.stringify([...seen.getStates().values()])).not.toContain('Gefälscht')
    socket.close()
    fake.destroy()
  })
})

