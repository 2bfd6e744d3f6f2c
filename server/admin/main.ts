/**
 * `npm run admin -- <command>`: the operator's tools. Run on the server, as the relay's user and
 * with its environment (DATA_DIR). Reading commands work while the relay runs; `delete` goes
 * through the running relay (so open sockets close and nothing is written back), `restore` needs
 * it stopped.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { exportBoard, exportFormats, renderExport, type ExportFormat } from '../../shared/results/export.ts'
import { boardIdPattern } from '../../shared/api.ts'
import type { Locale } from '../../shared/locale.ts'
import { hashPassword } from '../auth/creatorPassword.ts'
import { exportSource } from '../boardContent.ts'
import { readConfig } from '../config.ts'
import { runningRelay } from '../relayControl.ts'
import { restoreDocument } from '../restoreDocument.ts'
import { backupDatabase, restoreDatabase } from '../storage/sqliteBackup.ts'
import { dataDirLocked } from '../storage/dataDirLock.ts'
import { databasePath, SqliteStorage } from '../storage/SqliteStorage.ts'
import { PostgresStorage } from '../storage/PostgresStorage.ts'
import { readSecret } from './readSecret.ts'
import { adminActor, auditRows, AuditTrail, type AuditAction } from '../audit.ts'
import { createLogger } from '../logger.ts'
import type { Storage } from '../storage/Storage.ts'
import { readArchive, writeArchive } from '../boardArchive/format.ts'
import { checkImport } from '../boardArchive/importCheck.ts'
import { archiveBoard, importBoard } from '../boardArchive/moves.ts'
import { linkLines } from '../newLinks.ts'
import { retentionCommand } from './retentionList.ts'

const usage = `usage: npm run admin -- <command>

  list [--json]                 every board: id, created, last used, size, images, versions
  delete <boardId>              deletes a board with everything in it (through the running relay, if any)
  export <boardId> [md|csv|json] [en]
                                what people wrote into the board's templates, to stdout
  export-all <dir> [md|csv|json] [en]
                                the same for every board, one file <boardId>.<format> each
  backup <file>                 a consistent copy of the database, also while the relay runs
  restore <file>                replaces the database with a backup (stop the relay first)
  export-board <boardId> <file> the whole board (document, images, versions) as one archive
                                file for another server (docs/board-archive.md)
  import-board <file> [baseUrl] a board from such an archive, checked first; prints its new links
                                (export-board and import-board use PostgreSQL with DATABASE_URL)
  sign-in-required <boardId> off
                                opens a board that requires sign-in to its links alone again
                                (for a server that lost its OIDC_* settings; uses DATABASE_URL)
  hash-password                 asks for a creator password and prints CREATOR_PASSWORD_HASH
  retention [--within <days>] [--json]
                                what retention (BOARD_RETENTION_DAYS) will delete and when:
                                date, board, network; a network's boards go together
                                (from PostgreSQL with DATABASE_URL)
  audit [--board <id>] [--since <date>] [--json]
                                the audit trail: time, action, board, pseudonymous actor
                                (from PostgreSQL with DATABASE_URL)
`

class UsageError extends Error {}

const config = () => readConfig()

/** The database of DATA_DIR; never creates an empty one by mistake. */
function openStorage(): SqliteStorage {
  const { dataDir } = config()
  if (!existsSync(databasePath(dataDir))) throw new Error(`no database at ${databasePath(dataDir)} (is DATA_DIR right?)`)
  return new SqliteStorage(dataDir)
}

async function withStorage<T>(use: (storage: SqliteStorage) => Promise<T>): Promise<T> {
  const storage = openStorage()
  try {
    return await use(storage)
  } finally {
    await storage.close()
  }
}

async function withPostgres<T>(url: string, use: (storage: PostgresStorage) => Promise<T>): Promise<T> {
  const storage = await PostgresStorage.open(url, { maxConnections: 1 })
  try {
    return await use(storage)
  } finally {
    await storage.close()
  }
}

/** The relay's storage: PostgreSQL with DATABASE_URL, else the SQLite file of DATA_DIR. */
function withBoardStorage<T>(use: (storage: Storage) => Promise<T>): Promise<T> {
  const { databaseUrl } = config()
  return databaseUrl ? withPostgres(databaseUrl, use) : withStorage(use)
}

const adminAudit = (storage: Storage) => new AuditTrail(storage, createLogger('error', (line) => process.stderr.write(line + '\n')))

/** Notes an operator's action in the audit trail (never failing the action itself). */
const recordAdmin = (action: AuditAction, board: string | null = null) =>
  withStorage((storage) => adminAudit(storage).record(action, board, adminActor))

/** The value after `--name`, if given. */
function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name)
  if (at < 0) return undefined
  const value = args[at + 1]
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs a value`)
  return value
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`

function exportArgs(args: string[]): { format: ExportFormat; locale: Locale } {
  const format = (args.find((a) => (exportFormats as readonly string[]).includes(a)) ?? 'md') as ExportFormat
  return { format, locale: args.includes('en') ? 'en' : 'de' }
}

async function renderBoard(storage: SqliteStorage, boardId: string, format: ExportFormat, locale: Locale): Promise<string> {
  const board = await storage.getBoard(boardId)
  if (!board) throw new Error(`no board ${boardId}`)
  const { doc } = restoreDocument(await storage.loadDocument(board.id))
  try {
    const { records, vote, consent } = exportSource(doc)
    return renderExport(exportBoard({ id: board.id, title: board.title }, records, vote, undefined, consent), format, locale)
  } finally {
    doc.destroy()
  }
}

const commands: Record<string, (args: string[]) => Promise<void> | void> = {
  async list(args) {
    const boards = await withStorage((storage) => storage.boardStats())
    if (args.includes('--json')) {
      console.log(JSON.stringify(boards, null, 2))
      return
    }
    const rows = boards.map((b) => [b.id, b.createdAt.slice(0, 16), (b.lastUsedAt ?? '–').slice(0, 16), sizeText(b.bytes), String(b.assets), String(b.versions)])
    const header = ['board', 'created', 'last used', 'size', 'images', 'versions']
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
    for (const row of [header, ...rows]) console.log(row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  '))
    const total = boards.reduce((sum, b) => sum + b.bytes, 0)
    console.log(`\n${boards.length} boards, ${sizeText(total)} in ${databasePath(config().dataDir)}`)
  },

  async delete([boardId]) {
    if (!boardId || !boardIdPattern.test(boardId)) throw new UsageError('delete needs a board id')
    const relay = runningRelay(config().dataDir)
    if (relay) {
      // The running relay closes the board's sockets and drops its room before deleting.
      const response = await fetch(`http://127.0.0.1:${relay.port}/api/admin/boards/${boardId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${relay.secret}` },
      })
      if (response.status === 404) throw new Error(`no board ${boardId}`)
      if (response.status !== 204) throw new Error(`the relay refused: ${response.status} ${await response.text()}`)
    } else {
      await withStorage(async (storage) => {
        if (!(await storage.getBoard(boardId))) throw new Error(`no board ${boardId}`)
        await storage.deleteBoard(boardId)
      })
    }
    console.log(`deleted ${boardId}${relay ? ' (through the running relay)' : ''}`)
  },

  async export(args) {
    const [boardId] = args
    if (!boardId) throw new UsageError('export needs a board id')
    const { format, locale } = exportArgs(args.slice(1))
    process.stdout.write(await withStorage((storage) => renderBoard(storage, boardId, format, locale)))
    await recordAdmin('admin:export', boardId)
  },

  async 'export-all'(args) {
    const [dir] = args
    if (!dir) throw new UsageError('export-all needs a folder')
    const { format, locale } = exportArgs(args.slice(1))
    mkdirSync(dir, { recursive: true })
    const count = await withStorage(async (storage) => {
      const boards = await storage.boardStats()
      for (const board of boards) {
        writeFileSync(join(dir, `${board.id}.${format}`), await renderBoard(storage, board.id, format, locale), { mode: 0o600 })
      }
      return boards.length
    })
    await recordAdmin('admin:export-all')
    console.log(`exported ${count} boards to ${dir}`)
  },

  async backup([file]) {
    if (!file) throw new UsageError('backup needs a file name')
    const summary = await backupDatabase(config().dataDir, file)
    await recordAdmin('admin:backup')
    console.log(`backed up ${summary.boards} boards (${sizeText(summary.bytes)}) to ${file}`)
  },

  async restore([file]) {
    if (!file) throw new UsageError('restore needs a backup file')
    const { dataDir } = config()
    const relay = runningRelay(dataDir)
    if (relay) throw new Error(`the relay is running on ${dataDir} (pid ${relay.pid}); stop it first`)
    // A relay in another pid namespace (a container beside this one) is seen by its lock alone.
    if (existsSync(dataDir) && dataDirLocked(dataDir)) throw new Error(`a relay is running on ${dataDir}; stop it first`)
    mkdirSync(dataDir, { recursive: true })
    const summary = restoreDatabase(dataDir, file)
    // Into the restored database: the trail before it is the backup's.
    await recordAdmin('admin:restore')
    console.log(`restored ${summary.boards} boards from ${file} into ${databasePath(dataDir)}`)
  },

  async audit(args) {
    const board = option(args, '--board')
    if (board !== undefined && !boardIdPattern.test(board)) throw new UsageError('--board needs a board id')
    const sinceText = option(args, '--since')
    const since = sinceText === undefined ? undefined : Date.parse(sinceText)
    if (since !== undefined && Number.isNaN(since)) throw new UsageError('--since needs a date, e.g. 2026-11-01 or 2026-11-01T12:00:00Z')
    const filter = { board, since: since === undefined ? undefined : new Date(since).toISOString() }
    const { databaseUrl } = config()
    // With DATABASE_URL the trail is in PostgreSQL, read beside the running relays.
    const rows = databaseUrl ? await withPostgres(databaseUrl, (storage) => auditRows(storage, filter)) : await withStorage((storage) => auditRows(storage, filter))
    if (args.includes('--json')) {
      console.log(JSON.stringify(rows, null, 2))
      return
    }
    const cells = rows.map((r) => [r.at, r.action, r.board ?? '–', r.actor])
    const header = ['time', 'action', 'board', 'actor']
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)))
    for (const row of [header, ...cells]) console.log(row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  '))
  },

  async 'export-board'([boardId, file]) {
    if (!boardId || !boardIdPattern.test(boardId)) throw new UsageError('export-board needs a board id')
    if (!file) throw new UsageError('export-board needs a file name')
    const archived = await withBoardStorage(async (storage) => {
      const { archived, leftBehind } = await archiveBoard(storage, boardId, config().limits.maxBoardBytes)
      for (const note of leftBehind) process.stderr.write(`admin export-board: note: ${note}\n`)
      // The board's contents: readable by the operator's account only; an existing file is kept.
      try {
        writeFileSync(file, writeArchive(archived), { mode: 0o600, flag: 'wx' })
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} exists already: choose another file name`)
        throw error
      }
      await adminAudit(storage).record('admin:export-board', boardId, adminActor)
      return archived
    })
    const bytes = archived.document.byteLength + [...archived.assets.map((a) => a.data), ...archived.versions.map((v) => v.state)].reduce((sum, part) => sum + part.byteLength, 0)
    console.log(`exported board ${boardId} (${sizeText(bytes)}: document, ${archived.assets.length} images, ${archived.versions.length} versions) to ${file}`)
  },

  async 'import-board'([file, baseUrl]) {
    if (!file) throw new UsageError('import-board needs an archive file')
    const { limits: { maxBoardBytes, maxAssetBytes, maxBoardAssetBytes }, publicUrl, creators } = config()
    // Everything is checked before the database is touched: a refused archive changes nothing.
    const archived = await readArchive(readFileSync(file))
    checkImport(archived, { maxBoardBytes, maxAssetBytes, maxBoardAssetBytes, signIn: creators.oidc !== null })
    const tokens = await withBoardStorage(async (storage) => {
      const tokens = await importBoard(storage, archived)
      await adminAudit(storage).record('admin:import-board', archived.board.id, adminActor)
      return tokens
    })
    // The links only here, once: they are the board's keys, and nothing else keeps them.
    console.log(`imported board ${archived.board.id} (${archived.assets.length} images, ${archived.versions.length} versions); its new links:`)
    for (const line of linkLines(archived.board.id, tokens, baseUrl ?? publicUrl ?? 'http://localhost:8787')) console.log(line)
  },

  async 'sign-in-required'([boardId, value]) {
    if (!boardId || !boardIdPattern.test(boardId)) throw new UsageError('sign-in-required needs a board id')
    // On is the facilitator's, signed in with facilitate rights, so that someone can still get in.
    if (value !== 'off') throw new UsageError('sign-in-required can only switch off: sign-in-required <boardId> off')
    await withBoardStorage(async (storage) => {
      const board = await storage.getBoard(boardId)
      if (!board) throw new Error(`no board ${boardId}`)
      if (!board.signInRequired) {
        console.log(`board ${boardId} requires no sign-in; nothing changed`)
        return
      }
      await storage.setSignInRequired(boardId, false)
      await adminAudit(storage).record('sign-in-required-changed', boardId, adminActor)
      console.log(`board ${boardId} opens to its links alone again`)
    })
  },

  retention: (args) => retentionCommand(args, { days: config().retentionDays, option, withStorage: withBoardStorage, UsageError }),

  async 'hash-password'() {
    const password = await readSecret('Creator password (at least 12 characters): ')
    console.log(await hashPassword(password))
  },
}

const [name, ...args] = process.argv.slice(2)
const command = name ? commands[name] : undefined
if (!command) {
  process.stderr.write(usage)
  process.exit(name ? 2 : 0)
}
try {
  await command(args)
} catch (error) {
  console.error(`admin ${name}: ${error instanceof Error ? error.message : String(error)}`)
  if (error instanceof UsageError) process.stderr.write(usage)
  process.exit(error instanceof UsageError ? 2 : 1)
}
