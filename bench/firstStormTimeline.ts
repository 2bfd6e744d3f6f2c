/**
 * Where the first join storm after a board loads spends its time (`joinStorm.ts`' first storm,
 * once): the relay runs under `--cpu-prof`; one storm warms it, the board unloads, and the next
 * storm loads it. Printed: when each joiner opened its socket and had the board, what the relay's
 * log says of the load, and per function of the relay's threads the CPU it took between the
 * first socket and the last board, with when it first and last ran (ms from the first socket).
 *
 * `node --import tsx bench/firstStormTimeline.ts [--compression] [--top 40]`; the profiles stay in
 * the printed directory (open them in Chrome's DevTools).
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { WebSocket } from 'ws'
import * as decoding from 'lib0/decoding'
import { encodeSyncStep1, messageSync, syncStep2 } from '../shared/protocol.ts'
import { removeDataDir, startRelay } from '../test/helpers/relay.ts'
import { stormBoard, unloaded } from './joinStorm.ts'
import { killOnExit, sleep } from './servers/launch.ts'
import { percentile, round } from './stats.ts'

const { values: options } = parseArgs({ options: { compression: { type: 'boolean', default: false }, top: { type: 'string', default: '40' } } })
const joiners = 200
const spreadMs = 2000

/** Microseconds of the monotonic clock, as V8's profiles count them (both CLOCK_MONOTONIC on Linux). */
const nowUs = () => Number(process.hrtime.bigint() / 1000n)

interface Joiner {
  openedUs: number
  answeredUs: number | null
}

async function storm(url: string): Promise<Joiner[]> {
  const started = performance.now()
  const sockets: WebSocket[] = []
  const joins = Array.from({ length: joiners }, async (_, index): Promise<Joiner> => {
    await sleep(started + (index * spreadMs) / joiners - performance.now())
    const joiner: Joiner = { openedUs: nowUs(), answeredUs: null }
    const socket = new WebSocket(url, { perMessageDeflate: options.compression })
    sockets.push(socket)
    await new Promise<void>((resolve) => {
      socket.on('open', () => socket.send(encodeSyncStep1(new Uint8Array([0]))))
      socket.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data))
        if (decoding.readVarUint(decoder) === messageSync && decoding.readVarUint(decoder) === syncStep2) {
          joiner.answeredUs = nowUs()
          resolve()
        }
      })
      socket.on('close', () => resolve())
      socket.on('error', () => resolve())
    })
    return joiner
  })
  try {
    return await Promise.all(joins)
  } finally {
    for (const socket of sockets) socket.terminate()
  }
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Per function (name and file), the CPU in the window with it on the stack, and when it first and last ran. */
function functionsIn(profile: Profile, fromUs: number, toUs: number) {
  const parent = new Map<number, number>()
  const byId = new Map<number, ProfileNode>()
  for (const node of profile.nodes) {
    byId.set(node.id, node)
    for (const child of node.children ?? []) parent.set(child, node.id)
  }
  const nameOf = (node: ProfileNode) => {
    const file = node.callFrame.url.split('/').slice(-1)[0] ?? ''
    return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`
  }
  const totals = new Map<string, { ms: number; selfMs: number; firstUs: number; lastUs: number }>()
  let at = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i]!
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
    if (at < fromUs || at > toUs) continue
    const seen = new Set<string>()
    let id: number | undefined = profile.samples[i]
    let self = true
    while (id !== undefined) {
      const node = byId.get(id)!
      const name = nameOf(node)
      if (!seen.has(name) && name !== '(root) :0') {
        seen.add(name)
        const total = totals.get(name) ?? { ms: 0, selfMs: 0, firstUs: at, lastUs: at }
        total.ms += dt
        if (self) total.selfMs += dt
        total.lastUs = at
        totals.set(name, total)
      }
      self = false
      id = parent.get(id)
    }
  }
  return totals
}

const profileDir = mkdtempSync(join(tmpdir(), 'first-storm-prof-'))
process.env.RELAY_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profileDir}`
const env = {
  LOG_LEVEL: 'debug',
  MAX_SYNC_BYTES_PER_MINUTE: String(4 * 1024 ** 3),
  UNLOAD_DELAY_MS: '3000',
  ...(options.compression ? {} : { SOCKET_COMPRESSION: 'off' }),
}
const relay = await startRelay({ process: true, env })
delete process.env.RELAY_NODE_ARGS
killOnExit(relay.child)
let joined: Joiner[]
let logFrom: number
try {
  const board = await stormBoard(relay)
  console.error('warming the relay with one storm …')
  await storm(board.url)
  await sleep(1000)
  await unloaded(relay)
  logFrom = relay.logs.length
  console.error('the first storm after the board loads …')
  joined = await storm(board.url)
  await sleep(500)
} finally {
  // SIGTERM: the relay shuts down and writes its profiles.
  await relay.kill('SIGTERM')
}

const firstUs = Math.min(...joined.map((j) => j.openedUs))
const answered = joined.filter((j) => j.answeredUs !== null)
const lastUs = Math.max(...answered.map((j) => j.answeredUs!))
const rel = (us: number) => round((us - firstUs) / 1000)
const latencies = answered.map((j) => (j.answeredUs! - j.openedUs) / 1000)
console.log(`first socket at ${firstUs} µs of the monotonic clock (the profiles' time)`)
console.log(`joined ${answered.length}/${joiners}; p50 ${round(percentile(latencies, 50))} ms, p95 ${round(percentile(latencies, 95))} ms, max ${round(Math.max(...latencies))} ms`)
console.log(`first answer at ${rel(Math.min(...answered.map((j) => j.answeredUs!)))} ms, last at ${rel(lastUs)} ms (from the first socket)`)
const slow = joined.filter((j) => j.answeredUs !== null && (j.answeredUs - j.openedUs) / 1000 > percentile(latencies, 90))
// By when each joiner came: while the room opened (its first 300 ms), or after, as in a warm storm.
for (const [name, inWindow] of [['in the first 300 ms', true], ['after', false]] as const) {
  const part = answered.filter((j) => (j.openedUs - firstUs < 300_000) === inWindow).map((j) => (j.answeredUs! - j.openedUs) / 1000)
  if (part.length > 0) console.log(`opened ${name}: ${part.length} joiners, p50 ${round(percentile(part, 50))} ms, p95 ${round(percentile(part, 95))} ms`)
}
console.log(`the slowest tenth opened between ${rel(Math.min(...slow.map((j) => j.openedUs)))} and ${rel(Math.max(...slow.map((j) => j.openedUs)))} ms and had the board between ${rel(Math.min(...slow.map((j) => j.answeredUs!)))} and ${rel(Math.max(...slow.map((j) => j.answeredUs!)))} ms`)
console.log('\nthe relay’s log of the storm (wall clock; the first socket is about the first line):')
for (const line of relay.logs.slice(logFrom)) {
  if (/client (dis)?connected|"msg":"request"/.test(line)) continue
  console.log('  ' + line)
}
const connected = relay.logs.slice(logFrom).filter((line) => line.includes('"client connected"'))
if (connected.length > 0) console.log(`  … ${connected.length} × client connected, first ${JSON.parse(connected[0]!).time}, last ${JSON.parse(connected.at(-1)!).time}`)

const top = Number(options.top)
for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')).sort()) {
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as Profile
  const totals = [...functionsIn(profile, firstUs, lastUs)].sort((a, b) => b[1].ms - a[1].ms)
  console.log(`\n${file}: CPU from the first socket to the last board, by function (ms with it on the stack, ms in itself, first and last ms it ran):`)
  for (const [name, t] of totals.slice(0, top)) console.log(`  ${t.ms.toFixed(1).padStart(7)} ${t.selfMs.toFixed(1).padStart(7)}  ${rel(t.firstUs)}–${rel(t.lastUs)}  ${name}`)
}
console.log(`\nprofiles in ${profileDir}`)
removeDataDir(relay.dataDir)
process.exit(0)
