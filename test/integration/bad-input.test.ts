import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeSyncStep1, encodeUpdate } from '../../shared/protocol.ts'
import { connectClient, createBoard, openRawSocket, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteText, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

const maxMessageBytes = 64 * 1024

describe('bad input leaves the relay and other clients working', () => {
  let relay: RelayProcess
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
    const { socket, closed } = await openRawSocket(relay, boardId)
    const doc = new Y.Doc()
    putNote(doc, 'huge', 'x'.repeat(maxMessageBytes))
    socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc)))
    expect((await closed).code).toBe(1009)
    await expectOthersStillSync()
    expect(noteText(b.doc, 'huge')).toBeUndefined()
    const late = connectClient(relay, boardId)
    await whenSynced(late)
    expect(noteText(late.doc, 'huge')).toBeUndefined()
    late.destroy()
  })

  it('compresses with permessage-deflate, keeping no context between messages', async () => {
    const { socket, extensions } = await openRawSocket(relay, boardId)
    expect(extensions.split(/;\s*/).sort()).toEqual(['client_no_context_takeover', 'permessage-deflate', 'server_max_window_bits=11', 'server_no_context_takeover'])
    socket.close()
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

  it('keeps its own small window and no context for a client that asks for the largest windows', async () => {
    const { socket, extensions } = await openRawSocket(relay, boardId, undefined, undefined, { serverMaxWindowBits: 15, clientMaxWindowBits: 15 })
    // Its own window is zlib's largest anyway (32 KiB for inflating, socketCompression.ts); the relay's stays 2 KiB.
    expect(extensions.split(/;\s*/).sort()).toEqual(['client_max_window_bits=15', 'client_no_context_takeover', 'permessage-deflate', 'server_max_window_bits=11', 'server_no_context_takeover'])
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
