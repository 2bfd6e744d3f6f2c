/**
 * `npm run bench:against -- <git-rev> [scenario ...]`: this checkout's benches against two relays,
 * the build of `<git-rev>` (previous) and this checkout's (now), so that only the relay differs.
 * The previous build is made once in a temporary git worktree (node_modules linked to this
 * checkout's), removed afterwards however the run ends. The runs alternate (previous, now, now,
 * previous, …) so that what else the machine does hits both builds alike; the table gives each
 * figure's median per build and their ratio, and bench/results/against-<timestamp>.json all runs.
 *
 * Scenarios (default: join-storm fan-out:200 fan-out:500 writers:150 stalls):
 * - `join-storm`: 200 joiners within 2 s on a 0.34 MB board (`joinStorm.ts`, our relay alone), and
 *   the same storm offering permessage-deflate, the first after the board loaded against a warm
 *   one, with the relay's compression on and off (`runJoinStormCompression`, one round);
 * - `fan-out:<clients>`: the plenary crowd on our relay alone (`fanOut.ts`);
 * - `writers:<n>`: n writers on one board, 1,500 moves a second in all, honest edits on another
 *   board beside them (`manyWriters.ts`, its 150-writer phase at 150);
 * - `stalls[:<name part>]`: the relay's longest stall per scenario (`stalls.ts`, `STALLS`);
 * - `typing`: a keystroke in a 300-character Zettel, written as a client of the board's format
 *   writes it (before format 3: the text replaced whole), its bytes and its latency to another
 *   screen (`typing.ts`).
 * - `phone`: a phone's first visit to the list „Beitragen“ and to the canvas (`phoneFirstVisit.ts`,
 *   compressed, without the typed journeys): the build's client as its relay serves it, so this
 *   one compares the client too.
 * Options: `--rounds <n>` (runs per build, default 2), `--warmup <n>` (runs not counted before
 * each scenario's, default 1), `--quick` (the fan-out's short phases).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runFanOutOurs } from './fanOut.ts'
import { runJoinStormCompression, stormOurs } from './joinStorm.ts'
import { runWritersPhase } from './manyWriters.ts'
import { runStalls } from './stalls.ts'
import { runTyping } from './typing.ts'
import { runPhoneFirstVisit } from './phoneFirstVisit.ts'
import { round } from './stats.ts'

type Build = 'previous' | 'now'

/** A figure of one run; `better` says which way is better (latencies: lower). */
interface Figure {
  name: string
  value: number | null
  better: 'lower' | 'higher'
}

interface Scenario {
  spec: string
  run(): Promise<Figure[]>
}

const lower = (name: string, value: number | null | undefined): Figure => ({ name, value: value ?? null, better: 'lower' })
const higher = (name: string, value: number | null | undefined): Figure => ({ name, value: value ?? null, better: 'higher' })

/** A figure is worse only past this ratio of the medians and outside the other build's runs. */
const noiseRatio = 1.1
const defaultScenarios = ['join-storm', 'fan-out:200', 'fan-out:500', 'writers:150', 'stalls']

const root = join(import.meta.dirname, '..')
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '2' }, warmup: { type: 'string', default: '1' }, quick: { type: 'boolean', default: false } },
})
const [rev, ...named] = positionals
if (!rev) {
  console.error(`usage: npm run bench:against -- <git-rev> [--rounds n] [--quick] [${defaultScenarios.join(' ')}]`)
  process.exit(2)
}
const rounds = Number(options.rounds)
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds ${options.rounds}: a whole number of at least 1`)
const warmups = Number(options.warmup)
if (!Number.isInteger(warmups) || warmups < 0) throw new Error(`--warmup ${options.warmup}: a whole number`)
const scenarios = (named.length > 0 ? named : defaultScenarios).map(scenario)

function scenario(spec: string): Scenario {
  const [kind, arg] = [spec.split(':')[0], spec.slice(spec.indexOf(':') + 1)]
  const size = () => {
    const n = Number(arg)
    if (!spec.includes(':') || !Number.isInteger(n) || n < 1) throw new Error(`${spec}: needs a size, e.g. ${kind}:200`)
    return n
  }
  switch (kind) {
    case 'join-storm':
      return {
        spec,
        async run() {
          const { ours } = await stormOurs()
          // The QR moment: the first storm after the board loaded, against a warm one (issue 64).
          const c = await runJoinStormCompression({ rounds: 1, changed: false })
          const storms = (mode: 'on' | 'off') => {
            const [first, warm] = [c.first[mode][0]!, c[mode][0]!]
            return [
              lower(`deflate ${mode}: first after load p50 ms`, first.p50Ms),
              lower(`deflate ${mode}: first after load p95 ms`, first.p95Ms),
              lower(`deflate ${mode}: warm p95 ms`, warm.p95Ms),
              lower(`deflate ${mode}: first / warm p95`, round(first.p95Ms / warm.p95Ms)),
              lower(`deflate ${mode}: first after load relay CPU ms`, first.serverCpuMs),
              higher(`deflate ${mode}: first after load joined`, first.joined),
            ]
          }
          return [
            lower('p50 ms', ours.p50Ms),
            lower('p95 ms', ours.p95Ms),
            lower('p99 ms', ours.p99Ms),
            lower('relay CPU ms', ours.serverCpuMs),
            higher('joined', ours.joined),
            ...storms('on'),
            ...storms('off'),
          ]
        },
      }
    case 'fan-out': {
      const clients = size()
      return {
        spec,
        async run() {
          const f = await runFanOutOurs(clients, { quick: options.quick })
          return [
            lower('note p50 ms', f.updateP50Ms),
            lower('note p99 ms', f.updateP99Ms),
            lower('cursor p50 ms', f.cursorP50Ms),
            lower('cursor p99 ms', f.cursorP99Ms),
            higher('notes delivered', f.updateDelivered),
            higher('cursors delivered', f.cursorDelivered),
            lower('relay CPU % of a core', f.serverCpuPercent),
          ]
        },
      }
    }
    case 'writers': {
      const writers = size()
      return {
        spec,
        async run() {
          const w = await runWritersPhase(writers, 1500 / writers)
          // Refused moves make every figure of the writers' board meaningless: say so, not only "no figure".
          if (w.relayWarnings['update refused']) console.error(`  the relay refused the writers' moves: ${JSON.stringify(w.relayWarnings)}`)
          return [
            lower('honest edit p50 ms (other board)', w.honest.p50Ms),
            lower('honest edit p99 ms (other board)', w.honest.p99Ms),
            lower("writers' board p50 ms", w.writersP50Ms),
            lower("writers' board p99 ms", w.writersP99Ms),
            lower('relay CPU ms per 1000 updates', w.relayCpuMsPer1000),
            higher("writers' moves seen by the observers", w.writersDelivered),
          ]
        },
      }
    }
    case 'stalls':
      return {
        spec,
        async run() {
          const s = await runStalls(spec.includes(':') ? arg : undefined)
          return [s.quiet, ...s.scenarios].flatMap((f) => [lower(`${f.scenario}: longest round trip ms`, f.longestMs), lower(`${f.scenario}: relay's own longest ms`, f.relayLongestMs)])
        },
      }
    case 'typing':
      return {
        spec,
        async run() {
          const t = await runTyping()
          return [lower('keystroke bytes', t.keystrokeBytes), lower('keystroke p50 ms', t.p50Ms), lower('keystroke p99 ms', t.p99Ms), higher('keystrokes delivered', t.delivered)]
        },
      }
    case 'phone':
      return {
        spec,
        async run() {
          const p = await runPhoneFirstVisit({ rounds: 1, journeys: false })
          const [list, canvas, laptop] = [p.contribution.compressed[0]!, p.compressed[0]!, p.laptop[0]!]
          return [
            lower('list: bytes on the wire', list.fileBytes + list.socketBytes),
            lower('list: ms until readable', list.firstPaintMs),
            lower('canvas: bytes on the wire', canvas.fileBytes + canvas.socketBytes),
            lower('canvas: file bytes until the editor is ready', canvas.readyBytes),
            lower('canvas: ms until the first paint', canvas.firstPaintMs),
            lower('canvas: ms until the editor is ready', canvas.boardMs),
            // The same visit from a laptop (no CPU slowdown, the wire as it is).
            lower('laptop: file bytes until the editor is ready', laptop.readyBytes),
            lower('laptop: ms until the editor is ready', laptop.boardMs),
          ]
        },
      }
    default:
      throw new Error(`unknown scenario ${spec}: join-storm, fan-out:<clients>, writers:<n>, stalls[:<name part>], typing, phone`)
  }
}

// The previous build, in a worktree of its own, removed at exit however the process ends.
const commit = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim()
const worktree = join(mkdtempSync(join(tmpdir(), 'netzwerkstatt-against-')), commit.slice(0, 10))
process.on('exit', () => {
  spawnSync('git', ['worktree', 'remove', '--force', worktree], { cwd: root, stdio: 'ignore' })
  rmSync(join(worktree, '..'), { recursive: true, force: true })
  spawnSync('git', ['worktree', 'prune'], { cwd: root, stdio: 'ignore' })
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

const buildStarted = performance.now()
console.error(`building ${rev} (${commit.slice(0, 10)}) in ${worktree} …`)
execFileSync('git', ['worktree', 'add', '--detach', worktree, commit], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
symlinkSync(realpathSync(join(root, 'node_modules')), join(worktree, 'node_modules'))
const built = spawnSync('npm', ['run', 'build'], { cwd: worktree, stdio: ['ignore', 'ignore', 'inherit'] })
if (built.status !== 0) throw new Error(`npm run build of ${rev} failed (${built.status ?? built.signal})`)
if (!existsSync(join(worktree, 'dist', 'server', 'main.js'))) throw new Error(`the build of ${rev} has no dist/server/main.js`)
const buildSeconds = Math.round((performance.now() - buildStarted) / 1000)
const runsStarted = performance.now()

const roots: Record<Build, string | undefined> = { previous: worktree, now: undefined }
const startedAt = new Date()
const loadBefore = loadavg()[0]
const runs: Array<{ scenario: string; build: Build; round: number; seconds: number; figures: Figure[] }> = []

const useBuild = (build: Build) => {
  if (roots[build]) process.env.BENCH_RELAY_ROOT = roots[build]
  else delete process.env.BENCH_RELAY_ROOT
}

for (const { spec, run } of scenarios) {
  // Not counted: the bench's own process runs the scenario's code cold the first time (its JIT),
  // which would fall on the first build only.
  for (let w = 0; w < warmups; w++) {
    useBuild(w % 2 === 0 ? 'now' : 'previous')
    console.error(`${spec}, warm-up (not counted) …`)
    await run()
  }
  for (let round = 0; round < rounds; round++) {
    // previous, now, now, previous, …: drift on the machine falls on both builds alike.
    for (const build of round % 2 === 0 ? (['previous', 'now'] as const) : (['now', 'previous'] as const)) {
      useBuild(build)
      console.error(`${spec}, round ${round + 1}/${rounds}, ${build} …`)
      const started = performance.now()
      const figures = await run()
      runs.push({ scenario: spec, build, round, seconds: Math.round((performance.now() - started) / 1000), figures })
    }
  }
}
delete process.env.BENCH_RELAY_ROOT

/** The middle value, or the mean of the two middle ones: with two runs a build, not the lower of them. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const half = Math.floor(sorted.length / 2)
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2
}

const valuesOf = (scenarioSpec: string, build: Build, name: string) =>
  runs
    .filter((r) => r.scenario === scenarioSpec && r.build === build)
    .map((r) => r.figures.find((f) => f.name === name)?.value)
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))

const comparisons = scenarios.flatMap(({ spec }) => {
  const names = runs.find((r) => r.scenario === spec)!.figures
  return names.map(({ name, better }) => {
    const previous = valuesOf(spec, 'previous', name)
    const now = valuesOf(spec, 'now', name)
    const [p, n] = [median(previous), median(now)]
    const ratio = round(n / p)
    // Worse: past the noise ratio in the wrong direction, and every run of now outside previous's runs.
    const pastRatio = better === 'lower' ? ratio > noiseRatio : ratio < 1 / noiseRatio
    const apart = better === 'lower' ? Math.min(...now) > Math.max(...previous) : Math.max(...now) < Math.min(...previous)
    const spread = Math.min(previous.length, now.length) >= 2
    const verdict = Number.isNaN(ratio) ? 'no figure' : !pastRatio ? 'not worse' : !spread ? 'past the bar (one run: no spread)' : apart ? 'WORSE' : 'within spread'
    return { scenario: spec, figure: name, better, previous, now, previousMedian: p, nowMedian: n, ratio, verdict }
  })
})

const list = (values: number[]) => values.map((v) => round(v)).join(', ')
const table = [
  `| scenario | figure | previous (${commit.slice(0, 7)}), median [runs] | now, median [runs] | now / previous | not worse? (≤ ${noiseRatio} or within the runs' spread) |`,
  '|---|---|---|---|---|---|',
  ...comparisons.map((c) => `| ${c.scenario} | ${c.figure}${c.better === 'higher' ? ' (higher is better)' : ''} | ${round(c.previousMedian)} [${list(c.previous)}] | ${round(c.nowMedian)} [${list(c.now)}] | ${c.ratio} | ${c.verdict} |`),
].join('\n')
console.log(table)

const machine = { node: process.version, cores: availableParallelism(), loadAverage: [round(loadBefore), round(loadavg()[0])] }
const seconds = { build: buildSeconds, runs: runs.reduce((sum, r) => sum + r.seconds, 0), all: Math.round((performance.now() - runsStarted) / 1000) + buildSeconds }
console.error(`built ${rev} in ${seconds.build} s; ${runs.length} runs in ${seconds.runs} s, warm-ups included ${seconds.all - seconds.build} s; load average ${machine.loadAverage.join(' → ')}`)
const results = join(root, 'bench', 'results')
mkdirSync(results, { recursive: true })
const file = join(results, `against-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(file, JSON.stringify({ startedAt, rev, commit, previousRoot: worktree, rounds, warmups, quick: options.quick, noiseRatio, machine, seconds, comparisons, runs, table }, null, 2))
console.error(`written to ${file}`)
process.exit(0)
