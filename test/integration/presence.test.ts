/**
 * Presence through the real relay: plain y-websocket clients and our own (patches, culling by
 * viewport), with real providers. y-websocket sends every awareness change it hears back to the
 * relay, others' states included; the relay must drop those, not cut the client off.
 */
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { receivePresencePatches } from '../../client/sync/presencePatches.ts'
import { messagePresencePatch, presencePatchParam } from '../../shared/presencePatch.ts'
import { CloseCode, messageAwareness, messageQueryAwareness } from '../../shared/protocol.ts'
import { connectClient, createBoard, openRawSocket, privateRelaySuite, whenSynced, type TestClient } from '../helpers/clients.ts'
import { awarenessFrame } from '../helpers/rawClients.ts'
import { hang } from '../helpers/hang.ts'

/** A presence like our client's, the cursor at (x, y), looking at the area from (0, 0). */
const presence = (x: number, y: number) =>
  JSON.stringify({
    presence: {
      userName: `at ${x},${y}`,
      cursor: { x, y, type: 'default', rotation: 0 },
      camera: { x: 0, y: 0, z: 1 },
      screenBounds: { x: 0, y: 0, w: 1440, h: 900 },
      currentPageId: 'page:page',
      lastActivityTimestamp: x + y,
    },
  })

/** The (id, clock) of each state in an awareness frame; none for any other message. */
function statesIn(data: Buffer): Array<{ id: number; clock: number }> {
  const decoder = decoding.createDecoder(new Uint8Array(data))
  if (decoding.readVarUint(decoder) !== messageAwareness) return []
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const states: Array<{ id: number; clock: number }> = []
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    const id = decoding.readVarUint(update)
    const clock = decoding.readVarUint(update)
    decoding.readVarString(update)
    states.push({ id, clock })
  }
  return states
}

/** Resolves once the socket has received states for every one of `ids`. */
function statesArrive(socket: WebSocket, ids: number[]): Promise<void> {
  const missing = new Set(ids)
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      for (const { id } of statesIn(data)) missing.delete(id)
      if (missing.size > 0) return
      socket.off('message', onMessage)
      resolve()
    }
    socket.on('message', onMessage)
  })
}

const nameOf = (states: Map<number, Record<string, unknown>>, id: number) => (states.get(id)?.presence as { userName?: string } | undefined)?.userName

function awarenessHas(client: TestClient, check: (states: Map<number, Record<string, unknown>>) => boolean): Promise<void> {
  const awareness = client.provider.awareness
  return new Promise((resolve) => {
    const onChange = () => {
      if (!check(awareness.getStates())) return
      awareness.off('change', onChange)
      resolve()
    }
    awareness.on('change', onChange)
    onChange()
  })
}

describe('presence through the relay', () => {
  // Long enough that a far cursor cannot slip through during the near one's five moves.
  const suite = privateRelaySuite({ FAR_PRESENCE_MS: '3000' })
  const clients: TestClient[] = []

  async function publishers(boardId: string, count: number) {
    const sockets = await Promise.all(Array.from({ length: count }, () => openRawSocket(suite.relay, boardId)))
    return sockets.map(({ socket }) => socket)
  }

  /** A new board and a y-websocket client on it, synced: who hears what the relay passes on. */
  async function listenedBoard(title: string) {
    const board = await createBoard(suite.relay, title)
    const listener = connectClient(suite.relay, board.id, new Y.Doc())
    clients.push(listener)
    await whenSynced(listener)
    return { board, listener }
  }

  it('keeps a plain y-websocket client that echoes a dozen others’ states back', async () => {
    const board = await createBoard(suite.relay, 'Plenum')
    const [a, b, c, reader] = await publishers(board.id, 4)
    const ids = Array.from({ length: 12 }, (_, i) => 500 + i)
    const arrived = statesArrive(reader, ids)
    ;[a, b, c].forEach((socket, s) => socket.send(awarenessFrame(ids.slice(s * 4, s * 4 + 4).map((id) => [id, 1, presence(id, id)]))))
    await arrived

    // It is sent all twelve in one message, and y-websocket sends all twelve back.
    const plain = connectClient(suite.relay, board.id, new Y.Doc())
    clients.push(plain)
    const cutOff = new Promise<never>((_, reject) =>
      plain.provider.on('connection-close', (event: CloseEvent | null) => reject(new Error(`cut off: ${event?.code}`))),
    )
    await Promise.race([whenSynced(plain), cutOff])
    await Promise.race([awarenessHas(plain, (states) => ids.every((id) => states.has(id))), cutOff])
    // Whatever the relay did with the echo, it did before this later change reaches the client.
    a.send(awarenessFrame([[500, 2, presence(1, 1)]]))
    await Promise.race([awarenessHas(plain, (states) => nameOf(states, 500) === 'at 1,1'), cutOff])
    for (const socket of [a, b, c, reader]) socket.terminate()
    plain.destroy()
  })

  it('gives our client near cursors as patches at once, far ones later, and the same states as a plain client', async () => {
    const board = await createBoard(suite.relay, 'Gruppen')
    const [near, far] = await publishers(board.id, 2)
    const ours = connectClient(suite.relay, board.id, new Y.Doc(), { params: { [presencePatchParam.name]: presencePatchParam.value } })
    receivePresencePatches(ours.provider)
    const plain = connectClient(suite.relay, board.id, new Y.Doc())
    clients.push(ours, plain)
    await Promise.all([ours, plain].map(whenSynced))
    ours.provider.awareness.setLocalState(JSON.parse(presence(700, 450)))

    let patches = 0
    ours.provider.ws!.addEventListener('message', (event: MessageEvent) => {
      if (new Uint8Array(event.data as ArrayBuffer)[0] === messagePresencePatch) patches++
    })
    near.send(awarenessFrame([[600, 1, presence(100, 100)]]))
    far.send(awarenessFrame([[601, 1, presence(90_000, 90_000)]]))
    await awarenessHas(ours, (states) => states.has(600) && states.has(601))
    for (let move = 2; move <= 6; move++) {
      near.send(awarenessFrame([[600, move, presence(100 + move, 100)]]))
      far.send(awarenessFrame([[601, move, presence(90_000 + move, 90_000)]]))
      await awarenessHas(ours, (states) => nameOf(states, 600) === `at ${100 + move},100`)
    }
    expect(patches).toBeGreaterThanOrEqual(1)
    // The far one still stands where it was first seen, until its interval has passed.
    expect(nameOf(ours.provider.awareness.getStates(), 601)).toBe('at 90000,90000')
    await awarenessHas(ours, (states) => nameOf(states, 601) === 'at 90006,90000')
    await awarenessHas(plain, (states) => nameOf(states, 601) === 'at 90006,90000')
    for (const id of [600, 601]) expect(ours.provider.awareness.getStates().get(id)).toEqual(plain.provider.awareness.getStates().get(id))
    for (const socket of [near, far]) socket.terminate()
    for (const client of [ours, plain]) client.destroy()
  })
  it('forgets a state its holder took back and set again in one frame, once the holder leaves', async () => {
    const { board, listener } = await listenedBoard('Zurückgenommen')
    const [holder] = await publishers(board.id, 1)
    holder!.send(awarenessFrame([[800, 1, presence(1, 1)], [801, 1, presence(2, 2)]]))
    await awarenessHas(listener, (states) => states.has(800) && states.has(801))
    // Its own id gone and back in one frame: still its state, counted and removed with it.
    holder!.send(awarenessFrame([[800, 2, 'null'], [800, 3, presence(3, 3)]]))
    await awarenessHas(listener, (states) => nameOf(states, 800) === 'at 3,3')
    holder!.terminate()
    // Both of the holder's states leave in one message.
    await awarenessHas(listener, (states) => !states.has(801))
    expect(listener.provider.awareness.getStates().has(800)).toBe(false)
    listener.destroy()
  })

  it('passes on the state the relay holds when one frame names an id twice at the same clock', async () => {
    const { board, listener } = await listenedBoard('Doppelt')
    const [twice] = await publishers(board.id, 1)
    // y-protocols applies the first and ignores the second: the relay holds 'at 10,10'.
    twice!.send(awarenessFrame([[810, 1, presence(10, 10)], [810, 1, presence(20, 20)]]))
    await awarenessHas(listener, (states) => states.has(810))
    const joiner = connectClient(suite.relay, board.id, new Y.Doc())
    clients.push(joiner)
    await awarenessHas(joiner, (states) => states.has(810))
    expect([nameOf(listener.provider.awareness.getStates(), 810), nameOf(joiner.provider.awareness.getStates(), 810)]).toEqual(['at 10,10', 'at 10,10'])
    twice!.terminate()
    for (const client of [listener, joiner]) client.destroy()
  })

  it('lets nobody on the same shared link take over the presence of someone whose connection dropped', async () => {
    const board = await createBoard(suite.relay, 'Anwesenheit')
    const join = (writer: string, token = board.access.participant) => {
      const client = connectClient(suite.relay, board.id, new Y.Doc(), { token, writer })
      clients.push(client)
      return client
    }
    const anna = join('a'.repeat(32))
    const mallory = join('m'.repeat(32))
    const observer = join('o'.repeat(32), board.access.observer)
    await Promise.all([anna, mallory, observer].map(whenSynced))
    const named = (userName: string) => ({ presence: { userName } })
    anna.provider.awareness.setLocalState(named('Anna'))
    const id = anna.doc.clientID
    await awarenessHas(mallory, (states) => nameOf(states, id) === 'Anna')

    // Anna's Wi-Fi drops; Mallory, on the same participant link, claims Anna's id with a later clock.
    anna.provider.disconnect()
    await awarenessHas(mallory, (states) => !states.has(id))
    mallory.provider.ws!.send(awarenessFrame([[id, 1000, JSON.stringify(named('Mallory'))]]))
    // Her own next state comes after that frame: once the observer has it, the relay has judged the claim.
    mallory.provider.awareness.setLocalState(named('Mallory selbst'))
    await awarenessHas(observer, (states) => nameOf(states, mallory.doc.clientID) === 'Mallory selbst')

    anna.provider.connect()
    await whenSynced(anna)
    anna.provider.awareness.setLocalState(named('Anna wieder'))
    await expect.poll(() => nameOf(observer.provider.awareness.getStates(), id), { timeout: hang(15_000) }).toBe('Anna wieder')
    expect(nameOf(anna.provider.awareness.getStates(), id)).toBe('Anna wieder')
    for (const client of [anna, mallory, observer]) client.destroy()
  })
})

/** The client ids of an awareness message, or null for any other message. */
function awarenessIds(data: Buffer): number[] | null {
  const decoder = decoding.createDecoder(new Uint8Array(data))
  if (decoding.readVarUint(decoder) !== messageAwareness) return null
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const ids: number[] = []
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    ids.push(decoding.readVarUint(update))
    decoding.readVarUint(update)
    decoding.readVarString(update)
  }
  return ids
}

/** A raw socket from `address`, and what it is sent; `anchored`: `anchor`'s state is on the board already. */
async function socketFrom(relay: { wsUrl: string }, boardId: string, token: string, address: string, anchored = true) {
  const { socket, closed, inRoom } = await openRawSocket(relay, boardId, token, { 'x-forwarded-for': address })
  const received: number[][] = []
  const waiters = new Set<() => void>()
  socket.on('message', (data: Buffer) => {
    const ids = awarenessIds(data)
    if (ids) received.push(ids)
    for (const wake of waiters) wake()
  })
  await inRoom
  return {
    socket,
    closed,
    /** Asks for every state on the board: the ids of the answer, or the close code if it was cut off. */
    async ask(): Promise<number[] | { closed: number }> {
      const before = received.length
      // A joiner is sent every state once (`anchored`), maybe only now: two queries, and the
      // second message with every state is an answer to one of them.
      const answers = anchored ? 2 : 1
      const answer = new Promise<number[]>((resolve) => {
        // The answer holds everyone's states: so also those of `anchor`, that never change.
        const wake = () => {
          const found = received.slice(before).filter((ids) => ids.includes(anchor))
          if (found.length < answers) return
          waiters.delete(wake)
          resolve(found[answers - 1])
        }
        waiters.add(wake)
      })
      for (let i = 0; i < answers; i++) socket.send(new Uint8Array([messageQueryAwareness]))
      return Promise.race([answer, closed.then(({ code }) => ({ closed: code }))])
    },
  }
}

/**
 * Resolves once the socket has received, for each id, a state at least as new as `clocks` has it,
 * with the number of states it received until then.
 */
function newestStates(socket: WebSocket, clocks: Map<number, number>): Promise<number> {
  const waiting = new Map(clocks)
  let received = 0
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      for (const { id, clock } of statesIn(data)) {
        if (!clocks.has(id)) continue
        received++
        if (clock >= (waiting.get(id) ?? Infinity)) waiting.delete(id)
      }
      if (waiting.size > 0) return
      socket.off('message', onMessage)
      resolve(received)
    }
    socket.on('message', onMessage)
  })
}

/** The id of a state that a listener parks first and never changes: every full answer holds it. */
const anchor = 90_000

describe('awareness budgets per address', () => {
  describe('states parked', () => {
    // Two sockets' worth of big states per address, and per board room for a few addresses.
    const suite = privateRelaySuite({ TRUST_PROXY: '127.0.0.1', MAX_AWARENESS_BYTES_PER_ADDRESS: String(64 * 1024) })

    it('cuts off a socket whose states take its address past its share, while others on the board keep theirs', async () => {
      const board = await createBoard(suite.relay, 'Beobachtet')
      const listener = await socketFrom(suite.relay, board.id, board.access.observer, '203.0.113.30', false)
      listener.socket.send(awarenessFrame([[anchor, 1, presence(0, 0)]]))
      expect(await listener.ask()).toEqual([anchor])
      // Each socket of the read-only link parks four states of 7 KB.
      const big = (id: number) => JSON.stringify({ presence: { userName: 'x'.repeat(7000), id } })
      const outcomes: Array<number[] | { closed: number }> = []
      for (let s = 0; s < 4; s++) {
        const attacker = await socketFrom(suite.relay, board.id, board.access.observer, '198.51.100.30')
        const ids = [0, 1, 2, 3].map((i) => 1000 + s * 10 + i)
        attacker.socket.send(awarenessFrame(ids.map((id) => [id, 1, big(id)])))
        outcomes.push(await attacker.ask())
      }
      expect(outcomes.slice(0, 2).every((o) => Array.isArray(o))).toBe(true)
      expect(outcomes.slice(2)).toEqual([{ closed: CloseCode.awarenessTooLarge }, { closed: CloseCode.awarenessTooLarge }])
      // What the board holds: the anchor and the first two sockets' states, no more.
      const held = (await listener.ask()) as number[]
      expect(held.filter((id) => id !== anchor).sort()).toEqual([1000, 1001, 1002, 1003, 1010, 1011, 1012, 1013])
      expect(held).toContain(anchor)
      // Someone from another address still shares their presence.
      const other = await socketFrom(suite.relay, board.id, board.access.participant, '203.0.113.31')
      other.socket.send(awarenessFrame([[2000, 1, presence(5, 5)]]))
      expect(await other.ask()).toContain(2000)
    })
  })

  describe('awareness passed on', () => {
    const suite = privateRelaySuite({ TRUST_PROXY: '127.0.0.1', MAX_AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: String(16 * 1024) })

    it('passes on what one address sends at the address’s rate, however many sockets it opens', async () => {
      const board = await createBoard(suite.relay, 'Gewimmel')
      const listener = await socketFrom(suite.relay, board.id, board.access.observer, '203.0.113.40', false)
      listener.socket.send(awarenessFrame([[anchor, 1, presence(0, 0)]]))
      expect(await listener.ask()).toEqual([anchor])
      // Ten sockets of one address, each with its own state of 7 KB: a burst of twice the
      // address's 16 KiB per second passes, the rest waits for the rate (and nobody is cut off).
      const big = (id: number) => JSON.stringify({ presence: { userName: 'y'.repeat(7000), id } })
      let firstSent = 0
      for (let s = 0; s < 10; s++) {
        const attacker = await socketFrom(suite.relay, board.id, board.access.observer, '198.51.100.40')
        attacker.socket.send(awarenessFrame([[3000 + s, 1, big(3000 + s)]]))
        firstSent ||= performance.now()
        expect(await attacker.ask()).toContain(anchor)
      }
      const held = (await listener.ask()) as number[]
      const answered = performance.now()
      const passed = held.filter((id) => id >= 3000 && id < 3010)
      expect(passed.length).toBeGreaterThanOrEqual(4)
      // The burst holds four or five states; what the rate refilled until the answer (longer on
      // a busy machine) may let one more through per 7 KB, never all ten at once.
      const refilled = Math.floor((16 * 1024 * (answered - firstSent)) / 1000 / 7000)
      expect(passed.length).toBeLessThanOrEqual(5 + refilled)
      expect(passed.length).toBeLessThan(10)
      // Another address is not held back by it.
      const other = await socketFrom(suite.relay, board.id, board.access.participant, '203.0.113.41')
      other.socket.send(awarenessFrame([[3100, 1, big(3100)]]))
      expect(await other.ask()).toContain(3100)
    })

    it('brings everyone each sender’s newest state once the address’s rate allows, however fast its people move', async () => {
      const board = await createBoard(suite.relay, 'Plenum hinter einem NAT')
      const listener = await socketFrom(suite.relay, board.id, board.access.observer, '203.0.113.50', false)
      // Three people behind one address move ten times each at once, 2 KB a state: twice what
      // the burst of the address's 16 KiB per second holds. Passed on one by one, the last
      // moves of some would be lost and their cursors would stay where the burst left them.
      const people = await Promise.all([0, 1, 2].map(() => socketFrom(suite.relay, board.id, board.access.participant, '198.51.100.50')))
      const ids = [4000, 4001, 4002]
      const moves = 10
      const newest = newestStates(listener.socket, new Map(ids.map((id) => [id, moves])))
      for (let move = 1; move <= moves; move++) {
        people.forEach(({ socket }, p) => socket.send(awarenessFrame([[ids[p], move, JSON.stringify({ presence: { userName: 'z'.repeat(2000), move } })]])))
      }
      const received = await newest
      // Not each move passed on: those that waited for the rate were merged into their sender's newest.
      expect(received).toBeLessThan(ids.length * moves)
    })
  })
})

