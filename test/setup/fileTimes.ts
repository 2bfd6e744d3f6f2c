/**
 * A reporter beside vitest's own that keeps what each test file cost, so that the suite's budget
 * (docs/testing.md) is read off a run instead of guessed: for every file its project, its time
 * (import, setup, tests and hooks, as vitest's diagnostic adds them up), its test count and when
 * it ran, written as JSON to `TEST_TIMES_FILE` (`test/run.ts` sets one per step), else to
 * `test/artifacts/test-times/<projects>.json`. vitest's JSON reporter leaves out the hooks
 * (a `beforeAll` that compiles or starts something), which is where some files spend most.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import type { Reporter, TestModule } from 'vitest/node'

export interface FileTime {
  project: string
  file: string
  /** Milliseconds: the file's import, setup, tests and hooks. */
  ms: number
  tests: number
  failed: boolean
  /** Each failed test (or the file itself, when it failed outside a test): its name and the error's first lines. */
  failures?: string[]
  /** When vitest handed the file to a worker and when it ended (ms since the epoch). */
  queuedAt: number
  endedAt: number
}

const root = join(import.meta.dirname, '..', '..')

/** The first lines of each error, enough to tell a timeout from an assertion in CI's last lines. */
const firstLines = (message: string) => message.split('\n').slice(0, 6).join('\n').slice(0, 800)

function failures(module: TestModule): string[] | undefined {
  const found: string[] = []
  for (const error of module.errors()) found.push(`(file) ${firstLines(error.message ?? String(error))}`)
  for (const test of module.children.allTests()) {
    const result = test.result()
    if (result.state !== 'failed') continue
    for (const error of result.errors ?? []) found.push(`${test.fullName}: ${firstLines(error.message ?? String(error))}`)
  }
  return found.length ? found : undefined
}

export default class FileTimes implements Reporter {
  private readonly queued = new Map<string, number>()
  private readonly ended = new Map<string, number>()

  onTestModuleQueued(module: TestModule): void {
    this.queued.set(module.moduleId, Date.now())
  }

  onTestModuleEnd(module: TestModule): void {
    this.ended.set(module.moduleId, Date.now())
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const times: FileTime[] = modules.map((module) => {
      const d = module.diagnostic()
      const endedAt = this.ended.get(module.moduleId) ?? Date.now()
      return {
        project: module.project.name,
        file: relative(root, module.moduleId).replaceAll('\\', '/'),
        ms: Math.round(d.environmentSetupDuration + d.prepareDuration + d.collectDuration + d.setupDuration + d.duration),
        tests: [...module.children.allTests()].length,
        failed: module.state() === 'failed',
        failures: failures(module),
        queuedAt: this.queued.get(module.moduleId) ?? endedAt,
        endedAt,
      }
    })
    if (times.length === 0) return
    const projects = [...new Set(times.map((t) => t.project))].sort()
    const file = process.env.TEST_TIMES_FILE || join(root, 'test', 'artifacts', 'test-times', `${projects.join('+')}.json`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify(times, null, 1)}\n`)
  }
}
