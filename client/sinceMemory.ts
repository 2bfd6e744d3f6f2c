/** Where this browser keeps what it last saw of a board (`sinceLastVisit.ts`); forgotten with the board. */
export const sinceKey = (boardId: string) => `netzwerkstatt:since:${boardId}`
