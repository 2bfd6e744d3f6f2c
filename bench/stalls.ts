/**
 * The relay's longest stall under each request that used to hold its thread (issue 40, finding
 * 8), seen from outside: a quiet client asks `GET /api/time` over and over, one request after
 * the other, and the longest round trip while the attack runs is how long the relay answered
 * nobody. Against the same probe on the quiet relay, in the same run. Goal: under 50 ms.
 *
 * Scenarios, each on a freshly started relay holding the boards as stored (not loaded):
 * - an export refused (403) to the read-only link, of a board of 15,000 notes, three in a row;
 * - a Dokumentation PDF of three Zettel of 280,000 characters;
 * - a steering group pack of a network of four boards of 8,000 notes;
 * - sync requests with an almost complete state vector (one clock short) on a loaded board of
 *   15,000 notes, from four sockets, for three seconds;
 * - room load: the first socket joins a stored board of 15,000 notes (the room loads it) until it
 *   has the whole board (its sync step 2), then one more socket joins and gets it;
 * - the first write to a quiet loaded board of 15,000 notes: one note moved by a participant,
 *   until another socket has it;
 * - on such a board an update the declaration refuses (4403, its sender closed), then a valid one
 *   from a second participant, until another socket has it;
 * - a join after a change to such a board (the change made before the window), until the joiner
 *   has the whole board.
 * Each also with the relay's own longest stall meanwhile (`relayStall.ts`), and what was answered.
 *
 * Alone: `node --import tsx bench/stalls.ts`; `STALLS=<substring>` runs only the scenarios whose
 * name holds it (and quiet), e.g. `STALLS='room load'`.
 */
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { facilitationKeys, facilitationMap } from '../shared/board/facilitation.ts'
import { getRecordsMap, readRecord } from '../shared/board/records.ts'
import { decodeMessage, encodeSyncStep1, encodeUpdate } from '../shared/protocol.ts'
import { CreatedNetwork, networkBoardsPath, networkPackPath } from '../shared/networkApi.ts'
import type { CreatedBoard } from '../shared/api.ts'
import { apiFetch, createBoard, openRawSocket } from '../test/helpers/clients.ts'
import { storeUnjudged } from '../test/helpers/damagedBoards.ts'
import { noteAt, putRecords } from '../test/helpers/records.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { relayLongestStallMs } from './relayStall.ts'
import { percentile, round } from './stats.ts'

export interface StallFigures {
  scenario: string
  probes: number
  longestMs: number
  p99Ms: number
  /** The relay's own longest event-loop stall meanwhile (`relayStall.ts`). */
  relayLongestMs: number
  /** What the attack's requests were answered (status codes, or sync answers received). */
  answers: string
  /** Probe requests that failed (e.g. a connection reset), by message: the probe goes on after them. */
  probeErrors?: Record<string, number>
}

export interface StallsResult {
  quiet: StallFigures
  /** `ratio`: the probe's longest against quiet's; `relayRatio`: the relay's own longest against quiet's. */
  scenarios: Array<StallFigures & { ratio: number; relayRatio: number }>
  goalMs: number
}

const manyNotes = (count: number) => Array.from({ length: count }, (_, i) => noteAt((i % 100) * 220, Math.floor(i / 100) * 220, `Zettel ${i}`))

/** Runs `attack` while a quiet client probes the relay; the probe's round trips meanwhile. */
async function probeDuring(relay: RelayProcess, scenario: string, attack: () => Promise<string>): Promise<StallFigures> {
  const samples: number[] = []
  const probeErrors: Record<string, number> = {}
  await relayLongestStallMs(relay)
  let running = true
  const probe = (async () => {
    while (running) {
      const started = performance.now()
      try {
        await (await fetch(`${relay.httpUrl}/api/time`)).arrayBuffer()
        samples.push(performance.now() - started)
      } catch (error) {
        // Noted, not fatal: one reset must not lose the whole run's figures.
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error)
        probeErrors[cause] = (probeErrors[cause] ?? 0) + 1
      }
    }
  })()
  const answers = await attack()
  running = false
  await probe
  const relayLongestMs = await relayLongestStallMs(relay)
  const figures = { scenario, probes: samples.length, longestMs: round(Math.max(...samples)), p99Ms: round(percentile(samples, 99)), relayLongestMs: round(relayLongestMs), answers }
  return Object.keys(probeErrors).length > 0 ? { ...figures, probeErrors } : figures
}

/** A relay whose boards hold these notes, stored and not loaded (written while it was stopped). */
async function relayWith(boards: Array<{ title: string; notes: () => object[] }>, before?: (relay: RelayProcess, created: CreatedBoard[]) => Promise<void>) {
  const first = await startRelay({ process: true, env: { LOG_LEVEL: 'info', MAX_BOARDS_PER_MINUTE: '200' } })
  const created: CreatedBoard[] = []
  for (const board of boards) created.push(await createBoard(first, board.title))
  await before?.(first, created)
  await first.kill('SIGTERM')
  for (const [i, board] of boards.entries()) {
    const doc = new Y.Doc()
    putRecords(doc, board.notes())
    await storeUnjudged(first.dataDir, created[i]!.id, Y.encodeStateAsUpdate(doc))
    doc.destroy()
  }
  const relay = await startRelay({ process: true, dataDir: first.dataDir, env: { LOG_LEVEL: 'info' } })
  return { relay, boards: created, done: async () => (await relay.kill(), removeDataDir(first.dataDir)) }
}

const statuses = (codes: number[]) => [...new Set(codes)].map((code) => `${codes.filter((c) => c === code).length}× ${code}`).join(', ')

/** A socket in the board's room that asked for the whole board; `state` resolves as its answer (sync step 2) arrives. */
async function joinForState(relay: RelayProcess, boardId: string, token: string) {
  const raw = await openRawSocket(relay, boardId, token)
  const state = new Promise<Uint8Array>((resolve, reject) => {
    raw.socket.on('message', (data: Buffer) => {
      if (data[0] !== 0 || data[1] !== 1) return
      const message = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (message.type === 'sync-step-2') resolve(message.update)
    })
    void raw.closed.then(({ code }) => reject(new Error(`closed with ${code} before the board arrived`)))
  })
  state.catch(() => {})
  // Asked once the relay has taken it into the room (after loading it): an empty state vector, the whole board.
  await raw.inRoom
  raw.socket.send(encodeSyncStep1(Y.encodeStateVector(new Map())))
  return { ...raw, state }
}

/** Resolves at the next update the relay forwards to this socket. */
const nextUpdate = (socket: WebSocket) =>
  new Promise<void>((resolve) => {
    const onMessage = (data: Buffer) => {
      if (data[0] !== 0 || data[1] !== 2) return
      socket.off('message', onMessage)
      resolve()
    }
    socket.on('message', onMessage)
  })

/** The update `change` makes to a doc holding `state`: built in the bench's own process, outside the measured window. */
function updateOn(state: Uint8Array, change: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  change(doc)
  doc.destroy()
  if (updates.length !== 1) throw new Error(`the change made ${updates.length} updates, not one`)
  return updates[0]!
}

/** A participant's move of one note (a few dozen bytes): valid. */
const moveOneNote = (state: Uint8Array) =>
  updateOn(state, (doc) => {
    const id = [...getRecordsMap(doc).keys()].find((key) => key.startsWith('shape:'))!
    const note = readRecord(doc, id) as unknown as { x: number }
    putRecords(doc, [{ ...note, x: note.x + 40 }])
  })

/** A participant starting the timer: the declaration refuses it (4403) after its rehearsal. */
const startTimer = (state: Uint8Array) =>
  updateOn(state, (doc) => facilitationMap(doc).set(facilitationKeys.timer, { durationMs: 60_000, startedAt: 1, remainingAtPauseMs: null, setAt: 1 }))

const mb = (bytes: number) => `${round(bytes / 1e6)} MB`

/** A relay holding one board of 15,000 notes, loaded: a participant and an observer have joined and have it. */
async function loadedBigBoard() {
  const setup = await relayWith([{ title: 'Großes Board', notes: () => manyNotes(15_000) }])
  const board = setup.boards[0]!
  const participant = await joinForState(setup.relay, board.id, board.access.participant)
  const state = await participant.state
  const watcher = await joinForState(setup.relay, board.id, board.access.observer)
  await watcher.state
  const sockets = [participant.socket, watcher.socket]
  return {
    ...setup,
    board,
    participant,
    watcher,
    state,
    sockets,
    done: async () => {
      for (const socket of sockets) socket.terminate()
      await setup.done()
    },
  }
}

interface Scenario {
  name: string
  run(name: string): Promise<StallFigures>
}

const scenarios: Scenario[] = [
  {
    name: '403 export of a board of 15,000 notes (×3)',
    async run(name) {
      const { relay, boards, done } = await relayWith([{ title: 'Großes Board', notes: () => manyNotes(15_000) }])
      const board = boards[0]!
      const figures = await probeDuring(relay, name, async () => {
        const codes: number[] = []
        for (let i = 0; i < 3; i++) {
          const response = await apiFetch(relay, `/api/boards/${board.id}/export?format=md`, { headers: { authorization: `Bearer ${board.access.observer}` } })
          await response.arrayBuffer()
          codes.push(response.status)
        }
        return statuses(codes)
      })
      await done()
      return figures
    },
  },
  {
    name: 'Dokumentation PDF of 3 Zettel of 280,000 characters',
    async run(name) {
      const bigZettel = () => [0, 1, 2].map((i) => noteAt(i * 300, 0, `Wort ${i} `.repeat(40_000)))
      const { relay, boards, done } = await relayWith([{ title: 'Lange Zettel', notes: bigZettel }])
      const figures = await probeDuring(relay, name, async () => {
        const response = await apiFetch(relay, `/api/boards/${boards[0]!.id}/report?format=pdf`)
        await response.arrayBuffer()
        return statuses([response.status])
      })
      await done()
      return figures
    },
  },
  {
    name: 'steering group pack of 4 boards of 8,000 notes',
    async run(name) {
      let network: CreatedNetwork | undefined
      const { relay, done } = await relayWith(
        Array.from({ length: 4 }, (_, i) => ({ title: `Board ${i}`, notes: () => manyNotes(8_000) })),
        async (first, created) => {
          const json = (body: unknown, token?: string): RequestInit => ({
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body: JSON.stringify(body),
          })
          network = CreatedNetwork.parse(await (await apiFetch(first, '/api/networks', json({ name: 'Netzwerk', targetGroup: 'Familien' }))).json())
          for (const board of created) {
            await apiFetch(first, networkBoardsPath(network.id), json({ boardId: board.id, token: board.access.facilitator, phase: 'gruendung', internal: false }, network.token))
          }
        },
      )
      const figures = await probeDuring(relay, name, async () => {
        const response = await fetch(`${relay.httpUrl}${networkPackPath(network!.id, 'md', 'de', '2026-11-23')}`, { headers: { authorization: `Bearer ${network!.token}` } })
        await response.arrayBuffer()
        return statuses([response.status])
      })
      await done()
      return figures
    },
  },
  {
    name: 'sync requests one clock short, 4 sockets for 3 s',
    async run(name) {
      const notes = () => manyNotes(15_000)
      // The board's state vector as stored, one clock short for its writer: an answer of a few bytes that walks the whole board.
      const doc = new Y.Doc()
      putRecords(doc, notes())
      const clocks = Y.decodeStateVector(Y.encodeStateVector(doc))
      for (const [client, clock] of clocks) clocks.set(client, clock - 1)
      const almostComplete = new Uint8Array(Y.encodeStateVector(clocks))
      doc.destroy()
      const { relay, boards, done } = await relayWith([{ title: 'Großes Board', notes }])
      const board = boards[0]!
      // The first socket loads the board (on the relay's thread, not measured here); the others join it loaded.
      const loader = await openRawSocket(relay, board.id, board.access.participant)
      await loader.inRoom
      const sockets = [loader, ...(await Promise.all(Array.from({ length: 3 }, () => openRawSocket(relay, board.id, board.access.participant))))]
      await Promise.all(sockets.map((s) => s.inRoom))
      let answered = 0
      for (const { socket } of sockets) socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && answered++)
      const figures = await probeDuring(relay, name, async () => {
        const until = performance.now() + 3000
        while (performance.now() < until) {
          for (const { socket } of sockets) if (socket.readyState === socket.OPEN) socket.send(encodeSyncStep1(almostComplete))
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
        const closed = sockets.filter(({ socket }) => socket.readyState !== socket.OPEN).length
        return `${answered} answers${closed ? `, ${closed} sockets closed` : ''}`
      })
      for (const { socket } of sockets) socket.terminate()
      await done()
      return figures
    },
  },
  {
    name: 'room load: a stored board of 15,000 notes to its first socket, then one more',
    async run(name) {
      const { relay, boards, done } = await relayWith([{ title: 'Großes Board', notes: () => manyNotes(15_000) }])
      const board = boards[0]!
      const sockets: WebSocket[] = []
      const figures = await probeDuring(relay, name, async () => {
        const sizes: number[] = []
        for (const token of [board.access.participant, board.access.observer]) {
          const joined = await joinForState(relay, board.id, token)
          sockets.push(joined.socket)
          sizes.push((await joined.state).byteLength)
        }
        return `both got the board (${sizes.map(mb).join(', ')})`
      })
      for (const socket of sockets) socket.terminate()
      await done()
      return figures
    },
  },
  {
    name: 'first write to a quiet loaded board of 15,000 notes (one note moved)',
    async run(name) {
      const { relay, participant, watcher, state, done } = await loadedBigBoard()
      const move = moveOneNote(state)
      const figures = await probeDuring(relay, name, async () => {
        const arrived = nextUpdate(watcher.socket)
        participant.socket.send(encodeUpdate(move))
        await arrived
        return `the move (${move.byteLength} bytes) arrived at the other socket`
      })
      await done()
      return figures
    },
  },
  {
    name: 'a refused update, then a valid one, on a quiet loaded board of 15,000 notes',
    async run(name) {
      const { relay, board, participant, watcher, state, sockets, done } = await loadedBigBoard()
      // The refusal closes its sender (4403): the valid update comes from a second participant.
      const second = await joinForState(relay, board.id, board.access.participant)
      await second.state
      sockets.push(second.socket)
      const refused = startTimer(state)
      const move = moveOneNote(state)
      const figures = await probeDuring(relay, name, async () => {
        participant.socket.send(encodeUpdate(refused))
        const { code } = await participant.closed
        const arrived = nextUpdate(watcher.socket)
        second.socket.send(encodeUpdate(move))
        await arrived
        return `refused with ${code}, then the move arrived at the other socket`
      })
      await done()
      return figures
    },
  },
  {
    name: 'a join after a change to a loaded board of 15,000 notes',
    async run(name) {
      const { relay, board, participant, watcher, state, sockets, done } = await loadedBigBoard()
      // The change before the window: its own cost is the first-write scenario's.
      const arrived = nextUpdate(watcher.socket)
      participant.socket.send(encodeUpdate(moveOneNote(state)))
      await arrived
      const figures = await probeDuring(relay, name, async () => {
        const joiner = await joinForState(relay, board.id, board.access.participant)
        sockets.push(joiner.socket)
        return `the joiner got the board (${mb((await joiner.state).byteLength)})`
      })
      await done()
      return figures
    },
  },
]

/** `STALLS=<substring>`: only the scenarios whose name holds it (case-insensitive); quiet always runs. */
export async function runStalls(only = process.env.STALLS): Promise<StallsResult> {
  const chosen = scenarios.filter(({ name }) => !only || name.toLowerCase().includes(only.toLowerCase()))
  if (chosen.length === 0) throw new Error(`STALLS=${only} names no scenario: ${scenarios.map(({ name }) => name).join('; ')}`)

  const quietRelay = await relayWith([{ title: 'Leer', notes: () => manyNotes(10) }])
  const quiet = await probeDuring(quietRelay.relay, 'quiet', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3000))
    return 'none'
  })
  await quietRelay.done()

  const measured: StallFigures[] = []
  // Each as it is measured: a run that fails later keeps what it had.
  for (const { name, run } of chosen) {
    const s = await run(name)
    measured.push(s)
    const errors = s.probeErrors ? `, probe errors ${JSON.stringify(s.probeErrors)}` : ''
    console.error(`${s.scenario}: longest ${s.longestMs} ms (quiet ${quiet.longestMs} ms), relay's own ${s.relayLongestMs} ms (quiet ${quiet.relayLongestMs} ms), ${s.answers}${errors}`)
  }
  return {
    quiet,
    scenarios: measured.map((s) => ({ ...s, ratio: round(s.longestMs / quiet.longestMs), relayRatio: round(s.relayLongestMs / quiet.relayLongestMs) })),
    goalMs: 50,
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runStalls()
  console.log(JSON.stringify(result, null, 2))
}
