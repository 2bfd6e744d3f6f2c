/**
 * Yjs client ids are owned: the first browser (author id) that writes under an id holds it, with
 * its own later reconnects; nobody else may write structs for it. Ids are public (in every update
 * and awareness state), so without this a 3-byte GC struct under someone else's id makes the
 * relay take their offline edits for "nothing new" when they come back.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { tokenQueryParam } from '../../shared/access.ts'
import { authorId, writerQueryParam } from '../../shared/author.ts'
import { CloseCode, encodeUpdate } from '../../shared/protocol.ts'
import { connectClient, createBoard, relaySuite, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { noteText, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type Relay } from '../helpers/relay.ts'
import { encodeV1, type ClientSpec } from '../helpers/updateFrames.ts'

const writerA = 'A'.repeat(32)
const writerB = 'B'.repeat(32)
const writerEvil = 'E'.repeat(32)

describe('client ids are owned', () => {
  // One relay for the tests that do not restart theirs; boards keep them apart.
  const suite = relaySuite()
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })
  const relayFor = async (dataDir?: string) => {
    const relay = await startRelay({ dataDir })
    cleanups.push(() => relay.kill())
    if (!dataDir) cleanups.push(() => removeDataDir(relay.dataDir))
    return relay
  }
  const connect = async (relay: Pick<Relay, 'wsUrl'>, boardId: string, token: string, writer?: string, doc = new Y.Doc()) => {
    const client = connectClient(relay, boardId, doc, { token, writer })
    cleanups.push(() => client.provider.destroy())
    await whenSynced(client)
    return client
  }

  /**
   * A GC struct under `victim`'s id, continuing what the relay holds of it, from a raw socket:
   * how it ends, the socket closed (with its code) or the struct forwarded to `watcher`.
   */
  const writeUnder = async (
    relay: Pick<Relay, 'wsUrl'>,
    boardId: string,
    token: string,
    victim: number,
    watcher: TestClient,
    writer?: string,
    alongside: ClientSpec[] = [],
  ) => {
    const params = new URLSearchParams({ [tokenQueryParam]: token, ...(writer ? { [writerQueryParam]: writer } : {}) })
    const socket = new WebSocket(`${relay.wsUrl}/${boardId}?${params}`)
    cleanups.push(() => socket.terminate())
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
    // In the room once the relay has sent its sync request.
    await new Promise<void>((resolve) => socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 0 && resolve()))
    const known = Y.getState(watcher.doc.store, victim)
    socket.send(encodeUpdate(encodeV1([{ client: victim, clock: known, structs: [{ gc: 50 }] }, ...alongside])))
    return Promise.race([
      closed,
      until(watcher.doc, () => Y.getState(watcher.doc.store, victim) > known).then(() => 'forwarded' as const),
    ])
  }

  it("refuses a struct under another participant's id with 4403, so her offline edits arrive when she is back, also after a restart", async () => {
    const relay = await relayFor()
    const board = await createBoard(relay)
    const { participant, observer } = board.access
    const anna = await connect(relay, board.id, participant, writerA)
    const watcher = await connect(relay, board.id, observer)
    putNote(anna.doc, 'online', 'vor der Funkstille')
    await until(watcher.doc, () => noteText(watcher.doc, 'online') !== undefined)
    anna.provider.disconnect()
    putNote(anna.doc, 'offline', 'im Zug geschrieben')

    expect(await writeUnder(relay, board.id, participant, anna.doc.clientID, watcher, writerEvil)).toBe(CloseCode.notAllowed)
    anna.provider.connect()
    await until(watcher.doc, () => noteText(watcher.doc, 'offline') === 'im Zug geschrieben')
    expect(noteText(anna.doc, 'offline')).toBe('im Zug geschrieben')

    // The id is still hers after a restart: refused again, and her next edits arrive.
    anna.provider.disconnect()
    await relay.kill()
    const restarted = await relayFor(relay.dataDir)
    const watcher2 = await connect(restarted, board.id, observer)
    expect(await writeUnder(restarted, board.id, participant, anna.doc.clientID, watcher2, writerEvil)).toBe(CloseCode.notAllowed)
    putNote(anna.doc, 'after-restart', 'nach dem Neustart')
    await connect(restarted, board.id, participant, writerA, anna.doc)
    await until(watcher2.doc, () => noteText(watcher2.doc, 'after-restart') === 'nach dem Neustart')
  })

  it('refuses an observer writing under the facilitator’s id while comments are allowed', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const facilitator = await connect(relay, board.id, board.access.facilitator, writerA)
    putNote(facilitator.doc, 'moderation')
    const watcher = await connect(relay, board.id, board.access.participant, writerB)
    await until(watcher.doc, () => noteText(watcher.doc, 'moderation') !== undefined)
    facilitator.doc.getMap('facilitation').set('commenting', { observers: true })
    await until(watcher.doc, () => watcher.doc.getMap('facilitation').get('commenting') !== undefined)
    // Along with a comment of its own, which an observer may write now.
    const comment = { author: authorId(writerEvil, board.id), name: 'Gast', text: 'Frage', at: 1, target: { kind: 'place', pageId: 'page:page', x: 0, y: 0 } }
    const own: ClientSpec = { client: 777_777, clock: 0, structs: [{ root: 'comments', key: 'gast-1', content: { any: [comment] } }] }
    expect(await writeUnder(relay, board.id, board.access.observer, facilitator.doc.clientID, watcher, writerEvil, [own])).toBe(CloseCode.notAllowed)
  })

  it('keeps every offline edit of one participant and every live edit of another, also after a restart', async () => {
    const relay = await relayFor()
    const board = await createBoard(relay)
    const { participant, observer } = board.access
    const anna = await connect(relay, board.id, participant, writerA)
    const ben = await connect(relay, board.id, participant, writerB)
    putNote(anna.doc, 'anna-1')
    await until(ben.doc, () => noteText(ben.doc, 'anna-1') !== undefined)
    anna.provider.disconnect()
    putNote(anna.doc, 'anna-offline')
    // Created and deleted offline: a GC struct for clocks the relay lacks, from their owner.
    putNote(anna.doc, 'anna-gone')
    anna.doc.getMap('tldraw').delete('shape:anna-gone')
    putNote(ben.doc, 'ben-live')
    const watcher = await connect(relay, board.id, observer)
    await until(watcher.doc, () => noteText(watcher.doc, 'ben-live') !== undefined)
    anna.provider.connect()
    await until(watcher.doc, () => noteText(watcher.doc, 'anna-offline') !== undefined)
    await until(anna.doc, () => noteText(anna.doc, 'ben-live') !== undefined)

    // Both offline across a restart; the relay comes back with a new port.
    anna.provider.disconnect()
    ben.provider.disconnect()
    putNote(anna.doc, 'anna-during-restart')
    putNote(ben.doc, 'ben-during-restart')
    await relay.kill()
    const restarted = await relayFor(relay.dataDir)
    await connect(restarted, board.id, participant, writerB, ben.doc)
    await connect(restarted, board.id, participant, writerA, anna.doc)
    const fresh = await connect(restarted, board.id, observer)
    const everything = ['anna-1', 'anna-offline', 'ben-live', 'anna-during-restart', 'ben-during-restart']
    await until(fresh.doc, () => everything.every((key) => noteText(fresh.doc, key) !== undefined))
    expect(noteText(fresh.doc, 'anna-gone')).toBeUndefined()
  })

  it('refuses a writer without a writer secret under an id a browser holds', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const anna = await connect(relay, board.id, board.access.participant, writerA)
    const watcher = await connect(relay, board.id, board.access.observer)
    putNote(anna.doc, 'online')
    await until(watcher.doc, () => noteText(watcher.doc, 'online') !== undefined)
    expect(await writeUnder(relay, board.id, board.access.participant, anna.doc.clientID, watcher)).toBe(CloseCode.notAllowed)
  })

  it('refuses a struct under an id someone announced in their presence before writing anything, so her first note arrives', async () => {
    const relay = suite.relay
    const board = await createBoard(relay)
    const watcher = await connect(relay, board.id, board.access.observer)
    const carla = await connect(relay, board.id, board.access.participant, writerA)
    // Her presence (and with it her id) is on the board before she writes. Set, as our client
    // sets it: peers ignore the empty state y-websocket starts with (clock 0) until its renewal 15 s on.
    carla.provider.awareness.setLocalStateField('name', 'Carla')
    await new Promise<void>((resolve) => {
      const seen = () => watcher.provider.awareness.getStates().has(carla.doc.clientID) && resolve()
      watcher.provider.awareness.on('change', seen)
      seen()
    })
    expect(await writeUnder(relay, board.id, board.access.participant, carla.doc.clientID, watcher, writerEvil)).toBe(CloseCode.notAllowed)
    putNote(carla.doc, 'erste', 'meine erste Idee')
    await until(watcher.doc, () => noteText(watcher.doc, 'erste') === 'meine erste Idee')
  })
})
