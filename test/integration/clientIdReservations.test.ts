/**
 * What holding client ids may cost a board (`server/judge/clientIds.ts`): a writer keeps at most
 * eight ids announced but not written, the ids a writer writes first count against the board's
 * budget and a per-writer rate, and writers new to the board are counted per address, so no link
 * makes the table of held ids grow past what the board may hold; and a newcomer's announced id
 * stays hers whatever its fill.
 */
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebSocket } from 'ws'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { databasePath } from '../../server/storage/SqliteStorage.ts'
import { clientsClosedBy, heldIds } from '../helpers/clientIdBoards.ts'
import { connectClient, createBoard, openRawSocket, privateRelaySuite, seesPresence, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteText, putNote } from '../helpers/records.ts'
import { awarenessFrame } from '../helpers/rawClients.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { encodeV1 } from '../helpers/updateFrames.ts'

const writerA = 'A'.repeat(32)
const writerEvil = 'E'.repeat(32)

describe('held client ids are bounded', () => {
  const suite = privateRelaySuite({ MAX_BOARD_BYTES: '60000' })
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const { connect, rawSocket } = clientsClosedBy(cleanups)
  /** Everything the room queued before is done: a note written now reaches the watcher. */
  const settled = async (writer: TestClient, watcher: TestClient, key: string) => {
    putNote(writer.doc, key)
    await until(watcher.doc, () => noteText(watcher.doc, key) !== undefined)
  }

  it('holds what the read-only link announces too (observers write comments), and passes it on once held', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const anna = await connect(relay, board.id, board.access.participant, writerA)
    const watcher = await connect(relay, board.id, board.access.participant)
    await settled(anna, watcher, 'first')
    const before = heldIds(relay, board.id)
    const ids = Array.from({ length: 20 }, (_, i) => 5_000_000 + i)
    for (const [i, id] of ids.entries()) {
      const { socket } = await rawSocket(relay, board.id, board.access.observer, `${i}`.padStart(32, 'o'))
      socket.send(awarenessFrame([[id, 1, JSON.stringify({ name: `Gast ${i}` })]]))
      await seesPresence(watcher, id)
      socket.close()
    }
    await settled(anna, watcher, 'after')
    expect(heldIds(relay, board.id).filter((id) => !before.includes(id)).sort()).toEqual(ids)
  })

  it("keeps a participant's eight latest ids announced but not written; the ninth releases the first", async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const anna = await connect(relay, board.id, board.access.participant, writerA)
    const watcher = await connect(relay, board.id, board.access.observer)
    await settled(anna, watcher, 'first')
    const before = heldIds(relay, board.id)
    const ids = Array.from({ length: 9 }, (_, i) => 6_000_000 + i)
    for (const id of ids) {
      // A page load each: a new socket and id, the same browser.
      const { socket } = await rawSocket(relay, board.id, board.access.participant, writerEvil)
      socket.send(awarenessFrame([[id, 1, JSON.stringify({ name: 'Eva' })]]))
      await seesPresence(watcher, id)
      socket.close()
    }
    expect(heldIds(relay, board.id).filter((id) => !before.includes(id))).toEqual(ids.slice(1))
  })

  it('refuses a write that would hold more new ids than the board has room for, with 4507, holding none of them', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const watcher = await connect(relay, board.id, board.access.observer)
    const before = heldIds(relay, board.id)
    const { socket, closed } = await rawSocket(relay, board.id, board.access.participant, writerEvil)
    // A thousand fresh ids in eight kilobytes: a thousand rows.
    socket.send(encodeUpdate(encodeV1(Array.from({ length: 1000 }, (_, i) => ({ client: 7_000_000 + i, clock: 0, structs: [{ gc: 1 }] })))))
    const outcome = await Promise.race([closed, until(watcher.doc, () => Y.getState(watcher.doc.store, 7_000_000) > 0).then(() => 'held' as const)])
    expect(outcome).toBe(CloseCode.boardFull)
    expect(heldIds(relay, board.id)).toEqual(before)
  })

  it('closes a writer that writes under fresh id after fresh id with 4420 before it holds a hundred', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const watcher = await connect(relay, board.id, board.access.observer)
    const before = heldIds(relay, board.id)
    const { socket, closed } = await rawSocket(relay, board.id, board.access.participant, writerEvil)
    for (let i = 0; i < 100; i++) socket.send(encodeUpdate(encodeV1([{ client: 8_000_000 + i, clock: 0, structs: [{ gc: 1 }] }])))
    const outcome = await Promise.race([closed, until(watcher.doc, () => Y.getState(watcher.doc.store, 8_000_099) > 0).then(() => 'all held' as const)])
    expect(outcome).toBe(CloseCode.rateLimited)
    expect(heldIds(relay, board.id).length - before.length).toBeLessThanOrEqual(60)
  })
})

describe("a newcomer's announced id whatever the table's fill", () => {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  it('refuses a GC struct under her id after the board holds 100,000 ids announced by observers and the relay restarted', async () => {
    const relay = await startRelay()
    cleanups.push(() => removeDataDir(relay.dataDir))
    cleanups.push(() => relay.kill())
    const board = await createBoard(relay)
    const connect = async (target: Pick<Relay, 'wsUrl'>, token: string, writer?: string, doc = new Y.Doc()) => {
      const client = connectClient(target, board.id, doc, { token, writer })
      cleanups.push(() => client.provider.destroy())
      await whenSynced(client)
      return client
    }
    // What the read-only link left on a board before observers stopped reserving: a full table.
    const db = new Database(databasePath(relay.dataDir))
    const insert = db.prepare('INSERT INTO client_ids (board_id, client, holder) VALUES (?, ?, ?)')
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++) insert.run(board.id, 10_000_000 + i, `author:observer-${i % 1000}`)
    })()
    db.close()
    await relay.kill()
    const restarted = await startRelay({ dataDir: relay.dataDir })
    cleanups.push(() => restarted.kill())

    const watcher = await connect(restarted, board.access.observer)
    const carla = await connect(restarted, board.access.participant, writerA)
    carla.provider.awareness.setLocalStateField('name', 'Carla')
    await new Promise<void>((resolve) => {
      const seen = () => watcher.provider.awareness.getStates().has(carla.doc.clientID) && resolve()
      watcher.provider.awareness.on('change', seen)
      seen()
    })
    // She goes offline and writes; the relay restarts, forgetting every presence.
    carla.provider.disconnect()
    putNote(carla.doc, 'zug', 'im Zug geschrieben')
    await restarted.kill()
    const again = await startRelay({ dataDir: relay.dataDir })
    cleanups.push(() => again.kill())
    const watcher2 = await connect(again, board.access.observer)

    const { socket, closed, inRoom } = await openRawSocket(again, board.id, board.access.participant, undefined, undefined, writerEvil)
    cleanups.push(() => socket.terminate())
    await inRoom
    socket.send(encodeUpdate(encodeV1([{ client: carla.doc.clientID, clock: 0, structs: [{ gc: 50 }] }])))
    const outcome = await Promise.race([closed.then(({ code }) => code), until(watcher2.doc, () => Y.getState(watcher2.doc.store, carla.doc.clientID) > 0).then(() => 'forwarded' as const)])
    expect(outcome).toBe(CloseCode.notAllowed)

    await connect(again, board.access.participant, writerA, carla.doc)
    await until(watcher2.doc, () => noteText(watcher2.doc, 'zug') === 'im Zug geschrieben')
  })
})

describe('a crowd of made-up writers announcing without writing', () => {
  /** New writers an address may bring to a board per day, for the test: small. */
  const rate = 20
  // Behind a trusted proxy on this machine: each socket says which address it comes from.
  const suite = privateRelaySuite({ MAX_BOARD_BYTES: '20000', TRUST_PROXY: '127.0.0.1', NEW_WRITERS_PER_ADDRESS_PER_DAY: `${rate}` })
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  /** A client's socket as the proxy passes it on for `address`. */
  const from = (address: string) =>
    class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { 'x-forwarded-for': address } })
      }
    } as unknown as typeof WebSocket
  const connect = async (boardId: string, token: string, writer?: string, address?: string) => {
    const client = connectClient(suite.relay, boardId, new Y.Doc(), { token, writer, ...(address ? { socket: from(address) } : {}) })
    cleanups.push(() => client.provider.destroy())
    await whenSynced(client)
    return client
  }

  it("reserve nothing past their address's rate of new writers: a newcomer from another address is seen, and the board's reservations stay bounded (found broken by a hostile review)", async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const watcher = await connect(board.id, board.access.observer)
    // One address, a fresh writer secret per reconnect, four ids each, never a write: far more
    // ids than the board has room for (20,000 bytes, 64 a held id).
    for (let i = 0; i < 120; i++) {
      const { socket, closed, inRoom } = await openRawSocket(relay, board.id, board.access.participant, { 'x-forwarded-for': '203.0.113.7' }, undefined, `${i}`.padStart(32, 'f'))
      cleanups.push(() => socket.terminate())
      await inRoom
      socket.send(awarenessFrame([0, 1, 2, 3].map((n) => [9_000_000 + 4 * i + n, 1, JSON.stringify({ name: `Fake ${i}` })] as [number, number, string])))
      socket.close()
      await closed
    }
    // One more from there, staying: past the rate, its presence is not passed on.
    const late = await connect(board.id, board.access.participant, 'd'.repeat(32), '203.0.113.7')
    late.provider.awareness.setLocalStateField('name', 'Spät')
    const newcomer = await connect(board.id, board.access.participant, writerA, '198.51.100.9')
    newcomer.provider.awareness.setLocalStateField('name', 'Nele')
    await seesPresence(watcher, newcomer.doc.clientID)
    expect(watcher.provider.awareness.getStates().has(late.doc.clientID)).toBe(false)
    const held = heldIds(relay, board.id)
    expect(held).toContain(newcomer.doc.clientID)
    expect(held).not.toContain(late.doc.clientID)
    // The first `rate` made-up writers' four ids each, and hers.
    expect(held.length).toBeLessThanOrEqual(rate * 4 + 1)
    // Its writes go through the write rules as anyone's: its first write holds its id.
    putNote(late.doc, 'spät', 'zu spät angekündigt')
    await until(watcher.doc, () => noteText(watcher.doc, 'spät') === 'zu spät angekündigt')
  })
})
