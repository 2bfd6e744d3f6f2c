/**
 * For tests of what a hostile client cannot do: relays started per test, two honest clients on a
 * board, and the check that they still sync both ways. Call inside a `describe`: everything
 * started is stopped after each test, except the block's own relay (`blockRelay`, not the run's shared one).
 * Relays run in the test's process unless `process: true` asks for one whose process is the subject.
 */
import { afterAll, afterEach, expect } from 'vitest'
import * as Y from 'yjs'
import type { CreatedBoard } from '../../shared/api.ts'
import { connectClient, createBoard, until, whenSynced, type TestClient } from './clients.ts'
import { noteText, putNote } from './records.ts'
import { removeDataDir, startRelay, stopRelay, type Relay, type RelayKind, type RelayOptions, type RelayProcess } from './relay.ts'

export function guardedRelays() {
  const cleanups: Array<() => unknown> = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  /** A relay for this test (`env`, a `dataDir` to restart on), stopped after it; its data directory removed unless given. */
  async function start(options: RelayOptions & RelayKind & { process: true }): Promise<RelayProcess>
  async function start(options?: RelayOptions & RelayKind): Promise<Relay>
  async function start(options: RelayOptions & RelayKind = {}): Promise<Relay> {
    const { process: asProcess, ...relayOptions } = options
    const relay = asProcess ? await startRelay({ ...relayOptions, process: true }) : await startRelay(relayOptions)
    cleanups.push(async () => {
      await stopRelay(relay)
      if (!options.dataDir) removeDataDir(relay.dataDir)
    })
    return relay
  }
  /**
   * One relay for the block, with the default settings, for tests whose attack leaves the relay as
   * it was (nothing restarted, no limit of their own): started on first use, killed after the
   * block. Each test's boards keep them apart; a test that reads the log reads the lines after its
   * start (`waitForLogAfter` in relay.ts), the earlier ones are other tests'.
   */
  let shared: Promise<Relay> | undefined
  afterAll(async () => {
    const relay = await shared?.catch(() => undefined)
    shared = undefined
    if (!relay) return
    await stopRelay(relay)
    removeDataDir(relay.dataDir)
  })
  const blockRelay = (kind: RelayKind = {}): Promise<Relay> => (shared ??= kind.process ? startRelay({ process: true }) : startRelay())

  const connect = (relay: Relay, boardId: string, token?: string) => {
    const client = connectClient(relay, boardId, new Y.Doc(), { token })
    cleanups.push(() => client.destroy())
    return client
  }
  const records = (client: TestClient) => client.doc.getMap('tldraw')

  /** A board with two honest clients (facilitator links) that have each written a note. */
  async function boardWithTwo(relay: Relay) {
    const board = await createBoard(relay)
    const a = connect(relay, board.id)
    const b = connect(relay, board.id)
    await Promise.all([a, b].map(whenSynced))
    putNote(a.doc, 'honest-a', 'Jobcenter')
    putNote(b.doc, 'honest-b', 'Jugendamt')
    await until(a.doc, () => records(a).has('shape:honest-b'))
    await until(b.doc, () => records(b).has('shape:honest-a'))
    return { board, a, b }
  }

  let marker = 0
  /** The honest clients still sync both ways, and the relay still answers. */
  async function expectHonestStillSync(relay: Relay, a: TestClient, b: TestClient) {
    const key = `marker-${marker++}`
    putNote(a.doc, key)
    await until(b.doc, () => noteText(b.doc, key) !== undefined)
    putNote(b.doc, `${key}-back`)
    await until(a.doc, () => noteText(a.doc, `${key}-back`) !== undefined)
    expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200)
  }

  /** What a fresh client loads from the relay. */
  async function freshView(relay: Relay, board: CreatedBoard) {
    const fresh = connect(relay, board.id, board.access.observer)
    await whenSynced(fresh)
    return records(fresh).toJSON()
  }

  return { start, blockRelay, connect, records, boardWithTwo, expectHonestStillSync, freshView, cleanups }
}
