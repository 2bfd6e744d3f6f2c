/**
 * Brings a database's tables to `schema`, once per version of it. `ALTER TABLE … ADD COLUMN IF
 * NOT EXISTS` takes the table's exclusive lock even where the column is there: a relay that ran
 * the whole schema on every start waited for the running relays' transactions, and with their
 * locks taken in another order deadlocked with them. So the schema's hash is kept in the database,
 * and a start whose schema is already there changes (and locks) nothing.
 */
import { createHash } from 'node:crypto'
import type { Queryable } from './pool.ts'
import { schemaLock } from './advisoryLocks.ts'
import { everyStart, schema } from './schema.ts'

const schemaHash = createHash('sha256').update(schema).digest('hex')

/** Within a transaction: one starting relay at a time looks and, where needed, upgrades. */
export async function upgradeSchema(client: Queryable): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(${schemaLock})`)
  // Asked first: a query on a missing table would end the transaction.
  const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('schema_version') IS NOT NULL AS present`)
  const kept = rows[0]?.present ? (await client.query<{ hash: string }>(`SELECT hash FROM schema_version WHERE id = 1`)).rows[0]?.hash : undefined
  if (kept !== schemaHash) {
    await client.query(schema)
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY, hash TEXT NOT NULL)`)
    await client.query(`INSERT INTO schema_version (id, hash) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash`, [schemaHash])
  }
  await client.query(everyStart)
}
