/**
 * `npm run admin -- retention [--within <days>] [--json]`: what retention will delete and when,
 * earliest first: the date, the board (id and title) and its network (id and name), whose boards
 * go together. With `--within`, only what goes in that many days.
 */
import { retentionSchedule, type ScheduledDeletion } from '../retention.ts'
import type { Storage } from '../storage/Storage.ts'

export interface RetentionCommandContext {
  days: number
  option(args: string[], name: string): string | undefined
  withStorage<T>(use: (storage: Storage) => Promise<T>): Promise<T>
  UsageError: new (message: string) => Error
}

export async function retentionCommand(args: string[], { days, option, withStorage, UsageError }: RetentionCommandContext): Promise<void> {
  const within = option(args, '--within')
  if (within !== undefined && !/^\d+$/.test(within)) throw new UsageError('--within needs a number of days')
  if (days <= 0) {
    console.log(args.includes('--json') ? '[]' : 'BOARD_RETENTION_DAYS is 0: retention deletes nothing')
    return
  }
  const scheduled = await withStorage((storage) => retentionSchedule(storage, days, within === undefined ? undefined : Number(within)))
  if (args.includes('--json')) {
    console.log(JSON.stringify(scheduled.map(asJson), null, 2))
    return
  }
  if (scheduled.length === 0) {
    console.log(within === undefined ? 'no boards' : `nothing is deleted within ${within} days`)
    return
  }
  const rows = scheduled.map((s) => [s.deleteAfter.slice(0, 16).replace('T', ' '), s.boardId, s.title, s.networkId ? `${s.networkId} ${s.networkName ?? ''}` : '–'])
  const header = ['deleted after (UTC)', 'board', 'title', 'network']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd())
  console.log(`\n${scheduled.length} boards; BOARD_RETENTION_DAYS=${days}; a use (opening a board, a network's Fahrplan or pack, „Behalten“) moves the date`)
}

const asJson = (s: ScheduledDeletion) => ({
  deleteAfter: s.deleteAfter,
  board: s.boardId,
  title: s.title,
  network: s.networkId,
  networkName: s.networkName,
  lastUsed: s.lastUsed,
})
