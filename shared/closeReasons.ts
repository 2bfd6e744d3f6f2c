/**
 * Every way the relay closes a socket, each with its one reason: the reason a client reads (and a
 * test asserts) is looked up here, never written at the site that closes. The codes are
 * `CloseCode`'s; one code may carry several reasons (a server error says which part failed).
 * Where the reason names what refused this one message (the update rule, the declaration's rule,
 * the presence check), `because` gives the entry's code that reason instead.
 */
import { CloseCode } from './protocol.ts'

export interface CloseReason {
  readonly code: number
  readonly reason: string
}

export const Closing = {
  shuttingDown: { code: CloseCode.goingAway, reason: 'server shutting down' },
  textFrame: { code: CloseCode.malformed, reason: 'binary frames only' },
  storageBehind: { code: CloseCode.serverError, reason: 'storage is behind' },
  storageUnavailable: { code: CloseCode.serverError, reason: 'storage unavailable' },
  relayBehind: { code: CloseCode.serverError, reason: 'relay is behind' },
  internalError: { code: CloseCode.serverError, reason: 'internal error' },
  reloading: { code: CloseCode.serverError, reason: 'board is being reloaded' },
  loadFailed: { code: CloseCode.serverError, reason: 'board could not be loaded' },
  moved: { code: CloseCode.moved, reason: 'board moved to another relay process' },
  signInRequired: { code: CloseCode.moved, reason: 'sign-in required' },
  signInEnded: { code: CloseCode.moved, reason: 'sign-in ended' },
  sendQueueFull: { code: CloseCode.slowConsumer, reason: 'send queue full' },
  linkReplaced: { code: CloseCode.unauthorized, reason: 'link replaced' },
  boardDeleted: { code: CloseCode.boardGone, reason: 'board deleted' },
  overSizeLimit: { code: CloseCode.boardFull, reason: 'board is over its size limit' },
  tooManyMessages: { code: CloseCode.rateLimited, reason: 'too many messages' },
  boardBusy: { code: CloseCode.rateLimited, reason: 'board is busy' },
  tooManyNewClientIds: { code: CloseCode.rateLimited, reason: 'too many new client ids' },
  tooManySyncRequests: { code: CloseCode.rateLimited, reason: 'too many sync requests' },
  tooManySyncAnswers: { code: CloseCode.rateLimited, reason: 'too many sync answers from this address' },
  tooManyRefusals: { code: CloseCode.rateLimited, reason: 'too many refused updates' },
  tooManyAwarenessAnswers: { code: CloseCode.rateLimited, reason: 'too many awareness answers from this address' },
  tooManyAwarenessQueries: { code: CloseCode.rateLimited, reason: 'too many awareness queries' },
  tooMuchAwareness: { code: CloseCode.rateLimited, reason: 'too much awareness' },
  awarenessRefused: { code: CloseCode.awarenessTooLarge, reason: 'awareness refused' },
  malformedMessage: { code: CloseCode.malformed, reason: 'malformed message' },
  malformedUpdate: { code: CloseCode.malformed, reason: 'malformed update' },
  notAllowed: { code: CloseCode.notAllowed, reason: 'not allowed' },
  boardFull: { code: CloseCode.boardFull, reason: 'board is full' },
  tooManyConnections: { code: CloseCode.tooManyConnections, reason: 'too many connections' },
} as const satisfies Record<string, CloseReason>

/** Closes `client` as the table says. */
export function closeWith(client: { close(code: number, reason: string): void }, { code, reason }: CloseReason): void {
  client.close(code, reason)
}

/** The entry's code with the reason that refused this one message (which rule, which check). */
export const because = ({ code }: CloseReason, reason: string): CloseReason => ({ code, reason })
