/**
 * When to connect again after the relay closed the socket. y-websocket retries everything
 * quickly (at most 2.5 s apart) except close codes 4400–4499, which it treats as final. Ours:
 * - 4401 (link wrong or replaced) and 4404 (board deleted): never again with this link;
 * - 4403 (a change this role may not make) and 4507 (the board is full): not with this doc; the
 *   page reloads the board;
 * - 4420 (too many messages) and 4429 (too many connections): again, after a longer, growing
 *   pause, so that a full board is not hammered by everyone at once;
 * - anything else (server restart, network drop, 1006 for a refused upgrade): y-websocket's own
 *   quick backoff, as before.
 */
import { CloseCode } from '../../shared/protocol.ts'

export type CloseAction = 'stop' | 'back-off' | 'retry'

export function closeAction(code: number): CloseAction {
  if (code === CloseCode.unauthorized || code === CloseCode.boardGone || code === CloseCode.notAllowed || code === CloseCode.boardFull) return 'stop'
  // Other private 44xx codes are deliberate server decisions too; waiting longer is the safe answer.
  if (code >= 4400 && code < 4500) return 'back-off'
  return 'retry'
}

/** For `WebsocketProvider`'s `shouldReconnect`: only quick retries are left to the provider. */
export const providerShouldReconnect = (event: { code: number }) => closeAction(event.code) === 'retry'

export interface BackOff {
  /** How many back-offs in a row (0 for the first one after a quiet while). */
  attempt: number
  /** When this back-off started (ms). */
  at: number
  /** How long to wait before connecting again (ms). */
  delayMs: number
}

const firstDelayMs = 2_000
const maxDelayMs = 60_000
/** A refusal more than this long after the previous one starts counting from the beginning. */
const quietMs = 2 * 60_000

/** The next pause after a 4420/4429: doubling from 2 s up to a minute, spread by ±25 %. */
export function nextBackOff(previous: BackOff | null, now: number, random: () => number = Math.random): BackOff {
  const attempt = previous && now - previous.at < quietMs ? previous.attempt + 1 : 0
  const base = Math.min(maxDelayMs, firstDelayMs * 2 ** attempt)
  return { attempt, at: now, delayMs: Math.round(base * (0.75 + random() * 0.5)) }
}
