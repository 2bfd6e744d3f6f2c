/**
 * `backup` and `restore`: on SQLite through its online backup API (`server/storage/sqliteBackup.ts`),
 * on PostgreSQL (DATABASE_URL) through `pg_dump` and `pg_restore` (`postgresDump.ts`). A backup
 * file is new and readable by its owner only, whatever the umask.
 */
import { existsSync, mkdirSync } from 'node:fs'
import { runningRelay } from '../base/relayControl.ts'
import { dataDirLocked } from '../storage/dataDirLock.ts'
import { backupDatabase, restoreDatabase } from '../storage/sqliteBackup.ts'
import { databasePath } from '../storage/SqliteStorage.ts'
import { config, recordAdmin, sizeText, storeName, withBoardStorage } from './adminStorage.ts'
import { boardCount, parseCommand } from './cli.ts'
import { dumpDatabase, restoreDump } from './postgresDump.ts'

export const backupUsage = `  backup <file>                 a consistent copy of the database, also while the relay runs
                                (with DATABASE_URL a pg_dump custom-format dump; needs pg_dump)`

export async function backupCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'backup', positionals: ['file'] })
  const file = positionals.file!
  const { databaseUrl, dataDir } = config()
  if (databaseUrl) {
    await dumpDatabase(databaseUrl, file)
    const boards = await withBoardStorage((storage) => storage.boardStats())
    await recordAdmin('admin:backup')
    console.log(`backed up ${boardCount(boards.length)} from ${storeName()} to ${file} (pg_dump custom format)`)
    return 0
  }
  const summary = await backupDatabase(dataDir, file)
  await recordAdmin('admin:backup')
  console.log(`backed up ${boardCount(summary.boards)} (${sizeText(summary.bytes)}) to ${file}`)
  return 0
}

export const restoreUsage = `  restore <file>                replaces the database with a backup (stop the relay first;
                                with DATABASE_URL into a fresh, empty database)`

export async function restoreCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, { name: 'restore', positionals: ['file'] })
  const file = positionals.file!
  const { databaseUrl, dataDir } = config()
  if (databaseUrl) {
    if (!existsSync(file)) throw new Error(`${file} does not exist`)
    await restoreDump(databaseUrl, file)
    // Into the restored database: the trail before it is the dump's.
    const boards = await withBoardStorage(async (storage) => (await storage.boardStats()).length)
    await recordAdmin('admin:restore')
    console.log(`restored ${boardCount(boards)} from ${file} into ${storeName()}`)
    return 0
  }
  const relay = runningRelay(dataDir)
  if (relay) throw new Error(`the relay is running on ${dataDir} (pid ${relay.pid}); stop it first`)
  // A relay in another pid namespace (a container beside this one) is seen by its lock alone.
  if (existsSync(dataDir) && dataDirLocked(dataDir)) throw new Error(`a relay is running on ${dataDir}; stop it first`)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const summary = restoreDatabase(dataDir, file)
  await recordAdmin('admin:restore')
  console.log(`restored ${boardCount(summary.boards)} from ${file} into ${databasePath(dataDir)}`)
  return 0
}
