/** Where this browser keeps what it last saw of a board (`sinceLastVisit.ts`); forgotten with the board. */
export const sinceKey = (boardId: string) => `netzwerkstatt:since:${boardId}`
/** Where this browser keeps earlier texts of its person's Zettel (`board/earlierTexts.ts`); forgotten with the board. */
export const earlierTextsKey = (boardId: string) => `netzwerkstatt:earlier:${boardId}`
/** Where this browser keeps what it last saw of a network's boards from its Fahrplan (`network/fahrplanMemory.ts`); forgotten with the network. */
export const fahrplanSinceKey = (networkId: string) => `netzwerkstatt:fahrplan-since:${networkId}`
/** A search result on the Fahrplan that the board it opens is to show (`search/showOnArrival.ts`); read once. */
export const showOnArrivalKey = (boardId: string) => `netzwerkstatt:show:${boardId}`
