/** The SQLite file's secret ballots of each board's one open vote. */
import type Database from 'better-sqlite3'
import type { Ballots } from '../Ballots.ts'

export class SqliteBallots implements Ballots {
  private readonly statements

  constructor(private readonly db: Database.Database) {
    this.statements = {
      putBallot: db.prepare(
        `INSERT INTO ballots (board_id, vote_id, voter, ballot) VALUES (?, ?, ?, ?)
         ON CONFLICT(board_id, vote_id, voter) DO UPDATE SET ballot = excluded.ballot`,
      ),
      deleteBallot: db.prepare('DELETE FROM ballots WHERE board_id = ? AND vote_id = ? AND voter = ?'),
      dropOtherVotes: db.prepare('DELETE FROM ballots WHERE board_id = ? AND vote_id <> ?'),
      getBallot: db.prepare<[string, string, string], { ballot: string }>(
        'SELECT ballot FROM ballots WHERE board_id = ? AND vote_id = ? AND voter = ?',
      ),
      getBallots: db.prepare<[string, string], { ballot: string }>('SELECT ballot FROM ballots WHERE board_id = ? AND vote_id = ?'),
      deleteBallots: db.prepare('DELETE FROM ballots WHERE board_id = ?'),
    }
  }

  async putBallot(boardId: string, voteId: string, voter: string, ballot: string | null): Promise<void> {
    this.db.transaction(() => {
      this.statements.dropOtherVotes.run(boardId, voteId)
      if (ballot === null) this.statements.deleteBallot.run(boardId, voteId, voter)
      else this.statements.putBallot.run(boardId, voteId, voter, ballot)
    })()
  }

  async ballot(boardId: string, voteId: string, voter: string): Promise<string | undefined> {
    return this.statements.getBallot.get(boardId, voteId, voter)?.ballot
  }

  async ballots(boardId: string, voteId: string): Promise<string[]> {
    return this.statements.getBallots.all(boardId, voteId).map((row) => row.ballot)
  }

  async deleteBallots(boardId: string, keepVoteId?: string): Promise<void> {
    if (keepVoteId === undefined) this.statements.deleteBallots.run(boardId)
    else this.statements.dropOtherVotes.run(boardId, keepVoteId)
  }
}
