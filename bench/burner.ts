/**
 * A second process burning a core, at normal priority: the machine's other work, as when a
 * laptop's browser or another program is busy beside the relay. Started before a phase and
 * killed after it, so that phases with and without it run in the same session.
 */
import { fork } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { cpuMs, cpuPercent, killChild, killOnExit } from './servers/launch.ts'

export interface Burner {
  /** Kills it; resolves with the CPU it got since it started, in percent of one core. */
  stop(): Promise<number | null>
}

export function startBurner(): Burner {
  const child = killOnExit(fork(new URL(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: 'ignore' }))
  const started = performance.now()
  const before = cpuMs(child.pid)
  let stopped: Promise<number | null> | null = null
  return {
    stop() {
      stopped ??= (async () => {
        const used = cpuPercent(before, cpuMs(child.pid), performance.now() - started)
        await killChild(child)
        return used
      })()
      return stopped
    },
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (;;) {
    // Spins until killed.
  }
}
