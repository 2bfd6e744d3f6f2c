/** Secret ballots of a board's one open vote, kept out of the document until the reveal. */

export interface Ballots {
  /**
   * Secret ballots of the board's current vote, by voter id (`votesApi.ts`); `null` removes one.
   * Ballots of any other vote of the board are dropped at the same time: only one vote is open.
   */
  putBallot(boardId: string, voteId: string, voter: string, ballot: string | null): Promise<void>
  ballot(boardId: string, voteId: string, voter: string): Promise<string | undefined>
  ballots(boardId: string, voteId: string): Promise<string[]>
  /** Forgets the board's ballots, except those of `keepVoteId` (after a reveal only counts remain). */
  deleteBallots(boardId: string, keepVoteId?: string): Promise<void>
}
