/** `list` and `delete`: the boards of the relay's database, on SQLite or PostgreSQL. */
import { existsSync } from 'node:fs'
import { boardIdPattern } from '../../shared/access.ts'
import { adminActor } from '../audit/auditTrail.ts'
import { runningRelay } from '../base/relayControl.ts'
import { dataDirLocked } from '../storage/dataDirLock.ts'
import { adminAudit, config, sizeText, storeName, withBoardStorage } from './adminStorage.ts'
import { boardCount, parseCommand, UsageError } from './cli.ts'
import { relaysUse } from './postgresDump.ts'

export const listUsage = `  list [--json]                 every board: id, created, last used, size, images, versions`

export async function listCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { name: 'list', options: { json: { type: 'boolean' } } })
  const boards = await withBoardStorage((storage) => storage.boardStats())
  if (values.json) {
    console.log(JSON.stringify(boards, null, 2))
    return 0
  }
  const rows = boards.map((b) => [b.id, b.createdAt.slice(0, 16), (b.lastUsedAt ?? '–').slice(0, 16), sizeText(b.bytes), String(b.assets), String(b.versions)])
  const header = ['board', 'created', 'last used', 'size', 'images', 'versions']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  '))
  const total = boards.reduce((sum, b) => sum + b.bytes, 0)
  console.log(`\n${boardCount(boards.length)}, ${sizeText(total)} in ${storeName()}`)
  return 0
}

export const deleteUsage = `  delete <boardId>              deletes a board with everything in it (through the running relay, if any)`

export async function deleteCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'delete', positionals: ['boardId'] })
  const boardId = positionals.boardId!
  if (!boardIdPattern.test(boardId)) throw new UsageError(`delete needs a board id, not ${JSON.stringify(boardId)}`)
  const { dataDir, databaseUrl } = config()
  const relay = runningRelay(dataDir)
  if (relay) {
    // The running relay closes the board's sockets and drops its room before deleting (on
    // PostgreSQL with REDIS_URL it tells the other relays to do the same).
    const response = await fetch(`http://127.0.0.1:${relay.port}/api/admin/boards/${boardId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${relay.secret}` },
    })
    if (response.status === 404) throw new Error(`no board ${boardId}`)
    if (response.status !== 204) throw new Error(`the relay refused: ${response.status} ${await response.text()}`)
    console.log(`deleted ${boardId} (through the running relay)`)
    return 0
  }
  // A relay this command cannot reach would keep the board open and write it back.
  if (databaseUrl ? await relaysUse(databaseUrl) : existsSync(dataDir) && dataDirLocked(dataDir)) {
    throw new Error('a relay that this command cannot reach is using the database: run delete where a relay runs (with its DATA_DIR), e.g. kubectl exec into its pod')
  }
  await withBoardStorage(async (storage) => {
    if (!(await storage.getBoard(boardId))) throw new Error(`no board ${boardId}`)
    await storage.deleteBoard(boardId)
    await adminAudit(storage).boardDeleted(boardId, adminActor)
  })
  console.log(`deleted ${boardId}`)
  return 0
}
