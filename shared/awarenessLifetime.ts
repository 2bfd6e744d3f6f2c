/**
 * How long a person stays in a board's awareness: as long as they are connected.
 *
 * y-protocols forgets a peer's state 30 s after its last renewal, and each side renews its own
 * every 15 s from a timer. A browser tab in the background runs that timer once a minute at best,
 * so a facilitator whose tab sat behind another window vanished from the relay and from every
 * people list while still connected, and the first participant found herself "alone on the
 * board" until the facilitator moved. Departures are known without timeouts: the relay removes a
 * state when its connection closes (dead sockets are found by ping) and tells everyone; a client
 * that loses its connection drops everyone else's states itself (y-websocket).
 */
import { outdatedTimeout, type Awareness } from 'y-protocols/awareness'

/** Replaces y-protocols' check with one that renews our own state and never times out peers. */
export function keepPeersUntilTheyLeave(awareness: Awareness): void {
  clearInterval(awareness._checkInterval)
  // Kept in the same field, so that awareness.destroy() stops it.
  awareness._checkInterval = setInterval(() => {
    const own = awareness.getLocalState()
    const meta = awareness.meta.get(awareness.clientID)
    if (own !== null && meta && Date.now() - meta.lastUpdated >= outdatedTimeout / 2) awareness.setLocalState(own)
  }, Math.floor(outdatedTimeout / 10))
}
