import { defineConfig } from 'vitest/config'
import { hang } from './test/helpers/hang.ts'
import { LintFirst } from './test/setup/lintFirst.ts'

/**
 * Three projects, run in this order by `npm test`: `unit` (no processes, no ports), so a broken
 * rule answers before the build; then `integration` and `browser`, which need the build.
 * One file: `npx vitest run --project unit test/unit/room.test.ts` (docs/testing.md).
 */
export default defineConfig({
  test: {
    environment: 'node',
    // Hang limits, stretched where `npm test` runs two projects side by side (test/helpers/hang.ts).
    testTimeout: hang(30_000),
    hookTimeout: hang(60_000),
    expect: { poll: { timeout: hang(1000) } },
    // Integration and browser tests start real processes; two cores cannot run many at once.
    maxWorkers: 2,
    // Beside vitest's own output, each file's time (test/setup/fileTimes.ts), for the summary `npm test` prints.
    reporters: ['default', './test/setup/fileTimes.ts'],
    // The floors and circle lint first, so that a broken floor fails in the first minute (test/setup/lintFirst.ts).
    sequence: { sequencer: LintFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Threads without per-file isolation: the files share one module graph (tldraw, Yjs, the
          // templates) instead of importing it afresh per file, which was most of the project's time.
          pool: 'threads',
          isolate: false,
          // Byte arrays compared at once, not index by index (test/setup/byteEquality.ts).
          setupFiles: ['test/setup/byteEquality.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // Two files at a time, also in `npm test` beside the browser project (test/run.ts): a
          // project's own maxWorkers (this file's, through `extends`) wins over the command line's.
          sequence: { groupOrder: 0 },
          // A worker's module graph (the built relay a test runs in its process, the helpers) is loaded
          // once for its files, not afresh per file (the relay's first import took about 2.7 s).
          isolate: false,
          // One PostgreSQL, one Redis and one relay for the run, started when a file first asks (docs/testing.md).
          globalSetup: ['test/setup/databases.ts', 'test/setup/relay.ts'],
          // Byte arrays compared at once, not index by index (test/setup/byteEquality.ts).
          setupFiles: ['test/setup/byteEquality.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // One file at a time for a bare `vitest run`; `npm test` runs two at once (test/run.ts),
          // which pays since a resting board page costs no CPU (with every open page ticking, two
          // files at once took longer in all).
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          // One worker for all files, its module graph (playwright, the helpers) loaded once: a fresh
          // one per file cost each file about 0.7 s. Files close what they open (docs/testing.md).
          isolate: false,
          // And one Chromium for the run: each file connects, each person is a context of its own.
          globalSetup: ['test/setup/databases.ts', 'test/setup/relay.ts', 'test/setup/chromium.ts'],
        },
      },
    ],
  },
})
