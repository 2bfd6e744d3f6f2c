/**
 * The transports of one board in the browser: IndexedDB for the local copy (offline edits,
 * reloads without network) and y-websocket to the relay. Both just apply updates to the same
 * Y.Doc, so edits made offline are merged when the socket comes back.
 */
import * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import { atom, type Atom } from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { getRecordsMap } from '../sync/boardDoc.ts'
import { Disposers } from '../sync/disposers.ts'
import { connectionState, type ConnectionFacts, type ConnectionState } from './connectionState.ts'

export interface BoardConnection {
  doc: Y.Doc
  awareness: Awareness
  state: Atom<ConnectionState>
  /**
   * Resolves once the doc may be read into the editor: as soon as the local copy is loaded if
   * it holds this board, otherwise when the server sync is complete, so that a browser that
   * has never seen the board does not start a blank page of its own over the real one.
   */
  ready: Promise<'local' | 'server'>
  dispose(): void
}

export function websocketServerUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
}

export function connectBoard(boardId: string): BoardConnection {
  const disposers = new Disposers()
  const doc = new Y.Doc()
  disposers.add(() => doc.destroy())

  const persistence = new IndexeddbPersistence(`netzwerkstatt:${boardId}`, doc)
  disposers.add(() => void persistence.destroy())
  const provider = new WebsocketProvider(websocketServerUrl(window.location), boardId, doc)
  // destroy() says goodbye on the socket (awareness null) before closing it.
  disposers.add(() => {
    provider.destroy()
    provider.awareness.destroy()
  })

  const facts: ConnectionFacts = {
    online: navigator.onLine,
    socket: 'connecting',
    synced: false,
    failedAttempts: 0,
    everSynced: false,
    closed: false,
  }
  const state = atom<ConnectionState>('connection state', connectionState(facts))
  const update = (change: Partial<ConnectionFacts>) => {
    Object.assign(facts, change, { failedAttempts: provider.wsUnsuccessfulReconnects })
    state.set(connectionState(facts))
  }

  let markReady: (source: 'local' | 'server') => void = () => {}
  const ready = new Promise<'local' | 'server'>((resolve) => (markReady = resolve))

  const onStatus = ({ status }: { status: ConnectionFacts['socket'] }) => update({ socket: status })
  const onSync = (synced: boolean) => {
    update({ synced, everSynced: facts.everSynced || synced })
    if (synced) markReady('server')
  }
  const onClosed = () => update({ closed: true })
  provider.on('status', onStatus)
  provider.on('sync', onSync)
  provider.on('closed', onClosed)
  disposers.add(() => {
    provider.off('status', onStatus)
    provider.off('sync', onSync)
    provider.off('closed', onClosed)
  })

  // A socket can outlive the network (Chromium keeps it open in offline mode) and would only
  // time out after 30 s; close it at once so the indicator and the doc agree on "offline", and
  // reconnect without waiting for the backoff when the network returns.
  const onOnline = () => {
    update({ online: true })
    if (!facts.closed) provider.connect()
  }
  const onOffline = () => {
    provider.disconnect()
    update({ online: false })
  }
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)
  disposers.add(() => {
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
  })

  persistence.whenSynced.then(
    () => {
      if (!disposers.isDisposed && getRecordsMap(doc).size > 0) markReady('local')
    },
    (error: unknown) => console.warn('netzwerkstatt: no local copy (IndexedDB unavailable)', error),
  )

  return { doc, awareness: provider.awareness, state, ready, dispose: () => disposers.dispose() }
}
