/**
 * A test's limits on waiting (a test's timeout, a poll's, a Playwright wait's, a process' start
 * or stop) are hang limits, never speed checks: speed is measured in `npm run bench`. `npm test`
 * runs the integration project beside the browser project on two cores, where a file can take
 * several times as long as alone (9× measured on 2026-11-28: admin.test 17 s alone, 145 s there),
 * so it sets TEST_HANG_SCALE for that phase (test/run.ts); a file run alone keeps the plain limits.
 */
export const hangScale = Math.max(1, Number(process.env.TEST_HANG_SCALE) || 1)

/** `ms` as a hang limit in this run. */
export const hang = (ms: number): number => Math.round(ms * hangScale)
