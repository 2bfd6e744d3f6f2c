/**
 * Fan-out latency in a plenary, on our relay against the y-websocket reference server and
 * Hocuspocus, in one run: one board, N people moving their cursor at 5 Hz, 20 of them writing a
 * sticky note a second. The people are raw sockets in two forked processes (`fanOutFleet.ts`):
 * the crowd, which only drains what it gets, and five observers, which decode everything and
 * note when each note and cursor state arrives. Each server runs alone, freshly started for each
 * phase, so that no backlog of a saturated phase spills into the next one.
 *
 * What counts: latency from the sender's stamp to the observer's receipt (p50, p99), the share
 * delivered, connections lost, and the server's CPU. A server may merge a person's cursor states
 * (ours sends the newest state per tick), so a cursor state counts as delivered when the observer
 * got it or a newer one of the same person within `staleMs` of its sending: the observer's
 * picture of that cursor was never older than that.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'
import { tokenQueryParam } from '../shared/access.ts'
import { createBoard } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay } from '../test/helpers/relay.ts'
import { serverKinds, type ServerKind } from './dialects.ts'
import type { FleetCommand, FleetMessage, FleetReport } from './fanOutFleet.ts'
import { countWarnings, cpuMs, cpuPercent, killChild, killOnExit, launchServer, rssBytes, sleep, waitedForCoreMs, wallNow, within } from './servers/launch.ts'
import { median, percentile, round } from './stats.ts'

export interface ServerFigures {
  clients: number
  /** Clients that opened their socket and finished the sync handshake in time. */
  connected: number
  connectFailures: number
  /** Sockets closed after connecting, before the end of the phase, by close code. */
  closeCodes: Record<string, number>
  updateP50Ms: number
  updateP99Ms: number
  cursorP50Ms: number
  cursorP99Ms: number
  /** Notes sent in the window that reached the observers by the end of the phase / expected. */
  updateDelivered: number
  /** Cursor states sent in the window that observers had (or a newer one) within `staleMs`. */
  cursorDelivered: number
  notesSent: number
  cursorStatesSent: number
  /** The server's CPU in the window, in percent of one core. */
  serverCpuPercent: number | null
  /**
   * Share of the window the server's main thread was ready to run but waited for a core, in
   * percent: on a shared machine, a latency tail can be the machine's rather than the server's.
   */
  serverWaitedPercent: number | null
  serverRssMb: number | null
  /** The crowd's own CPU: near 100 % means the bench, not the server, was the limit. */
  crowdCpuPercent: number
  /** The observers' process (five of them decoding everything): near 100 % means their own latency. */
  observersCpuPercent: number
  /** Bytes all sockets read from the wire in the window (compressed frames as compressed). */
  wireBytes: number
  /** Our relay's warnings by message (e.g. 'slow consumer cut off'); the others' stderr lines. */
  serverWarnings: Record<string, number>
}

export interface LatencyRatios {
  updateP50: number
  updateP99: number
  cursorP50: number
  cursorP99: number
}

export interface FanOutScenario {
  clients: number
  servers: Record<ServerKind, ServerFigures>
  /** Ours with FAN_OUT_PACING=tick (a busy room waits a whole tick), at 200 clients and more. */
  oursTick?: ServerFigures
  /** Ours / theirs: below 1 means ours is faster. */
  ratios: { oursVsReference: LatencyRatios; oursVsHocuspocus: LatencyRatios; oursVsTick?: LatencyRatios }
}

export interface FanOutResult {
  quick: boolean
  hz: number
  editors: number
  observers: number
  warmupMs: number
  measureMs: number
  graceMs: number
  staleMs: number
  /** 1-minute load average before and after: on a shared 2-core machine, above 2 means disturbed figures. */
  loadAverage: [before: number, after: number]
  scenarios: FanOutScenario[]
}

const hz = 5
const editors = 20
const observers = 5
const staleMs = 1000
const noteEveryMs = 1000

export async function runFanOut(options: { quick?: boolean } = {}): Promise<FanOutResult> {
  const quick = options.quick ?? false
  const loadBefore = loadavg()[0]
  const counts = quick ? [50, 100] : [50, 100, 200, 500]
  const timing = timingOf(quick)
  const scenarios: FanOutScenario[] = []
  for (const clients of counts) {
    const servers = {} as Record<ServerKind, ServerFigures>
    for (const kind of serverKinds) {
      console.error(`fan-out: ${clients} clients on ${kind} …`)
      servers[kind] = await runPhase(kind, clients, timing)
    }
    // Our relay as it was before its fan-out was paced by cost: every busy room waits a tick.
    let oursTick: ServerFigures | undefined
    if (clients >= 200) {
      console.error(`fan-out: ${clients} clients on ours, paced by the tick …`)
      oursTick = await runPhase('ours', clients, timing, { FAN_OUT_PACING: 'tick' })
    }
    scenarios.push({
      clients,
      servers,
      oursTick,
      ratios: {
        oursVsReference: ratios(servers.ours, servers.reference),
        oursVsHocuspocus: ratios(servers.ours, servers.hocuspocus),
        oursVsTick: oursTick && ratios(servers.ours, oursTick),
      },
    })
  }
  const { warmupMs, measureMs, graceMs } = timing
  const loadAverage: [number, number] = [loadBefore, loadavg()[0]]
  return { quick, hz, editors, observers, warmupMs, measureMs, graceMs, staleMs, loadAverage, scenarios }
}

const timingOf = (quick: boolean) =>
  quick
    ? { warmupMs: 1000, measureMs: 4000, graceMs: 1000, connectTimeoutMs: 15_000 }
    : { warmupMs: 2000, measureMs: 10_000, graceMs: 2000, connectTimeoutMs: 30_000 }

/** One phase on our relay alone, freshly started (`bench/against.ts` compares two builds of it). */
export function runFanOutOurs(clients: number, options: { quick?: boolean } = {}): Promise<ServerFigures> {
  return runPhase('ours', clients, timingOf(options.quick ?? false))
}

/** One phase on one server alone, freshly started (`bench/fanOutAlone.ts`). */
export function runFanOutPhase(kind: ServerKind, clients: number, options: { quick?: boolean; env?: Record<string, string>; dump?: string } = {}): Promise<ServerFigures> {
  return runPhase(kind, clients, timingOf(options.quick ?? false), options.env, false, options.dump)
}

export interface CompressionFanOut {
  clients: number
  rounds: number
  /** Per round, alternating which goes first: the relay agreeing to permessage-deflate, and not. */
  on: ServerFigures[]
  off: ServerFigures[]
  /** Medians on / off: relay CPU, relay RSS, bytes on the wire, latencies. */
  ratios: { cpu: number; rss: number; wire: number; updateP99: number; cursorP99: number }
}

/**
 * The relay's socket compression in a plenary: the same crowd, every socket offering
 * permessage-deflate as browsers do, against our relay with SOCKET_COMPRESSION on and off,
 * alternating, each phase on a freshly started relay.
 */
export async function runFanOutCompression(options: { clients?: number; rounds?: number } = {}): Promise<CompressionFanOut> {
  const clients = options.clients ?? 200
  const rounds = options.rounds ?? 3
  const timing = { warmupMs: 2000, measureMs: 10_000, graceMs: 2000, connectTimeoutMs: 30_000 }
  const on: ServerFigures[] = []
  const off: ServerFigures[] = []
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      console.error(`fan-out: ${clients} clients offering deflate, SOCKET_COMPRESSION=${mode} …`)
      const figures = await runPhase('ours', clients, timing, { SOCKET_COMPRESSION: mode }, true)
      ;(mode === 'on' ? on : off).push(figures)
    }
  }
  const ratio = (pick: (f: ServerFigures) => number | null) => {
    const m = (list: ServerFigures[]) => median(list.map(pick).filter((v): v is number => v !== null))
    return round(m(on) / m(off))
  }
  return {
    clients,
    rounds,
    on,
    off,
    ratios: {
      cpu: ratio((f) => f.serverCpuPercent),
      rss: ratio((f) => f.serverRssMb),
      wire: ratio((f) => f.wireBytes),
      updateP99: ratio((f) => f.updateP99Ms),
      cursorP99: ratio((f) => f.cursorP99Ms),
    },
  }
}

interface RunningServer {
  pid: number
  url: string
  docName: string
  warnings(): Record<string, number>
  /** Our relay's log lines by level and message, debug ones too (for `dump`). */
  messages?(): Record<string, number>
  stop(): Promise<void>
}

async function startServer(kind: ServerKind, env: Record<string, string> = {}): Promise<RunningServer> {
  const docName = `fan-out-${Date.now()}`
  if (kind !== 'ours') {
    const server = await launchServer(kind === 'reference' ? 'referenceServer' : 'hocuspocusServer')
    const warnings = () => countLines(server.stderr.join('').split('\n'))
    return { pid: server.pid, url: `ws://127.0.0.1:${server.port}/${docName}`, docName, warnings, stop: server.stop }
  }
  // Everyone comes from 127.0.0.1, so the per-address limits must fit the whole plenary, as
  // they do for a venue whose laptops each have their own address: the connections, and the
  // awareness passed on per second (at 500, 2,500 states of ~540 bytes a second, 1.35 MB/s
  // against the default 1 MiB/s; 2 % of cursor states counted as not delivered were those
  // held back by that rate, bench/fanOutMisses.ts). `--env` in fanOutAlone.ts puts it back.
  // Log level info, not warn: startRelay waits for the 'listening' line, which is info; the
  // relay logs nothing at info per message, only per connection, and that is before the window.
  const relay = await startRelay({
    process: true,
    env: { LOG_LEVEL: 'info', MAX_CONNECTIONS_PER_ADDRESS: '2000', MAX_CONNECTIONS_PER_BOARD: '2000', MAX_AWARENESS_BYTES_PER_SECOND_PER_ADDRESS: String(1024 ** 3), ...env },
  })
  killOnExit(relay.child)
  const stop = async () => {
    // A profiled relay writes its profile only when it exits by itself, as SIGTERM has it.
    await relay.kill(process.env.RELAY_NODE_ARGS?.includes('--cpu-prof') ? 'SIGTERM' : 'SIGKILL')
    removeDataDir(relay.dataDir)
  }
  try {
    const board = await createBoard(relay, 'Fan-out')
    return {
      pid: relay.child.pid!,
      url: `${relay.wsUrl}/${board.id}?${tokenQueryParam}=${encodeURIComponent(board.access.participant)}`,
      docName: board.id,
      warnings: () => countWarnings(relay.logs),
      messages: () => countMessages(relay.logs),
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

async function runPhase(
  kind: ServerKind,
  clients: number,
  timing: { warmupMs: number; measureMs: number; graceMs: number; connectTimeoutMs: number },
  env?: Record<string, string>,
  deflate = false,
  dump?: string,
): Promise<ServerFigures> {
  // Forked first: their start-up overlaps the server's.
  const [crowd, probe] = [fleetProcess(), fleetProcess()]
  let server: RunningServer | null = null
  try {
    server = await startServer(kind, env)
    const common = {
      kind,
      url: server.url,
      docName: server.docName,
      hz,
      noteEveryMs,
      notesPerEditor: Math.ceil((timing.warmupMs + timing.measureMs + timing.graceMs) / noteEveryMs) + 5,
      connectTimeoutMs: timing.connectTimeoutMs,
      deflate,
    }
    const [crowdJoined, probeJoined] = await Promise.all([
      crowd.ask({ type: 'connect', orders: { ...common, clients: clients - observers, firstId: 1_000_000, editors, observe: false } }, 'connected'),
      probe.ask({ type: 'connect', orders: { ...common, clients: observers, firstId: 2_000_000, editors: 0, observe: true } }, 'connected'),
    ])
    console.error(`  connected ${crowdJoined.connected + probeJoined.connected}/${clients}`)

    const windowStart = wallNow() + timing.warmupMs
    const windowEnd = windowStart + timing.measureMs
    for (const fleet of [crowd, probe]) fleet.child.send({ type: 'start', windowStart, windowEnd } satisfies FleetCommand)
    await sleep(windowStart - wallNow())
    const cpuBefore = cpuMs(server.pid)
    const waitedBefore = waitedForCoreMs(server.pid)
    await sleep(windowEnd - wallNow())
    const cpuAfter = cpuMs(server.pid)
    const waitedAfter = waitedForCoreMs(server.pid)
    const rss = rssBytes(server.pid)
    // Late arrivals of what was sent in the window still count, up to here.
    await sleep(timing.graceMs)
    const [crowdReport, probeReport] = await Promise.all([crowd, probe].map((fleet) => fleet.ask({ type: 'stop' }, 'report').then((m) => m.report)))
    if (dump) writeFileSync(dump, JSON.stringify({ windowStart, windowEnd, staleMs, crowd: crowdReport, probe: probeReport, relayLog: server.messages?.() }))

    return figures(clients, crowdReport, probeReport, {
      serverCpuPercent: cpuPercent(cpuBefore, cpuAfter, timing.measureMs),
      serverWaitedPercent: waitedBefore === null || waitedAfter === null ? null : Math.round(((waitedAfter - waitedBefore) / timing.measureMs) * 100),
      serverRssMb: rss === null ? null : round(rss / 1e6),
      serverWarnings: server.warnings(),
    })
  } finally {
    await Promise.all([crowd, probe].map((fleet) => killChild(fleet.child)))
    await server?.stop()
  }
}

/** A forked `fanOutFleet.ts`, killed with the bench. */
export function fleetProcess() {
  const child: ChildProcess = killOnExit(fork(new URL('./fanOutFleet.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] }))
  return {
    child,
    /** Sends a command and resolves with the fleet's answer of that type. */
    ask<T extends FleetMessage['type']>(command: FleetCommand, answer: T): Promise<Extract<FleetMessage, { type: T }>> {
      return within(90_000, `fleet answering ${command.type}`, new Promise((resolve, reject) => {
        const onMessage = (message: FleetMessage) => {
          if (message.type !== answer) return
          child.off('message', onMessage)
          child.off('exit', onExit)
          resolve(message as Extract<FleetMessage, { type: T }>)
        }
        const onExit = (code: number | null) => reject(new Error(`fleet exited (${code}) before answering ${command.type}`))
        child.on('message', onMessage)
        child.once('exit', onExit)
        child.send(command)
      }))
    },
  }
}

function figures(
  clients: number,
  crowd: FleetReport,
  probe: FleetReport,
  server: Pick<ServerFigures, 'serverCpuPercent' | 'serverWaitedPercent' | 'serverRssMb' | 'serverWarnings'>,
): ServerFigures {
  const cursorsSent = [...crowd.cursorsSent, ...probe.cursorsSent]
  const notesExpected = crowd.notesSent * probe.observerIds.length
  return {
    clients,
    connected: crowd.connected + probe.connected,
    connectFailures: crowd.failed + probe.failed,
    closeCodes: mergeCounts(crowd.closeCodes, probe.closeCodes),
    updateP50Ms: round(percentile(probe.updateLatencies, 50)),
    updateP99Ms: round(percentile(probe.updateLatencies, 99)),
    cursorP50Ms: round(percentile(probe.cursorLatencies, 50)),
    cursorP99Ms: round(percentile(probe.cursorLatencies, 99)),
    updateDelivered: round(probe.notesReceived / notesExpected),
    cursorDelivered: round(cursorCoverage(cursorsSent, probe.observerIds, probe.cursorsReceived)),
    notesSent: crowd.notesSent,
    cursorStatesSent: cursorsSent.length / 3,
    crowdCpuPercent: crowd.cpuPercent,
    observersCpuPercent: probe.cpuPercent,
    wireBytes: crowd.wireBytesInWindow + probe.wireBytesInWindow,
    ...server,
  }
}

/**
 * Share of (observer, cursor state sent in the window) pairs where the observer received that
 * state or a newer one of the same sender (higher awareness clock) within `staleMs` of its sending.
 */
function cursorCoverage(sent: number[], observerIds: number[], received: number[][]): number {
  const sentBy = triplesBy(sent)
  let expected = 0
  let covered = 0
  observerIds.forEach((observer, o) => {
    const arrivals = triplesBy(received[o])
    for (const [sender, states] of sentBy) {
      if (sender === observer) continue
      // Newest first: the earliest arrival of any state at least this new, as the clock falls.
      const got = (arrivals.get(sender) ?? []).sort((a, b) => b[0] - a[0])
      let next = 0
      let earliest = Infinity
      for (const [clock, sentAt] of [...states].sort((a, b) => b[0] - a[0])) {
        while (next < got.length && got[next][0] >= clock) earliest = Math.min(earliest, got[next++][1])
        expected++
        if (earliest <= sentAt + staleMs) covered++
      }
    }
  })
  return covered / expected
}

/** Flat (id, clock, time) triples grouped by id. */
function triplesBy(flat: number[]): Map<number, Array<[clock: number, time: number]>> {
  const byId = new Map<number, Array<[number, number]>>()
  for (let i = 0; i < flat.length; i += 3) {
    let list = byId.get(flat[i])
    if (!list) byId.set(flat[i], (list = []))
    list.push([flat[i + 1], flat[i + 2]])
  }
  return byId
}

function ratios(ours: ServerFigures, theirs: ServerFigures): LatencyRatios {
  return {
    updateP50: round(ours.updateP50Ms / theirs.updateP50Ms),
    updateP99: round(ours.updateP99Ms / theirs.updateP99Ms),
    cursorP50: round(ours.cursorP50Ms / theirs.cursorP50Ms),
    cursorP99: round(ours.cursorP99Ms / theirs.cursorP99Ms),
  }
}

function mergeCounts(...counts: Array<Record<string, number>>): Record<string, number> {
  const merged: Record<string, number> = {}
  for (const count of counts) for (const [key, n] of Object.entries(count)) merged[key] = (merged[key] ?? 0) + n
  return merged
}

/** Log lines by level and message. */
function countMessages(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const line of lines) {
    try {
      const { level, msg } = JSON.parse(line) as { level?: unknown; msg?: unknown }
      counts[`${level}: ${msg}`] = (counts[`${level}: ${msg}`] ?? 0) + 1
    } catch {}
  }
  return counts
}

/** What another server printed on stderr, by line (start), to see a protocol mistake of ours. */
function countLines(lines: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const line of lines) if (line.trim()) counts[line.slice(0, 100)] = (counts[line.slice(0, 100)] ?? 0) + 1
  return counts
}


if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--compression')) console.log(JSON.stringify(await runFanOutCompression(), null, 2))
  else console.log(JSON.stringify(await runFanOut({ quick: process.argv.includes('--quick') }), null, 2))
  process.exit(0)
}
