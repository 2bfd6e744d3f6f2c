/**
 * What a piece of a room's work cost, for its pacing (`fanOutPacing.ts`): the time the process
 * ran, not the time that passed. On a machine with other work the process is taken off its core
 * now and then, for a few milliseconds at a time; a fan-out to two sockets that was taken off in
 * the middle is not a hundred times as costly, but the next fan-out of that board waited six
 * times as long (up to a tick), and its edits arrived that much later.
 *
 * `process.cpuUsage` counts every thread of the process (document workers, the collector's
 * helpers); the time that passed bounds it, so neither another thread's work nor time off the
 * core counts. About a microsecond a reading.
 */
export interface WorkMark {
  at: number
  cpu: NodeJS.CpuUsage
}

export const workMark = (): WorkMark => ({ at: performance.now(), cpu: process.cpuUsage() })

/** Milliseconds of work since `mark`: the process' CPU time, at most the time that passed. */
export function workSince(mark: WorkMark): number {
  const passed = performance.now() - mark.at
  const { user, system } = process.cpuUsage(mark.cpu)
  return Math.min(passed, (user + system) / 1000)
}
