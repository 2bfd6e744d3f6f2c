/**
 * The attacks that took the relay or a board down, each replayed against a real relay (the built
 * one, in the test's process) by a hostile hand-written client on a board it holds a link to. Two
 * honest y-websocket clients must keep working through every one of them.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from '../../shared/protocol.ts'
import {
  apiFetch,
  connectClient,
  createBoard,
  openRawSocket,
  whenSynced,
} from '../helpers/clients.ts'
import { awarenessFrame, openStubbornSocket } from '../helpers/rawClients.ts'
import { removeDataDir, storedDocument, waitForLogAfter } from '../helpers/relay.ts'
import { guardedRelays } from '../helpers/guardedRelay.ts'
import { deepAnyContent, encodeV1 } from '../helpers/updateFrames.ts'
import { putNote } from '../helpers/records.ts'

/** A participant's new note, written by Yjs client `client`, as one update. */
function noteUpdate(client: number, key: string): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = client
  putNote(doc, key)
  return Y.encodeStateAsUpdate(doc)
}

describe('the relay guards every board', () => {
  // Tests that restart their relay or set limits start their own; the others share the block's.
  // All in the test's process: the attacks are aimed at the relay, not at its process.
  const { start, blockRelay, connect, records, boardWithTwo, expectHonestStillSync, freshView, cleanups } = guardedRelays()

  it('survives an observer whose awareness state is an array nested thousands deep', async () => {
    const relay = await blockRelay()
    const { board, a, b } = await boardWithTwo(relay)
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.observer)
    socket.send(awarenessFrame([[4242, 1, '['.repeat(6000) + ']'.repeat(6000)]]))
    expect((await closed).code).toBe(1007)
    await expectHonestStillSync(relay, a, b)
  })

  it('keeps a board loadable after an item of length zero (17 bytes that bricked it)', async () => {
    const relay = await start()
    const { board, a, b } = await boardWithTwo(relay)
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
    // Right origin: the first item honest client a wrote.
    const frame = encodeUpdate(encodeV1([{ client: 77, clock: 0, structs: [{ rightOrigin: [a.doc.clientID, 0], content: { any: [] } }] }]))
    socket.send(frame)
    expect((await closed).code).toBe(1007)
    await expectHonestStillSync(relay, a, b)
    const held = records(a).toJSON()

    // Compaction happens on shutdown: the snapshot must load again.
    await relay.kill('SIGTERM')
    const restarted = await start({ dataDir: relay.dataDir })
    cleanups.push(() => removeDataDir(relay.dataDir))
    expect(await freshView(restarted, board)).toEqual(held)
    const exported = await apiFetch(restarted, `/api/boards/${board.id}/export?format=json`)
    expect(exported.status).toBe(200)
  })

  it('does not let a value nested thousands deep wedge the board for later joiners', async () => {
    const relay = await blockRelay()
    const { board, a, b } = await boardWithTwo(relay)
    const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
    socket.send(encodeUpdate(encodeV1([{ client: 78, clock: 0, structs: [{ key: 'shape:evil-deep', content: deepAnyContent(2000) }] }])))
    expect((await closed).code).toBe(1007)
    const late = connect(relay, board.id, board.access.participant)
    await whenSynced(late)
    expect(records(late).has('shape:evil-deep')).toBe(false)
    expect(records(late).toJSON()).toEqual(records(a).toJSON())
    await expectHonestStillSync(relay, a, b)
  })

  it('rejects deletions for clients nobody has, so they cannot pile up and slow the board', async () => {
    const relay = await blockRelay()
    const { board, a, b } = await boardWithTwo(relay)
    /** Bytes a joiner receives for the whole board. */
    const joinBytes = async () => {
      const { socket, closed } = await openRawSocket(relay, board.id, board.access.observer)
      // The sync step 2 and any updates the relay sends before it (`fullStateCache.ts`).
      let received = 0
      const answer = new Promise<number>((resolve) =>
        socket.on('message', (data: Buffer) => {
          if (data[0] !== 0 || (data[1] !== 1 && data[1] !== 2)) return
          received += data.byteLength
          if (data[1] === 1) resolve(received)
        }),
      )
      socket.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
      const bytes = await answer
      socket.close()
      await closed
      return bytes
    }
    const before = await joinBytes()
    const from = relay.logs.length
    const deletions = Array.from({ length: 5000 }, (_, i) => [100_000 + i, [[0, 1_000_000]]] as [number, Array<[number, number]>])
    const flood = encodeUpdate(encodeV1([], deletions))
    for (let i = 0; i < 50; i++) {
      const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
      socket.send(flood)
      expect((await closed).code).toBe(1007)
    }
    expect(await joinBytes()).toBe(before)
    await expectHonestStillSync(relay, a, b)
    // This board's refusal, not another test's on the shared relay.
    await waitForLogAfter(relay, from, (e) => e.msg === 'update rejected' && e.rule === 'delete-range' && e.board === board.id)
  })

  it('closes an observer that adds thousands of awareness entries with 4413', async () => {
    const relay = await blockRelay()
    const { board, a, b } = await boardWithTwo(relay)
    for (let round = 0; round < 3; round++) {
      const { socket, closed } = await openRawSocket(relay, board.id, board.access.observer)
      const entries = Array.from({ length: 10_000 }, (_, i) => [round * 10_000 + i + 1, 1, '{"presence":{}}'] as [number, number, string])
      socket.send(awarenessFrame(entries))
      expect((await closed).code).toBe(4413)
    }
    // One cursor per honest client is all anybody sees.
    await expectHonestStillSync(relay, a, b)
    expect(a.provider.awareness.getStates().size).toBeLessThanOrEqual(2)
  })

  it("never lets another link take over the facilitator's awareness id while it is away", async () => {
    const relay = await blockRelay()
    const board = await createBoard(relay)
    const participant = connect(relay, board.id, board.access.participant)
    const facilitatorDoc = new Y.Doc()
    const facilitatorId = facilitatorDoc.clientID
    const facilitator = connectClient(relay, board.id, facilitatorDoc, { token: board.access.facilitator })
    cleanups.push(() => facilitator.destroy())
    facilitator.provider.awareness.setLocalState({ name: 'Moderation' })
    const seen = (predicate: (states: Map<number, Record<string, unknown>>) => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => predicate(participant.provider.awareness.getStates()) && resolve()
        participant.provider.awareness.on('change', check)
        check()
      })
    await seen((states) => states.get(facilitatorId)?.name === 'Moderation')

    // The facilitator's laptop drops off the Wi-Fi for a moment.
    facilitator.provider.disconnect()
    await seen((states) => !states.has(facilitatorId))
    const { socket } = await openRawSocket(relay, board.id, board.access.observer)
    socket.send(awarenessFrame([[facilitatorId, 1000, '{"name":"Fake"}']]))
    // A state the observer may hold, sent after the refused one: once it is here, the other was handled.
    socket.send(awarenessFrame([[987_654, 1, '{"name":"Beobachtung"}']]))
    await seen((states) => states.has(987_654))
    expect(participant.provider.awareness.getStates().has(facilitatorId)).toBe(false)

    facilitator.provider.connect()
    await whenSynced(facilitator)
    // Peers ignore a returning state until its clock moves on: the next cursor move does that.
    facilitator.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 })
    await seen((states) => states.get(facilitatorId)?.name === 'Moderation')
    socket.close()
  })

  for (const trigger of ['link replaced', 'malformed frame', 'rate limited'] as const) {
    it(`applies nothing a client sends after it was closed (${trigger}), and hangs up on it`, async () => {
      // Bursts of 40 pass: the honest clients send far fewer.
      const relay = await start({ env: trigger === 'rate limited' ? { MAX_MESSAGES_PER_SECOND: '20' } : {} })
      const { board, a, b } = await boardWithTwo(relay)
      const stubborn = await openStubbornSocket(relay, board.id, board.access.participant)
      if (trigger === 'link replaced') {
        const rotated = await apiFetch(relay, `/api/boards/${board.id}/links/participant`, { method: 'POST' })
        expect(rotated.status).toBe(200)
        expect(await stubborn.closeCode).toBe(4401)
      } else if (trigger === 'malformed frame') {
        stubborn.send(Uint8Array.of(42))
        expect(await stubborn.closeCode).toBe(1007)
      } else {
        // Empty awareness updates: valid, and they change nothing.
        for (let i = 0; i < 200; i++) stubborn.send(encodeAwareness(Uint8Array.of(0)))
        expect(await stubborn.closeCode).toBe(4420)
      }
      // Real notes, which the relay would take from any open participant connection.
      for (let i = 0; i < 50; i++) stubborn.send(encodeUpdate(noteUpdate(5000 + i, `after-close-${i}`)))
      // The test's timeout bounds this: ws alone would wait 30 s for the peer's close frame.
      await stubborn.ended
      await expectHonestStillSync(relay, a, b)
      const leaked = () => Object.keys(records(b).toJSON()).filter((key) => key.startsWith('shape:after-close'))
      expect(leaked()).toEqual([])

      // What is stored, every update as written (what a relay killed now would load): nothing of it either.
      const storedDoc = storedDocument(relay, board.id)
      const stored = storedDoc.getMap('tldraw').toJSON()
      storedDoc.destroy()
      expect(Object.keys(stored).filter((key) => key.startsWith('shape:after-close'))).toEqual([])
      expect(stored).toEqual(records(b).toJSON())
    })
  }

  it('cuts off a client that sends updates with gaps while its sync is under way, once they pass what a client may have waiting, or once its sync answer does not fill them', async () => {
    const relay = await start({ env: { MAX_MESSAGE_BYTES: String(64 * 1024) } })
    const { board, a, b } = await boardWithTwo(relay)
    const gap = (i: number) =>
      encodeUpdate(encodeV1([{ client: 91, clock: 5 + i, structs: [{ key: `shape:evil-gap-${i}`, content: { any: ['x'.repeat(8000)] } }] }]))
    const joined = async () => {
      const raw = await openRawSocket(relay, board.id, board.access.participant)
      await raw.inRoom
      return raw
    }

    // A sync request, then gaps for ever: held only up to twice MAX_MESSAGE_BYTES, and a fast
    // sender meets its socket's byte budget (one MAX_MESSAGE_BYTES at once) even before that.
    const forever = await joined()
    forever.socket.send(encodeSyncStep1(new Uint8Array([0])))
    for (let i = 0; i < 40; i++) forever.socket.send(gap(i))
    expect([1007, 4420]).toContain((await forever.closed).code)

    // A sync request, a gap, and a sync answer that does not fill it.
    const unfilled = await joined()
    unfilled.socket.send(encodeSyncStep1(new Uint8Array([0])))
    unfilled.socket.send(gap(0))
    unfilled.socket.send(encodeSyncStep2(encodeV1([])))
    expect((await unfilled.closed).code).toBe(1007)

    await expectHonestStillSync(relay, a, b)
    expect(Object.keys(records(b).toJSON()).filter((key) => key.startsWith('shape:evil-'))).toEqual([])
    // Logged before the close, but through another pipe: awaited, not looked up.
    await relay.waitForLog((e) => e.msg === 'update rejected' && e.rule === 'clock-gap')
  })

  it('keeps other rooms and the process alive when honest clients share it with an attacker', async () => {
    const relay = await blockRelay()
    const { board } = await boardWithTwo(relay)
    const other = await boardWithTwo(relay)
    for (const frame of [
      awarenessFrame([[1, 1, '['.repeat(5000) + ']'.repeat(5000)]]),
      encodeUpdate(encodeV1([{ client: 79, clock: 3, structs: [{ key: 'shape:evil-gap', content: { any: [1] } }] }])),
      encodeUpdate(encodeV1([{ client: 80, clock: 0, structs: [{ root: 'evil', key: 'k', content: { any: [1] } }] }])),
    ]) {
      const { socket, closed } = await openRawSocket(relay, board.id, board.access.participant)
      socket.send(frame)
      expect((await closed).code).toBe(1007)
    }
    await expectHonestStillSync(relay, other.a, other.b)
  })
})
