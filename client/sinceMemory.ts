/** Where this browser keeps what it last saw of a board (`sinceLastVisit.ts`); forgotten with the board. */
export const sinceKey = (boardId: string) => `netzwerkstatt:since:${boardId}`
/** Where this browser keeps earlier texts of its person's Zettel (`board/earlierTexts.ts`); forgotten with the board. */
export const earlierTextsKey = (boardId: string) => `netzwerkstatt:earlier:${boardId}`
