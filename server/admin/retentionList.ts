/**
 * `npm run admin -- retention [--within <days>] [--json]`: what retention will delete and when,
 * earliest first: the date, the board (id and title) and its network (id and name), whose boards
 * go together. With `--within`, only what goes in that many days. Its last line says when the
 * warnings start (RETENTION_WARN_DAYS) and how long a network's boards stay as archives
 * (RETENTION_ARCHIVE_DAYS, `ops/retentionWarnings.ts`, `ops/retention.ts`).
 */
import { retentionSchedule, type ScheduledDeletion } from '../ops/retention.ts'
import { config, withBoardStorage } from './adminStorage.ts'
import { boardCount, parseCommand, UsageError } from './cli.ts'

export const retentionUsage = `  retention [--within <days>] [--json]
                                what retention (BOARD_RETENTION_DAYS) will delete and when:
                                date, board, network; a network's boards go together`

export async function retentionCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { name: 'retention', options: { within: { type: 'string' }, json: { type: 'boolean' } } })
  const { within, json } = values
  const { retentionDays: days, retentionWarnDays, retentionArchiveDays } = config()
  if (within !== undefined && !/^\d+$/.test(within)) throw new UsageError('--within needs a number of days')
  if (days <= 0) {
    console.log(json ? '[]' : 'BOARD_RETENTION_DAYS is 0: retention deletes nothing')
    return 0
  }
  const scheduled = await withBoardStorage((storage) => retentionSchedule(storage, days, within === undefined ? undefined : Number(within)))
  if (json) {
    console.log(JSON.stringify(scheduled.map(asJson), null, 2))
    return 0
  }
  if (scheduled.length === 0) {
    console.log(within === undefined ? 'no boards' : `nothing is deleted within ${within} days`)
    return 0
  }
  const rows = scheduled.map((s) => [s.deleteAfter.slice(0, 16).replace('T', ' '), s.boardId, s.title, s.networkId ? `${s.networkId} ${s.networkName ?? ''}` : '–'])
  const header = ['deleted after (UTC)', 'board', 'title', 'network']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd())
  console.log(`\n${boardCount(scheduled.length)}; BOARD_RETENTION_DAYS=${days}; a use (opening a board, a network's Fahrplan or pack, „Behalten“) moves the date`)
  const warned = retentionWarnDays > 0 ? `warned of ${retentionWarnDays} days ahead (log line, mail where set up)` : 'not warned of (RETENTION_WARN_DAYS=0)'
  const kept = retentionArchiveDays > 0 ? `kept as archives for ${retentionArchiveDays} days after` : 'not kept after (RETENTION_ARCHIVE_DAYS=0)'
  console.log(`a network's boards are ${warned} and ${kept}`)
  return 0
}

const asJson = (s: ScheduledDeletion) => ({
  deleteAfter: s.deleteAfter,
  board: s.boardId,
  title: s.title,
  network: s.networkId,
  networkName: s.networkName,
  lastUsed: s.lastUsed,
})
