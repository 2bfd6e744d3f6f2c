/**
 * Every way the relay closes a socket, each with its one reason: the reason a client reads (and a
 * test asserts) is looked up here, never written at the site that closes. The codes are
 * `CloseCode`'s; one code may carry several reasons (a server error says which part failed).
 * Reasons the judge composes per update (which rule refused it) are `Room.ts`'s own.
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
  tooManyConnections: { code: CloseCode.tooManyConnections, reason: 'too many connections' },
} as const satisfies Record<string, CloseReason>

/** Closes `client` as the table says. */
export function closeWith(client: { close(code: number, reason: string): void }, { code, reason }: CloseReason): void {
  client.close(code, reason)
}
