/**
 * Other servers as child processes for the comparisons, and what /proc says about any process.
 * Each server runs alone in its process, as ours does (`test/helpers/relay.ts`), so that its CPU
 * time and memory can be read from /proc without the bench's own share in them.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export type LauncherName = 'referenceServer' | 'hocuspocusServer'

export interface ServerProcess {
  port: number
  pid: number
  child: ChildProcess
  /** What it printed on stderr so far, in chunks. */
  stderr: string[]
  stop(): Promise<void>
}

/**
 * Every child a benchmark starts, killed when the bench process exits however it exits: a bench
 * that throws half-way must not leave servers with hundreds of sockets behind on a shared machine.
 */
const children = new Set<ChildProcess>()
let exitHookInstalled = false

export function killOnExit(child: ChildProcess): ChildProcess {
  if (!exitHookInstalled) {
    exitHookInstalled = true
    process.on('exit', () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    })
    // Killed from outside, the bench still gets to the 'exit' handler above.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
  }
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** Kills a child and waits until it is gone (SIGKILL: a saturated server may not get to a SIGTERM). */
export async function killChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill(signal)
  await exited
}

/** Starts `bench/servers/<name>.ts`, which prints `{"port":N}` once it listens. */
export async function launchServer(name: LauncherName, env: Record<string, string> = {}): Promise<ServerProcess> {
  // stdin stays a pipe: the launcher exits when it closes, i.e. when this process is gone.
  const child = killOnExit(
    spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, `${name}.ts`)], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    }),
  )
  const output: string[] = []
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk))
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = ''
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk
      const match = /\{"port":(\d+)\}/.exec(buffered)
      if (match) resolve(Number(match[1]))
    })
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before listening:\n${output.join('')}`)))
  })
  return { port, pid: child.pid!, child, stderr: output, stop: () => killChild(child) }
}

/** User + system CPU time of a process so far, in ms, from /proc (null elsewhere). */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 // clock ticks are 1/100 s on Linux
  } catch {
    return null
  }
}

/** How long a process' main thread was ready to run but waited for a core so far, in ms (/proc/<pid>/schedstat; null elsewhere). */
export function waitedForCoreMs(pid: number | undefined): number | null {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6
  } catch {
    return null
  }
}

/** Resident memory of a process, in bytes (VmRSS), or null. */
export function rssBytes(pid: number | undefined): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}

/** CPU a process used between two readings, in percent of one core. */
export const cpuPercent = (before: number | null, after: number | null, elapsedMs: number) =>
  before === null || after === null ? null : Math.round(((after - before) / elapsedMs) * 100)

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))

/** Wall-clock ms with sub-ms resolution, comparable between processes on this machine. */
export const wallNow = () => performance.timeOrigin + performance.now()

/** `promise`, or an error naming `what` once `ms` have passed: a bench must fail, not hang. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** A relay's warnings and errors in its JSON log, counted by message. */
export function countWarnings(logs: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const line of logs) {
    try {
      const entry = JSON.parse(line) as { level?: unknown; msg?: unknown }
      if (entry.level === 'warn' || entry.level === 'error') counts[String(entry.msg)] = (counts[String(entry.msg)] ?? 0) + 1
    } catch {}
  }
  return counts
}
