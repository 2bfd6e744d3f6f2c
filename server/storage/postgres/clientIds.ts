/** PostgreSQL's holders of each board's Yjs client ids. */
import type pg from 'pg'
import type { ClientIds } from '../ClientIds.ts'

export class PostgresClientIds implements ClientIds {
  constructor(private readonly pool: pg.Pool) {}

  async clientIdHolders(boardId: string): Promise<Map<number, string>> {
    const { rows } = await this.pool.query<{ client: string; holder: string }>('SELECT client, holder FROM client_ids WHERE board_id = $1', [boardId])
    return new Map(rows.map((row) => [Number(row.client), row.holder]))
  }

  async holdClientIds(boardId: string, holds: ReadonlyArray<readonly [client: number, holder: string]>): Promise<void> {
    if (holds.length === 0) return
    // One statement: all of them or none.
    await this.pool.query(
      `INSERT INTO client_ids (board_id, client, holder)
       SELECT $1, client, holder FROM unnest($2::bigint[], $3::text[]) AS h(client, holder)
       ON CONFLICT (board_id, client) DO NOTHING`,
      [boardId, holds.map(([client]) => client), holds.map(([, holder]) => holder)],
    )
  }

  async releaseClientIds(boardId: string, clients: readonly number[]): Promise<void> {
    if (clients.length === 0) return
    await this.pool.query('DELETE FROM client_ids WHERE board_id = $1 AND client = ANY($2::bigint[])', [boardId, clients])
  }
}
