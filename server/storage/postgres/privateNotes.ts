/** PostgreSQL's private notes of each board's one open round, by author. */
import type pg from 'pg'
import type { PrivateNotes } from '../PrivateNotes.ts'
import { putRoundEntry, rounds } from './rounds.ts'

export class PostgresPrivateNotes implements PrivateNotes {
  constructor(private readonly pool: pg.Pool) {}

  async putPrivateNotes(boardId: string, roundId: string, author: string, notes: string | null): Promise<void> {
    await putRoundEntry(this.pool, rounds.privateNotes, boardId, roundId, author, notes)
  }

  async privateNotes(boardId: string, roundId: string): Promise<{ author: string; notes: string }[]> {
    const { rows } = await this.pool.query<{ author: string; notes: string }>(
      'SELECT author, notes FROM private_notes WHERE board_id = $1 AND round_id = $2 ORDER BY author',
      [boardId, roundId],
    )
    return rows.map((row) => ({ author: row.author, notes: row.notes }))
  }

  async ownPrivateNotes(boardId: string, roundId: string, author: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ notes: string }>(
      'SELECT notes FROM private_notes WHERE board_id = $1 AND round_id = $2 AND author = $3',
      [boardId, roundId, author],
    )
    return rows[0]?.notes
  }

  async deletePrivateNotes(boardId: string): Promise<void> {
    await this.pool.query('DELETE FROM private_notes WHERE board_id = $1', [boardId])
  }
}
