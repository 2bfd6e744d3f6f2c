/**
 * A plenary joining at once: a board with the Planspiel template and 400 notes, 200 raw sockets
 * opened within 2 s, each asking for the board (sync step 1 with an empty state vector) and
 * waiting for the whole of it (sync step 2). Per socket: ms from opening the socket to the last
 * byte of the board. Against the y-websocket reference server holding the same document in
 * memory, in the same run. The sockets stay open until everyone has the board, as people do.
 *
 * The board gets into our relay the real way (created through the API, the notes written by a
 * y-websocket client); the reference server is handed the same state by a client.
 */
import { pathToFileURL } from 'node:url'
import { WebSocket } from 'ws'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { tokenQueryParam } from '../shared/access.ts'
import { getRecordsMap } from '../shared/board/records.ts'
import { encodeSyncStep1, messageSync, syncStep2 } from '../shared/protocol.ts'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { noteRecord, noteText, putRecord } from './board.ts'
import { cpuMs, cpuPercent, killOnExit, launchServer, rssBytes, sleep, within } from './servers/launch.ts'
import { median, percentile, round } from './stats.ts'

type Board = Awaited<ReturnType<typeof createBoard>>

const notes = 400
const joiners = 200
const spreadMs = 2000

export interface StormFigures {
  joined: number
  /** Sockets that closed or failed before they had the board, by close code or 'error'. */
  failures: Record<string, number>
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  /** The server's CPU from the first socket to the last board, in percent of one core. */
  serverCpuPercent: number | null
  /** The same in ms of CPU (all its threads: zlib's work on libuv's pool too). */
  serverCpuMs: number | null
  /** From the first socket opened to the last board arrived. */
  wallMs: number
  /** The server's largest RSS during the storm above its RSS before it, sampled every 20 ms. */
  serverPeakRssMb: number | null
  /** Bytes the joiners read from the wire (upgrade answer and frames, compressed or not). */
  wireBytes: number
}

export interface JoinStormResult {
  notes: number
  joiners: number
  spreadMs: number
  boardBytes: number
  ours: StormFigures
  reference: StormFigures
  /** Ours / reference: below 1, ours is faster. */
  ratios: { p50: number; p95: number; p99: number }
}

export async function runJoinStorm(): Promise<JoinStormResult> {
  const { state, ours } = await stormOurs()
  const reference = await stormReference(state)
  return {
    notes,
    joiners,
    spreadMs,
    boardBytes: state.byteLength,
    ours,
    reference,
    ratios: { p50: round(ours.p50Ms / reference.p50Ms), p95: round(ours.p95Ms / reference.p95Ms), p99: round(ours.p99Ms / reference.p99Ms) },
  }
}

/** The storm on our relay alone (`bench/against.ts` compares two builds of it): the board's state and the figures. */
export async function stormOurs(): Promise<{ state: Uint8Array; ours: StormFigures }> {
  const relay = await startRelay({ process: true, env: { LOG_LEVEL: 'info' } })
  killOnExit(relay.child)
  try {
    const { state, url } = await stormBoard(relay)
    console.error(`join storm: ${joiners} sockets on ours (${(state.byteLength / 1e6).toFixed(2)} MB) …`)
    const ours = await storm(url, relay.child.pid!)
    return { state, ours }
  } finally {
    await relay.kill('SIGKILL')
    removeDataDir(relay.dataDir)
  }
}

/** The storm's board on our relay, written the real way: its state and the observer's socket address. */
export async function stormBoard(relay: RelayProcess): Promise<{ state: Uint8Array; url: string; board: Board }> {
  const clients: TestClient[] = []
  try {
    const board = await createBoard(relay, 'Plenum', { template: 'planspiel', locale: 'de' })
    const writer = connectClient(relay, board.id, new Y.Doc(), { token: board.access.participant })
    clients.push(writer)
    await within(30_000, 'the writer connecting', whenSynced(writer))
    writer.doc.transact(() => {
      for (let i = 0; i < notes; i++) putRecord(writer.doc, noteRecord(`shape:storm-${i}`, noteText(i), (i % 20) * 220, Math.floor(i / 20) * 220))
    })
    const records = getRecordsMap(writer.doc).size
    // A second client with every record: the relay has applied them all.
    const witness = connectClient(relay, board.id, new Y.Doc(), { token: board.access.observer })
    clients.push(witness)
    await within(60_000, 'the board arriving', until(witness.doc, () => getRecordsMap(witness.doc).size >= records))
    const state = Y.encodeStateAsUpdate(writer.doc)
    return { state, url: `${relay.wsUrl}/${board.id}?${tokenQueryParam}=${encodeURIComponent(board.access.observer)}`, board }
  } finally {
    for (const client of clients) client.destroy()
  }
}

export interface CompressionStorm {
  rounds: number
  boardBytes: number
  /** Per round, alternating which goes first: warm storms (the board loaded and sent before), the relay agreeing to permessage-deflate, and not. */
  on: StormFigures[]
  off: StormFigures[]
  /** The same, each the first storm after the board loaded: the room unloaded before it, the first joiner loads it. */
  first: { on: StormFigures[]; off: StormFigures[] }
  /**
   * The same, each the first storm after a change, the room loaded (the QR moment as it usually
   * is: the facilitator's page open, a Zettel written just before): nothing the joiners are sent is
   * cached yet, but nothing is read from storage.
   */
  changed: { on: StormFigures[]; off: StormFigures[] }
  /** Medians on / off, warm storms. */
  ratios: { cpuMs: number; wallMs: number; peakRss: number; wire: number; p50: number; p95: number }
  /** Medians on / off, first storms. */
  firstRatios: { cpuMs: number; p50: number; p95: number }
  /** With compression, medians first / warm (the goal: the first storm as fast as later ones). */
  firstOverWarm: { cpuMs: number; p50: number; p95: number }
  /** With compression, medians of the first after a change (room loaded) / warm. */
  changedOverWarm: { cpuMs: number; p50: number; p95: number }
}

/** Unloaded this long after its last socket left, so that each round's first storm loads the board. */
const unloadDelayMs = 3000

/**
 * The join storm with every joiner offering permessage-deflate, as browsers do, against two relays
 * started side by side, one with SOCKET_COMPRESSION=off; storms alternate between them. Each round
 * and relay: the first storm after the board loaded, then a warm one, then (unless `changed` is
 * false) the first after a change.
 */
export async function runJoinStormCompression({ rounds = 5, changed: afterChange = true } = {}): Promise<CompressionStorm> {
  // Several storms a minute from one address: the sync budget must not be what is measured.
  const env = { LOG_LEVEL: 'info', MAX_SYNC_BYTES_PER_MINUTE: String(4 * 1024 ** 3), UNLOAD_DELAY_MS: String(unloadDelayMs) }
  const relays = { on: await startRelay({ process: true, env }), off: await startRelay({ process: true, env: { ...env, SOCKET_COMPRESSION: 'off' } }) }
  for (const relay of Object.values(relays)) killOnExit(relay.child)
  try {
    const boards = { on: await stormBoard(relays.on), off: await stormBoard(relays.off) }
    const results: Record<'on' | 'off', StormFigures[]> = { on: [], off: [] }
    const first: Record<'on' | 'off', StormFigures[]> = { on: [], off: [] }
    const changed: Record<'on' | 'off', StormFigures[]> = { on: [], off: [] }
    // One storm each first, not counted: a fresh relay's first storm also grows its heap.
    for (const mode of ['on', 'off'] as const) await storm(boards[mode].url, relays[mode].child.pid!, true)
    for (let r = 0; r < rounds; r++) {
      for (const mode of r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        await unloaded(relays[mode])
        console.error(`join storm: ${joiners} sockets offering deflate, SOCKET_COMPRESSION=${mode}, first after the board loads …`)
        first[mode].push(await storm(boards[mode].url, relays[mode].child.pid!, true))
        // The sockets' close handshakes and what they free, before the next storm (the board stays loaded).
        await sleep(1000)
        console.error(`join storm: ${joiners} sockets offering deflate, SOCKET_COMPRESSION=${mode}, warm …`)
        results[mode].push(await storm(boards[mode].url, relays[mode].child.pid!, true))
        if (!afterChange) continue
        await sleep(1000)
        console.error(`join storm: ${joiners} sockets offering deflate, SOCKET_COMPRESSION=${mode}, first after a change, the facilitator's page open …`)
        changed[mode].push(await stormAfterChange(relays[mode], boards[mode], r))
      }
    }
    const m = (list: StormFigures[], pick: (f: StormFigures) => number | null) => median(list.map(pick).filter((v): v is number => v !== null))
    const ratio = (a: StormFigures[], b: StormFigures[], pick: (f: StormFigures) => number | null) => round(m(a, pick) / m(b, pick))
    /** CPU, p50 and p95 of `a` against `b`, medians. */
    const timings = (a: StormFigures[], b: StormFigures[]) => ({
      cpuMs: ratio(a, b, (f) => f.serverCpuMs),
      p50: ratio(a, b, (f) => f.p50Ms),
      p95: ratio(a, b, (f) => f.p95Ms),
    })
    return {
      rounds,
      boardBytes: boards.on.state.byteLength,
      ...results,
      first,
      changed,
      ratios: {
        cpuMs: ratio(results.on, results.off, (f) => f.serverCpuMs),
        wallMs: ratio(results.on, results.off, (f) => f.wallMs),
        peakRss: ratio(results.on, results.off, (f) => f.serverPeakRssMb),
        wire: ratio(results.on, results.off, (f) => f.wireBytes),
        p50: ratio(results.on, results.off, (f) => f.p50Ms),
        p95: ratio(results.on, results.off, (f) => f.p95Ms),
      },
      firstRatios: timings(first.on, first.off),
      firstOverWarm: timings(first.on, results.on),
      changedOverWarm: timings(changed.on, results.on),
    }
  } finally {
    for (const relay of Object.values(relays)) {
      await relay.kill('SIGKILL')
      removeDataDir(relay.dataDir)
    }
  }
}

/**
 * A storm right after the facilitator wrote a Zettel, her page open throughout: the room stays
 * loaded, but the board's encoding and its deflated frame are not cached for the new state.
 */
async function stormAfterChange(relay: RelayProcess, { board, url }: { board: Board; url: string }, round: number): Promise<StormFigures> {
  const facilitator = connectClient(relay, board.id, new Y.Doc(), { token: board.access.facilitator })
  const witness = connectClient(relay, board.id, new Y.Doc(), { token: board.access.observer })
  try {
    await within(30_000, 'the facilitator connecting', Promise.all([whenSynced(facilitator), whenSynced(witness)]))
    const id = `shape:changed-${round}`
    putRecord(facilitator.doc, noteRecord(id, noteText(round), 0, 50_000))
    await within(30_000, 'the change arriving', until(witness.doc, () => getRecordsMap(witness.doc).has(id)))
    witness.destroy()
    return await storm(url, relay.child.pid!, true)
  } finally {
    facilitator.destroy()
    witness.destroy()
  }
}

/**
 * Until the relay holds no board in memory (`/metrics`' netzwerkstatt_rooms) and has let it go:
 * a room leaves the count before its compaction is through, and a storm that came meanwhile
 * would wait for the compaction too (seconds under a profiler), which the QR moment does not.
 */
export async function unloaded(relay: RelayProcess): Promise<void> {
  const deadline = performance.now() + 60_000
  const lastOfRoom = () => relay.logs.findLast((line) => line.includes('"msg":"room unloaded"') || line.includes('"msg":"room loaded"'))
  while (performance.now() < deadline) {
    const text = await (await fetch(`${relay.httpUrl}/metrics`)).text()
    if (/^netzwerkstatt_rooms 0$/m.test(text) && lastOfRoom()?.includes('"msg":"room unloaded"')) return
    await sleep(250)
  }
  throw new Error('the relay did not unload the board within 60 s')
}

async function stormReference(state: Uint8Array): Promise<StormFigures> {
  const server = await launchServer('referenceServer')
  const clients: TestClient[] = []
  try {
    const wsUrl = `ws://127.0.0.1:${server.port}`
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    const records = getRecordsMap(doc).size
    const holder = connectClient({ wsUrl }, 'plenum', doc)
    clients.push(holder)
    await within(30_000, 'pushing the board to the reference server', whenSynced(holder))
    const witness = connectClient({ wsUrl }, 'plenum', new Y.Doc())
    clients.push(witness)
    await within(60_000, 'the board arriving', until(witness.doc, () => getRecordsMap(witness.doc).size >= records))
    console.error(`join storm: ${joiners} sockets on the reference server …`)
    return await storm(`${wsUrl}/plenum`, server.pid)
  } finally {
    for (const client of clients) client.destroy()
    await server.stop()
  }
}

/**
 * Opens `joiners` sockets evenly within `spreadMs`; each asks for the board and times its arrival.
 * With `deflate`, each socket offers permessage-deflate as a browser does.
 */
async function storm(url: string, serverPid: number, deflate = false): Promise<StormFigures> {
  const sockets: WebSocket[] = []
  const failures: Record<string, number> = {}
  const latencies: number[] = []
  let wireBytes = 0
  const rssBefore = rssBytes(serverPid)
  let rssPeak = rssBefore
  const sampler = setInterval(() => {
    const rss = rssBytes(serverPid)
    if (rss !== null && rssPeak !== null) rssPeak = Math.max(rssPeak, rss)
  }, 20)
  const started = performance.now()
  const cpuBefore = cpuMs(serverPid)
  const join = async (index: number) => {
    await sleep(started + (index * spreadMs) / joiners - performance.now())
    const opened = performance.now()
    const socket = new WebSocket(url, { perMessageDeflate: deflate })
    sockets.push(socket)
    const outcome = await new Promise<number | string>((resolve) => {
      socket.on('open', () => socket.send(encodeSyncStep1(new Uint8Array([0]))))
      socket.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data))
        if (decoding.readVarUint(decoder) === messageSync && decoding.readVarUint(decoder) === syncStep2) {
          wireBytes += (socket as unknown as { _socket?: { bytesRead: number } })._socket?.bytesRead ?? 0
          resolve(performance.now() - opened)
        }
      })
      socket.on('close', (code) => resolve(String(code)))
      socket.on('error', () => resolve('error'))
    })
    if (typeof outcome === 'number') latencies.push(outcome)
    else failures[outcome] = (failures[outcome] ?? 0) + 1
  }
  try {
    await within(120_000, 'the join storm', Promise.all(Array.from({ length: joiners }, (_, i) => join(i))))
    const cpuAfter = cpuMs(serverPid)
    const wallMs = performance.now() - started
    clearInterval(sampler)
    return {
      serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
      wallMs: round(wallMs),
      serverPeakRssMb: rssBefore === null || rssPeak === null ? null : round((rssPeak - rssBefore) / 1e6),
      wireBytes,
      joined: latencies.length,
      failures,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(Math.max(...latencies)),
      serverCpuPercent: cpuPercent(cpuBefore, cpuAfter, performance.now() - started),
    }
  } finally {
    clearInterval(sampler)
    for (const socket of sockets) socket.terminate()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--compression')) console.log(JSON.stringify(await runJoinStormCompression(), null, 2))
  else console.log(JSON.stringify(await runJoinStorm(), null, 2))
  process.exit(0)
}
