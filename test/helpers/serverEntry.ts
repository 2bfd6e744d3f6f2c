/**
 * How tests and bench/ start the relay and the operator's tools: the built files in dist/server,
 * as production runs them (`npm run serve`), so no process pays for a TypeScript loader and the
 * document worker threads start from dist as they do in production. `npm test` builds before the
 * integration and browser projects; a developer who runs one file without building gets an
 * error that says so, or sets `RELAY_FROM_SOURCE=1` to run the sources through tsx.
 *
 * `TEST_PROCESS_LOG=<file>` appends one line per process started here, to count them per run.
 *
 * `BENCH_RELAY_ROOT=<checkout>`: the built files of another checkout (its dist/server, built
 * there), for `bench/against.ts`, which runs this checkout's benches against a previous build's
 * relay. Read at each start, so one process can alternate between builds.
 *
 * `RELAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'`: node flags for every process started
 * here, to profile the relay under a bench (node refuses `--cpu-prof` in NODE_OPTIONS).
 *
 * Every process started from a process that loaded this module (they all pass `process.env` on)
 * keeps V8's compiled code of dist/server and its node_modules on disk and takes it from there at
 * its next start (Node's `NODE_COMPILE_CACHE`, checked against each file's content): a run starts
 * some hundred relays and admin CLIs, which compiled the same code afresh each time. Set it to
 * something else to keep the cache elsewhere.
 */
import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..', '..')
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), `netzwerkstatt-node-compile-cache-${process.getuid?.() ?? 'user'}`)

/** Each entry point's source and its built file (deploy/buildServer.ts). */
const entries = {
  relay: { source: 'server/main.ts', built: 'dist/server/main.js' },
  admin: { source: 'server/admin/main.ts', built: 'dist/server/admin.js' },
  boardLinks: { source: 'server/ops/boardLinks.ts', built: 'dist/server/boardLinks.js' },
} as const

export type ServerEntry = keyof typeof entries

export const relayFromSource = process.env.RELAY_FROM_SOURCE === '1'

/** The checkout whose build a process runs from: this one, or `BENCH_RELAY_ROOT`'s. */
export const builtRoot = (): string => process.env.BENCH_RELAY_ROOT || root

/** The newest source file under `dirs` (.ts, .tsx, .css), looked up once per test worker. */
const newest = new Map<string, { path: string; mtimeMs: number }>()
function newestSource(dirs: readonly string[]): { path: string; mtimeMs: number } {
  const key = dirs.join(',')
  let found = newest.get(key)
  if (found) return found
  found = { path: '', mtimeMs: 0 }
  for (const dir of dirs) {
    for (const name of readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })) {
      if (!/\.(ts|tsx|css)$/.test(name)) continue
      const mtimeMs = statSync(join(root, dir, name)).mtimeMs
      if (mtimeMs > found.mtimeMs) found = { path: join(dir, name), mtimeMs }
    }
  }
  newest.set(key, found)
  return found
}

/** Throws, saying `fix`, if the built file `built` (from the root) is missing or older than a source in `dirs`. */
export function assertBuilt(built: string, dirs: readonly string[], fix: string): void {
  const file = join(root, built)
  if (!existsSync(file)) throw new Error(`${built} does not exist: ${fix}`)
  const changed = newestSource(dirs)
  if (changed.mtimeMs > statSync(file).mtimeMs) throw new Error(`${built} is older than ${changed.path}: ${fix}`)
}

/** Notes a started process in `TEST_PROCESS_LOG`, if set: one line each, `<what> <how> <test file>`. */
export function logProcess(what: string, how: 'dist' | 'source' | 'in-process'): void {
  const file = process.env.TEST_PROCESS_LOG
  if (file) appendFileSync(file, `${what} ${how} ${testFile()}\n`)
}

/** The test file this worker runs (vitest's worker state; `-` outside vitest and in its main process): which file started what. */
export const testFile = (): string => {
  const state = (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__
  return state?.filepath ? state.filepath.slice(root.length + 1) : '-'
}

/**
 * Node's arguments to run an entry point, before the entry's own: the built file, or the source
 * through tsx with `RELAY_FROM_SOURCE=1`. Throws if the built file is missing or older than a
 * source, rather than test yesterday's relay. `label`: its name in `TEST_PROCESS_LOG` (the entry's unless told).
 */
export function serverArgs(entry: ServerEntry, label: string = entry): string[] {
  return [...profilingArgs(), ...entryArgs(entry, label)]
}

/** `RELAY_NODE_ARGS`: node flags for the processes started here, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (not allowed in NODE_OPTIONS). */
const profilingArgs = (): string[] => process.env.RELAY_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []

function entryArgs(entry: ServerEntry, label: string): string[] {
  const { source, built } = entries[entry]
  const other = process.env.BENCH_RELAY_ROOT
  if (other) {
    // Another checkout's build, as bench/against.ts made it: its sources are not this checkout's to compare with.
    if (!existsSync(join(other, built))) throw new Error(`BENCH_RELAY_ROOT: ${join(other, built)} does not exist (build that checkout first)`)
    logProcess(label, 'dist')
    return ['--enable-source-maps', join(other, built)]
  }
  if (relayFromSource) {
    logProcess(label, 'source')
    return ['--import', 'tsx', join(root, source)]
  }
  assertBuilt(built, ['server', 'shared'], 'run `npm run build` (or set RELAY_FROM_SOURCE=1 to run the sources through tsx)')
  logProcess(label, 'dist')
  return ['--enable-source-maps', join(root, built)]
}
