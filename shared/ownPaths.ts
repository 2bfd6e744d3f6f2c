/**
 * The routes of what a browser sends as its own (ballot, round answer, private notes) and the
 * facilitator's reveals, without zod: a phone's list calls them before it may load the relay's
 * checks. `api.ts` re-exports them beside the bodies' zod schemas, which the relay keeps checking.
 */

/** Secret ballots (see `results/voting.ts`): this browser's own ballot of the current vote. */
export const ballotPath = (boardId: string) => `/api/boards/${boardId}/vote/ballot`
/** The facilitator reveals the current vote: the relay writes the counts and forgets the ballots. */
export const revealPath = (boardId: string) => `/api/boards/${boardId}/vote/reveal`
/** A person's answer in the „Einverstanden?“ round (`board/entries/zustimmung.ts`): the relay writes it under the browser's author id. */
export const roundAnswerPath = (boardId: string) => `/api/boards/${boardId}/zustimmung/answer`
/** The facilitator closes the round: the relay writes the outcome, keeps the round and marks the Beschluss. */
export const roundClosePath = (boardId: string) => `/api/boards/${boardId}/zustimmung/close`
export const privateNotesPath = (boardId: string) => `/api/boards/${boardId}/private`
export const privateRevealPath = (boardId: string) => `/api/boards/${boardId}/private/reveal`
/** The header that carries the browser's writer secret to the ballot routes. */
export const writerHeader = 'X-Netzwerkstatt-Writer'
