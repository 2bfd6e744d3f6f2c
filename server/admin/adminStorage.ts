/**
 * The database the admin commands work on: PostgreSQL with DATABASE_URL, else the SQLite file of
 * DATA_DIR, the same as the relay's (`server/ops/openStorage.ts`), without its lock: reading
 * and small writes go on beside a running relay.
 */
import { existsSync } from 'node:fs'
import { adminActor, AuditTrail, type AuditAction } from '../audit/auditTrail.ts'
import { readConfig } from '../ops/config.ts'
import { createLogger } from '../base/logger.ts'
import { PostgresStorage } from '../storage/PostgresStorage.ts'
import { databasePath, SqliteStorage } from '../storage/SqliteStorage.ts'
import type { AuditLog, Storage } from '../storage/Storage.ts'

export const config = () => readConfig()

/**
 * Opens the relay's storage for `use` and closes it after. On SQLite, an absent database is an
 * error (a wrong DATA_DIR must not get an empty one), unless `create`: then the data directory
 * and the schema are made as the relay makes them at its first start.
 */
export async function withBoardStorage<T>(use: (storage: Storage) => Promise<T>, { create = false } = {}): Promise<T> {
  const { databaseUrl, dataDir, auditKey } = config()
  let storage: Storage
  if (databaseUrl) storage = await PostgresStorage.open(databaseUrl, { maxConnections: 1, auditKey })
  else {
    if (!create && !existsSync(databasePath(dataDir))) throw new Error(`no database at ${databasePath(dataDir)} (is DATA_DIR right?)`)
    storage = new SqliteStorage(dataDir, { auditKey })
  }
  try {
    return await use(storage)
  } finally {
    await storage.close()
  }
}

/** Where the boards are, for messages: the SQLite file, or PostgreSQL's host and database (never its password). */
export function storeName(): string {
  const { databaseUrl, dataDir } = config()
  if (!databaseUrl) return databasePath(dataDir)
  const url = new URL(databaseUrl)
  return `PostgreSQL ${url.host}${url.pathname}`
}

export const adminAudit = (storage: AuditLog) => new AuditTrail(storage, createLogger('error', (line) => process.stderr.write(line + '\n')))

/** Notes an operator's action in the audit trail (never failing the action itself). */
export const recordAdmin = (action: AuditAction, board: string | null = null) =>
  withBoardStorage((storage) => adminAudit(storage).record(action, board, adminActor))

export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
