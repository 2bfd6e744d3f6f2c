/** The storage the configuration asks for: PostgreSQL with DATABASE_URL, else the SQLite file. */
import type { Config } from './config.ts'
import { describeError, type Logger } from '../base/logger.ts'
import { PostgresStorage } from '../storage/PostgresStorage.ts'
import { SqliteStorage } from '../storage/SqliteStorage.ts'
import type { Storage } from '../storage/Storage.ts'

/** `ownership` is set when this is one of several relay processes (REDIS_URL). */
export async function openStorage(config: Config, logger: Logger): Promise<{ storage: Storage; ownership: PostgresStorage | null }> {
  if (!config.databaseUrl) {
    // A relay still writing its boards back on the way out gets the same 10 s as on PostgreSQL.
    const storage = new SqliteStorage(config.dataDir, { maxBytes: config.maxDbBytes ?? undefined, exclusive: { waitMs: 10_000 }, auditKey: config.auditKey })
    return { storage, ownership: null }
  }
  // Without the lock another relay may start on the database: stop rather than fork boards.
  const onLost = (error: Error) => {
    logger.error('database lock lost: stopping', describeError(error))
    process.exit(1)
  }
  const storage = await PostgresStorage.open(config.databaseUrl, {
    // The machine's processes share about 40 connections (PostgreSQL allows 100 by default).
    auditKey: config.auditKey,
    maxConnections: config.workers > 1 ? Math.max(4, Math.ceil(40 / config.workers)) : 10,
    // Broken idle connections are replaced by the pool; without a listener they would end the process.
    onError: (error) => logger.error('database connection lost', describeError(error)),
    ...(config.redisUrl ? { member: { onLost } } : { exclusive: { waitMs: 10_000, onLost } }),
  })
  return { storage, ownership: config.redisUrl ? storage : null }
}
