/**
 * Budgets per board and per address: what one client may make a board hold, cost the relay per
 * second, and how many of the server's sockets one address may take. Each attack was within the
 * per-socket limits before; each is replayed against a real relay started with small budgets,
 * while honest clients keep working.
 */
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardVersion, versionsPath, type CreatedBoard } from '../../shared/api.ts'
import { CloseCode, encodeUpdate, messageQueryAwareness } from '../../shared/protocol.ts'
import { apiFetch, createBoard, openRawSocket, until, whenSynced } from '../helpers/clients.ts'
import { awarenessFrame, healthFrom, openHalfRequest } from '../helpers/rawClients.ts'
import { copyOfStore, removeDataDir, storedBoardCount, storedDocumentBytes } from '../helpers/relay.ts'
import { guardedRelays } from '../helpers/guardedRelay.ts'
import { encodeV1 } from '../helpers/updateFrames.ts'
import { bulkyNote, noteText, putBulkyNote, putNote } from '../helpers/records.ts'
import { storeUnjudged } from '../helpers/damagedBoards.ts'
import { upgradeFormat } from '../../shared/board/records.ts'

/** A participant's new note with `text`, written by Yjs client `client`, as one update. */
/** A participant's note of `ballast.length` bytes (`bulkyNote`), under its own client id. */
function noteUpdate(client: number, key: string, ballast: string): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = client
  putBulkyNote(doc, key, ballast.length)
  return Y.encodeStateAsUpdate(doc)
}

describe('budgets per board and per address', () => {
  // A test with limits of its own starts its relay (in the test's process: its subject is a setting);
  // boards it needs stored first it makes on the block's relay and takes a copy of.
  const { start, blockRelay, connect, records, boardWithTwo, expectHonestStillSync, freshView, cleanups } = guardedRelays()
  /** A copy of the shared relay's store (its boards as stored now), removed after the test. */
  const storeCopy = async () => {
    const dataDir = await copyOfStore(await blockRelay())
    cleanups.push(() => removeDataDir(dataDir))
    return dataDir
  }

  it('refuses a write that would take a board past MAX_BOARD_BYTES with 4507, storing nothing of it', async () => {
    const relay = await start({ env: { MAX_BOARD_BYTES: '200000' } })
    const { board, a, b } = await boardWithTwo(relay)
    await expectHonestStillSync(relay, a, b)
    const before = await freshView(relay, board)

    const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
    socket.send(encodeUpdate(noteUpdate(4711, 'huge', 'x'.repeat(250_000))))
    expect((await closed).code).toBe(CloseCode.boardFull)

    expect(await freshView(relay, board)).toEqual(before)
    await expectHonestStillSync(relay, a, b)
    expect(storedDocumentBytes(relay, board.id)).toBeLessThanOrEqual(200_000)
    // Logged before the close, but through another pipe: awaited, not looked up.
    await relay.waitForLog((e) => e.msg === 'board full: update refused')
  })

  it('lets people delete on a full board, and what they deleted makes room again', async () => {
    const relay = await start({ env: { MAX_BOARD_BYTES: '60000' } })
    const { board, a, b } = await boardWithTwo(relay)
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
    for (let i = 0; i < 10; i++) socket.send(encodeUpdate(noteUpdate(7000 + i, `fill-${i}`, 'f'.repeat(9000))))
    expect((await closed).code).toBe(CloseCode.boardFull)
    const fills = () => [...records(a).keys()].filter((key) => key.startsWith('shape:fill-'))
    // The board is full now, so no honest note can mark what arrived: a fresh client's view says.
    const storedFills = Object.keys(await freshView(relay, board)).filter((key) => key.startsWith('shape:fill-'))
    expect(storedFills.length).toBeGreaterThan(0)
    await until(a.doc, () => fills().length === storedFills.length)

    a.doc.transact(() => fills().forEach((key) => records(a).delete(key)))
    await until(b.doc, () => ![...records(b).keys()].some((key) => key.startsWith('shape:fill-')))
    putBulkyNote(a.doc, 'room-again', 20_000)
    await until(b.doc, () => noteText(b.doc, 'room-again') !== undefined)
    await expectHonestStillSync(relay, a, b)
    expect(storedDocumentBytes(relay, board.id)).toBeLessThanOrEqual(60_000)
  })

  it('refuses to open a stored board over MAX_BOARD_BYTES before decoding it; other boards and older versions stay usable', async () => {
    const first = await blockRelay()
    const big = await createBoard(first)
    const small = await createBoard(first)
    const writer = connect(first, big.id)
    await whenSynced(writer)
    putNote(writer.doc, 'start', 'Kick-off')
    // The relay stores before it forwards: once a reader has the note, the version holds it.
    const early = connect(first, big.id, big.access.observer)
    await until(early.doc, () => noteText(early.doc, 'start') === 'Kick-off')
    // A named version of the board while it is small.
    const named = await apiFetch(first, versionsPath(big.id), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Klein"}' })
    expect(named.status).toBe(201)
    const smallVersion = BoardVersion.parse(await named.json())
    for (let i = 0; i < 5; i++) putBulkyNote(writer.doc, `long-${i}`, 60_000)
    const reader = connect(first, big.id, big.access.observer)
    await until(reader.doc, () => noteText(reader.doc, 'long-4') !== undefined)
    // The boards as stored now, served by a relay with a smaller limit.
    const relay = await start({ env: { MAX_BOARD_BYTES: '100000' }, dataDir: await storeCopy() })
    const { closed } = await openRawSocket(relay, big.id, big.access.participant)
    expect((await closed).code).toBe(CloseCode.boardFull)
    const logged = await relay.waitForLog((e) => e.msg === 'board over budget: not opened')
    expect(logged.board).toBe(big.id)
    expect(Number(logged.bytes)).toBeGreaterThan(100_000)
    expect(relay.logs.some((line) => line.includes('"msg":"room loaded"') && line.includes(big.id))).toBe(false)

    // Exports and versions of the board are refused the same way, with a plain answer.
    const exported = await apiFetch(relay, `/api/boards/${big.id}/export?format=json`)
    expect(exported.status).toBe(413)
    // Its list of versions still answers, and a new board from the small version opens.
    const list = await apiFetch(relay, versionsPath(big.id))
    expect(list.status).toBe(200)
    const copied = await apiFetch(relay, `${versionsPath(big.id)}/${smallVersion.id}/board`, { method: 'POST' })
    expect(copied.status).toBe(201)
    const restored = (await copied.json()) as CreatedBoard
    const view = connect(relay, restored.id, restored.access.observer)
    await whenSynced(view)
    expect(noteText(view.doc, 'start')).toBe('Kick-off')
    expect(noteText(view.doc, 'long-0')).toBeUndefined()

    // Other boards answer.
    const other = connect(relay, small.id)
    await whenSynced(other)
    putNote(other.doc, 'weiter', 'geht')
    const otherReader = connect(relay, small.id, small.access.observer)
    await until(otherReader.doc, () => noteText(otherReader.doc, 'weiter') === 'geht')
  })

  it('does not open a board of the old format whose upgrade would take it past MAX_BOARD_BYTES, and stores nothing of the upgrade', async () => {
    const board = await createBoard(await blockRelay())
    const store = { dataDir: await storeCopy() }
    // Format 1: records as plain values; the upgrade writes each again as a record map.
    const old = new Y.Doc()
    for (let i = 0; i < 40; i++) old.getMap('tldraw').set(`shape:alt${i}`, bulkyNote(`alt${i}`, 2_000))
    await storeUnjudged(store.dataDir, board.id, Y.encodeStateAsUpdate(old))
    const before = storedDocumentBytes(store, board.id)
    // The board upgraded and compacted, as the relay would store it: more than the old one.
    const upgraded = new Y.Doc()
    Y.applyUpdate(upgraded, Y.encodeStateAsUpdate(old))
    expect(upgradeFormat(upgraded)).toBe(true)
    const upgradedBytes = Y.encodeStateAsUpdate(upgraded).byteLength
    expect(upgradedBytes).toBeGreaterThan(before)
    const relay = await start({ env: { MAX_BOARD_BYTES: String(Math.floor((before + upgradedBytes) / 2)) }, dataDir: store.dataDir })
    const { closed, inRoom } = await openRawSocket(relay, board.id, board.access.participant)
    expect(await Promise.race([inRoom.then(() => 'open'), closed.then((c) => c.code)])).toBe(CloseCode.boardFull)
    expect(storedDocumentBytes(relay, board.id)).toBe(before)
  })

  it('opens a board of the old format whose upgrade fits once its stored updates are compacted, and stores it compacted (hostile review)', async () => {
    const board = await createBoard(await blockRelay())
    const store = { dataDir: await storeCopy() }
    // Format 1, written three times over (a relay that crashed before it compacted): the stored
    // log is about two and a half boards, the board itself one.
    const old = new Y.Doc()
    for (const round of [0, 1, 2]) {
      let update: Uint8Array | null = null
      old.on('update', (u: Uint8Array) => (update = u))
      old.transact(() => {
        for (let i = 0; i < (round === 2 ? 20 : 40); i++) old.getMap('tldraw').set(`shape:alt${i}`, bulkyNote(`alt${i}`, 2_000 + round))
      })
      await storeUnjudged(store.dataDir, board.id, update!)
    }
    const before = storedDocumentBytes(store, board.id)
    const compacted = Y.encodeStateAsUpdate(old).byteLength
    // What the upgrade adds, made on a copy of the board as the relay makes it.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(old))
    let upgradeBytes = 0
    copy.on('update', (u: Uint8Array) => (upgradeBytes += u.byteLength))
    expect(upgradeFormat(copy)).toBe(true)
    expect(compacted + upgradeBytes).toBeLessThan(before)
    // Room for the board, its upgrade (about the board again) and more: only not for the log on top.
    const relay = await start({ env: { MAX_BOARD_BYTES: String(before + 1_000) }, dataDir: store.dataDir })
    const { socket, closed, inRoom } = await openRawSocket(relay, board.id, board.access.participant)
    // The relay's sync request says the room opened; a refusal closes the socket instead.
    const outcome = await Promise.race([inRoom.then(() => 'open'), closed.then((c) => c.code)])
    socket.close()
    expect(outcome).toBe('open')
    expect(storedDocumentBytes(relay, board.id)).toBeLessThan(before)
  })

  it('makes no board from a template that it could not open: 413, and nothing stored', async () => {
    const relay = await start({ env: { MAX_BOARD_BYTES: '30000' } })
    const before = storedBoardCount(relay)
    const create = (body: object) => apiFetch(relay, '/api/boards', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const refused = await create({ title: 'Zu groß', template: 'beteiligtenanalyse' })
    expect(refused.status).toBe(413)
    expect(((await refused.json()) as { error: string }).error).toMatch(/Board.*MAX_BOARD_BYTES/)
    expect(storedBoardCount(relay)).toBe(before)
    // A blank board fits, and opens.
    const blank = await create({ title: 'Leer' })
    expect(blank.status).toBe(201)
    const made = (await blank.json()) as CreatedBoard
    const view = connect(relay, made.id, made.access.observer)
    await whenSynced(view)
  })

  it('cuts off a connection that keeps asking for everyone’s awareness, not an honest one', async () => {
    const relay = await blockRelay()
    const { board, a, b } = await boardWithTwo(relay)
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.observer)
    for (let i = 0; i < 20; i++) socket.send(Uint8Array.of(messageQueryAwareness))
    expect((await closed).code).toBe(CloseCode.rateLimited)
    await expectHonestStillSync(relay, a, b)
  })

  it('cuts off a connection whose awareness passes its bytes per second, not an honest one', async () => {
    const relay = await start({ env: { MAX_AWARENESS_BYTES_PER_SECOND: '20000' } })
    const { board, a, b } = await boardWithTwo(relay)
    for (let i = 0; i < 5; i++) a.provider.awareness.setLocalStateField('cursor', { x: i, y: i })
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.observer)
    const state = JSON.stringify({ name: 'z'.repeat(5000) })
    for (let clock = 1; clock <= 20; clock++) socket.send(awarenessFrame([[424242, clock, state]]))
    expect((await closed).code).toBe(CloseCode.rateLimited)
    await expectHonestStillSync(relay, a, b)
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
  })

  it('cuts off the heaviest writer of a board over its work budget, not a light honest writer', async () => {
    const relay = await start({ env: { MAX_BOARD_UPDATE_BYTES_PER_SECOND: '100000' } })
    const { board, a, b } = await boardWithTwo(relay)
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
    for (let i = 0; i < 10; i++) socket.send(encodeUpdate(noteUpdate(5000 + i, `heavy-${i}`, 'h'.repeat(30_000))))
    putNote(a.doc, 'light', 'leicht')
    expect((await closed).code).toBe(CloseCode.rateLimited)
    // Logged before the close, but through another pipe: awaited, not looked up.
    await relay.waitForLog((e) => e.msg === 'board work budget spent: heaviest writer cut off')
    await until(b.doc, () => noteText(b.doc, 'light') === 'leicht')
    await expectHonestStillSync(relay, a, b)
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true)
  })

  it('does not cut off an honest writer for the updates of sockets it has closed already (a flood from the same address)', async () => {
    // Eight updates a second for the whole board: more than the honest writer's four, fewer than
    // the flood's twelve. Each flooding socket sends one update the rules reject and is closed.
    const relay = await start({ env: { MAX_BOARD_UPDATES_PER_SECOND: '8' } })
    const board = await createBoard(relay)
    const a = connect(relay, board.id, board.access.participant)
    const b = connect(relay, board.id, board.access.participant)
    const closes: number[] = []
    a.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0))
    const aClosed = new Promise<void>((resolve) => a.provider.on('connection-close', () => resolve()))
    await Promise.all([a, b].map(whenSynced))
    const flooders = await Promise.all(Array.from({ length: 12 }, () => openRawSocket(relay, board.id, board.access.participant)))
    await Promise.all(flooders.map((f) => f.inRoom))
    for (const key of ['eins', 'zwei']) {
      putNote(a.doc, key)
      await until(b.doc, () => noteText(b.doc, key) !== undefined)
    }
    for (const [i, { socket, closed }] of flooders.entries()) {
      socket.send(encodeUpdate(encodeV1([{ client: 424_000 + i, clock: 0, structs: [{ key: 'shape:evil', content: { any: [] } }] }])))
      expect((await closed).code).toBe(CloseCode.malformed)
    }
    putNote(a.doc, 'drei')
    await Promise.race([until(b.doc, () => noteText(b.doc, 'drei') !== undefined), aClosed])
    expect(closes).toEqual([])
    expect(noteText(b.doc, 'drei')).toBe('drei')
  })

  it('weighs messages by their bytes: two large ones in a row count like many small ones', async () => {
    const relay = await start({ env: { MAX_MESSAGES_PER_SECOND: '10', MAX_MESSAGE_BYTES: String(512 * 1024) } })
    const board = await createBoard(relay)
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
    for (let i = 0; i < 3; i++) socket.send(encodeUpdate(noteUpdate(6000 + i, `big-${i}`, 'b'.repeat(400_000))))
    expect((await closed).code).toBe(CloseCode.rateLimited)
  })

  describe('HTTP connections per address', () => {
    it('refuses connections past the cap from one address while another address gets /healthz', async () => {
      const relay = await start({ env: { MAX_HTTP_CONNECTIONS_PER_ADDRESS: '20' } })
      const held: Socket[] = []
      cleanups.push(() => held.forEach((s) => s.destroy()))
      for (let i = 0; i < 20; i++) held.push((await openHalfRequest(relay, '127.0.0.1')).socket)
      const refused = await openHalfRequest(relay, '127.0.0.1').catch(() => null)
      if (refused) {
        expect(await refused.closed).toBe('')
      }
      // Refused at once, not by a timeout: the ones before it are still open.
      expect(held.filter((socket) => socket.destroyed)).toHaveLength(0)
      expect(await healthFrom(relay, '127.0.0.2')).toBe(200)
      await relay.waitForLog((e) => e.msg === 'connection refused: too many from one address')
    })

    it('closes a half-sent request after the header timeout', async () => {
      const relay = await start({ env: { HTTP_HEADERS_TIMEOUT_MS: '500' } })
      const { closed } = await openHalfRequest(relay, '127.0.0.1')
      expect(await closed).toMatch(/^HTTP\/1\.1 408/)
    })
  })
})
