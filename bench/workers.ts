/**
 * Several relay processes on one machine: how many workshop boards does the relay serve at the
 * same latency with WORKERS=2 as with WORKERS=1? The issue's criterion: two processes serve at
 * least 1.6 times the boards of one.
 *
 * Both configurations run in the same run against the same PostgreSQL and Redis (each with a
 * fresh database), one after the other, under the same load: boards added step by step, each a
 * workshop group of six people moving their cursor at 5 Hz (a presence of ~480 bytes), two of
 * them writing a sticky note a second (`workersFleet.ts`: the crowd in one process, the observers
 * in another). After each step's warm-up, a window of a few seconds: p95 of note and cursor
 * latency from the sender's stamp to the observer's receipt, what share arrived, and the CPU of
 * every process involved, read from /proc, with how long the relay's processes waited for a core.
 *
 * The latency bound: 4 times the p95 of the lightest step with one relay process (measured three
 * times as long as the others), at least 20 ms. The lightest step is this machine's unloaded latency (loopback, scheduling, the relay's fan-out
 * pacing, a PostgreSQL write per note) in this run; 4 times that is clearly queueing rather than
 * noise, and still well within what feels live for a cursor. The floor keeps a very quiet run from
 * setting a bound that scheduling jitter on a shared 2-core machine breaks by itself. A step is
 * served if the larger of the two p95s is within the bound, at least 98 % of notes and cursor
 * states arrived (a cursor state counts when the observer got it or a newer one within
 * `staleMs`), and the crowd sent at least 95 % of the load it was meant to (a starved load
 * generator would otherwise pass as a fast relay). "Boards at the bound" is the largest step
 * served before two failing steps in a row: one window can catch a stall that the next does not.
 *
 * The machine has two cores, and the load generator needs them too. So it is made cheap
 * (`workersFleet.ts`: bare sockets read in batches, one observer on every board only up to 16
 * boards, then on one in four), and the crowd runs at the lowest CPU priority, spreading its
 * sends when it gets the core late; it stamps each message just before the write, so running late
 * costs load, not latency, and the load is checked. A window in which processes outside the bench
 * used more than a quarter of a core is measured again (the machine is shared).
 *
 * Boards are spread over two relay processes by a hash of their id (`workerFor`), which for a few
 * dozen boards splits them unevenly by chance (sd √n / 2). The bench orders the boards it creates
 * so that each step holds as many of each process as it can: the capacity of two processes, not
 * the luck of one hash; the split of every step is reported.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs'
import { loadavg, setPriority, tmpdir } from 'node:os'
import { basename, dirname } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tokenQueryParam } from '../shared/access.ts'
import { workerFor } from '../server/cluster/primary.ts'
import { createBoard } from '../test/helpers/clients.ts'
import { startPostgres, type PostgresServer } from '../test/helpers/postgres.ts'
import { startRedis, type RedisServer } from '../test/helpers/redis.ts'
import { removeDataDir, startRelay, type RelayProcess } from '../test/helpers/relay.ts'
import { countWarnings, killChild, killOnExit, sleep, wallNow, within } from './servers/launch.ts'
import { boardOfClient, clientId, type BoardOrder, type FleetCommand, type FleetMessage, type FleetSetup, type WindowReport } from './workersFleet.ts'
import { percentile, round } from './stats.ts'

/** CPU in the window, in percent of one core (the machine has `cores` × 100). */
export interface WorkersCpu {
  /** Primary and relay processes together. */
  relay: number
  /** Each relay process: the primary first (WORKERS=2), then the workers (and tsx's esbuild helpers, idle). */
  relayProcesses: Array<{ pid: number; role: string; percent: number }>
  crowd: number
  probe: number
  postgres: number
  redis: number
  /** The bench's own process. */
  bench: number
  /** The whole machine (from /proc/stat), and what of it none of the above used. */
  machine: number
  other: number
  /**
   * How long the main threads were ready to run but waited for a core, in percent of the window
   * (relay: summed over its processes, each also listed): on two busy cores, this is where the
   * latency goes before the relay's own CPU is used up.
   */
  waiting: { relay: number; relayProcesses: number[]; probe: number; crowd: number; postgres: number }
}

export interface WorkersStep {
  boards: number
  /** Boards per relay process (by `workerFor`). */
  split: number[]
  clients: number
  editP50Ms: number
  editP95Ms: number
  cursorP50Ms: number
  cursorP95Ms: number
  /** The larger of the two p95s: what the bound applies to. */
  p95Ms: number
  editP99Ms: number
  cursorP99Ms: number
  editMaxMs: number
  cursorMaxMs: number
  /**
   * Deliveries slower than 20 ms and when they were sent, in ms from the window's start: slow
   * ones spread over the window mean a relay that keeps up only just; bunched in a few hundred
   * ms, a stall (a garbage collection, a storage write held up, the cores taken by others).
   */
  slow: { edits: number; cursors: number; firstMs: number | null; lastMs: number | null; busiest200Ms: number }
  notesSent: number
  /** Boards with an observer: where latency and delivery are measured. */
  observedBoards: number
  /** Notes sent in the window that reached their board's observer in time / sent. */
  noteDelivered: number
  /** Cursor states sent in the window that the observer had (or a newer one) within `staleMs`. */
  cursorDelivered: number
  /** What the crowd sent / what it was meant to (cursor states, notes). */
  cursorLoad: number
  noteLoad: number
  served: boolean
  /** Why not, if not. */
  failed: string[]
  cpu: WorkersCpu
  loadAverage: number
  /** Earlier windows of this step that other processes on the machine disturbed (see `maxOtherCpu`). */
  disturbed?: WorkersStep[]
}

export interface WorkersConfiguration {
  workers: number
  steps: WorkersStep[]
  /** Largest step served before two failing steps in a row (0 if the first failed). */
  boardsAtBound: number
  /** Where the p95 crosses the bound, interpolated linearly between that step and the next. */
  boardsAtBoundInterpolated: number
  connectFailures: Record<string, number>
  /** Sockets closed by the relay during the run, by close code. */
  closeCodes: Record<string, number>
  /** Relay warnings and errors by message. */
  relayWarnings: Record<string, number>
  /** Clients the relay served through another process (Redis): 0 when the primary routes every socket to its board's owner. */
  servedThroughOtherProcess: number
  /** The relay's CPU (all its processes, % of a core) per board, over the served steps: what a board costs it. */
  relayCpuPerBoard: number
}

export interface WorkersResult {
  quick: boolean
  cores: number
  peoplePerBoard: number
  editorsPerBoard: number
  hz: number
  noteEveryMs: number
  warmupMs: number
  measureMs: number
  graceMs: number
  staleMs: number
  boundMs: number
  bound: string
  one: WorkersConfiguration
  two: WorkersConfiguration
  /** Boards at the bound, two processes / one. */
  ratio: number
  ratioInterpolated: number
  loadAverage: [before: number, after: number]
  durationS: number
}

const peoplePerBoard = 6
const editorsPerBoard = 2
const hz = 5
const noteEveryMs = 1000
const staleMs = 1000
const boundFactor = 4
const boundFloorMs = 20
/** A window in which other processes used more than this much of a core is measured again, up to `maxRepeats` times. */
const maxOtherCpu = 25
const maxRepeats = 2
const quietWaitMs = 10_000
const minDelivered = 0.98
const minLoad = 0.95
/** How often the crowd reads its sockets (`workersFleet.ts`): fewer wake-ups for the load generator, the same sends for the relay. */
const drainEveryMs = 250
/**
 * Boards with an observer: the first 16, then one in four (alternately on either relay process,
 * see `createBoards`). An observer decodes everything it gets and must read at once, so it is the
 * dearest client to simulate; the others on its board are the same load without it.
 */
const fullyObserved = 16
const observedBoard = (index: number) => index < fullyObserved || index % 8 === 0 || index % 8 === 5

export interface WorkersOptions {
  quick?: boolean
  /**
   * Board counts to step through; without, from 16 boards on, 16 more while the p95 is under half
   * the bound, then 8 more, up to `maxBoards`. Stepping stops at two failing steps in a row.
   */
  steps?: number[]
}

/** The next board count after a step (none before the first), or null to stop. */
type Stepper = (previous: WorkersStep | null, boundMs: number) => number | null

const maxBoards = 256

function listed(counts: number[]): () => Stepper {
  return () => {
    let next = 0
    return () => counts[next++] ?? null
  }
}

function adaptive(first: number, coarse: number, fine: number): () => Stepper {
  return () => (previous, boundMs) => {
    if (!previous) return first
    const next = previous.boards + (previous.p95Ms < boundMs / 2 ? coarse : fine)
    return next <= maxBoards ? next : null
  }
}

export async function runWorkers(options: WorkersOptions = {}): Promise<WorkersResult> {
  const began = Date.now()
  const quick = options.quick ?? false
  const steps = options.steps ? listed(options.steps) : quick ? adaptive(16, 32, 16) : adaptive(16, 16, 8)
  const timing = quick ? { warmupMs: 1500, measureMs: 3000, graceMs: 1000 } : { warmupMs: 1500, measureMs: 5000, graceMs: 1000 }
  const loadBefore = loadavg()[0]
  const cleanup = emergencyCleanup()
  let postgres: PostgresServer | null = null
  let redis: RedisServer | null = null
  try {
    // Both started, and both stopped below even if only one of them came up.
    const started = await Promise.allSettled([startPostgres(), startRedis()])
    if (started[0].status === 'fulfilled') postgres = started[0].value
    if (started[1].status === 'fulfilled') redis = started[1].value
    for (const result of started) if (result.status === 'rejected') throw result.reason
    const servers = { postgres: postgres!, redis: redis! }
    cleanup.keepDirsOf(['postgres', 'redis-server'])
    let bound: number | null = null
    const setBound = (lightest: number) => (bound = Math.max(boundFloorMs, round(boundFactor * lightest)))
    const one = await runConfiguration(1, steps, timing, servers, cleanup.dirs, () => bound, setBound)
    const two = await runConfiguration(2, steps, timing, servers, cleanup.dirs, () => bound, setBound)
    return {
      quick,
      cores: cores(),
      peoplePerBoard,
      editorsPerBoard,
      hz,
      noteEveryMs,
      ...timing,
      staleMs,
      boundMs: bound!,
      bound: `${boundFactor} × the p95 of the lightest step with one relay process, at least ${boundFloorMs} ms`,
      one,
      two,
      ratio: round(two.boardsAtBound / one.boardsAtBound),
      ratioInterpolated: round(two.boardsAtBoundInterpolated / one.boardsAtBoundInterpolated),
      loadAverage: [loadBefore, loadavg()[0]],
      durationS: Math.round((Date.now() - began) / 1000),
    }
  } finally {
    await Promise.allSettled([postgres?.stop(), redis?.stop()])
    cleanup.done()
  }
}

async function runConfiguration(
  workers: number,
  steps: () => Stepper,
  timing: { warmupMs: number; measureMs: number; graceMs: number },
  servers: { postgres: PostgresServer; redis: RedisServer },
  leftovers: Set<string>,
  bound: () => number | null,
  setBound: (lightestP95: number) => void,
): Promise<WorkersConfiguration> {
  // Forked first: their start-up overlaps the relay's.
  const crowd = fleetProcess('crowd')
  const probe = fleetProcess('probe')
  // The crowd yields the cores to everyone else (relay, PostgreSQL, probe): it stamps each message
  // as it sends it, so running late costs no latency, only load, and whether it sent the load it
  // was meant to is checked at every step. The probe keeps its priority: it must read at once.
  setPriority(crowd.child.pid!, 19)
  let relay: RelayProcess | null = null
  try {
    const databaseUrl = await servers.postgres.newDatabase()
    console.error(`workers: WORKERS=${workers} …`)
    await waitForQuiet(30_000)
    relay = await startRelay({ process: true, env: {
        LOG_LEVEL: 'info',
        DATABASE_URL: databaseUrl,
        REDIS_URL: servers.redis.url,
        WORKERS: String(workers),
        // Everyone comes from 127.0.0.1, and one address creates every board.
        MAX_CONNECTIONS_PER_ADDRESS: '100000',
        MAX_BOARDS_PER_MINUTE: '100000',
      },
    })
    killOnExit(relay.child)
    leftovers.add(relay.dataDir)
    const setup = (role: 'crowd' | 'probe'): FleetSetup => ({
      role,
      peoplePerBoard,
      editorsPerBoard: role === 'probe' ? 0 : editorsPerBoard,
      drainEveryMs,
      hz,
      noteEveryMs,
      // Enough for the longest run: the stepping ends long before.
      notesPerEditor: Math.ceil(600_000 / noteEveryMs),
      connectTimeoutMs: 30_000,
    })
    crowd.child.send({ type: 'setup', setup: setup('crowd') } satisfies FleetCommand)
    probe.child.send({ type: 'setup', setup: setup('probe') } satisfies FleetCommand)

    const creating = Date.now()
    const boards = await createBoards(relay, maxBoards)
    console.error(`  ${boards.length} boards created in ${((Date.now() - creating) / 1000).toFixed(1)} s`)
    const connectFailures: Record<string, number> = {}
    const results: WorkersStep[] = []
    let failedInARow = 0
    let connected = 0
    let lastReports: WindowReport[] = []
    const nextStep = steps()
    for (let count = nextStep(null, Infinity); count !== null; count = nextStep(results.at(-1)!, bound()!)) {
      const added = boards.slice(connected, count)
      connected = count
      // The observers first: a board's first socket loads its room; then the crowd.
      const probeAdded = await probe.ask({ type: 'add', boards: added }, 'added')
      const crowdAdded = await crowd.ask({ type: 'add', boards: added }, 'added')
      for (const failures of [probeAdded.failures, crowdAdded.failures]) mergeInto(connectFailures, failures)

      let step: WorkersStep
      const disturbed: WorkersStep[] = []
      for (let attempt = 0; ; attempt++) {
        // The first window after adding boards waits the warm-up; a repeat waits for the others to finish, a while at most.
        if (attempt > 0) await waitForQuiet(quietWaitMs)
        const start = wallNow() + (attempt === 0 ? timing.warmupMs : 500)
        // The lightest step sets the bound: three times as long, for a p95 of three times as many notes.
        const end = start + timing.measureMs * (results.length === 0 && workers === 1 ? 3 : 1)
        const reportAt = end + timing.graceMs
        const reports = Promise.all([crowd, probe].map((fleet) => fleet.ask({ type: 'window', start, end, reportAt }, 'window')))
        await sleep(start - wallNow())
        const before = snapshot()
        await sleep(end - wallNow())
        const after = snapshot()
        const [crowdReport, probeReport] = (lastReports = (await reports).map((message) => message.report))
        const cpu = cpuFigures(before, after, end - start, { relay: relay.child.pid!, crowd: crowd.child.pid!, probe: probe.child.pid! })
        step = stepFigures(count, boards.slice(0, count), workers, start, end, crowdReport, probeReport, cpu)
        // Someone else's work on this shared machine took the cores the relay needed: measured again.
        if (cpu.other <= maxOtherCpu || attempt >= maxRepeats) break
        console.error(`  ${count} boards: ${cpu.other} % of a core used by other processes, measured again`)
        disturbed.push(step)
      }
      step.disturbed = disturbed
      if (results.length === 0 && workers === 1) setBound(step.p95Ms)
      for (const measured of [...disturbed, step]) judge(measured, bound()!)
      results.push(step)
      console.error(
        `  ${count} boards (${step.split.join('/')}): p95 edit ${step.editP95Ms} ms, cursor ${step.cursorP95Ms} ms; delivered ${pct(step.noteDelivered)}/${pct(step.cursorDelivered)}; ` +
          `load ${pct(step.cursorLoad)}; CPU relay ${step.cpu.relay} %, crowd ${step.cpu.crowd} %, probe ${step.cpu.probe} %, postgres ${step.cpu.postgres} %, other ${step.cpu.other} %; relay waited for a core ${step.cpu.waiting.relay} %` +
          `${step.served ? '' : ` — not served (${step.failed.join(', ')})`}`,
      )
      failedInARow = step.served ? 0 : failedInARow + 1
      // Past the knee: more boards only pile up backlog and cost time.
      if (failedInARow >= 2 || step.p95Ms > 10 * bound()!) break
    }
    const closeCodes: Record<string, number> = {}
    for (const report of lastReports) mergeInto(closeCodes, report.closeCodes)
    const { boardsAtBound, boardsAtBoundInterpolated } = boardsServed(results, bound()!)
    return {
      workers,
      steps: results,
      boardsAtBound,
      boardsAtBoundInterpolated,
      connectFailures,
      closeCodes,
      relayWarnings: countWarnings(relay.logs),
      servedThroughOtherProcess: relay.logs.filter((line) => line.includes('client served by another relay process')).length,
      relayCpuPerBoard: cpuPerBoard(results),
    }
  } finally {
    // Asked to stop first (a profile, if one is taken, is written on a normal exit), then killed.
    await Promise.all(
      [crowd, probe].map(async ({ child }) => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = once(child, 'exit')
          // A channel already closed reports here rather than as an unhandled 'error'.
          child.send({ type: 'stop' } satisfies FleetCommand, () => {})
          await within(5000, 'fleet stopping', exited).catch(() => {})
        }
        await killChild(child)
      }),
    )
    if (relay) {
      const pids = relayPids(relay.child.pid!)
      // Gracefully, so that the primary takes its workers along; killed if it does not within 10 s.
      await within(10_000, 'relay shutdown', relay.kill('SIGTERM')).catch(() => relay!.kill('SIGKILL'))
      for (const pid of pids) killQuietly(pid)
      removeDataDir(relay.dataDir)
      leftovers.delete(relay.dataDir)
    }
  }
}

/** Creates `count` boards; for two processes ordered so that every prefix splits as evenly as the boards allow. */
async function createBoards(relay: RelayProcess, count: number): Promise<BoardOrder[]> {
  const created: string[][] = []
  let next = 0
  const urls: Array<{ id: string; url: string }> = []
  const worker = async () => {
    while (next < count * 1.3) {
      next++
      const board = await createBoard(relay, 'Werkstatt')
      urls.push({ id: board.id, url: `${relay.wsUrl}/${board.id}?${tokenQueryParam}=${encodeURIComponent(board.access.participant)}` })
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker))
  // Interleaved by the two-process hash: the same order serves WORKERS=1, where it does not matter.
  for (const board of urls) (created[workerFor(`GET /ws/${board.id} HTTP/1.1`, 2)] ??= []).push(board.id)
  const byId = new Map(urls.map((board) => [board.id, board.url]))
  const ordered: string[] = []
  for (let i = 0; ordered.length < count; i++) {
    for (const list of [created[0] ?? [], created[1] ?? []]) if (i < list.length && ordered.length < count) ordered.push(list[i])
    if (i > urls.length) throw new Error('not enough boards created')
  }
  return ordered.map((id, index) => ({ index, url: byId.get(id)!, observed: observedBoard(index) }))
}

function stepFigures(boards: number, orders: BoardOrder[], workers: number, start: number, end: number, crowd: WindowReport, probe: WindowReport, cpu: WorkersCpu): WorkersStep {
  const editLatencies: number[] = []
  const editSent: number[] = []
  for (let i = 0; i < probe.notesReceived.length; i += 2) {
    editSent.push(probe.notesReceived[i])
    editLatencies.push(probe.notesReceived[i + 1])
  }
  const cursorLatencies: number[] = []
  const cursorSent: number[] = []
  for (let i = 0; i < probe.cursorsReceived.length; i += 4) {
    const sentAt = probe.cursorsReceived[i + 2]
    if (sentAt > end) continue
    cursorSent.push(sentAt)
    cursorLatencies.push(probe.cursorsReceived[i + 3] - sentAt)
  }
  const split = Array.from({ length: workers }, () => 0)
  for (const order of orders) split[workerFor(`GET ${new URL(order.url).pathname} HTTP/1.1`, workers)]++
  const editP95Ms = round(percentile(editLatencies, 95))
  const cursorP95Ms = round(percentile(cursorLatencies, 95))
  return {
    boards,
    split,
    clients: boards * peoplePerBoard,
    editP50Ms: round(percentile(editLatencies, 50)),
    editP95Ms,
    cursorP50Ms: round(percentile(cursorLatencies, 50)),
    cursorP95Ms,
    p95Ms: Math.max(editP95Ms, cursorP95Ms),
    editP99Ms: round(percentile(editLatencies, 99)),
    cursorP99Ms: round(percentile(cursorLatencies, 99)),
    editMaxMs: round(Math.max(...editLatencies)),
    cursorMaxMs: round(Math.max(...cursorLatencies)),
    slow: slowSpan(editSent, editLatencies, cursorSent, cursorLatencies, start),
    notesSent: crowd.notesSent,
    observedBoards: orders.filter((order) => order.observed).length,
    noteDelivered: round(editLatencies.length / crowd.notesSentObserved),
    cursorDelivered: round(cursorCoverage(crowd.cursorsSent, probe.cursorsReceived)),
    cursorLoad: round((crowd.cursorStatesSent + probe.cursorStatesSent) / (crowd.cursorStatesIntended + probe.cursorStatesIntended)),
    noteLoad: round(crowd.notesSent / crowd.notesIntended),
    served: true,
    failed: [],
    cpu: { ...cpu, crowd: crowd.cpuPercent, probe: probe.cpuPercent },
    loadAverage: loadavg()[0],
  }
}

function cpuPerBoard(steps: WorkersStep[]): number {
  const served = steps.filter((step) => step.served)
  return round(served.reduce((total, step) => total + step.cpu.relay, 0) / served.reduce((total, step) => total + step.boards, 0))
}

/** See `WorkersStep.slow`. */
function slowSpan(editSent: number[], edits: number[], cursorSent: number[], cursors: number[], start: number): WorkersStep['slow'] {
  const slowMs = 20
  const at: number[] = []
  let slowEdits = 0
  let slowCursors = 0
  edits.forEach((latency, i) => latency > slowMs && (slowEdits++, at.push(editSent[i] - start)))
  cursors.forEach((latency, i) => latency > slowMs && (slowCursors++, at.push(cursorSent[i] - start)))
  at.sort((a, b) => a - b)
  // The most slow deliveries sent within any 200 ms.
  let busiest = 0
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i] - at[j] > 200) j++
    busiest = Math.max(busiest, i - j + 1)
  }
  return { edits: slowEdits, cursors: slowCursors, firstMs: at.length ? Math.round(at[0]) : null, lastMs: at.length ? Math.round(at.at(-1)!) : null, busiest200Ms: busiest }
}

function judge(step: WorkersStep, boundMs: number): void {
  if (step.cpu.other > maxOtherCpu) step.failed.push(`disturbed: other processes used ${step.cpu.other} % of a core`)
  if (!(step.p95Ms <= boundMs)) step.failed.push(`p95 ${step.p95Ms} ms > ${boundMs} ms`)
  if (!(step.noteDelivered >= minDelivered)) step.failed.push(`notes delivered ${pct(step.noteDelivered)}`)
  if (!(step.cursorDelivered >= minDelivered)) step.failed.push(`cursor states delivered ${pct(step.cursorDelivered)}`)
  if (!(step.cursorLoad >= minLoad && step.noteLoad >= minLoad)) step.failed.push(`load generator sent only ${pct(Math.min(step.cursorLoad, step.noteLoad))}`)
  step.served = step.failed.length === 0
}

function boardsServed(steps: WorkersStep[], boundMs: number): { boardsAtBound: number; boardsAtBoundInterpolated: number } {
  let at = -1
  for (let i = 0; i < steps.length; i++) {
    if (steps[i].served) at = i
    else if (i + 1 < steps.length && !steps[i + 1].served) break
    else if (i + 1 === steps.length) break
  }
  if (at < 0) return { boardsAtBound: 0, boardsAtBoundInterpolated: 0 }
  const served = steps[at]
  const next = steps[at + 1]
  let interpolated = served.boards
  // Only a next step that failed on latency alone says where the latency crosses the bound.
  if (next && next.p95Ms > boundMs && next.failed.length === 1 && next.p95Ms > served.p95Ms) {
    interpolated = served.boards + ((next.boards - served.boards) * (boundMs - served.p95Ms)) / (next.p95Ms - served.p95Ms)
  }
  return { boardsAtBound: served.boards, boardsAtBoundInterpolated: round(interpolated) }
}

/**
 * Share of cursor states sent in the window that their board's observer received, or a newer one
 * of the same sender (higher awareness clock), within `staleMs` of their sending.
 */
function cursorCoverage(sent: number[], received: number[]): number {
  // Arrivals by sender: [clock, receivedAt], newest clock first.
  const arrivals = new Map<number, Array<[number, number]>>()
  for (let i = 0; i < received.length; i += 4) {
    let list = arrivals.get(received[i])
    if (!list) arrivals.set(received[i], (list = []))
    list.push([received[i + 1], received[i + 3]])
  }
  const sentBy = new Map<number, Array<[number, number]>>()
  for (let i = 0; i < sent.length; i += 3) {
    let list = sentBy.get(sent[i])
    if (!list) sentBy.set(sent[i], (list = []))
    list.push([sent[i + 1], sent[i + 2]])
  }
  let expected = 0
  let covered = 0
  for (const [sender, states] of sentBy) {
    if (clientId(boardOfClient(sender), 0) === sender) continue // an observer's own states: nobody measures them
    const got = (arrivals.get(sender) ?? []).sort((a, b) => b[0] - a[0])
    let next = 0
    let earliest = Infinity
    for (const [clock, sentAt] of states.sort((a, b) => b[0] - a[0])) {
      while (next < got.length && got[next][0] >= clock) earliest = Math.min(earliest, got[next++][1])
      expected++
      if (earliest <= sentAt + staleMs) covered++
    }
  }
  return expected === 0 ? Number.NaN : covered / expected
}

// ---------------------------------------------------------------------------------------------
// Processes: the fleet, and what /proc says about everyone.

function fleetProcess(role: 'crowd' | 'probe') {
  // WORKERS_BENCH_PROFILE=<dir>: a CPU profile of each fleet process, to see what the load generator costs.
  const profile = process.env.WORKERS_BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.WORKERS_BENCH_PROFILE}`] : []
  const child: ChildProcess = killOnExit(fork(new URL('./workersFleet.ts', import.meta.url), [role], { execArgv: ['--import', 'tsx', ...profile] }))
  return {
    child,
    /** Sends a command and resolves with the fleet's answer of that type. */
    ask<T extends FleetMessage['type']>(command: FleetCommand, answer: T): Promise<Extract<FleetMessage, { type: T }>> {
      return within(
        90_000,
        `${role} answering ${command.type}`,
        new Promise((resolve, reject) => {
          const onMessage = (message: FleetMessage) => {
            if (message.type !== answer) return
            child.off('message', onMessage)
            child.off('exit', onExit)
            resolve(message as Extract<FleetMessage, { type: T }>)
          }
          const onExit = (code: number | null) => reject(new Error(`${role} exited (${code}) before answering ${command.type}`))
          child.on('message', onMessage)
          child.once('exit', onExit)
          child.send(command)
        }),
      )
    },
  }
}

interface ProcessInfo {
  ppid: number
  comm: string
  cpuMs: number
  /** Time its main thread was ready to run but waited for a core (/proc/<pid>/schedstat), in ms. */
  waitMs: number
}

interface Snapshot {
  at: number
  processes: Map<number, ProcessInfo>
  /** Busy ms of the whole machine (all cores), from /proc/stat. */
  machineBusyMs: number
}

/** Every process on the machine: parent, name, CPU so far. */
function processes(): Map<number, ProcessInfo> {
  const all = new Map<number, ProcessInfo>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      // Fields after the name: state, ppid, …; utime and stime are the 12th and 13th (clock ticks of 10 ms).
      let waitMs = 0
      try {
        waitMs = Number(readFileSync(`/proc/${entry}/schedstat`, 'utf8').split(' ')[1]) / 1e6
      } catch {
        // no scheduler statistics in this kernel
      }
      all.set(Number(entry), { ppid: Number(fields[1]), comm, cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, waitMs })
    } catch {
      // gone meanwhile
    }
  }
  return all
}

function snapshot(): Snapshot {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  // user nice system idle iowait irq softirq steal
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0)
  return { at: wallNow(), processes: processes(), machineBusyMs: (total - fields[3] - fields[4]) * 10 }
}

function descendants(root: number, all: Map<number, ProcessInfo>): number[] {
  const found = [root]
  for (let i = 0; i < found.length; i++) for (const [pid, info] of all) if (info.ppid === found[i]) found.push(pid)
  return found.filter((pid) => all.has(pid))
}

function cpuFigures(before: Snapshot, after: Snapshot, windowMs: number, pids: { relay: number; crowd: number; probe: number }): WorkersCpu {
  const used = (pid: number) => (after.processes.get(pid)?.cpuMs ?? 0) - (before.processes.get(pid)?.cpuMs ?? 0)
  const waited = (pid: number) => (after.processes.get(pid)?.waitMs ?? 0) - (before.processes.get(pid)?.waitMs ?? 0)
  const sumWaited = (list: number[]) => list.reduce((total, pid) => total + waited(pid), 0)
  const percent = (ms: number) => Math.round((ms / windowMs) * 100)
  const sum = (list: number[]) => list.reduce((total, pid) => total + used(pid), 0)
  const ours = descendants(process.pid, after.processes)
  const relay = descendants(pids.relay, after.processes)
  const postgres = ours.filter((pid) => after.processes.get(pid)!.comm === 'postgres')
  const redis = ours.filter((pid) => after.processes.get(pid)!.comm.startsWith('redis-server'))
  // The relay's node processes (the primary first, which forked the workers), and any helper they started (tsx's esbuild).
  const nodes = relay.filter((pid) => after.processes.get(pid)!.comm === 'node')
  const role = (pid: number) => (after.processes.get(pid)!.comm !== 'node' ? after.processes.get(pid)!.comm : nodes.length === 1 ? 'relay' : pid === pids.relay ? 'primary' : 'worker')
  const relayProcesses = relay.map((pid) => ({ pid, role: role(pid), percent: percent(used(pid)) }))
  const oursMs = sum(ours)
  return {
    relay: percent(sum(relay)),
    relayProcesses,
    crowd: percent(used(pids.crowd)),
    probe: percent(used(pids.probe)),
    postgres: percent(sum(postgres)),
    redis: percent(sum(redis)),
    bench: percent(used(process.pid)),
    machine: percent(after.machineBusyMs - before.machineBusyMs),
    other: Math.max(0, percent(after.machineBusyMs - before.machineBusyMs - oursMs)),
    waiting: {
      relay: percent(sumWaited(relay)),
      relayProcesses: relay.map((pid) => percent(waited(pid))),
      probe: percent(waited(pids.probe)),
      crowd: percent(waited(pids.crowd)),
      postgres: percent(sumWaited(postgres)),
    },
  }
}

/** Waits until the machine's processes other than the bench's used at most `maxOtherCpu` for a second, or `ms` passed. */
async function waitForQuiet(ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    const before = snapshot()
    await sleep(1000)
    const after = snapshot()
    const ours = descendants(process.pid, after.processes).reduce(
      (total, pid) => total + (after.processes.get(pid)?.cpuMs ?? 0) - (before.processes.get(pid)?.cpuMs ?? 0),
      0,
    )
    if (((after.machineBusyMs - before.machineBusyMs - ours) / (after.at - before.at)) * 100 <= maxOtherCpu) return
  }
}

function relayPids(primary: number): number[] {
  return descendants(primary, processes()).filter((pid) => pid !== primary)
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/**
 * However the bench ends (an exception, Ctrl-C), nothing it started may stay behind: relay
 * workers (forked by the relay's primary), PostgreSQL (started through runuser) and Redis are not
 * the bench's own children, so `killOnExit` alone does not reach them. On exit, every descendant
 * of this process still there is killed.
 */
function emergencyCleanup(): { done(): void; keepDirsOf(names: string[]): void; dirs: Set<string> } {
  const dirs = new Set<string>()
  const onExit = () => {
    for (const pid of descendants(process.pid, processes())) if (pid !== process.pid) killQuietly(pid)
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
  process.on('exit', onExit)
  return {
    dirs,
    /** Notes the temporary directories of our processes of these names (PostgreSQL and Redis run in theirs), to be removed too. */
    keepDirsOf(names) {
      const all = processes()
      for (const pid of descendants(process.pid, all)) {
        if (!names.includes(all.get(pid)!.comm)) continue
        try {
          // PostgreSQL works in its data directory, inside the temporary one.
          const cwd = readlinkSync(`/proc/${pid}/cwd`)
          const dir = basename(cwd) === 'data' ? dirname(cwd) : cwd
          if (dirname(dir) === tmpdir() && basename(dir).startsWith('netzwerkstatt-')) dirs.add(dir)
        } catch {
          // gone, or not ours to read
        }
      }
    },
    done: () => process.off('exit', onExit),
  }
}

const cores = () => readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((line) => line.startsWith('processor')).length

function mergeInto(into: Record<string, number>, counts: Record<string, number>): void {
  for (const [key, n] of Object.entries(counts)) into[key] = (into[key] ?? 0) + n
}


const pct = (share: number) => `${Math.round(share * 100)} %`

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stepsArg = process.argv.find((arg) => arg.startsWith('--steps='))
  const steps = stepsArg ? stepsArg.slice('--steps='.length).split(',').map(Number) : undefined
  console.log(JSON.stringify(await runWorkers({ quick: process.argv.includes('--quick'), steps }), null, 2))
  process.exit(0)
}
