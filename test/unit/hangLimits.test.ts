/**
 * Every wait of an integration or browser test is a hang limit that `npm test` may stretch for its
 * crowded phase (test/helpers/hang.ts): a bare number there failed 25 tests on a busy machine.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )

/** `timeout: 20_000`, `AbortSignal.timeout(15_000)`, and a test's or hook's `}, 60_000)` (a helper's may be a timer's). */
const bareLimit = (file: string, line: string): boolean =>
  /\btimeout: [0-9]|AbortSignal\.timeout\([0-9]/.test(line) || (!file.includes('/helpers/') && /^\s*\}, [0-9][0-9_]{3,}\)$/.test(line))

describe('hang limits', () => {
  it('no integration or browser test, nor a helper, waits with a bare number of milliseconds', () => {
    const bare = ['test/integration', 'test/browser', 'test/helpers'].flatMap((dir) =>
      files(join(root, dir)).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (bareLimit(file, line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
      ),
    )
    expect(bare).toEqual([])
  })
})
