/** The one connection pool a PostgresStorage's parts share, and transactions on it. */
import pg from 'pg'

export type Queryable = Pick<pg.PoolClient, 'query'>

/**
 * A server that vanishes without closing the connection (a failover, a cut network) must not
 * leave a room's queue waiting for ever: calls fail after these, and idle connections are probed.
 */
export const timeouts = { keepAlive: true, connectionTimeoutMillis: 10_000, statement_timeout: 30_000, query_timeout: 35_000 }

/**
 * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if
 * it throws. A connection whose rollback fails too is discarded, not returned to the pool.
 */
export async function transaction<T>(pool: pg.Pool, work: (client: Queryable) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  // A checked-out connection that breaks between two queries emits 'error': the next query
  // rejects with it, and the process does not crash on an unheard event.
  const ignore = () => {}
  client.on('error', ignore)
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
    throw error
  } finally {
    client.off('error', ignore)
    client.release(broken ?? false)
  }
}
