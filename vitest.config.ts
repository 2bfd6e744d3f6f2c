import { defineConfig } from 'vitest/config'

/**
 * Three projects, run in this order by `npm test`: `unit` (no processes, no ports), so a broken
 * rule answers before the build; then `integration` and `browser`, which need the build.
 * One file: `npx vitest run --project unit test/unit/room.test.ts` (docs/testing.md).
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and browser tests start real processes; two cores cannot run many at once.
    maxWorkers: 2,
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
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One PostgreSQL, one Redis and one relay for the run, started when a file first asks (docs/testing.md).
          globalSetup: ['test/setup/databases.ts', 'test/setup/relay.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // And one Chromium for the run: each file connects, each person is a context of its own.
          globalSetup: ['test/setup/databases.ts', 'test/setup/relay.ts', 'test/setup/chromium.ts'],
        },
      },
    ],
  },
})
