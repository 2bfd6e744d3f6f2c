/** The relay's lock on its database: one relay process, or each of several (`server/cluster/`). */
import { randomInt } from 'node:crypto'
import pg from 'pg'
import { lockClass, relayLockKey } from './advisoryLocks.ts'
import { timeouts } from './pool.ts'

/** How often the relay lock's connection is checked (an idle connection may die unnoticed). */
const lockCheckMs = 5_000

export interface RelayLock {
  /** The process's own key while it is one of several (0 when it is the only one). */
  processKey: number
  /** Lets go of the lock; its connection ending then is no loss. */
  release(): Promise<void>
}

/**
 * The only relay takes the relay lock exclusively; each of several relay processes takes it
 * shared (so a lone relay and a group never mix) and holds a lock of its own, keyed by a random
 * number: while that lock is held, the process is alive. PostgreSQL frees it the moment the
 * process's connection ends, however the process died.
 */
export async function takeRelayLock(url: string, waitMs: number, member: boolean, onLost: (error: Error) => void): Promise<RelayLock> {
  const client = new pg.Client({ connectionString: url, ...timeouts, query_timeout: lockCheckMs })
  await client.connect()
  const until = Date.now() + waitMs
  const take = member ? 'pg_try_advisory_lock_shared' : 'pg_try_advisory_lock'
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>(`SELECT ${take}(${relayLockKey}) AS locked`)
    if (rows[0]?.locked) break
    if (Date.now() >= until) {
      await client.end()
      throw new Error(
        member
          ? 'a relay that is not one of a group (no REDIS_URL) is using this database'
          : 'another relay process is using this database; run one relay per DATABASE_URL, or several with REDIS_URL',
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  let processKey = 0
  while (member && processKey === 0) {
    const key = randomInt(1, 2 ** 31 - 1)
    const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${lockClass.processes}, $1) AS locked`, [key])
    if (rows[0]?.locked) processKey = key
  }
  let lost = false
  const lose = (error: Error) => {
    if (lost) return
    lost = true
    clearInterval(check)
    onLost(error)
  }
  client.on('error', lose)
  const check = setInterval(() => client.query('SELECT 1').catch(lose), lockCheckMs)
  check.unref()
  return {
    processKey,
    async release() {
      lost = true
      clearInterval(check)
      await client.end().catch(() => {})
    },
  }
}
