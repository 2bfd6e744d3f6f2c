/**
 * Many writers on one board: 150 sockets each dragging a note, 10 small updates a second each
 * (~45 bytes: its position and a stamp), against 15 sockets at 100 a second (the same total), and
 * nothing (quiet). In each phase, on a
 * freshly started relay: the writers' own board, where two observers note when each note arrives
 * (sender's stamp to receipt), and honest edit latency on another board of the same relay (client
 * A writes a note every 25 ms, B notes its arrival, as in `floodLatency.ts`). The figures are
 * ratios against the quiet phase and against 15 writers: the relay's work per fan-out must not
 * grow with the number of writers.
 *
 * Latency on a machine shared with other work shows the machine as much as the relay: when the
 * relay gets less CPU than the load needs, a backlog grows in any design. So each phase also
 * reports the relay's CPU time per thousand updates (from the writers' start until the relay is
 * idle again after they stop, over every update they sent): that figure does not depend on how
 * much CPU the relay was given, and must not grow with the number of writers.
 *
 * The writers are raw sockets in a forked process (`fanOutFleet.ts`, editors without cursors),
 * the observers in another; the honest clients are y-websocket clients in this process.
 *
 * The three phases run twice: as they are, and with a second process burning a core at normal
 * priority (`burner.ts`), as when the machine has other work; the burner's figures are ratios
 * against the quiet phase with the burner. `niceFleet` starts the writers' and observers'
 * processes at a lower priority: on a 2-core machine they share the cores with the relay, and
 * the load generators should not be what is measured.
 *
 * Alone: `node --import tsx bench/manyWriters.ts [--no-burner | --burner-only] [--nice-fleet]`.
 */
import { loadavg, setPriority } from 'node:os'
import { pathToFileURL } from 'node:url'
import * as Y from 'yjs'
import { tokenQueryParam } from '../shared/access.ts'
import { connectClient, createBoard, whenSynced, type TestClient } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay } from '../test/helpers/relay.ts'
import { startBurner } from './burner.ts'
import { fleetProcess } from './fanOut.ts'
import type { FleetCommand } from './fanOutFleet.ts'
import { honestEdits, type Phase } from './floodLatency.ts'
import { countWarnings, cpuMs, cpuPercent, killChild, killOnExit, sleep, waitedForCoreMs, wallNow } from './servers/launch.ts'
import { percentile, round } from './stats.ts'

// p99 of 200 edits was the second-slowest edit: one scheduler hiccup of the 2-core machine moved it.
const honestWrites = 600
const warmupMs = 2000
const graceMs = 3000
const observers = 2

export interface WritersPhase {
  writers: number
  notesPerSecond: number
  /** Honest edits on the other board. */
  honest: Phase
  /** Moves on the writers' board, at the observers. */
  writersP50Ms: number | null
  writersP99Ms: number | null
  /**
   * Moves sent in the window that observers saw, as a share: a lower bound, since moves of one
   * note merged into one fan-out show only the last of them.
   */
  writersDelivered: number | null
  notesSent: number
  writersConnected: number
  /** The writers' process: near 100 % means the bench, not the relay, was the limit. */
  crowdCpuPercent: number | null
  /** The observers' process, likewise. */
  observersCpuPercent: number | null
  /** This process (the honest clients) over the honest phase, in percent of one core. */
  honestCpuPercent: number | null
  relayCpuPercent: number | null
  /** Share of the honest phase the relay's main thread was ready to run but waited for a core, in percent. */
  relayWaitedPercent: number | null
  /** Relay CPU ms per 1000 writers' updates, everything they sent until the relay was idle again. */
  relayCpuMsPer1000: number | null
  relayWarnings: Record<string, number>
  /** The machine's load average over the last minute when the phase started. */
  loadAverage: number
  /** The burner's CPU over the phase, in percent of one core (null: no burner). */
  burnerCpuPercent: number | null
}

export interface ManyWritersOptions {
  /** The phases without the burner (default true). */
  plain?: boolean
  /** The phases with a core burning beside them (default true). */
  burner?: boolean
  /** The writers' and observers' processes at nice 10. */
  niceFleet?: boolean
}

export interface WritersPhases {
  quiet: WritersPhase
  few: WritersPhase
  many: WritersPhase
  ratios: WritersRatios
}

export interface ManyWritersResult {
  plain: WritersPhases | null
  /** The same phases with a second process burning a core; ratios against its own quiet phase. */
  burning: WritersPhases | null
  niceFleet: boolean
}

export interface WritersRatios {
  /** Honest edit latency on the other board, under load / quiet. */
  honestP50Few: number
  honestP99Few: number
  honestP50Many: number
  honestP99Many: number
  /** The writers' board, 150 writers / 15 writers. */
  writersP50ManyVsFew: number
  writersP99ManyVsFew: number
  /** Relay CPU per update, 150 writers / 15 writers. */
  cpuPerUpdateManyVsFew: number
}

export async function runManyWriters({ plain = true, burner = true, niceFleet = false }: ManyWritersOptions = {}): Promise<ManyWritersResult> {
  const plainPhases = plain ? await runPhases('', { niceFleet }) : null
  const burning = burner ? await runPhases(' with a core burning', { niceFleet, burner: true }) : null
  return { plain: plainPhases, burning, niceFleet }
}

async function runPhases(label: string, options: PhaseOptions): Promise<WritersPhases> {
  console.error(`many writers${label}: quiet …`)
  const quiet = await runWritersPhase(0, 0, options)
  console.error(`many writers${label}: 15 × 100/s …`)
  const few = await runWritersPhase(15, 100, options)
  console.error(`many writers${label}: 150 × 10/s …`)
  const many = await runWritersPhase(150, 10, options)
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? Number.NaN : round(a / b))
  return {
    quiet,
    few,
    many,
    ratios: {
      honestP50Few: ratio(few.honest.p50Ms, quiet.honest.p50Ms),
      honestP99Few: ratio(few.honest.p99Ms, quiet.honest.p99Ms),
      honestP50Many: ratio(many.honest.p50Ms, quiet.honest.p50Ms),
      honestP99Many: ratio(many.honest.p99Ms, quiet.honest.p99Ms),
      writersP50ManyVsFew: ratio(many.writersP50Ms, few.writersP50Ms),
      writersP99ManyVsFew: ratio(many.writersP99Ms, few.writersP99Ms),
      cpuPerUpdateManyVsFew: ratio(many.relayCpuMsPer1000, few.relayCpuMsPer1000),
    },
  }
}

interface PhaseOptions {
  /** A second process burning a core from before the relay starts until the phase is over. */
  burner?: boolean
  niceFleet?: boolean
}

/** One phase on a freshly started relay: `writers` sockets at `perSecond` moves each (none: quiet). */
export async function runWritersPhase(writers: number, perSecond: number, options: PhaseOptions = {}): Promise<WritersPhase> {
  const loadAverage = round(loadavg()[0]!)
  const burner = options.burner ? startBurner() : null
  const fleets = writers > 0 ? [fleetProcess(), fleetProcess()] : []
  if (options.niceFleet) for (const fleet of fleets) setPriority(fleet.child.pid!, 10)
  const relay = await startRelay({ process: true, env: { LOG_LEVEL: 'info', MAX_CONNECTIONS_PER_ADDRESS: '2000' } })
  killOnExit(relay.child)
  const clients: TestClient[] = []
  try {
    const [writersBoard, honestBoard] = [await createBoard(relay, 'Viele'), await createBoard(relay, 'Nebenan')]
    const [a, b] = [0, 1].map(() => connectClient(relay, honestBoard.id, new Y.Doc(), { token: honestBoard.access.participant }))
    clients.push(a, b)
    await Promise.all([a, b].map(whenSynced))
    await honestEdits(relay, a, b, 'warmup', 40)

    const windowMs = honestWrites * 25
    let crowdReport = null
    let probeReport = null
    let honest: Phase
    let relayCpu: number | null
    let relayWaited: number | null
    let cpuPer1000: number | null = null
    let honestCpuPercent: number | null = null
    if (writers === 0) {
      const [before, waitedBefore] = [cpuMs(relay.child.pid), waitedForCoreMs(relay.child.pid)]
      const [started, ownBefore] = [performance.now(), process.cpuUsage()]
      honest = await honestEdits(relay, a, b, 'measured', honestWrites)
      honestCpuPercent = ownCpuPercent(ownBefore, performance.now() - started)
      relayCpu = cpuPercent(before, cpuMs(relay.child.pid), performance.now() - started)
      relayWaited = cpuPercent(waitedBefore, waitedForCoreMs(relay.child.pid), performance.now() - started)
    } else {
      const [crowd, probe] = fleets
      const noteEveryMs = 1000 / perSecond
      const common = {
        kind: 'ours' as const,
        url: `${relay.wsUrl}/${writersBoard.id}?${tokenQueryParam}=${encodeURIComponent(writersBoard.access.participant)}`,
        docName: writersBoard.id,
        hz: 0,
        noteEveryMs,
        moves: true,
        notesPerEditor: Math.ceil((warmupMs + windowMs + graceMs) / noteEveryMs) + 20,
        connectTimeoutMs: 30_000,
      }
      const [joined] = await Promise.all([
        crowd.ask({ type: 'connect', orders: { ...common, clients: writers, firstId: 1_000_000, editors: writers, observe: false } }, 'connected'),
        probe.ask({ type: 'connect', orders: { ...common, clients: observers, firstId: 2_000_000, editors: 0, observe: true } }, 'connected'),
      ])
      console.error(`  ${joined.connected}/${writers} writers connected`)
      const windowStart = wallNow() + warmupMs
      // The honest phase takes a little longer than its writes: the window covers them all.
      const windowEnd = windowStart + windowMs + 1000
      const cpuAtStart = cpuMs(relay.child.pid)
      for (const fleet of fleets) fleet.child.send({ type: 'start', windowStart, windowEnd } satisfies FleetCommand)
      await sleep(windowStart - wallNow())
      const [before, waitedBefore] = [cpuMs(relay.child.pid), waitedForCoreMs(relay.child.pid)]
      const [started, ownBefore] = [performance.now(), process.cpuUsage()]
      honest = await honestEdits(relay, a, b, 'measured', honestWrites)
      honestCpuPercent = ownCpuPercent(ownBefore, performance.now() - started)
      relayCpu = cpuPercent(before, cpuMs(relay.child.pid), performance.now() - started)
      relayWaited = cpuPercent(waitedBefore, waitedForCoreMs(relay.child.pid), performance.now() - started)
      await sleep(windowEnd + graceMs - wallNow())
      ;[crowdReport, probeReport] = await Promise.all(fleets.map((fleet) => fleet.ask({ type: 'stop' }, 'report').then((m) => m.report)))
      const cpuAtEnd = await cpuWhenIdle(relay.child.pid!)
      if (cpuAtStart !== null && cpuAtEnd !== null) cpuPer1000 = round(((cpuAtEnd - cpuAtStart) / crowdReport.notesSentInAll) * 1000)
    }
    const latencies = probeReport?.updateLatencies ?? []
    return {
      writers,
      notesPerSecond: writers * perSecond,
      honest,
      writersP50Ms: probeReport ? round(percentile(latencies, 50)) : null,
      writersP99Ms: probeReport ? round(percentile(latencies, 99)) : null,
      writersDelivered: probeReport && crowdReport ? round(probeReport.notesReceived / (crowdReport.notesSent * observers)) : null,
      notesSent: crowdReport?.notesSent ?? 0,
      writersConnected: crowdReport?.connected ?? 0,
      crowdCpuPercent: crowdReport?.cpuPercent ?? null,
      observersCpuPercent: probeReport?.cpuPercent ?? null,
      honestCpuPercent,
      relayCpuPercent: relayCpu,
      relayWaitedPercent: relayWaited,
      relayCpuMsPer1000: cpuPer1000,
      relayWarnings: countWarnings(relay.logs),
      loadAverage,
      burnerCpuPercent: burner ? await burner.stop() : null,
    }
  } finally {
    for (const client of clients) client.destroy()
    await Promise.all(fleets.map((fleet) => killChild(fleet.child)))
    // A profiled relay (`RELAY_NODE_ARGS='--cpu-prof …'`) writes its profile only when it exits itself.
    await relay.kill(process.env.RELAY_NODE_ARGS?.includes('--cpu-prof') ? 'SIGTERM' : 'SIGKILL')
    await burner?.stop()
    removeDataDir(relay.dataDir)
  }
}

function ownCpuPercent(before: NodeJS.CpuUsage, elapsedMs: number): number {
  const { user, system } = process.cpuUsage(before)
  return Math.round(((user + system) / 1000 / elapsedMs) * 100)
}

/** The relay's CPU time once it has stopped working off what it received (less than 2 % of a core over 0.5 s). */
async function cpuWhenIdle(pid: number): Promise<number | null> {
  let last = cpuMs(pid)
  for (let i = 0; i < 120 && last !== null; i++) {
    await sleep(500)
    const now = cpuMs(pid)
    if (now === null || now - last < 10) return now
    last = now
  }
  return last
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const result = await runManyWriters({ plain: !args.includes('--burner-only'), burner: !args.includes('--no-burner'), niceFleet: args.includes('--nice-fleet') })
  console.log(JSON.stringify(result, null, 2))
  process.exit(0)
}
