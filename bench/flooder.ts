/**
 * The hostile side of the flood benchmark. It runs in a process of its own (started by
 * `floodLatency.ts` with fork) so that building and sending its frames does not stall the honest
 * clients' event loop in the bench process: what the honest clients feel is then the relay's
 * doing. Participant link in hand, it sends updates the relay must reject as fast as each socket
 * takes them, and reopens a socket whenever the relay closes it.
 */
import type { WebSocket } from 'ws'
import { encodeUpdate } from '../shared/protocol.ts'
import { openRawSocket } from '../test/helpers/clients.ts'
import { encodeV1 } from '../test/helpers/updateFrames.ts'

export interface FloodOrders {
  wsUrl: string
  boardId: string
  token: string
  /** Sockets open at once. */
  parallel: number
  /** Bounds, so that the flood ends by itself even if nobody stops it. */
  maxSockets: number
  maxMs: number
}

export interface FloodCounts {
  framesSent: number
  framesSentByKind: Record<string, number>
  socketsOpened: number
  /** Upgrades that failed or timed out. */
  openFailures: number
  /** Close codes of the sockets the relay closed. */
  closeCodes: Record<string, number>
  /** Sockets still open when the flood stopped (closed by the flooder, not counted above). */
  closedByFlooder: number
  durationMs: number
  /** The flooder's own CPU use in percent of one core: near 100 means it, not the relay, set the pace. */
  cpuPercent: number
}

/**
 * Rule `delete-range`: no structs, and a delete set naming ~11,700 client ids that exist nowhere
 * (~70 KB). The relay has to read all of it before the first deletion fails.
 */
function unknownDeletions(): Uint8Array {
  const ranges = Array.from({ length: 11_700 }, (_, i): [number, [number, number][]] => [100_000 + i, [[i % 100, 1 + (i % 50)]]])
  return encodeUpdate(encodeV1([], ranges))
}

/** Rule `struct-length`: one item of length 0 in the `tldraw` map: tiny, rejected at once. */
const zeroLengthItem = () => encodeUpdate(encodeV1([{ client: 424_242, clock: 0, structs: [{ key: 'shape:evil', content: { any: [] } }] }]))

const kinds = [
  { kind: 'unknown deletions (~70 KB)', frame: unknownDeletions() },
  { kind: 'zero-length item', frame: zeroLengthItem() },
]

async function flood(orders: FloodOrders, stopped: () => boolean): Promise<FloodCounts> {
  const started = performance.now()
  const cpuStarted = process.cpuUsage()
  const counts: FloodCounts = {
    framesSent: 0,
    framesSentByKind: Object.fromEntries(kinds.map((k) => [k.kind, 0])),
    socketsOpened: 0,
    openFailures: 0,
    closeCodes: {},
    closedByFlooder: 0,
    durationMs: 0,
    cpuPercent: 0,
  }
  const done = () => stopped() || performance.now() - started > orders.maxMs || counts.socketsOpened >= orders.maxSockets

  async function attacker(): Promise<void> {
    while (!done()) {
      let raw: { socket: WebSocket; closed: Promise<{ code: number }> }
      try {
        raw = await within(openRawSocket({ wsUrl: orders.wsUrl }, orders.boardId, orders.token), 5000)
      } catch {
        counts.openFailures++
        await sleep(100)
        continue
      }
      // Every other socket sends the tiny frame: then the upgrade itself is most of the cost.
      const { kind, frame } = kinds[counts.socketsOpened++ % kinds.length]
      // An attacker cannot tell which frame the relay acts on, so it keeps sending until the close comes.
      while (raw.socket.readyState === raw.socket.OPEN && !done()) {
        const sent = await new Promise<boolean>((resolve) => raw.socket.send(frame, (error) => resolve(!error)))
        if (!sent) break
        counts.framesSent++
        counts.framesSentByKind[kind]++
        // Let the event loop read: otherwise the relay's close frame is never seen and the
        // socket only ends when the relay tears it down (1006) a second later.
        await new Promise((resolve) => setImmediate(resolve))
      }
      if (raw.socket.readyState === raw.socket.OPEN) {
        counts.closedByFlooder++
        raw.socket.terminate()
        continue
      }
      const { code } = await raw.closed
      counts.closeCodes[code] = (counts.closeCodes[code] ?? 0) + 1
    }
  }

  await Promise.all(Array.from({ length: orders.parallel }, attacker))
  counts.durationMs = Math.round(performance.now() - started)
  const cpu = process.cpuUsage(cpuStarted)
  counts.cpuPercent = Math.round((cpu.user + cpu.system) / 10 / counts.durationMs)
  return counts
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

// Forked: the parent sends the orders, later 'stop'; the counts go back, then the process ends.
if (process.send) {
  let stop = false
  process.on('message', (received) => {
    const message = received as { type: 'flood'; orders: FloodOrders } | { type: 'stop' }
    if (message.type === 'stop') {
      stop = true
      return
    }
    // exit() rather than waiting: a socket whose upgrade timed out may still be half-open.
    flood(message.orders, () => stop).then((counts) => process.send!({ type: 'counts', counts }, () => process.exit(0)))
  })
  // Parent gone: stop too.
  process.on('disconnect', () => (stop = true))
}
