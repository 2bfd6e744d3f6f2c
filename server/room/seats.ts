/** The room's door: the per-board cap, and what a client refused there is closed with (`http/admit.ts` admits before it). */
import { Closing, type CloseReason } from '../../shared/closeReasons.ts'

/**
 * The per-board cap: a client is refused when the board's room holds `max` connections already.
 * Asked by the process holding the room before the client is added, so a refused client never
 * sees anything of the board, wherever its socket is.
 */
export function seatRefusal(onBoard: number, max: number | undefined): CloseReason | undefined {
  return max !== undefined && onBoard >= max ? Closing.tooManyConnections : undefined
}

/** A client refused on its way into a room: closed with the reason given. */
export class Refused extends Error {
  constructor(readonly closing: CloseReason) {
    super(closing.reason)
    this.name = 'Refused'
  }
}

/** A joiner closed while its board's room opened: it is not seated (`Rooms.join`). */
export class LeftWhileOpening extends Error {
  constructor() {
    super('closed while the board was opened')
    this.name = 'LeftWhileOpening'
  }
}
