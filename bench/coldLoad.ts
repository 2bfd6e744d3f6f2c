/**
 * Opening a big board nobody has open: from a fresh y-websocket client's connect to the moment it
 * is synced with every shape present, for boards of 5,000 and 20,000 notes (format 2, on a
 * Planspiel template, every third note moved once so that the doc carries what a real one does).
 *
 * The boards get into our relay the real way: created through the HTTP API, the notes written by
 * one y-websocket client in batches. Then the relay is restarted on the same data, so that each
 * "cold" load reads the board from storage into a process that has never held it; later cold
 * rounds wait for the relay to unload the board again (UNLOAD_DELAY_MS is short here). Baselines
 * in the same run: the same client against our relay while the board is loaded ("warm"), the
 * reference server serving the same state from memory, and Y.applyUpdate of the same bytes
 * in-process, the floor no server can go below.
 */
import { loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import * as Y from 'yjs'
import { getRecordsMap } from '../shared/board/records.ts'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { noteRecord, noteText, putRecord } from './board.ts'
import { killOnExit, launchServer, sleep, within } from './servers/launch.ts'
import { median, round } from './stats.ts'

export interface ColdLoadFigures {
  shapes: number
  /** Every record on the board: the template's and the notes. */
  records: number
  /** The whole board as one Yjs update, as a joining client receives it. */
  boardBytes: number
  /** From the first batch sent until a second client had every note: the relay checks each batch. */
  writeMs: number
  coldMs: number[]
  warmMs: number[]
  referenceMs: number[]
  applyMs: number[]
  /** Medians, ours cold / baseline. */
  ratios: { coldVsReference: number; coldVsApply: number; coldVsWarm: number }
}

export interface ColdLoadResult {
  rounds: number
  /** 1-minute load average before and after: on a shared 2-core machine, above 2 means disturbed figures. */
  loadAverage: [before: number, after: number]
  boards: ColdLoadFigures[]
}

const batch = 1000
const env = { LOG_LEVEL: 'info', UNLOAD_DELAY_MS: '100' }

export async function runColdLoad(options: { quick?: boolean } = {}): Promise<ColdLoadResult> {
  const sizes = [5000, 20_000]
  const rounds = options.quick ? 1 : 3
  const loadBefore = loadavg()[0]
  let relay: RelayProcess = await startRelay({ process: true, env })
  killOnExit(relay.child)
  const figures: Array<Awaited<ReturnType<typeof writeBoard>>> = []
  try {
    for (const shapes of sizes) {
      console.error(`cold load: writing ${shapes} notes …`)
      figures.push(await writeBoard(relay, shapes, rounds))
    }

    // A new process on the same data: nothing of these boards is in memory any more.
    await relay.kill('SIGTERM')
    relay = await startRelay({ process: true, dataDir: relay.dataDir, env })
    killOnExit(relay.child)
    // First use of the code paths (the database, a room, a sync) on a small board, not a big one.
    const spare = await createBoard(relay, 'Warm-up')
    await timeLoad(relay.wsUrl, { id: spare.id, token: spare.access.participant }, 0)

    const coldMs = new Map<number, number[]>()
    for (const board of figures) {
      console.error(`cold load: ${board.shapes} notes, cold …`)
      const samples: number[] = []
      for (let r = 0; r < rounds; r++) {
        samples.push(await timeLoad(relay.wsUrl, board.room, board.records))
        await untilUnloaded(relay, board.room.id, r + 1)
      }
      coldMs.set(board.shapes, samples)
    }
    console.error('cold load: reference server …')
    const referenceMs = await timeReference(figures, rounds)
    const boards = figures.map(({ room: _room, state, ...board }) => {
      const cold = coldMs.get(board.shapes)!
      const reference = referenceMs.get(board.shapes)!
      const applyMs = timeApply(state, board.records, Math.max(rounds, 3))
      return {
        ...board,
        coldMs: cold,
        referenceMs: reference,
        applyMs,
        ratios: {
          coldVsReference: round(median(cold) / median(reference)),
          coldVsApply: round(median(cold) / median(applyMs)),
          coldVsWarm: round(median(cold) / median(board.warmMs)),
        },
      }
    })
    return { rounds, loadAverage: [loadBefore, loadavg()[0]], boards }
  } finally {
    await relay.kill('SIGKILL')
    removeDataDir(relay.dataDir)
  }
}

/** A board on our relay (id and participant token), or a document on the reference server (name). */
interface Room {
  id: string
  token?: string
}

/** Creates the board and writes its notes through one client; then measures warm loads while it stays. */
async function writeBoard(relay: RelayProcess, shapes: number, rounds: number) {
  const board = await createBoard(relay, `Cold load ${shapes}`, { template: 'planspiel', locale: 'de' })
  const room: Room = { id: board.id, token: board.access.participant }
  const writer = connectClient(relay, board.id, new Y.Doc(), { token: room.token })
  try {
    await within(30_000, 'the writer connecting', whenSynced(writer))
    const started = performance.now()
    const place = (i: number, dx = 0) => noteRecord(`shape:cold-${i}`, noteText(i), (i % 100) * 220 + dx, Math.floor(i / 100) * 220)
    // One transaction per batch: one update of ~0.7 MB each, as a big paste would send.
    for (let from = 0; from < shapes; from += batch) {
      writer.doc.transact(() => {
        for (let i = from; i < Math.min(shapes, from + batch); i++) putRecord(writer.doc, place(i))
      })
    }
    writer.doc.transact(() => {
      for (let i = 0; i < shapes; i += 3) putRecord(writer.doc, place(i, 15))
    })
    const records = getRecordsMap(writer.doc).size
    // Unmeasured as a load: a client that gets every record proves the relay has applied them all.
    await timeLoad(relay.wsUrl, room, records)
    const writeMs = round(performance.now() - started)
    const warmMs: number[] = []
    for (let r = 0; r < rounds; r++) warmMs.push(await timeLoad(relay.wsUrl, room, records))
    const state = Y.encodeStateAsUpdate(writer.doc)
    return { shapes, records, boardBytes: state.byteLength, writeMs, warmMs, room, state }
  } finally {
    writer.destroy()
  }
}

/** A fresh y-websocket client: ms from connecting to synced with `records` records. */
async function timeLoad(wsUrl: string, room: Room, records: number): Promise<number> {
  const started = performance.now()
  const client: TestClient = connectClient({ wsUrl }, room.id, new Y.Doc(), { token: room.token })
  try {
    await within(60_000, `loading ${room.id}`, whenSynced(client).then(() => until(client.doc, () => getRecordsMap(client.doc).size >= records)))
    return round(performance.now() - started)
  } finally {
    client.destroy()
  }
}

/** The reference server serving the same states from memory, held there by one client each. */
async function timeReference(boards: Array<{ shapes: number; records: number; state: Uint8Array }>, rounds: number): Promise<Map<number, number[]>> {
  const server = await launchServer('referenceServer')
  const holders: TestClient[] = []
  try {
    const wsUrl = `ws://127.0.0.1:${server.port}`
    const results = new Map<number, number[]>()
    for (const board of boards) {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, board.state)
      // The reference server ignores the (empty) token parameter.
      const holder = connectClient({ wsUrl }, `board-${board.shapes}`, doc)
      holders.push(holder)
      await within(60_000, 'pushing the board to the reference server', whenSynced(holder))
      // Unmeasured: until the server has the whole board (and its code is warm, as ours was).
      const room = { id: `board-${board.shapes}` }
      await timeLoad(wsUrl, room, board.records)
      const samples: number[] = []
      for (let r = 0; r < rounds; r++) samples.push(await timeLoad(wsUrl, room, board.records))
      results.set(board.shapes, samples)
    }
    return results
  } finally {
    for (const holder of holders) holder.destroy()
    await server.stop()
  }
}

/** Y.applyUpdate of the board into a new doc, in this process, after one unmeasured round. */
function timeApply(state: Uint8Array, records: number, rounds: number): number[] {
  const samples: number[] = []
  for (let r = -1; r < rounds; r++) {
    const started = performance.now()
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    if (getRecordsMap(doc).size < records) throw new Error('the state holds fewer records than the board')
    if (r >= 0) samples.push(round(performance.now() - started))
    doc.destroy()
  }
  return samples
}

/** Waits until the relay has unloaded the board `times` times since it started. */
async function untilUnloaded(relay: RelayProcess, boardId: string, times: number): Promise<void> {
  const unloaded = () => relay.logs.filter((line) => line.includes('"msg":"room unloaded"') && line.includes(boardId)).length
  const deadline = performance.now() + 30_000
  while (unloaded() < times) {
    if (performance.now() > deadline) throw new Error(`board ${boardId} was not unloaded`)
    await sleep(20)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runColdLoad({ quick: process.argv.includes('--quick') }), null, 2))
  process.exit(0)
}
