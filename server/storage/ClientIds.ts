/**
 * Who holds each Yjs client id written on a board (`server/judge/clientIds.ts`): the first writer of
 * structs under an id holds it for good, across restarts and reloads; an id announced but not
 * written is held for its announcer until released. Deleted with the board.
 */

export interface ClientIds {
  /** The board's held client ids: holder (`clientIdHolder`) by client id. */
  clientIdHolders(boardId: string): Promise<Map<number, string>>
  /** Records holders of ids; an id held already keeps its holder. */
  holdClientIds(boardId: string, holds: ReadonlyArray<readonly [client: number, holder: string]>): Promise<void>
  /** Forgets the holders of ids (announced, never written: `ClientIdHolding`); unknown ids are ignored. */
  releaseClientIds(boardId: string, clients: readonly number[]): Promise<void>
}
