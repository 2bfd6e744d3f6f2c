/**
 * Honest edit latency on a real relay, first quiet, then while hostile sockets on the same board
 * flood it with updates it must reject. Client A writes a note every 25 ms stamped with its send
 * time; client B, in the same process (same clock), notes when each arrives. The figure that
 * matters is attacked / quiet: the relay batches fan-out per tick (TICK_MS, 40 ms), so even the
 * quiet latency is mostly waiting for the tick.
 */
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { once } from 'node:events'
import { setPriority } from 'node:os'
import * as Y from 'yjs'
import { getRecordsMap, readRecord } from '../shared/board/records.ts'
import { connectClient, createBoard, until, whenSynced, type TestClient } from '../test/helpers/clients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { noteRecord, noteText, putRecord } from './board.ts'
import type { FloodCounts, FloodOrders } from './flooder.ts'
import { percentile, round } from './stats.ts'

const writes = 400
const writeIntervalMs = 25
/** How long the attack runs before phase 2's first write, so that it is in full swing. */
const rampUpMs = 1000

export interface Phase {
  writes: number
  delivered: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** Times an honest client lost its connection during the phase. */
  honestDisconnects: number
  /**
   * How the relay closed them (`code reason`). A plain y-websocket client never reconnects after
   * a 44xx code, so every write after such a close counts as lost here.
   */
  honestCloses: string[]
  /** CPU the relay process used, in percent of one core (Linux only). */
  relayCpuPercent: number | null
}

export interface FloodResult {
  quiet: Phase
  attacked: Phase
  p50Ratio: number
  p99Ratio: number
  hostile: FloodCounts & { parallel: number }
  /** The relay's warnings during the attack, by message (e.g. 'update rejected'). */
  relayWarnings: Record<string, number>
  rejectedByRule: Record<string, number>
}

export async function runFloodLatency(): Promise<FloodResult> {
  const relay = await startRelay({ process: true, env: { LOG_LEVEL: 'info' } })
  const clients: TestClient[] = []
  try {
    const board = await createBoard(relay, 'Benchmark')
    // Honest and hostile alike hold the participant link, as in a workshop where it was shared.
    const token = board.access.participant
    const [a, b] = [0, 1].map(() => connectClient(relay, board.id, new Y.Doc(), { token }))
    clients.push(a, b)
    await Promise.all([a, b].map(whenSynced))

    await honestEdits(relay, a, b, 'warmup', 40)
    const quiet = await honestEdits(relay, a, b, 'quiet', writes)

    const logsBefore = relay.logs.length
    const parallel = 8
    const flood = startFlood({
      wsUrl: relay.wsUrl,
      boardId: board.id,
      token,
      parallel,
      maxSockets: 50_000,
      maxMs: 60_000,
    })
    await sleep(rampUpMs)
    const attacked = await honestEdits(relay, a, b, 'attacked', writes)
    const hostile = await flood.stop()

    const relayWarnings: Record<string, number> = {}
    const rejectedByRule: Record<string, number> = {}
    for (const line of relay.logs.slice(logsBefore)) {
      const entry = parseLog(line)
      if (!entry) continue
      relayWarnings[String(entry.msg)] = (relayWarnings[String(entry.msg)] ?? 0) + 1
      if (entry.msg === 'update rejected') rejectedByRule[String(entry.rule)] = (rejectedByRule[String(entry.rule)] ?? 0) + 1
    }
    return {
      quiet,
      attacked,
      p50Ratio: round(attacked.p50Ms / quiet.p50Ms),
      p99Ratio: round(attacked.p99Ms / quiet.p99Ms),
      hostile: { ...hostile, parallel },
      relayWarnings,
      rejectedByRule,
    }
  } finally {
    for (const client of clients) client.destroy()
    await relay.kill()
    removeDataDir(relay.dataDir)
  }
}

/** A writes `count` notes at a steady pace; B's arrival times give the latencies. */
export async function honestEdits(relay: RelayProcess, a: TestClient, b: TestClient, phase: string, count: number): Promise<Phase> {
  const prefix = `shape:latency-${phase}-`
  const latencies: number[] = []
  const received = getRecordsMap(b.doc)
  const onChange = (event: Y.YMapEvent<unknown>) => {
    const now = performance.now()
    for (const key of event.keysChanged) {
      if (key.startsWith(prefix)) latencies.push(now - ((readRecord(b.doc, key)!.meta as { sentAt: number }).sentAt))
    }
  }
  received.observe(onChange)
  let disconnects = 0
  const onStatus = ({ status }: { status: string }) => void (status === 'disconnected' && disconnects++)
  const honestCloses: string[] = []
  const onClose = (event: CloseEvent | null) => void honestCloses.push(`${event?.code} ${event?.reason ?? ''}`.trim())
  for (const client of [a, b]) {
    client.provider.on('status', onStatus)
    client.provider.on('connection-close', onClose)
  }
  const cpuBefore = relayCpuMs(relay)
  const started = performance.now()

  for (let i = 0; i < count; i++) {
    const id = `${prefix}${i}`
    putRecord(a.doc, noteRecord(id, noteText(i), (i % 40) * 220, 40_000 + Math.floor(i / 40) * 220, { sentAt: performance.now() }))
    // Paced from the start, so that a late timer does not slow the whole phase down.
    await sleep(started + (i + 1) * writeIntervalMs - performance.now())
  }
  // Whatever has not arrived 10 s after the last write counts as lost.
  await Promise.race([until(b.doc, () => latencies.length >= count), sleep(10_000)])

  const elapsed = performance.now() - started
  const cpuAfter = relayCpuMs(relay)
  received.unobserve(onChange)
  for (const client of [a, b]) {
    client.provider.off('status', onStatus)
    client.provider.off('connection-close', onClose)
  }
  return {
    writes: count,
    delivered: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(Math.max(...latencies)),
    honestDisconnects: disconnects,
    honestCloses,
    relayCpuPercent: cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / elapsed) * 100),
  }
}

function startFlood(orders: FloodOrders): { stop(): Promise<FloodCounts> } {
  const child = fork(new URL('./flooder.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] })
  const counts = new Promise<FloodCounts>((resolve, reject) => {
    child.on('message', (message) => resolve((message as { counts: FloodCounts }).counts))
    child.on('exit', (code) => reject(new Error(`flooder exited (${code}) without its counts`)))
  })
  // Lowest priority: a real attacker's CPU is elsewhere, so on this machine its own work must
  // not be what slows the relay and the honest clients down.
  try {
    setPriority(child.pid!, 19)
  } catch {}
  child.send({ type: 'flood', orders })
  return {
    async stop() {
      child.send({ type: 'stop' })
      try {
        return await counts
      } finally {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit')
          child.kill()
          await exited
        }
      }
    },
  }
}

/** User + system CPU time of the relay process so far, from /proc (null elsewhere). */
function relayCpuMs(relay: RelayProcess): number | null {
  try {
    const stat = readFileSync(`/proc/${relay.child.pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // clock ticks are 1/100 s on Linux
  } catch {
    return null
  }
}

function parseLog(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line)
  } catch {
    return null
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
