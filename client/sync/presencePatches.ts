/**
 * Our side of `shared/presencePatch.ts`: turns the relay's patches back into whole awareness
 * states, so that everything else (the presence bridge, the people list) sees plain awareness.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { applyAwarenessUpdate, encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness'
import type { WebsocketProvider } from 'y-websocket'
import { encodeAwareness, encodeAwarenessEntries, encodeQueryAwareness, type AwarenessEntry } from '../../shared/protocol.ts'
import { applyPatch, messagePresencePatch, readPatchEntries, type PatchEntry } from '../../shared/presencePatch.ts'

/**
 * A patch whose base we lack asks for every state again, at most this often: the relay answers
 * a few such queries at once and then one per two seconds (`Room.ts`), and cuts off more.
 */
const resyncIntervalMs = 2000

export function receivePresencePatches(provider: WebsocketProvider): void {
  let lastResync = -Infinity
  provider.messageHandlers[messagePresencePatch] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    const complete = applyPatchEntries(provider.awareness, readPatchEntries(decoder), provider)
    if (complete || performance.now() - lastResync < resyncIntervalMs) return
    lastResync = performance.now()
    provider.ws?.send(encodeQueryAwareness())
  }
}

/**
 * y-websocket sends every awareness change it hears back to the server, everyone else's states
 * included: in a plenary as much upstream as downstream, all of it dropped by the relay. Ours
 * sends only its own state. Returns the undo, for before the provider is destroyed.
 */
export function sendOnlyOwnPresence(provider: WebsocketProvider): () => void {
  const { awareness } = provider
  awareness.off('update', provider._awarenessUpdateHandler)
  const onUpdate = ({ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>) => {
    if (![...added, ...updated, ...removed].includes(awareness.clientID)) return
    if (provider.ws?.readyState !== WebSocket.OPEN) return
    provider.ws.send(encodeAwareness(encodeAwarenessUpdate(awareness, [awareness.clientID])))
  }
  awareness.on('update', onUpdate)
  return () => awareness.off('update', onUpdate)
}

/**
 * Applies the entries whose base state we hold, as one awareness update from `origin`. False
 * when some could not be applied (we missed their base): the caller asks for all states.
 */
export function applyPatchEntries(awareness: Awareness, entries: PatchEntry[], origin: unknown): boolean {
  let complete = true
  const applicable: AwarenessEntry[] = []
  for (const { clientId, clock, baseClock, patch } of entries) {
    const base = awareness.states.get(clientId)
    if (!base || awareness.meta.get(clientId)?.clock !== baseClock) {
      complete = false
      continue
    }
    try {
      applicable.push({ clientId, clock, state: JSON.stringify(applyPatch(base, JSON.parse(patch))) })
    } catch {
      complete = false
    }
  }
  if (applicable.length === 0) return complete
  applyAwarenessUpdate(awareness, encodeAwarenessEntries(applicable), origin)
  return complete
}
