/**
 * Awareness amplification from one address (issue 40, finding 4), on a real relay, all on
 * 127.0.0.1 (the attacker's address set by X-Forwarded-For, the relay trusting the loopback).
 *
 * - **Memory**: 60 and 500 sockets of the read-only link from one address, each parking four
 *   awareness states of 31 KB and asking for everyone's states three times (the query burst),
 *   reading what they are sent. The relay's peak RSS (sampled every 50 ms) above its RSS before,
 *   against the same window of a quiet relay (one listener). Also the longest gap between two
 *   presence changes a probe pair on another board sends every 20 ms: how long the attack held the
 *   relay's thread (against quiet), and beside it the relay's own longest event-loop stall in the
 *   same window, from its `/metrics` (`relayStall.ts`).
 * - **Bytes per listener**: 20 and 200 sockets of one address, each churning a state of 8 KB ten
 *   times a second; a plain listener on the board counts what it receives per second, against a
 *   quiet board where one person moves a cursor at ten times a second, counted for 3 s after 3 s
 *   of churn (past the address's first burst). The goal: the same for 20 as for 200 (the
 *   address's budget, not the sockets', bounds it).
 *
 * The probe's gap is measured in the bench's own process, which also reads everything the
 * attacker's sockets are sent: it includes the bench's own stalls, an upper bound on the relay's;
 * the relay's own figure leaves them out.
 *
 * One relay per phase, started fresh. Bounded: every phase ends within a few seconds.
 */
import { pathToFileURL } from 'node:url'
import { WebSocket } from 'ws'
import { tokenQueryParam } from '../shared/access.ts'
import { messageAwareness, messageQueryAwareness } from '../shared/protocol.ts'
import { createBoard } from '../test/helpers/clients.ts'
import { awarenessFrame } from '../test/helpers/rawClients.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { presenceJson } from './fanOutFleet.ts'
import { relayLongestStallMs } from './relayStall.ts'
import { killOnExit, rssBytes, sleep, within } from './servers/launch.ts'
import { round } from './stats.ts'

export interface MemoryPhase {
  sockets: number
  /** Peak RSS above the RSS before the sockets came, MB. */
  peakRssMb: number
  /** Longest gap between the probe's presence changes (sent every 20 ms), ms. */
  longestGapMs: number
  /** The relay's own longest event-loop stall in the same window (`relayStall.ts`), ms. */
  relayLongestMs: number
  /** Sockets the relay closed, by close code. */
  closed: Record<string, number>
  /** Bytes the attacker's sockets were sent, MB. */
  receivedMb: number
}

export interface ChurnPhase {
  sockets: number
  /** Bytes per second the listener received in the window. */
  listenerBytesPerSecond: number
  closed: Record<string, number>
}

export interface AwarenessResult {
  memory: { quiet: MemoryPhase; sixty: MemoryPhase; fiveHundred: MemoryPhase }
  churn: { quiet: ChurnPhase; twenty: ChurnPhase; twoHundred: ChurnPhase }
  ratios: { memory60VsQuiet: number; memory500VsQuiet: number; memory500Vs60: number; stall500VsQuiet: number; relayStall500VsQuiet: number; churn20VsQuiet: number; churn200VsQuiet: number; churn200Vs20: number }
}

const env: Record<string, string> = {
  LOG_LEVEL: 'info',
  TRUST_PROXY: '127.0.0.1',
  MAX_CONNECTIONS_PER_ADDRESS: '600',
  MAX_BOARDS_PER_MINUTE: '1000',
}
const attacker = '198.51.100.66'

/** `extraEnv`: for comparisons by hand, e.g. the per-address budgets lifted. */
export async function runAwareness(extraEnv: Record<string, string> = {}): Promise<AwarenessResult> {
  Object.assign(env, extraEnv)
  const quiet = await memoryPhase(0)
  const sixty = await memoryPhase(60)
  const fiveHundred = await memoryPhase(500)
  const churnQuiet = await churnPhase(0)
  const twenty = await churnPhase(20)
  const twoHundred = await churnPhase(200)
  // Quiet RSS moves by a few MB: ratios against at least 1 MB.
  const base = Math.max(1, quiet.peakRssMb)
  return {
    memory: { quiet, sixty, fiveHundred },
    churn: { quiet: churnQuiet, twenty, twoHundred },
    ratios: {
      memory60VsQuiet: round(sixty.peakRssMb / base),
      memory500VsQuiet: round(fiveHundred.peakRssMb / base),
      memory500Vs60: round(fiveHundred.peakRssMb / Math.max(1, sixty.peakRssMb)),
      stall500VsQuiet: round(fiveHundred.longestGapMs / quiet.longestGapMs),
      relayStall500VsQuiet: round(fiveHundred.relayLongestMs / quiet.relayLongestMs),
      churn20VsQuiet: round(twenty.listenerBytesPerSecond / churnQuiet.listenerBytesPerSecond),
      churn200VsQuiet: round(twoHundred.listenerBytesPerSecond / churnQuiet.listenerBytesPerSecond),
      churn200Vs20: round(twoHundred.listenerBytesPerSecond / twenty.listenerBytesPerSecond),
    },
  }
}

async function withRelay<T>(work: (relay: RelayProcess) => Promise<T>): Promise<T> {
  const relay = await startRelay({ process: true, env })
  killOnExit(relay.child)
  try {
    return await work(relay)
  } finally {
    await relay.kill('SIGKILL')
    removeDataDir(relay.dataDir)
  }
}

/** A raw socket; `address` via X-Forwarded-For. Resolves once it is in the board's room. */
async function socketTo(relay: RelayProcess, boardId: string, token: string, address: string, onMessage?: (data: Buffer) => void) {
  const socket = new WebSocket(`${relay.wsUrl}/${boardId}?${tokenQueryParam}=${encodeURIComponent(token)}`, {
    headers: { 'x-forwarded-for': address },
    perMessageDeflate: false,
  })
  socket.on('error', () => {})
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  const inRoom = new Promise<boolean>((resolve) => {
    socket.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 0) resolve(true)
      onMessage?.(data)
    })
    void closed.then(() => resolve(false))
  })
  await within(30_000, 'a socket joining', inRoom)
  return { socket, closed }
}

/** Two sockets on a board of their own: one changes its presence every 20 ms, the other notes the longest gap between arrivals. */
async function probe(relay: RelayProcess) {
  const board = await createBoard(relay, 'Sonde')
  let last = 0
  let longest = 0
  let measuring = false
  const reader = await socketTo(relay, board.id, board.access.participant, '203.0.113.70', (data) => {
    if (data[0] !== messageAwareness || !measuring) return
    const now = performance.now()
    if (last > 0) longest = Math.max(longest, now - last)
    last = now
  })
  const writer = await socketTo(relay, board.id, board.access.participant, '203.0.113.71')
  let clock = 1
  const timer = setInterval(() => writer.socket.send(awarenessFrame([[4_000_000, clock++, presenceJson(4_000_000, { x: clock, y: 0 }, { x: 0, y: 0 }, Date.now())]])), 20)
  return {
    start() {
      measuring = true
      last = 0
      longest = 0
    },
    stop() {
      clearInterval(timer)
      reader.socket.terminate()
      writer.socket.terminate()
      return longest
    },
  }
}

async function memoryPhase(count: number): Promise<MemoryPhase> {
  return withRelay(async (relay) => {
    const board = await createBoard(relay, 'Gesehen')
    const gauge = await probe(relay)
    const listener = await socketTo(relay, board.id, board.access.observer, '203.0.113.72')
    listener.socket.send(awarenessFrame([[5_000_000, 1, presenceJson(5_000_000, { x: 0, y: 0 }, { x: 0, y: 0 }, Date.now())]]))
    await sleep(1000)
    const before = rssBytes(relay.child.pid) ?? NaN
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(relay.child.pid) ?? 0)), 50)
    gauge.start()
    await relayLongestStallMs(relay)
    const closed: Record<string, number> = {}
    let received = 0
    const state = (id: number) => JSON.stringify({ presence: { userName: `o${id}`, blob: 'x'.repeat(31_000) } })
    const sockets: WebSocket[] = []
    // Fifty at a time, as fast as they get in.
    for (let first = 0; first < count; first += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, count - first) }, async (_, i) => {
          const n = first + i
          const joined = await socketTo(relay, board.id, board.access.observer, attacker, (data) => (received += data.byteLength)).catch(() => null)
          if (!joined) return null
          void joined.closed.then((code) => (closed[code] = (closed[code] ?? 0) + 1))
          const ids = [0, 1, 2, 3].map((k) => 6_000_000 + n * 4 + k)
          joined.socket.send(awarenessFrame(ids.map((id) => [id, 1, state(id)])))
          for (let q = 0; q < 3; q++) joined.socket.send(new Uint8Array([messageQueryAwareness]))
          return joined.socket
        }),
      )
      sockets.push(...batch.filter((s): s is WebSocket => s !== null))
    }
    // Time for the relay to answer what it was asked (or to have closed the askers).
    await sleep(3000)
    clearInterval(sampler)
    const relayLongestMs = await relayLongestStallMs(relay)
    const longestGapMs = gauge.stop()
    for (const socket of sockets) socket.terminate()
    listener.socket.terminate()
    return { sockets: count, peakRssMb: round((peak - before) / 1e6), longestGapMs: round(longestGapMs), relayLongestMs: round(relayLongestMs), closed, receivedMb: round(received / 1e6) }
  })
}

async function churnPhase(count: number): Promise<ChurnPhase> {
  return withRelay(async (relay) => {
    const board = await createBoard(relay, 'Gewimmel')
    let bytes = 0
    let counting = false
    const listener = await socketTo(relay, board.id, board.access.observer, '203.0.113.80', (data) => {
      if (counting && data[0] === messageAwareness) bytes += data.byteLength
    })
    const closed: Record<string, number> = {}
    const sockets: WebSocket[] = []
    for (let first = 0; first < count; first += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, count - first) }, () => socketTo(relay, board.id, board.access.observer, attacker).catch(() => null)),
      )
      for (const joined of batch) {
        if (!joined) continue
        void joined.closed.then((code) => (closed[code] = (closed[code] ?? 0) + 1))
        sockets.push(joined.socket)
      }
    }
    // The quiet board: one honest person moving a cursor ten times a second, from another address.
    const person = await socketTo(relay, board.id, board.access.participant, '203.0.113.81')
    let clock = 1
    const timer = setInterval(() => {
      clock++
      person.socket.send(awarenessFrame([[7_000_000, clock, presenceJson(7_000_000, { x: clock, y: 0 }, { x: 0, y: 0 }, Date.now())]]))
      sockets.forEach((socket, n) => {
        if (socket.readyState !== WebSocket.OPEN) return
        const id = 8_000_000 + n
        socket.send(awarenessFrame([[id, clock, JSON.stringify({ presence: { userName: `c${n}`, clock, blob: 'y'.repeat(8000) } })]]))
      })
    }, 100)
    // Past the burst an address may send at first (twice its rate per second).
    await sleep(3000)
    counting = true
    const windowMs = 3000
    await sleep(windowMs)
    counting = false
    clearInterval(timer)
    for (const socket of sockets) socket.terminate()
    person.socket.terminate()
    listener.socket.terminate()
    return { sockets: count, listenerBytesPerSecond: Math.round(bytes / (windowMs / 1000)), closed }
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `node --import tsx bench/awareness.ts [churn] KEY=value …`: only the churn phases, or the relay's env changed for a comparison.
  const args = process.argv.slice(2)
  const extraEnv = Object.fromEntries(args.filter((arg) => arg.includes('=')).map((arg) => arg.split('=') as [string, string]))
  if (args.includes('churn')) {
    Object.assign(env, extraEnv)
    console.log(JSON.stringify({ quiet: await churnPhase(0), twenty: await churnPhase(20), twoHundred: await churnPhase(200) }, null, 2))
    process.exit(0)
  }
  const result = await runAwareness(extraEnv)
  console.log(JSON.stringify(result, null, 2))
  process.exit(0)
}
