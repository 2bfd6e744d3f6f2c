/**
 * Online backup and restore of the SQLite database. The backup uses SQLite's backup API from a
 * second, read-only connection, so it is consistent while the relay goes on writing; restoring
 * replaces the database and must happen while the relay is stopped.
 */
import Database from 'better-sqlite3'
import { chmodSync, closeSync, copyFileSync, existsSync, openSync, renameSync, rmSync } from 'node:fs'
import { databasePath } from './SqliteStorage.ts'

export interface DatabaseSummary {
  boards: number
  bytes: number
}

/** Opens `file` read-only and checks that it is an intact Netzwerkstatt database. */
export function checkDatabase(file: string): DatabaseSummary {
  if (!existsSync(file)) throw new Error(`${file} does not exist`)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`)
    const tables = new Set(db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name))
    for (const table of ['boards', 'updates', 'snapshots', 'assets', 'board_tokens']) {
      if (!tables.has(table)) throw new Error(`${file} is no Netzwerkstatt database (no table ${table})`)
    }
    const boards = (db.prepare('SELECT COUNT(*) AS n FROM boards').get() as { n: number }).n
    const pages = db.pragma('page_count', { simple: true }) as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    return { boards, bytes: pages * pageSize }
  } catch (error) {
    if (error instanceof Error && /file is not a database/i.test(error.message)) throw new Error(`${file} is no SQLite database`)
    throw error
  } finally {
    db.close()
  }
}

/** Copies the live database to `file` (readable by the owner only) and checks the copy. */
export async function backupDatabase(dataDir: string, file: string): Promise<DatabaseSummary> {
  const source = databasePath(dataDir)
  if (!existsSync(source)) throw new Error(`no database at ${source}`)
  // Made here, new and readable by its owner only, before SQLite writes a byte into it (SQLite
  // would create it under the process's umask, often readable by everyone).
  try {
    closeSync(openSync(file, 'wx', 0o600))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new Error(`${file} exists already; choose a new file name`)
    throw error
  }
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    await db.backup(file)
  } catch (error) {
    rmSync(file, { force: true })
    throw error
  } finally {
    db.close()
  }
  chmodSync(file, 0o600)
  return checkDatabase(file)
}

/** Replaces the database in `dataDir` with the backup in `file`; the relay must be stopped. */
export function restoreDatabase(dataDir: string, file: string): DatabaseSummary {
  const summary = checkDatabase(file)
  const target = databasePath(dataDir)
  const incoming = `${target}.restoring`
  copyFileSync(file, incoming)
  chmodSync(incoming, 0o600)
  // The old database's write-ahead log belongs to the old file: left behind, SQLite would
  // replay it into the restored one.
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true })
  renameSync(incoming, target)
  return summary
}
