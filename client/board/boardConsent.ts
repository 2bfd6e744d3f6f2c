/**
 * The open board's recorded Fallkonferenz confirmations (`facilitation/consent`), by its store:
 * what the browser's own exports (pictures, PDF, a vote's file) ask before a case may leave, as
 * the server's exports do. A store with none registered holds every case back.
 */
import type { TLStore } from 'tldraw'

const readers = new WeakMap<TLStore, () => unknown>()

export function registerConsent(store: TLStore, read: () => unknown): () => void {
  readers.set(store, read)
  return () => readers.delete(store)
}

/** `facilitation/consent` as stored on the store's board now, or undefined. */
export const consentOf = (store: TLStore): unknown => readers.get(store)?.()
