/**
 * `npm test`: the suite's steps in the order their verdicts come, each stopping the run when it
 * fails, and at the end (also after a failure) what each step and each test file took:
 *
 * 1. `unit` (with `--bail=1`: a broken floor answers in the first minute);
 * 2. the type check and the build side by side (one is mostly one core, the other mostly waits on
 *    the first);
 * 3. `browser` (two files at a time) as soon as the build is done, and `integration` (two files at
 *    a time) beside it once the type check passed, each a vitest of its own; a type error ends the
 *    browser project and fails the run before any integration file starts.
 *
 * Per-file times come from `test/setup/fileTimes.ts` and go, with the steps', to
 * `test/artifacts/test-times.json`; the budget they are held to is in docs/testing.md.
 * `npm test -- --record-times` also writes a green run's per-file times to `docs/test-times.json`,
 * from which a clean clone's run orders its files longest first (`test/setup/lintFirst.ts`).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FileTime } from './setup/fileTimes.ts'

const root = join(import.meta.dirname, '..')
// The integration project beside the browser project on two cores: a file takes up to several
// times as long as alone, and its waits are hang limits, not speed checks (test/helpers/hang.ts).
process.env.TEST_HANG_SCALE ??= '4'
const timesDir = join(root, 'test', 'artifacts', 'test-times')
const vitest = [process.execPath, join(root, 'node_modules', 'vitest', 'vitest.mjs')]

interface Step {
  name: string
  ms: number
  ok: boolean
}

interface Outcome {
  code: number
  output?: string
}

/**
 * Runs a command; `quiet` keeps its output to hand back (for steps that run side by side). `signal`
 * ends it with all it started (Chromium, relays): it runs as a process group of its own.
 */
function run(command: string[], options: { env?: Record<string, string>; quiet?: boolean; signal?: AbortSignal } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      detached: options.signal !== undefined,
    })
    const end = () => child.pid && process.kill(-child.pid, 'SIGTERM')
    if (options.signal?.aborted) end()
    options.signal?.addEventListener('abort', end, { once: true })
    let output = ''
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
    child.once('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }))
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }))
  })
}

const steps: Step[] = []
async function step(name: string, body: () => Promise<boolean>): Promise<boolean> {
  const started = performance.now()
  const ok = await body()
  steps.push({ name, ms: performance.now() - started, ok })
  return ok
}

/** One vitest project as a step; `held`: its output is kept back and handed to it instead of shown. */
const vitestRun = (project: string, extra: string[] = [], held?: (output: string) => void, signal?: AbortSignal) =>
  step(project, async () => {
    const file = join(timesDir, `${project}.json`)
    rmSync(file, { force: true })
    const outcome = await run([...vitest, 'run', '--project', project, ...extra], { env: { TEST_TIMES_FILE: file }, quiet: held !== undefined, signal })
    held?.(outcome.output ?? '')
    return outcome.code === 0 && !signal?.aborted
  })

/**
 * The type check and the build side by side, then the integration project (two files at a time)
 * beside the browser project. One browser file at a time left about a third of the two cores idle while its
 * pages waited on the relay and the relay on them, and once the integration project was done
 * (about 340 s in) the browser project ran on alone for another 450 s: two files at a time fill
 * those waits (a resting board page costs no CPU since client/board/restingEditor.ts). The browser project needs only the build, so it
 * starts as soon as the build is done, while the type check still runs (it takes longer); the
 * integration project waits for the type check, and a type error ends the browser project and
 * fails the run before any integration file starts. The integration project's output waits until
 * the browser project is done, so that neither's lines run into the other's.
 */
async function checkedBuiltAndRun(): Promise<boolean> {
  const typecheck = step('type check', async () => {
    const { code, output } = await run([process.execPath, join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit'], { quiet: true })
    return report('type check (tsc --noEmit)', code, output)
  })
  const build = step('build', async () => {
    const { code, output } = await run(['npm', 'run', '--silent', 'build'], { quiet: true })
    return report('build (npm run build)', code, output)
  })
  const typeError = new AbortController()
  const browser = build.then((built) => built && vitestRun('browser', ['--fileParallelism', '--maxWorkers=2'], undefined, typeError.signal))
  const checked = await typecheck
  if (!checked) typeError.abort()
  let integrationOutput = ''
  const integration = checked && (await build) && vitestRun('integration', [], (output) => (integrationOutput = output))
  const [integrated, browsed] = await Promise.all([integration, browser])
  if (integrationOutput) process.stdout.write(`\n── integration (it ran beside the browser project) ──\n${integrationOutput}`)
  return checked && integrated && browsed
}

/** What a quiet step said: all of it when it failed, its last lines when it passed. */
function report(name: string, code: number, output = ''): boolean {
  const lines = output.trimEnd().split('\n')
  console.log(`\n${code === 0 ? '✓' : '✗'} ${name}`)
  console.log((code === 0 ? lines.slice(-4) : lines).join('\n'))
  return code === 0
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

function readTimes(): FileTime[] {
  const files = ['unit', 'integration', 'browser'].map((label) => join(timesDir, `${label}.json`))
  return files.filter((file) => existsSync(file)).flatMap((file) => JSON.parse(readFileSync(file, 'utf8')) as FileTime[])
}

function summary(total: number): void {
  const times = readTimes()
  const out: string[] = ['', '── What the suite took ──']
  for (const s of steps) out.push(`  ${s.ok ? ' ' : '✗'} ${s.name.padEnd(22)} ${seconds(s.ms).padStart(9)}`)
  out.push(`    ${'whole run'.padEnd(22)} ${seconds(total).padStart(9)}`)
  const projects = [...new Set(times.map((t) => t.project))]
  if (projects.length) out.push('', '  project        files  tests   from first to last file   sum of file times')
  for (const project of projects) {
    const of = times.filter((t) => t.project === project)
    const span = Math.max(...of.map((t) => t.endedAt)) - Math.min(...of.map((t) => t.queuedAt))
    const sum = of.reduce((s, t) => s + t.ms, 0)
    const tests = of.reduce((s, t) => s + t.tests, 0)
    out.push(`  ${project.padEnd(14)} ${String(of.length).padStart(5)} ${String(tests).padStart(6)}   ${seconds(span).padStart(23)}   ${seconds(sum).padStart(17)}`)
  }
  const slowest = [...times].sort((a, b) => b.ms - a.ms).slice(0, 15)
  if (slowest.length) out.push('', '  the 15 slowest files')
  for (const t of slowest) out.push(`  ${seconds(t.ms).padStart(9)}  ${t.file}${t.failed ? '  (failed)' : ''}`)
  // CI shows a run's last lines only: what failed, and why, goes there too.
  const failed = times.filter((t) => t.failures?.length)
  if (failed.length) out.push('', '  what failed')
  for (const t of failed) for (const f of t.failures!) out.push(`  ✗ ${t.file} › ${f.replaceAll('\n', '\n      ')}`)
  out.push('', `  per file: test/artifacts/test-times.json; the budget: docs/testing.md`)
  console.log(out.join('\n'))
  writeFileSync(join(root, 'test', 'artifacts', 'test-times.json'), `${JSON.stringify({ steps, files: times }, null, 1)}\n`)
}

/** A green run's per-file times, for the order of the next clean clone's run. */
function recordTimes(): void {
  const files = Object.fromEntries(readTimes().sort((a, b) => a.file.localeCompare(b.file)).map((t) => [t.file, t.ms]))
  const file = join(root, 'docs', 'test-times.json')
  writeFileSync(file, `${JSON.stringify({ note: 'Per-file milliseconds of a green `npm test -- --record-times` on the 2-core machine: the order a clean clone runs its files in (test/setup/lintFirst.ts).', files }, null, 1)}\n`)
  console.log(`  per-file times recorded in docs/test-times.json`)
}

const started = performance.now()
mkdirSync(timesDir, { recursive: true })
for (const label of ['unit', 'integration', 'browser']) rmSync(join(timesDir, `${label}.json`), { force: true })
const ok = (await vitestRun('unit', ['--bail=1'])) && (await checkedBuiltAndRun())
summary(performance.now() - started)
if (ok && process.argv.includes('--record-times')) recordTimes()
process.exit(ok ? 0 : 1)
