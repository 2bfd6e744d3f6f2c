/**
 * What the connection indicator shows, derived from the provider's and the browser's view, and
 * how the relay's refusals (close codes, see `shared/protocol.ts`) change it.
 */
import { CloseCode } from '../../shared/protocol.ts'

export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  /** The relay closed because this client sent too much; it tries again shortly. */
  | 'rate-limited'
  /** The relay turned the connection away (board or address full); it tries again shortly. */
  | 'too-many-connections'
  /** The link is wrong or was replaced: final, no further attempts. */
  | 'unauthorized'
  /** The board was deleted: final, no further attempts. */
  | 'gone'
  /** The relay refused a change of this browser's; final for this page (it reloads). */
  | 'not-allowed'
  /** The board reached its size limit (or is stored over it and is not opened): final for this page. */
  | 'board-full'

/** Why the relay closed the socket, where that matters to the person at the board. */
export type Refusal = 'unauthorized' | 'gone' | 'not-allowed' | 'board-full' | 'rate-limited' | 'too-many-connections'

export interface ConnectionFacts {
  /** navigator.onLine */
  online: boolean
  socket: 'connecting' | 'connected' | 'disconnected'
  /** The provider finished the sync handshake on the current socket. */
  synced: boolean
  /** Connection attempts that failed since the last successful sync. */
  failedAttempts: number
  everSynced: boolean
  /** The relay's last refusal; 'unauthorized' and 'gone' are final. */
  refusal: Refusal | null
}

export type ConnectionEvent =
  | { type: 'status'; status: ConnectionFacts['socket'] }
  | { type: 'sync'; synced: boolean }
  | { type: 'network'; online: boolean }
  | { type: 'attempts'; failed: number }
  /** The relay closed the socket with this code (1006 when the browser saw no close frame). */
  | { type: 'closed'; code: number }
  /** The relay answered an HTTP check of the link: it no longer works, or the board is gone. */
  | { type: 'refused'; refusal: 'unauthorized' | 'gone' }

/** After this many failed attempts in a row, "reconnecting" becomes "offline". */
export const attemptsBeforeOffline = 3

export const initialFacts = (online: boolean): ConnectionFacts => ({
  online,
  socket: 'connecting',
  synced: false,
  failedAttempts: 0,
  everSynced: false,
  refusal: null,
})

export function refusalFor(code: number): Refusal | null {
  switch (code) {
    case CloseCode.unauthorized:
      return 'unauthorized'
    case CloseCode.boardGone:
      return 'gone'
    case CloseCode.notAllowed:
      return 'not-allowed'
    case CloseCode.boardFull:
      return 'board-full'
    case CloseCode.rateLimited:
      return 'rate-limited'
    case CloseCode.tooManyConnections:
      return 'too-many-connections'
    default:
      return null
  }
}

export const isFinal = (refusal: Refusal | null) =>
  refusal === 'unauthorized' || refusal === 'gone' || refusal === 'not-allowed' || refusal === 'board-full'

export function nextFacts(facts: ConnectionFacts, event: ConnectionEvent): ConnectionFacts {
  // Nothing after a final refusal changes what the person is told.
  if (isFinal(facts.refusal)) return facts
  switch (event.type) {
    case 'status':
      return { ...facts, socket: event.status, synced: event.status === 'connected' && facts.synced }
    case 'sync':
      return {
        ...facts,
        synced: event.synced,
        everSynced: facts.everSynced || event.synced,
        // A synced socket is the relay accepting us again.
        refusal: event.synced ? null : facts.refusal,
      }
    case 'network':
      return { ...facts, online: event.online }
    case 'attempts':
      return { ...facts, failedAttempts: event.failed }
    case 'closed':
      return { ...facts, synced: false, refusal: refusalFor(event.code) }
    case 'refused':
      return { ...facts, synced: false, refusal: event.refusal }
  }
}

export function connectionState(f: ConnectionFacts): ConnectionState {
  if (isFinal(f.refusal)) return f.refusal as 'unauthorized' | 'gone' | 'not-allowed' | 'board-full'
  if (!f.online) return 'offline'
  if (f.socket === 'connected' && f.synced) return 'connected'
  if (f.refusal) return f.refusal
  if (f.failedAttempts >= attemptsBeforeOffline) return 'offline'
  return f.everSynced ? 'reconnecting' : 'connecting'
}
