/**
 * The fuzz corpus against a real relay process: hostile participants and observers send
 * well-formed frames that break the rules, while two honest y-websocket clients work on the same
 * board. The relay must stay up, the honest clients must keep converging, no hostile record may
 * reach them, and after a restart (clean or killed) the stored board must equal what they hold.
 * `FUZZ_SEED` replays a failure; fast-check prints the seed of a failing run.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { CreatedBoard } from '../../shared/api.ts'
import { encodeSyncStep1 } from '../../shared/protocol.ts'
import { connectClient, createBoard, openRawSocket, until, whenSynced, type TestClient } from '../helpers/clients.ts'
import { hostileFrame, type BoardFacts } from '../helpers/hostileFrames.ts'
import { noteKeys, noteText, putNote } from '../helpers/records.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../helpers/relay.ts'
import { propertyParameters } from '../helpers/propertyRuns.ts'
import { hang } from '../helpers/hang.ts'

const records = (client: TestClient) => client.doc.getMap('tldraw')

describe('hostile clients, fuzzed', () => {
  let relay: RelayProcess
  let board: CreatedBoard
  let a: TestClient
  let b: TestClient

  beforeAll(async () => {
    relay = await startRelay({ process: true })
    board = await createBoard(relay)
    a = connectClient(relay, board.id)
    b = connectClient(relay, board.id)
    await Promise.all([a, b].map(whenSynced))
    a.provider.awareness.setLocalState({ presence: { userName: 'Ada' } })
    b.provider.awareness.setLocalState({ presence: { userName: 'Ben' } })
    for (let i = 0; i < 5; i++) {
      putNote(a.doc, `a-${i}`, 'Jobcenter')
      putNote(b.doc, `b-${i}`, 'Jugendamt')
    }
    records(a).delete('shape:a-1')
    await until(b.doc, () => noteKeys(b.doc).length === 9)
    await until(a.doc, () => noteKeys(a.doc).length === 9)
  })
  afterAll(async () => {
    a.destroy()
    b.destroy()
    await relay.kill('SIGKILL')
    removeDataDir(relay.dataDir)
  })

  function facts(): BoardFacts {
    const clocks = Y.decodeStateVector(Y.encodeStateVector(a.doc))
    const items = [...clocks].flatMap(([client, next]) => Array.from({ length: next }, (_, clock) => [client, clock] as [number, number]))
    return { items, clocks }
  }

  /** Sends one frame, then a sync request; resolves once the relay closed the socket or answered. */
  async function attack(frame: Uint8Array, token: string): Promise<number | 'answered'> {
    const { socket, closed } = await openRawSocket(relay, board.id, token)
    const answered = new Promise<'answered'>((resolve) =>
      socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && resolve('answered')),
    )
    socket.send(frame)
    socket.send(encodeSyncStep1(new Uint8Array([0])))
    const outcome = await Promise.race([closed.then((c) => c.code), answered])
    socket.close()
    await closed
    return outcome
  }

  let round = 0
  async function expectHonestConverge() {
    const key = `round-${round++}`
    putNote(a.doc, key)
    await until(b.doc, () => noteText(b.doc, key) !== undefined)
    expect(records(b).toJSON()).toEqual(records(a).toJSON())
  }

  it('keeps the relay up and the honest clients converging, and stores only what they hold', async () => {
    const foreignAwareness = [a.doc.clientID, b.doc.clientID]
    const outcomes = new Map<string, Set<number | 'answered'>>()
    await fc.assert(
      fc.asyncProperty(hostileFrame(facts(), foreignAwareness), fc.boolean(), async ({ name, frame }, asObserver) => {
        const outcome = await attack(frame, asObserver ? board.access.observer : board.access.participant)
        // An observer's document updates are dropped unread; what it says in awareness is checked.
        const checked = !asObserver || frame[0] === 1
        if (checked) outcomes.set(name, (outcomes.get(name) ?? new Set()).add(outcome))
        expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200)
        await expectHonestConverge()
        expect(Object.keys(records(b).toJSON()).filter((key) => key.startsWith('shape:evil-'))).toEqual([])
        // Nobody took over an honest cursor.
        expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ presence: { userName: 'Ada' } })
      }),
      propertyParameters({ gate: 80, full: 800 }),
    )
    // Every hostile update was refused by closing its sender (awareness that merely names someone
    // else's id is dropped quietly, and garbage that happens to be a valid message is answered).
    for (const [name, seen] of outcomes) {
      if (['foreign id', 'random bytes', 'garbage state vector', 'garbage awareness'].includes(name)) continue
      expect([...seen].every((outcome) => outcome !== 'answered'), name).toBe(true)
    }

    const held = records(a).toJSON()
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      await relay.kill(signal)
      relay = await startRelay({ process: true, dataDir: relay.dataDir })
      const fresh = connectClient(relay, board.id)
      await whenSynced(fresh)
      expect(records(fresh).toJSON()).toEqual(held)
      fresh.destroy()
    }
  }, hang(120_000))
})
