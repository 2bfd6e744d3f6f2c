import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'

describe('live sync through the relay', () => {
  let relay: RelayProcess
  const clients: TestClient[] = []
  const connect = (boardId: string) => {
    const client = connectClient(relay, boardId)
    clients.push(client)
    return client
  }

  beforeAll(async () => {
    relay = await startRelay()
  })
  afterAll(async () => {
    clients.forEach((c) => c.destroy())
    await relay.kill()
    removeDataDir(relay.dataDir)
  })

  it('several y-websocket clients converge on one board', async () => {
    const board = await createBoard(relay)
    const peers = [connect(board.id), connect(board.id), connect(board.id)]
    await Promise.all(peers.map(whenSynced))
    peers[0].doc.getMap('tldraw').set('shape:a', { id: 'shape:a', x: 1 })
    await Promise.all(peers.map((p) => until(p.doc, () => p.doc.getMap('tldraw').has('shape:a'))))
    expect(peers[2].doc.getMap('tldraw').get('shape:a')).toEqual({ id: 'shape:a', x: 1 })
  })

  it('concurrent edits from many clients converge to the same state', async () => {
    const board = await createBoard(relay)
    const peers = Array.from({ length: 6 }, () => connect(board.id))
    await Promise.all(peers.map(whenSynced))
    const perPeer = 25
    peers.forEach((peer, i) => {
      // The same key written by everyone at once: all must agree on one winner. Written first,
      // so having every other key proves it has arrived too (each client's updates arrive in order).
      peer.doc.getMap('tldraw').set('shape:contested', { by: i })
      for (let n = 0; n < perPeer; n++) peer.doc.getMap('tldraw').set(`shape:${i}-${n}`, { i, n })
    })
    const total = peers.length * perPeer
    await Promise.all(peers.map((p) => until(p.doc, () => p.doc.getMap('tldraw').size === total + 1)))
    const [first, ...rest] = peers.map((p) => p.doc.getMap('tldraw').toJSON())
    for (const state of rest) expect(state).toEqual(first)
  })

  it('boards are isolated from each other', async () => {
    const [one, two] = await Promise.all([createBoard(relay, 'Eins'), createBoard(relay, 'Zwei')])
    const a = connect(one.id)
    const b = connect(two.id)
    const a2 = connect(one.id)
    await Promise.all([a, b, a2].map(whenSynced))
    a.doc.getMap('tldraw').set('shape:only-one', { x: 1 })
    await until(a2.doc, () => a2.doc.getMap('tldraw').has('shape:only-one'))
    b.doc.getMap('tldraw').set('shape:only-two', { x: 2 })
    // b's write travels to nobody on board one; a round trip on board two proves it was processed.
    const b2 = connect(two.id)
    await whenSynced(b2)
    expect(b2.doc.getMap('tldraw').has('shape:only-two')).toBe(true)
    expect(a2.doc.getMap('tldraw').has('shape:only-two')).toBe(false)
    expect(b2.doc.getMap('tldraw').has('shape:only-one')).toBe(false)
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
    a.doc.getMap('tldraw').set('shape:offline', { text: 'written offline' })
    b.doc.getMap('tldraw').set('shape:online', { text: 'written online' })
    // b's edit reaches the relay: a third client sees it.
    const c = connect(board.id)
    await until(c.doc, () => c.doc.getMap('tldraw').has('shape:online'))
    expect(b.doc.getMap('tldraw').has('shape:offline')).toBe(false)
    a.provider.connect()
    await until(b.doc, () => b.doc.getMap('tldraw').has('shape:offline'))
    await until(a.doc, () => a.doc.getMap('tldraw').has('shape:online'))
    expect(Y.encodeStateAsUpdate(a.doc).length).toBeGreaterThan(0)
    expect(a.doc.getMap('tldraw').toJSON()).toEqual(b.doc.getMap('tldraw').toJSON())
  })
})
