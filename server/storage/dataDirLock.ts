/**
 * One relay per SQLite database. A second relay on the same DATA_DIR would hold its own copy of
 * each board in memory and write over the first's, so it must not start. The lock is SQLite's own
 * exclusive lock on a small file beside the database, held by an open transaction: the operating
 * system lets go of it the moment the process ends, killed or not, so a crash never leaves a stale
 * lock behind (as PostgreSQL's advisory lock does for a relay on DATABASE_URL).
 */
import Database from 'better-sqlite3'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'

export interface DataDirLock {
  release(): void
}

const lockPath = (dataDir: string) => join(dataDir, 'relay.lock')

const isBusy = (error: unknown) => (error as { code?: string }).code === 'SQLITE_BUSY'

/**
 * Takes the lock, waiting up to `waitMs` for a relay that is still shutting down; throws, naming
 * the database, when another relay keeps it.
 */
export function lockDataDir(dataDir: string, database: string, waitMs = 0): DataDirLock {
  const db = new Database(lockPath(dataDir))
  chmodSync(lockPath(dataDir), 0o600)
  try {
    db.pragma(`busy_timeout = ${waitMs}`)
    db.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    db.close()
    if (isBusy(error)) throw new Error(`another relay uses ${database}; stop it first (one relay per DATA_DIR, or several on DATABASE_URL)`)
    throw error
  }
  return {
    release() {
      if (db.open) db.close()
    },
  }
}

/** Whether a relay holds the lock now (for tools that must not run under one). */
export function dataDirLocked(dataDir: string): boolean {
  try {
    lockDataDir(dataDir, '').release()
    return false
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('another relay')) return true
    throw error
  }
}
