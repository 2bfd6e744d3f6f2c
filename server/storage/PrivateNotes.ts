/** Notes written privately in a board's one open round, kept out of the document until the reveal. */

export interface PrivateNotes {
  /**
   * Notes written privately in the board's open round, per author (`privateApi.ts`): JSON of
   * the author's whole list; `null` removes it. Notes of any other round are dropped meanwhile.
   */
  putPrivateNotes(boardId: string, roundId: string, author: string, notes: string | null): Promise<void>
  privateNotes(boardId: string, roundId: string): Promise<{ author: string; notes: string }[]>
  /** One author's notes of the round (their JSON), without reading anyone else's. */
  ownPrivateNotes(boardId: string, roundId: string, author: string): Promise<string | undefined>
  /** Forgets the board's private notes (after the reveal wrote them into the board). */
  deletePrivateNotes(boardId: string): Promise<void>
}
