/** PostgreSQL's secret ballots of each board's one open vote. */
import type pg from 'pg'
import type { Ballots } from '../Ballots.ts'
import { putRoundEntry, rounds } from './rounds.ts'

export class PostgresBallots implements Ballots {
  constructor(private readonly pool: pg.Pool) {}

  async putBallot(boardId: string, voteId: string, voter: string, ballot: string | null): Promise<void> {
    await putRoundEntry(this.pool, rounds.ballots, boardId, voteId, voter, ballot)
  }

  async ballot(boardId: string, voteId: string, voter: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ ballot: string }>(
      'SELECT ballot FROM ballots WHERE board_id = $1 AND vote_id = $2 AND voter = $3',
      [boardId, voteId, voter],
    )
    return rows[0]?.ballot
  }

  async ballots(boardId: string, voteId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ ballot: string }>('SELECT ballot FROM ballots WHERE board_id = $1 AND vote_id = $2', [boardId, voteId])
    return rows.map((row) => row.ballot)
  }

  async deleteBallots(boardId: string, keepVoteId?: string): Promise<void> {
    if (keepVoteId === undefined) await this.pool.query('DELETE FROM ballots WHERE board_id = $1', [boardId])
    else await this.pool.query('DELETE FROM ballots WHERE board_id = $1 AND vote_id <> $2', [boardId, keepVoteId])
  }
}
