/** What the connection indicator shows, derived from the provider's and the browser's view. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'gone'

export interface ConnectionFacts {
  /** navigator.onLine */
  online: boolean
  socket: 'connecting' | 'connected' | 'disconnected'
  /** The provider finished the sync handshake on the current socket. */
  synced: boolean
  /** Connection attempts that failed since the last successful sync. */
  failedAttempts: number
  everSynced: boolean
  /** The server closed for good (board deleted). */
  closed: boolean
}

/** After this many failed attempts in a row, "reconnecting" becomes "offline". */
export const attemptsBeforeOffline = 3

export function connectionState(f: ConnectionFacts): ConnectionState {
  if (f.closed) return 'gone'
  if (!f.online) return 'offline'
  if (f.socket === 'connected' && f.synced) return 'connected'
  if (f.failedAttempts >= attemptsBeforeOffline) return 'offline'
  return f.everSynced ? 'reconnecting' : 'connecting'
}
