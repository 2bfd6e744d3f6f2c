/** `audit`: the audit trail, oldest first, from the relay's database (SQLite or PostgreSQL). */
import { boardIdPattern } from '../../shared/access.ts'
import { auditRows } from '../audit/auditTrail.ts'
import { withBoardStorage } from './adminStorage.ts'
import { parseCommand, UsageError } from './cli.ts'

export const auditUsage = `  audit [--board <id>] [--since <date>] [--json]
                                the audit trail: time, action, board, pseudonymous actor`

export async function auditCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { name: 'audit', options: { board: { type: 'string' }, since: { type: 'string' }, json: { type: 'boolean' } } })
  const { board, since: sinceText } = values
  if (board !== undefined && !boardIdPattern.test(board)) throw new UsageError('--board needs a board id')
  const since = sinceText === undefined ? undefined : Date.parse(sinceText)
  if (since !== undefined && Number.isNaN(since)) throw new UsageError('--since needs a date, e.g. 2026-11-01 or 2026-11-01T12:00:00Z')
  const filter = { board, since: since === undefined ? undefined : new Date(since).toISOString() }
  // With DATABASE_URL the trail is in PostgreSQL, read beside the running relays.
  const rows = await withBoardStorage((storage) => auditRows(storage, filter))
  if (values.json) {
    console.log(JSON.stringify(rows, null, 2))
    return 0
  }
  const cells = rows.map((r) => [r.at, r.action, r.board ?? '–', r.actor])
  const header = ['time', 'action', 'board', 'actor']
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)))
  for (const row of [header, ...cells]) console.log(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  '))
  return 0
}
