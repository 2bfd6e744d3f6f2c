/**
 * Memory per idle board: many boards open at once, each with one person on it doing nothing, as
 * on a server during a week of workshops. Each board is a Planspiel template with 50 notes.
 *
 * Ours: the boards are created through the HTTP API and written through a socket, then the relay
 * is restarted on the same data, so that the measured relay loads every board from storage (as
 * after a deploy) and its memory holds no leftovers of writing them. The baseline is the same
 * restarted relay before any board is loaded, after one board was opened and closed, so that
 * code loaded on first use is in both readings. The reference server keeps a Y.Doc per board
 * too (and never unloads it); the same boards are pushed to it by their one client.
 *
 * Both servers run with their inspector on a free loopback port, so that a full garbage
 * collection can be forced before each reading (HeapProfiler.collectGarbage): what is left is what
 * the boards keep, not what loading them left lying about. RSS is what the machine pays; heap is
 * V8's used heap (ours from /metrics, the reference server's from its /memory).
 */
import * as decoding from 'lib0/decoding'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { tokenQueryParam } from '../shared/access.ts'
import { getRecordsMap } from '../shared/board/records.ts'
import { encodeSyncStep1, encodeSyncStep2, messageSync, syncStep1, syncStep2 } from '../shared/protocol.ts'
import { templateDocument } from '../server/documents/templateBoard.ts'
import { createBoard } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { noteRecord, noteText, putRecord } from './board.ts'
import { awarenessMessage, presenceJson } from './fanOutFleet.ts'
import { killOnExit, launchServer, rssBytes, sleep, within } from './servers/launch.ts'
import { round } from './stats.ts'

export interface IdleMemoryFigures {
  boards: number
  baselineRssMb: number
  loadedRssMb: number
  rssMbPerBoard: number
  baselineHeapMb: number
  loadedHeapMb: number
  heapMbPerBoard: number
}

export interface IdleMemoryResult {
  template: string
  notesPerBoard: number
  /** The board as one Yjs update (template + notes). */
  boardBytes: number
  ours: IdleMemoryFigures
  reference: IdleMemoryFigures
  /** Ours / reference, per board. */
  rssRatio: number
  heapRatio: number
  /** 1-minute load average before and after: on a shared 2-core machine, above 2 means disturbed figures. */
  loadAverage: [before: number, after: number]
}

const template = 'planspiel'
const notesPerBoard = 50
const inspect = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim() }
const env = {
  ...inspect,
  LOG_LEVEL: 'info',
  MAX_BOARDS_PER_MINUTE: '10000',
  MAX_CONNECTIONS_PER_ADDRESS: '2000',
  // Boards written in preparation leave memory (and reach storage compacted) soon after.
  UNLOAD_DELAY_MS: '200',
}

export async function runIdleMemory(options: { quick?: boolean } = {}): Promise<IdleMemoryResult> {
  const boards = options.quick ? 50 : 200
  const loadBefore = loadavg()[0]
  const idleMs = options.quick ? 2000 : 4000
  // One participant's notes; the same update on every board (each board is a doc of its own).
  const writer = new Y.Doc()
  for (let i = 0; i < notesPerBoard; i++) putRecord(writer, noteRecord(`shape:idle-${i}`, noteText(i), (i % 10) * 220, 3000 + Math.floor(i / 10) * 220))
  const notes = Y.encodeStateAsUpdate(writer)
  const board = Y.mergeUpdates([templateDocument({ template, locale: 'de' }), notes])
  const ours = await measureOurs(boards, notes, idleMs)
  const reference = await measureReference(boards, board, idleMs)
  return {
    template,
    notesPerBoard,
    boardBytes: board.byteLength,
    ours,
    reference,
    rssRatio: round(ours.rssMbPerBoard / reference.rssMbPerBoard),
    heapRatio: round(ours.heapMbPerBoard / reference.heapMbPerBoard),
    loadAverage: [loadBefore, loadavg()[0]],
  }
}

async function measureOurs(boards: number, notes: Uint8Array, idleMs: number): Promise<IdleMemoryFigures> {
  let relay: RelayProcess = killOnExitRelay(await startRelay({ process: true, env }))
  const sockets: WebSocket[] = []
  try {
    const created = await inParallel(boards + 1, 8, () => createBoard(relay, 'Idle', { template, locale: 'de' }))
    const urlOf = (i: number) => `${relay.wsUrl}/${created[i].id}?${tokenQueryParam}=${encodeURIComponent(created[i].access.participant)}`
    await inParallel(boards + 1, 20, async (i) => (await openClient(urlOf(i), { answer: notes })).close())
    await untilLogged(relay, 'room unloaded', boards + 1)

    await relay.kill('SIGTERM')
    relay = killOnExitRelay(await startRelay({ process: true, dataDir: relay.dataDir, env }))
    // The spare board: opened and closed once, and proof that the notes were stored.
    const check = new Y.Doc()
    ;(await openClient(urlOf(boards), { doc: check })).close()
    if (getRecordsMap(check).size <= notesPerBoard) throw new Error(`stored board has only ${getRecordsMap(check).size} records`)
    await untilLogged(relay, 'room unloaded', 1)
    await sleep(1000)
    const reading = () => memoryAfterGc(relay.child.pid!, relay.logs, () => relayHeap(relay))
    const baseline = await reading()

    sockets.push(...(await inParallel(boards, 20, (i) => openClient(urlOf(i), { presence: i }))))
    await sleep(idleMs)
    return figures(boards, baseline, await reading())
  } finally {
    for (const socket of sockets) socket.terminate()
    await relay.kill('SIGKILL')
    removeDataDir(relay.dataDir)
  }
}

async function measureReference(boards: number, board: Uint8Array, idleMs: number): Promise<IdleMemoryFigures> {
  const server = await launchServer('referenceServer', inspect)
  const sockets: WebSocket[] = []
  try {
    const url = (name: string) => `ws://127.0.0.1:${server.port}/${name}`
    const heap = async () => ((await (await fetch(`http://127.0.0.1:${server.port}/memory`)).json()) as { heapUsed: number }).heapUsed
    ;(await openClient(url('warm-up'), { answer: board })).close()
    await sleep(1000)
    const reading = () => memoryAfterGc(server.pid, server.stderr, heap)
    const baseline = await reading()
    sockets.push(...(await inParallel(boards, 20, (i) => openClient(url(`board-${i}`), { answer: board, presence: i }))))
    await sleep(idleMs)
    return figures(boards, baseline, await reading())
  } finally {
    for (const socket of sockets) socket.terminate()
    await server.stop()
  }
}

/**
 * A plain y-websocket client: syncs, answers the server's step 1 with `answer` (the board or
 * notes it brings; nothing otherwise), applies what it gets into `doc` if given, and then
 * publishes one presence if asked. Resolves with the open socket once synced.
 */
function openClient(url: string, options: { answer?: Uint8Array; doc?: Y.Doc; presence?: number }): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false })
  return within(15_000, `opening ${url}`, new Promise((resolve, reject) => {
    socket.on('error', reject)
    socket.on('open', () => socket.send(encodeSyncStep1(new Uint8Array([0]))))
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data)
      if (decoding.readVarUint(decoder) !== messageSync) return
      const step = decoding.readVarUint(decoder)
      if (step === syncStep1) socket.send(encodeSyncStep2(options.answer ?? Y.encodeStateAsUpdate(new Y.Doc())))
      if (step !== syncStep2) return
      if (options.doc) Y.applyUpdate(options.doc, decoding.readVarUint8Array(decoder))
      if (options.presence !== undefined) {
        const id = 3_000_000 + options.presence
        socket.send(awarenessMessage(id, 1, presenceJson(id, { x: 500, y: 400 }, { x: 0, y: 0 }, Date.now())))
      }
      resolve(socket)
    })
  }))
}

interface Memory {
  rss: number
  heap: number
}

/** RSS and heap right after a full collection, forced through the process' inspector. */
async function memoryAfterGc(pid: number, stderr: string[], heap: () => Promise<number>): Promise<Memory> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(stderr.join('\n'))?.[1]
  if (!url) throw new Error('the server has no inspector to force a collection with')
  const inspector = new WebSocket(url)
  await once(inspector, 'open')
  const collected = new Promise<void>((resolve) => inspector.on('message', (data) => JSON.parse(String(data)).id === 1 && resolve()))
  inspector.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }))
  await collected
  inspector.close()
  await sleep(200)
  return { rss: rssBytes(pid) ?? NaN, heap: await heap() }
}

async function relayHeap(relay: RelayProcess): Promise<number> {
  const text = await (await fetch(`${relay.httpUrl}/metrics`)).text()
  return Number(/^netzwerkstatt_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1])
}

function figures(boards: number, baseline: Memory, loaded: Memory): IdleMemoryFigures {
  const mb = (bytes: number) => round(bytes / 1e6)
  return {
    boards,
    baselineRssMb: mb(baseline.rss),
    loadedRssMb: mb(loaded.rss),
    rssMbPerBoard: mb((loaded.rss - baseline.rss) / boards),
    baselineHeapMb: mb(baseline.heap),
    loadedHeapMb: mb(loaded.heap),
    heapMbPerBoard: mb((loaded.heap - baseline.heap) / boards),
  }
}

function killOnExitRelay(relay: RelayProcess): RelayProcess {
  killOnExit(relay.child)
  return relay
}

/** Resolves once the relay has logged `msg` `target` times since it started. */
async function untilLogged(relay: RelayProcess, msg: string, target: number): Promise<void> {
  const logged = () => relay.logs.filter((line) => line.includes(`"msg":"${msg}"`)).length
  const deadline = performance.now() + 30_000
  while (logged() < target) {
    if (performance.now() > deadline) throw new Error(`relay logged '${msg}' ${logged()} times, expected ${target}`)
    await sleep(50)
  }
}

/** `task(0)` … `task(count - 1)`, at most `parallel` at a time, results in order. */
async function inParallel<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count)
  let next = 0
  const worker = async () => {
    while (next < count) {
      const i = next++
      results[i] = await task(i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker))
  return results
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runIdleMemory({ quick: process.argv.includes('--quick') }), null, 2))
  process.exit(0)
}
