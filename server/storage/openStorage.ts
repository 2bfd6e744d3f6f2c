/** The storage the configuration asks for: PostgreSQL with DATABASE_URL, else the SQLite file. */
import type { Config } from '../config.ts'
import { describeError, type Logger } from '../logger.ts'
import { PostgresStorage } from './PostgresStorage.ts'
import { SqliteStorage } from './SqliteStorage.ts'
import type { Storage } from './Storage.ts'

export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  if (!config.databaseUrl) return new SqliteStorage(config.dataDir, { maxBytes: config.maxDbBytes ?? undefined })
  return PostgresStorage.open(config.databaseUrl, {
    // Broken idle connections are replaced by the pool; without a listener they would end the process.
    onError: (error) => logger.error('database connection lost', describeError(error)),
    exclusive: {
      waitMs: 10_000,
      // Without the lock another relay may start on the database: stop rather than fork boards.
      onLost: (error) => {
        logger.error('database lock lost: stopping', describeError(error))
        process.exit(1)
      },
    },
  })
}
