import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import type { WebSocket } from 'ws'
import { encodeSyncStep1, encodeUpdate } from '../../shared/protocol.ts'
import { connectClient, createBoard, openRawSocket, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteText, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'

const maxMessageBytes = 64 * 1024

describe('bad input leaves the relay and other clients working', () => {
  let relay: Relay
  let boardId: string
  let a: TestClient
  let b: TestClient

  beforeAll(async () => {
    relay = await startRelay({ env: { MAX_MESSAGE_BYTES: String(maxMessageBytes) } })
    boardId = (await createBoard(relay)).id
    a = connectClient(relay, boardId)
    b = connectClient(relay, boardId)
    await Promise.all([a, b].map(whenSynced))
  })
  afterAll(async () => {
    a.destroy()
    b.destroy()
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  let round = 0
  /** After each attack: the relay still relays between the honest clients. */
  async function expectOthersStillSync() {
    const key = `after-${round++}`
    putNote(a.doc, key)
    await until(b.doc, () => noteText(b.doc, key) !== undefined)
    const health = await fetch(`${relay.httpUrl}/healthz`)
    expect(health.status).toBe(200)
  }

  const validUpdate = () => {
    const doc = new Y.Doc()
    putNote(doc, 'evil')
    return Y.encodeStateAsUpdate(doc)
  }

  const frames: Record<string, () => Uint8Array> = {
    'unknown message type': () => Uint8Array.of(42, 1, 2, 3),
    'unknown sync type': () => Uint8Array.of(0, 9, 0),
    'truncated update frame': () => encodeUpdate(validUpdate()).slice(0, 6),
    'update that is not a Yjs update': () => encodeUpdate(Uint8Array.of(250, 250, 250, 250, 1, 2, 3)),
    'update truncated inside the Yjs payload': () => {
      const update = validUpdate()
      return encodeUpdate(update.slice(0, update.length - 4))
    },
    // Yjs integrates the structs before it reads the delete set: without validating the whole
    // update first, the relay would keep (and forward) half of it.
    'update whose delete set is cut off': () => {
      const doc = new Y.Doc()
      putNote(doc, 'evil')
      putNote(doc, 'tmp')
      doc.getMap('tldraw').delete('shape:tmp')
      const update = Y.encodeStateAsUpdate(doc)
      return encodeUpdate(update.slice(0, update.length - 1))
    },
    'garbage state vector': () => encodeSyncStep1(Uint8Array.of(255, 255, 255, 255, 255)),
    'awareness with broken JSON': () => {
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, 12345)
      encoding.writeVarUint(inner, 1)
      encoding.writeVarString(inner, '{not json')
      const outer = encoding.createEncoder()
      encoding.writeVarUint(outer, 1)
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
      return encoding.toUint8Array(outer)
    },
    'trailing bytes': () => Uint8Array.from([...encodeUpdate(validUpdate()), 7, 7]),
  }

  for (const [name, frame] of Object.entries(frames)) {
    it(`closes the sender of a ${name} with 1007 and applies nothing`, async () => {
      const { socket, closed } = await openRawSocket(relay, boardId)
      socket.send(frame())
      expect((await closed).code).toBe(1007)
      await expectOthersStillSync()
      expect(noteText(b.doc, 'evil')).toBeUndefined()
    })
  }

  it('closes a text frame with 1007', async () => {
    const { socket, closed } = await openRawSocket(relay, boardId)
    socket.send('hello')
    expect((await closed).code).toBe(1007)
    await expectOthersStillSync()
  })

  it('closes an oversized frame with 1009 and applies nothing of it', async () => {
    // What the relay's process prints to stderr is the operator's log: a refused frame is no stack trace there.
    const printed = vi.spyOn(console, 'error')
    const { socket, closed } = await openRawSocket(relay, boardId)
    const doc = new Y.Doc()
    putNote(doc, 'huge', 'x'.repeat(maxMessageBytes))
    socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
    expect((await closed).code).toBe(1009)
    expect(printed.mock.calls.map((args) => String(args[0]))).toEqual([])
    printed.mockRestore()
    // The relay's own line says which board's socket erred, and nothing of the frame.
    const line = await relay.waitForLog((entry) => entry.msg === 'socket error' && entry.board === boardId)
    expect(Object.keys(line).sort()).toEqual(expect.arrayContaining(['board', 'connection', 'error']))
    await expectOthersStillSync()
    expect(noteText(b.doc, 'huge')).toBeUndefined()
    const late = connectClient(relay, boardId)
    await whenSynced(late)
    expect(noteText(late.doc, 'huge')).toBeUndefined()
    late.destroy()
  })

  it('compresses with permessage-deflate, keeping no context between messages', async () => {
    const { socket, extensions } = await openRawSocket(relay, boardId)
    // No window named by either: zlib's largest (socketCompression.ts).
    expect(extensions.split(/;\s*/).sort()).toEqual(['client_no_context_takeover', 'permessage-deflate', 'server_no_context_takeover'])
    socket.close()
  })

  it('deflates the board a joiner is sent, and passes the fan-out on as it is', async () => {
    const wireRead = (socket: WebSocket) => (socket as unknown as { _socket: { bytesRead: number } })._socket.bytesRead
    const listener = await openRawSocket(relay, boardId)
    expect(listener.extensions).toContain('permessage-deflate')
    // In sync first: updates go to a socket once it has the board.
    const synced = new Promise<void>((resolve) => listener.socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve()))
    listener.socket.send(encodeSyncStep1(new Uint8Array([0])))
    await synced
    // 9 kB of text (a Zettel holds up to 10,000 characters) that deflates to a few hundred bytes.
    const text = 'Erreichbarkeit am Nachmittag, '.repeat(300)
    const readBefore = wireRead(listener.socket)
    const fannedOut = new Promise<number>((resolve) =>
      listener.socket.on('message', (data: Buffer) => data.byteLength > text.length && resolve(wireRead(listener.socket) - readBefore)),
    )
    putNote(a.doc, 'long', text)
    // Each socket would have deflated it on its own: it crosses the wire at full size.
    expect(await fannedOut).toBeGreaterThan(text.length)
    listener.socket.close()

    // A board that holds the long Zettel: a joiner is sent it deflated.
    const other = (await createBoard(relay)).id
    const writer = connectClient(relay, other)
    await whenSynced(writer)
    putNote(writer.doc, 'long', text)
    const reader = connectClient(relay, other)
    await until(reader.doc, () => noteText(reader.doc, 'long') !== undefined)
    writer.destroy()
    reader.destroy()
    const joiner = await openRawSocket(relay, other)
    const readAtJoin = wireRead(joiner.socket)
    let bytes = 0
    const board = new Promise<number>((resolve) =>
      joiner.socket.on('message', (data: Buffer) => {
        // The board: a sync step 2, perhaps after the updates since it was last encoded.
        if (data[0] !== 0 || data[1] === 0) return
        bytes += data.byteLength
        if (bytes > text.length) resolve(wireRead(joiner.socket) - readAtJoin)
      }),
    )
    joiner.socket.send(encodeSyncStep1(new Uint8Array([0])))
    expect(await board).toBeLessThan(bytes / 4)
    joiner.socket.close()
  })

  it('closes a compression bomb with 1009 once it inflates past MAX_MESSAGE_BYTES, and serves the others', async () => {
    const { socket, closed } = await openRawSocket(relay, boardId)
    expect(socket.extensions).toContain('permessage-deflate')
    // 32 MiB of an update's bytes deflate to about 32 KiB: under the limit on the wire, 512 times it inflated.
    const bomb = new Uint8Array(32 * 1024 * 1024)
    bomb.set(encodeUpdate(new Uint8Array(0)).subarray(0, 2))
    await new Promise<void>((resolve, reject) => socket.send(bomb, { compress: true }, (error) => (error ? reject(error) : resolve())))
    expect((await closed).code).toBe(1009)
    await expectOthersStillSync()
  })

  it('keeps no context for a client that asks for the largest windows', async () => {
    const { socket, extensions } = await openRawSocket(relay, boardId, undefined, undefined, { serverMaxWindowBits: 15, clientMaxWindowBits: 15 })
    // The windows are the client's choice (socketCompression.ts); no context is kept either way.
    expect(extensions.split(/;\s*/).sort()).toEqual(['client_max_window_bits=15', 'client_no_context_takeover', 'permessage-deflate', 'server_max_window_bits=15', 'server_no_context_takeover'])
    socket.close()
    await expectOthersStillSync()
  })

  it('closes a compression bomb sent in fragments, each small, with 1009 once the message inflates past MAX_MESSAGE_BYTES', async () => {
    const { socket, closed } = await openRawSocket(relay, boardId)
    const part = new Uint8Array(4 * 1024 * 1024)
    part.set(encodeUpdate(new Uint8Array(0)).subarray(0, 2))
    const send = (fin: boolean) => new Promise<void>((resolve) => socket.send(part, { compress: true, fin }, () => resolve()))
    // Eight fragments of one message: each inflates under the limit, together 32 times it.
    for (let i = 0; i < 8 && socket.readyState === socket.OPEN; i++) await send(i === 7)
    expect((await closed).code).toBe(1009)
    await expectOthersStillSync()
  })

  it('refuses a socket for an unknown or malformed board id with 404', async () => {
    await expect(openRawSocket(relay, 'A'.repeat(22))).rejects.toThrow(/404/)
    await expect(openRawSocket(relay, '..%2F..%2Fetc')).rejects.toThrow(/404/)
    await expectOthersStillSync()
  })

  it('never writes board contents to the log', async () => {
    const secret = 'Frau M., Schulden bei der Wohnungsbaugesellschaft'
    putNote(a.doc, 'secret', secret)
    await until(b.doc, () => noteText(b.doc, 'secret') !== undefined)
    expect(relay.logs.join('\n')).not.toContain('Schulden')
    expect(relay.logs.join('\n')).not.toContain('{not json')
  })
})

describe('SOCKET_COMPRESSION=off', () => {
  it('declines permessage-deflate when a client offers it, and the board syncs uncompressed', async () => {
    const relay = await startRelay({ env: { SOCKET_COMPRESSION: 'off' } })
    try {
      const boardId = (await createBoard(relay)).id
      const { socket, extensions, inRoom } = await openRawSocket(relay, boardId)
      expect(extensions).toBe('')
      await inRoom
      socket.close()
      const [a, b] = [connectClient(relay, boardId), connectClient(relay, boardId)]
      await Promise.all([a, b].map(whenSynced))
      putNote(a.doc, 'plain')
      await until(b.doc, () => noteText(b.doc, 'plain') !== undefined)
      a.destroy()
      b.destroy()
    } finally {
      await relay.kill()
      removeDataDir(relay.dataDir)
    }
  })

  it('refuses a value other than on or off at start', async () => {
    await expect(startRelay({ env: { SOCKET_COMPRESSION: 'yes' } })).rejects.toThrow(/SOCKET_COMPRESSION/)
  })
})
