/**
 * The board's Y.Doc for the contribution view, without the editor: the same local copy the
 * canvas keeps (y-indexeddb, one database per board, `localCopy.ts`), so that both views share
 * it and Zettel written without a network are kept and sent once the relay is back; and
 * y-websocket to the relay as `board/boardConnection.ts` opens it, but no tldraw store and no
 * cursors. What the connection is doing is told as the canvas's indicator tells it
 * (`board/connectionState.ts`).
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import { credentialProtocols } from '../../shared/socketCredentials.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { connectionState, initialFacts, isFinal, nextFacts, type ConnectionEvent, type ConnectionState } from '../board/connectionState.ts'
import { closeAction, nextBackOff, providerShouldReconnect, type BackOff } from '../board/reconnectPolicy.ts'
import { noteRefusal } from '../board/refusedChange.ts'
import { websocketServerUrl } from '../board/relayAddress.ts'
import { localCopyName } from '../localCopy.ts'
import { persistLocally } from '../sync/localCopyPersistence.ts'

export type ContributionState = ConnectionState

export interface ContributionConnection {
  doc: Y.Doc
  awareness: Awareness
  /** Resolves once the board can be read: from the local copy if it holds the board, else at the first full sync with the relay. */
  synced: Promise<void>
  onState(listener: (state: ContributionState) => void): () => void
  dispose(): void
}

export function connectForContribution(boardId: string, token: string, writer: string): ContributionConnection {
  const doc = new Y.Doc()
  let markServerSynced: () => void = () => {}
  const serverSynced = new Promise<void>((resolve) => (markServerSynced = resolve))
  // A copy of an older board format waits for the relay's state (`localCopyPersistence.ts`).
  const localCopy = persistLocally(localCopyName(boardId), doc, serverSynced)
  const provider = new WebsocketProvider(websocketServerUrl(window.location), boardId, doc, {
    protocols: credentialProtocols(token, writer),
    shouldReconnect: providerShouldReconnect,
  })
  const listeners = new Set<(state: ContributionState) => void>()
  let facts = initialFacts(navigator.onLine)
  let state = connectionState(facts)
  let disposed = false
  const dispatch = (event: ConnectionEvent) => {
    if (disposed) return
    const wasFinal = isFinal(facts.refusal)
    facts = nextFacts(nextFacts(facts, event), { type: 'attempts', failed: provider.wsUnsuccessfulReconnects })
    state = connectionState(facts)
    listeners.forEach((listener) => listener(state))
    // No more attempts with this link once the relay said no for good.
    if (!wasFinal && isFinal(facts.refusal)) queueMicrotask(() => provider.disconnect())
  }

  let markSynced: () => void = () => {}
  const synced = new Promise<void>((resolve) => (markSynced = resolve))
  localCopy.loaded.then(
    (shown) => {
      if (!disposed && shown) markSynced()
    },
    (error: unknown) => console.warn('netzwerkstatt: no local copy (IndexedDB unavailable)', error),
  )
  provider.on('sync', (isSynced: boolean) => {
    dispatch({ type: 'sync', synced: isSynced })
    if (isSynced) {
      markSynced()
      markServerSynced()
    }
  })
  provider.on('status', ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) => dispatch({ type: 'status', status }))
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (!event) return
    if (event.code === CloseCode.boardGone) void localCopy.clear()
    // The relay refused a change (nothing of it entered the board); it lives in the local copy too: load the board as it is.
    if (event.code === CloseCode.notAllowed && noteRefusal(boardId, Date.now()) === 'reload') {
      provider.disconnect()
      void localCopy.clear().finally(() => window.location.reload())
    }
    dispatch({ type: 'closed', code: event.code })
    queueMicrotask(() => dispatch({ type: 'attempts', failed: provider.wsUnsuccessfulReconnects }))
  })
  // 4420/4429 (too much at once): a longer pause of our own before the next attempt.
  let backOff: BackOff | null = null
  let backOffTimer: ReturnType<typeof setTimeout> | undefined
  provider.on('closed', ({ code }: { code: number }) => {
    if (closeAction(code) !== 'back-off') return
    backOff = nextBackOff(backOff, Date.now())
    clearTimeout(backOffTimer)
    backOffTimer = setTimeout(() => {
      backOffTimer = undefined
      if (!disposed && facts.online && !isFinal(facts.refusal)) provider.connect()
    }, backOff.delayMs)
  })
  // Chromium keeps a socket open in offline mode: close it at once, and come back without waiting for the back-off.
  const onOnline = () => {
    dispatch({ type: 'network', online: true })
    if (!isFinal(facts.refusal) && backOffTimer === undefined) provider.connect()
  }
  const onOffline = () => {
    provider.disconnect()
    dispatch({ type: 'network', online: false })
  }
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)
  return {
    doc,
    awareness: provider.awareness,
    synced,
    onState(listener) {
      listeners.add(listener)
      listener(state)
      return () => listeners.delete(listener)
    },
    dispose() {
      disposed = true
      clearTimeout(backOffTimer)
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
      provider.destroy()
      provider.awareness.destroy()
      localCopy.destroy()
      doc.destroy()
    },
  }
}
