import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { getRecordsMap, readRecord } from '../../shared/board/records.ts'
import { noteKeys, noteText, putNote } from '../helpers/records.ts'
import { sharedRelay, type FileRelay } from '../helpers/sharedRelay.ts'

describe('live sync through the relay', () => {
  let relay: FileRelay
  const clients: TestClient[] = []
  const connect = (boardId: string, socket?: typeof WebSocket) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { socket })
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    relay = await sharedRelay()
  })
  afterAll(async () => {
    clients.forEach((c) => c.destroy())
    await relay?.stop()
  })

  it('several y-websocket clients converge on one board', async () => {
    const board = await createBoard(relay)
    const peers = [connect(board.id), connect(board.id), connect(board.id)]
    await Promise.all(peers.map(whenSynced))
    putNote(peers[0].doc, 'a', 'Hallo')
    await Promise.all(peers.map((p) => until(p.doc, () => noteText(p.doc, 'a') !== undefined)))
    expect(noteText(peers[2].doc, 'a')).toBe('Hallo')
  })

  it('concurrent edits from many clients converge to the same state', async () => {
    const board = await createBoard(relay)
    const peers = Array.from({ length: 6 }, () => connect(board.id))
    await Promise.all(peers.map(whenSynced))
    const perPeer = 25
    peers.forEach((peer, i) => {
      // The same key written by everyone at once: all must agree on one winner. Written first,
      // so having every other key proves it has arrived too (each client's updates arrive in order).
      putNote(peer.doc, 'contested', `von ${i}`)
      for (let n = 0; n < perPeer; n++) putNote(peer.doc, `${i}-${n}`)
    })
    const total = peers.length * perPeer
    await Promise.all(peers.map((p) => until(p.doc, () => noteKeys(p.doc).length === total + 1)))
    expect(new Set(peers.map((p) => noteText(p.doc, 'contested'))).size).toBe(1)
    const [first, ...rest] = peers.map((p) => p.doc.getMap('tldraw').toJSON())
    for (const state of rest) expect(state).toEqual(first)
  })

  it('keeps live concurrent changes to different properties of one note', async () => {
    const board = await createBoard(relay)
    const [a, b] = [connect(board.id), connect(board.id)]
    await Promise.all([a, b].map(whenSynced))
    putNote(a.doc, 'shared', 'Entwurf')
    await until(b.doc, () => noteText(b.doc, 'shared') === 'Entwurf')
    // In one turn of the event loop: neither client can have heard of the other's change.
    const entry = (client: TestClient) => getRecordsMap(client.doc).get('shape:shared') as Y.Map<unknown>
    entry(a).set('x', 640)
    ;(entry(b).get('props') as Y.Map<unknown>).set('color', 'red')
    for (const client of [a, b]) {
      await until(client.doc, () => readRecord(client.doc, 'shape:shared')?.x === 640 && (readRecord(client.doc, 'shape:shared')?.props as { color: string }).color === 'red')
    }
    expect(readRecord(a.doc, 'shape:shared')).toEqual(readRecord(b.doc, 'shape:shared'))
  })

  it('boards are isolated from each other', async () => {
    const [one, two] = await Promise.all([createBoard(relay, 'Eins'), createBoard(relay, 'Zwei')])
    const a = connect(one.id)
    const b = connect(two.id)
    const a2 = connect(one.id)
    await Promise.all([a, b, a2].map(whenSynced))
    putNote(a.doc, 'only-one')
    await until(a2.doc, () => noteText(a2.doc, 'only-one') !== undefined)
    putNote(b.doc, 'only-two')
    // b's write travels to nobody on board one; a round trip on board two proves it was processed.
    const b2 = connect(two.id)
    await whenSynced(b2)
    expect(noteKeys(b2.doc)).toEqual(['only-two'])
    expect(noteKeys(a2.doc)).toEqual(['only-one'])
  })

  it('shares awareness and removes a leaving client for everyone', async () => {
    const board = await createBoard(relay)
    const a = connect(board.id)
    const b = connect(board.id)
    await Promise.all([a, b].map(whenSynced))
    a.provider.awareness.setLocalStateField('presence', { name: 'Moderation' })
    const seesA = () => b.provider.awareness.getStates().get(a.doc.clientID)?.presence?.name === 'Moderation'
    await new Promise<void>((resolve) => {
      const check = () => seesA() && (b.provider.awareness.off('change', check), resolve())
      b.provider.awareness.on('change', check)
      check()
    })
    const gone = new Promise<void>((resolve) => {
      const check = () => !b.provider.awareness.getStates().has(a.doc.clientID) && resolve()
      b.provider.awareness.on('change', check)
    })
    // Close the socket without the client announcing its own removal, like a closed laptop lid:
    // only the relay can tell b that a is gone.
    a.provider.shouldConnect = false
    a.provider.ws?.close()
    await gone
    expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false)
  })

  it('an offline client keeps its edits and merges them on reconnect', async () => {
    const board = await createBoard(relay)
    const a = connect(board.id)
    const b = connect(board.id)
    await Promise.all([a, b].map(whenSynced))
    a.provider.disconnect()
    putNote(a.doc, 'offline', 'written offline')
    putNote(b.doc, 'online', 'written online')
    // b's edit reaches the relay: a third client sees it.
    const c = connect(board.id)
    await until(c.doc, () => noteText(c.doc, 'online') !== undefined)
    expect(noteText(b.doc, 'offline')).toBeUndefined()
    a.provider.connect()
    await until(b.doc, () => noteText(b.doc, 'offline') === 'written offline')
    await until(a.doc, () => noteText(a.doc, 'online') === 'written online')
    expect(Y.encodeStateAsUpdate(a.doc).length).toBeGreaterThan(0)
    expect(a.doc.getMap('tldraw').toJSON()).toEqual(b.doc.getMap('tldraw').toJSON())
  })

  it('a client back with offline edits that edits again before its sync answer is in stays connected and loses nothing', async () => {
    // The next edit leaves right after the client's sync request, before it has read the relay's
    // (in a browser: a keystroke between the socket's open and message events): an edit whose
    // structs continue offline edits the relay does not have yet.
    let editAfterSyncRequest: (() => void) | null = null
    class EditingSocket extends WebSocket {
      override send(data: Uint8Array, ...rest: unknown[]) {
        ;(super.send as (...args: unknown[]) => void)(data, ...rest)
        const bytes = new Uint8Array(data)
        if (bytes[0] !== 0 || bytes[1] !== 0 || !editAfterSyncRequest) return
        const edit = editAfterSyncRequest
        editAfterSyncRequest = null
        edit()
      }
    }
    const board = await createBoard(relay)
    const a = connect(board.id, EditingSocket)
    const b = connect(board.id)
    await Promise.all([a, b].map(whenSynced))
    a.provider.disconnect()
    putNote(a.doc, 'offline-1', 'im Zug geschrieben')
    putNote(a.doc, 'offline-2', 'noch einer')
    const closes: Array<number | undefined> = []
    a.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code))
    editAfterSyncRequest = () => putNote(a.doc, 'while-syncing', 'gleich nach dem Verbinden')
    a.provider.connect()
    const socket = a.provider.ws
    await until(b.doc, () => ['offline-1', 'offline-2', 'while-syncing'].every((key) => noteText(b.doc, key) !== undefined))
    expect(closes).toEqual([])
    expect(a.provider.ws).toBe(socket)
    // Stored, not only forwarded: a client that comes later loads all three.
    const later = connect(board.id)
    await whenSynced(later)
    expect(noteKeys(later.doc).sort()).toEqual(['offline-1', 'offline-2', 'while-syncing'])
  })
})
