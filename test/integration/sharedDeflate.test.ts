/**
 * What every joiner is sent (the board, everyone's presence) deflated once for all sockets that
 * agreed to the same window (`server/base/sharedDeflate.ts`), and inflated correctly by ws' client
 * whatever it offered: ws' defaults and the browsers' offer (client_max_window_bits without a
 * value, no server_max_window_bits: Chromium and Firefox), no window named at all, a small window
 * of its own, a smaller window for the relay (2⁸ to 2¹⁰, deflated for each), and no compression.
 */
import * as decoding from 'lib0/decoding'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket, type PerMessageDeflateOptions } from 'ws'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { tokenQueryParam } from '../../shared/access.ts'
import { encodeSyncStep1, messageAwareness, messageSync, syncStep2, syncUpdate } from '../../shared/protocol.ts'
import { connectClient, createBoard, openRawSocket, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { hang } from '../helpers/hang.ts'
import { presenceFrame } from '../helpers/presence.ts'
import { noteText, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

/** ws' threshold on the relay (`socketCompression.ts`): smaller messages go out plain. */
const threshold = 4096

interface Joined {
  offered: string
  extensions: string
  /** The messages as the relay sent them, in order, inflated. */
  messages: Uint8Array[]
  /** What the socket read from the wire, the upgrade's answer too. */
  wireBytes: number
}

/** What a socket offers, and the relay's window it is then sent frames for (2^window bytes; null: none, plain frames). */
const offers: Record<string, { deflate: PerMessageDeflateOptions | false; offered: string; window: number | null }> = {
  "ws' defaults and the browsers'": { deflate: {}, offered: 'permessage-deflate; client_max_window_bits', window: 15 },
  // ws' types say number, ws itself takes false for naming none.
  'no window named': { deflate: { clientMaxWindowBits: false as unknown as number }, offered: 'permessage-deflate', window: 15 },
  'a small window of its own': { deflate: { clientMaxWindowBits: 9 }, offered: 'permessage-deflate; client_max_window_bits=9', window: 15 },
  'the largest window for the relay': { deflate: { serverMaxWindowBits: 15 }, offered: 'permessage-deflate; server_max_window_bits=15; client_max_window_bits', window: 15 },
  // zlib deflates with 2⁹ for 8, whose matches then reach back at most 250 bytes: within the client's 2⁸.
  'a window of 2⁸ for the relay': { deflate: { serverMaxWindowBits: 8 }, offered: 'permessage-deflate; server_max_window_bits=8; client_max_window_bits', window: 8 },
  'a window of 2⁹ for the relay': { deflate: { serverMaxWindowBits: 9 }, offered: 'permessage-deflate; server_max_window_bits=9; client_max_window_bits', window: 9 },
  'a window of 2¹⁰ for the relay': { deflate: { serverMaxWindowBits: 10 }, offered: 'permessage-deflate; server_max_window_bits=10; client_max_window_bits', window: 10 },
  'no compression': { deflate: false, offered: '', window: null },
}

describe('what every joiner is sent, deflated once', () => {
  let relay: Relay
  let boardId: string
  let url: string
  let writer: TestClient
  /** Sees what the relay has: the board and everyone's presence. */
  let watcher: TestClient
  /** Twelve people present (~480 bytes each): everyone's presence is over the threshold too. */
  const people = Array.from({ length: 12 }, (_, i) => ({ clientId: 1000 + i, clock: 0, name: `Person ${i}`, cursor: { x: i, y: i }, view: { x: 0, y: 0, w: 1280, h: 800 } }))
  const sockets: WebSocket[] = []

  /** Each person's presence sent anew, until the relay passed on all of it (it drops presence older than 30 s). */
  async function present(): Promise<void> {
    const { awareness } = watcher.provider
    const current = () => people.every((person) => awareness.meta.get(person.clientId)?.clock === person.clock)
    const passedOn = new Promise<void>((resolve) => {
      const seen = () => current() && resolve()
      awareness.on('update', seen)
    })
    people.forEach((person, i) => sockets[i]!.send(presenceFrame(person)))
    await passedOn
  }

  beforeAll(async () => {
    relay = await startRelay()
    const board = await createBoard(relay, 'Plenum', { template: 'planspiel', locale: 'de' })
    boardId = board.id
    url = `${relay.wsUrl}/${boardId}?${tokenQueryParam}=${encodeURIComponent(board.access.observer)}`
    // Without presence of their own: a presence renews itself every 15 s, changing what joiners are sent under the test.
    writer = connectClient(relay, boardId, new Y.Doc(), { token: board.access.participant })
    writer.provider.awareness.setLocalState(null)
    watcher = connectClient(relay, boardId, new Y.Doc(), { token: board.access.observer })
    watcher.provider.awareness.setLocalState(null)
    await Promise.all([writer, watcher].map(whenSynced))
    for (const _ of people) {
      const { socket, inRoom } = await openRawSocket(relay, boardId, board.access.participant)
      await inRoom
      sockets.push(socket)
    }
  }, hang(60_000))

  beforeEach(() => present(), hang(30_000))

  afterAll(async () => {
    for (const socket of sockets) socket.terminate()
    writer.destroy()
    watcher.destroy()
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  /** A socket offering `deflate` asks for the board and waits for it and everyone's presence. */
  async function join(deflate: PerMessageDeflateOptions | false): Promise<Joined> {
    const socket = new WebSocket(url, { perMessageDeflate: deflate })
    const offered = String((socket as unknown as { _req: { getHeader(name: string): unknown } })._req.getHeader('sec-websocket-extensions') ?? '')
    let extensions = ''
    socket.once('upgrade', (response) => (extensions = String(response.headers['sec-websocket-extensions'] ?? '')))
    const messages: Uint8Array[] = []
    const read = () => (socket as unknown as { _socket: { bytesRead: number } })._socket.bytesRead
    try {
      await new Promise<void>((resolve, reject) => {
        socket.on('open', () => socket.send(encodeSyncStep1(new Uint8Array([0]))))
        socket.on('message', (data: Buffer) => {
          messages.push(new Uint8Array(data))
          if (messages.some(isStep2) && messages.some((m) => m[0] === messageAwareness)) resolve()
        })
        socket.on('error', reject)
        socket.on('close', (code) => reject(new Error(`closed with ${code}`)))
      })
      return { offered, extensions, messages, wireBytes: read() }
    } finally {
      socket.terminate()
    }
  }

  const deflateCounts = async () => {
    const text = await (await fetch(`${relay.httpUrl}/metrics`)).text()
    const count = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
    return { deflates: count('netzwerkstatt_socket_deflates_total'), frames: count('netzwerkstatt_socket_deflated_frames_total') }
  }

  for (const [name, { deflate, offered, window }] of Object.entries(offers)) {
    it(`sends the board and everyone's presence to a socket offering ${name}`, async () => {
      const joined = await join(deflate)
      expect(joined.offered).toBe(offered)
      if (window === null) expect(joined.extensions).toBe('')
      else expect(serverWindow(joined.extensions)).toBe(window)
      expectBoardAndPresence(joined, writer.doc)
      const inflated = joined.messages.reduce((sum, m) => sum + m.byteLength, 0)
      // The board deflates to about a sixth, to about half in a window of 512 bytes; sent plain, every byte crosses the wire.
      if (window === null) expect(joined.wireBytes).toBeGreaterThan(inflated)
      else expect(joined.wireBytes).toBeLessThan(inflated * (window >= 13 ? 1 / 3 : 3 / 4))
    }, hang(30_000))
  }

  it('deflates the board and the presence once per window for a crowd joining at once', async () => {
    const before = await deflateCounts()
    const crowd = await Promise.all(Array.from({ length: 5 }, () => Object.values(offers).map(({ deflate }) => join(deflate))).flat())
    const after = await deflateCounts()
    for (const joined of crowd) expectBoardAndPresence(joined, writer.doc)
    const compressing = crowd.filter((joined) => joined.extensions !== '')
    const large = (joined: Joined) => joined.messages.filter((m) => m.byteLength >= threshold)
    // Every large message a compressing socket was sent went out deflated, from one deflate per distinct message.
    const distinct = new Set(compressing.flatMap((joined) => large(joined).map((m) => `${serverWindow(joined.extensions)} ${Buffer.from(m).toString('base64')}`)))
    // The board and the presence, each for the windows 2⁹, 2¹⁰ and 2¹⁵.
    expect(distinct.size).toBeGreaterThanOrEqual(6)
    expect(after.frames - before.frames).toBe(compressing.reduce((sum, joined) => sum + large(joined).length, 0))
    expect(after.deflates - before.deflates).toBeLessThanOrEqual(distinct.size)
  }, hang(60_000))

  it('sends the others their board when joiners leave while its deflate is under way', async () => {
    // A change: the next joiners' board is deflated anew, and those who leave at once wait for it.
    putNote(writer.doc, 'gone', 'Wer geht, bevor die Tafel kommt, '.repeat(200))
    await until(watcher.doc, () => noteText(watcher.doc, 'gone') !== undefined)
    const leaving = Array.from({ length: 10 }, () => {
      const socket = new WebSocket(url, { perMessageDeflate: {} })
      socket.on('error', () => {})
      return new Promise<void>((resolve) => {
        socket.on('open', () => {
          socket.send(encodeSyncStep1(new Uint8Array([0])))
          socket.terminate()
        })
        socket.on('close', () => resolve())
      })
    })
    const staying = Array.from({ length: 5 }, () => join({}))
    await Promise.all(leaving)
    for (const joined of await Promise.all(staying)) expectBoardAndPresence(joined, writer.doc)
    expectBoardAndPresence(await join({}), writer.doc)
  }, hang(30_000))

  it('keeps a socket’s order when a later message’s frame is ready before an earlier one’s', async () => {
    await join({})
    // A change over the threshold: a joiner is sent it first (deflated now), then the board as encoded before (deflated already).
    putNote(writer.doc, 'long', 'Erreichbarkeit am Nachmittag, '.repeat(200))
    await until(watcher.doc, () => noteText(watcher.doc, 'long') !== undefined)
    const before = await deflateCounts()
    const joined = await join({})
    const after = await deflateCounts()
    const update = joined.messages.findIndex((m) => m[0] === messageSync && m[1] === syncUpdate && m.byteLength >= threshold)
    expect(update).toBeGreaterThanOrEqual(0)
    expect(update).toBeLessThan(joined.messages.findIndex(isStep2))
    expect(after.deflates - before.deflates).toBe(1)
    expectBoardAndPresence(joined, writer.doc)
  }, hang(30_000))
})

/** The relay's window in the extension it agreed to: 15 (zlib's largest) unless named. */
function serverWindow(extensions: string): number {
  return Number(/server_max_window_bits=(\d+)/.exec(extensions)?.[1] ?? 15)
}

function isStep2(message: Uint8Array): boolean {
  return message[0] === messageSync && message[1] === syncStep2
}

/** The joiner's messages applied to an empty doc and awareness: the board as the writer has it, and the twelve people. */
function expectBoardAndPresence(joined: Joined, board: Y.Doc): void {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  awareness.setLocalState(null)
  for (const message of joined.messages) {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    if (type === messageAwareness) awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'relay')
    else if (type === messageSync && decoding.readVarUint(decoder) !== 0) Y.applyUpdate(doc, decoding.readVarUint8Array(decoder))
  }
  expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(board))
  expect(doc.getMap('tldraw').toJSON()).toEqual(board.getMap('tldraw').toJSON())
  const names = [...awareness.getStates().values()].map((state) => (state as { presence?: { userName?: string } }).presence?.userName).sort()
  expect(names).toEqual(Array.from({ length: 12 }, (_, i) => `Person ${i}`).sort())
  awareness.destroy()
  doc.destroy()
}
