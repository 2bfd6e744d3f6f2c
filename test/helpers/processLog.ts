/**
 * Counts the heavy processes a run starts: with TEST_PROCESS_LOG set, each start appends one line
 * `<kind> <pid of the starter> <time>` (kind: postgres, redis, chromium), so that
 * `cut -d' ' -f1 "$TEST_PROCESS_LOG" | sort | uniq -c` tells what a run cost.
 */
import { appendFileSync } from 'node:fs'

export function logProcessStart(kind: 'postgres' | 'redis' | 'chromium'): void {
  const log = process.env.TEST_PROCESS_LOG
  // One short append per start: lines from parallel workers do not interleave.
  if (log) appendFileSync(log, `${kind} ${process.pid} ${new Date().toISOString()}\n`)
}
