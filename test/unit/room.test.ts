/** The fan-out design: one merged message per recipient per tick, and no echo. */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeUpdate } from '../../shared/protocol.ts'
import type { Connection } from '../../server/Connection.ts'
import { issueTokens } from '../../server/access.ts'
import { createLogger } from '../../server/logger.ts'
import { Room } from '../../server/Room.ts'
import { SqliteStorage } from '../../server/storage/SqliteStorage.ts'
import { makeDataDir, removeDataDir } from '../helpers/relay.ts'

/** Records what the room sends; the real Connection wraps a socket, which this test does not need. */
class RecordingConnection {
  readonly awarenessClientIds = new Set<number>()
  readonly sent: Uint8Array[] = []
  closedWith: number | null = null
  constructor(
    readonly id: number,
    readonly role: 'participant' | 'observer' = 'participant',
  ) {}
  send(message: Uint8Array) {
    this.sent.push(message)
  }
  close(code: number) {
    this.closedWith = code
  }
  dispose() {}
}

describe('Room fan-out', () => {
  const dir = makeDataDir()
  const storage = new SqliteStorage(dir)
  const boardId = 'r'.repeat(22)
  storage.createBoard({ id: boardId, title: 't', createdAt: new Date().toISOString() }, issueTokens().hashes)
  let room: Room
  afterEach(() => room?.destroy())

  const open = (count: number) => {
    room = new Room(boardId, storage, { tickMs: 1_000_000, compactAfterUpdates: 1_000_000 }, createLogger('silent'))
    const connections = Array.from({ length: count }, (_, i) => new RecordingConnection(i))
    for (const c of connections) room.addConnection(c as unknown as Connection)
    for (const c of connections) c.sent.length = 0
    return connections
  }

  const editUpdate = (key: string) => {
    const doc = new Y.Doc()
    doc.getMap('m').set(key, key)
    return Y.encodeStateAsUpdate(doc)
  }

  const applySent = (connection: RecordingConnection) => {
    const doc = new Y.Doc()
    for (const frame of connection.sent) {
      const message = decodeMessage(frame)
      if (message.type === 'update') Y.applyUpdate(doc, message.update)
    }
    return doc.getMap('m').toJSON()
  }

  it('sends each recipient one merged update per tick, without its own edits', () => {
    const [a, b, c] = open(3)
    room.receive(a as unknown as Connection, encodeUpdate(editUpdate('a1')))
    room.receive(a as unknown as Connection, encodeUpdate(editUpdate('a2')))
    room.receive(b as unknown as Connection, encodeUpdate(editUpdate('b1')))
    expect(c.sent).toHaveLength(0)
    room.flush()

    expect(c.sent).toHaveLength(1)
    expect(applySent(c)).toEqual({ a1: 'a1', a2: 'a2', b1: 'b1' })
    expect(a.sent).toHaveLength(1)
    expect(applySent(a)).toEqual({ b1: 'b1' })
    expect(b.sent).toHaveLength(1)
    expect(applySent(b)).toEqual({ a1: 'a1', a2: 'a2' })
  })

  it('merges many clients awareness changes into one message and removes a leaver for everyone', () => {
    const connections = open(4)
    connections.forEach((connection, i) => {
      const peer = new awarenessProtocol.Awareness(new Y.Doc())
      peer.setLocalState({ cursor: { x: i, y: i } })
      const update = awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID])
      room.receive(connection as unknown as Connection, encodeAwareness(update))
    })
    room.flush()
    for (const connection of connections) {
      expect(connection.sent).toHaveLength(1)
      const observer = new awarenessProtocol.Awareness(new Y.Doc())
      const message = decodeMessage(connection.sent[0])
      if (message.type !== 'awareness') throw new Error('expected awareness')
      awarenessProtocol.applyAwarenessUpdate(observer, message.update, 'test')
      expect(observer.getStates().size).toBe(5) // four peers and the observer itself
    }
    expect(room.awareness.getStates().size).toBe(4)
    room.removeConnection(connections[0] as unknown as Connection)
    expect(room.awareness.getStates().size).toBe(3)
  })

  it('closes a client that sends garbage and applies nothing of it', () => {
    const [a, b] = open(2)
    const before = Y.encodeStateVector(room.doc)
    const valid = encodeUpdate(editUpdate('x'))
    room.receive(a as unknown as Connection, valid.slice(0, valid.length - 2))
    room.receive(a as unknown as Connection, encodeUpdate(Uint8Array.of(1, 2, 3, 4, 5)))
    expect(a.closedWith).toBe(1007)
    expect(Y.encodeStateVector(room.doc)).toEqual(before)
    room.receive(b as unknown as Connection, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    expect(b.closedWith).toBeNull()
  })

  it('stores every update before it is forwarded', () => {
    const [a] = open(1)
    room.receive(a as unknown as Connection, encodeUpdate(editUpdate('stored')))
    const doc = new Y.Doc()
    const stored = storage.loadDocument(boardId)
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    stored.updates.forEach((u) => Y.applyUpdate(doc, u))
    expect(doc.getMap('m').get('stored')).toBe('stored')
  })

  afterAll(() => {
    storage.close()
    removeDataDir(dir)
  })
})
