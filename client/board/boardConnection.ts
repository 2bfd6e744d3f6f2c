/**
 * The transports of one board in the browser: IndexedDB for the local copy (offline edits,
 * reloads without network) and y-websocket to the relay. Both just apply updates to the same
 * Y.Doc, so edits made offline are merged when the socket comes back.
 *
 * The relay checks the link's token (the websocket's `token` query parameter) and may close
 * the socket for good (4401 link replaced, 4404 board deleted) or for a while (4420, 4429);
 * see `reconnectPolicy.ts` and `connectionState.ts`. On 4403 (a change this role may not make)
 * the page drops its local copy and reloads (`refusedChange.ts`).
 * A local copy of an older board format waits for the relay's state (`localCopyPersistence.ts`).
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { atom, type Atom } from '@tldraw/state'
import { Awareness } from 'y-protocols/awareness'
import { credentialProtocols } from '../../shared/socketCredentials.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { presencePatchParam } from '../../shared/presencePatch.ts'
import { wallParam } from '../../shared/wall.ts'
import { localCopyName } from '../localCopy.ts'
import { persistLocally } from '../sync/localCopyPersistence.ts'
import { Disposers } from '../sync/disposers.ts'
import { receivePresencePatches, sendOnlyOwnPresence } from '../sync/presencePatches.ts'
import { keepPeersUntilTheyLeave } from '../../shared/awarenessLifetime.ts'
import {
  attemptsBeforeOffline,
  connectionState,
  initialFacts,
  isFinal,
  nextFacts,
  type ConnectionEvent,
  type ConnectionState,
} from './connectionState.ts'
import { noteRefusal } from './refusedChange.ts'
import { websocketServerUrl } from './relayAddress.ts'
import { closeAction, nextBackOff, providerShouldReconnect, type BackOff } from './reconnectPolicy.ts'

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
  /** Resolves at the first full sync with the relay (after `ready`, when that was the local copy). */
  serverSynced: Promise<void>
  dispose(): void
}

/** Asks the HTTP API whether the link still works (a refused websocket upgrade cannot say). */
export type AccessCheck = () => Promise<'ok' | 'unauthorized' | 'gone' | 'unreachable'>

/** How often, at most, repeated failed connections make us ask the API about the link. */
const accessCheckIntervalMs = 30_000

/**
 * `shownAs: 'nobody'`: the Beamer (beamerMemory.ts) holds no awareness state from the start, so
 * that no peer and not the relay ever see it as someone (no cursor, not in the people list, not
 * counted among those present for a vote); it still hears everyone else's. Presenting, it holds
 * one for each slide's summon; it tells the relay it is the wall, which then still counts it
 * for nobody.
 */
export function connectBoard(
  boardId: string,
  token: string,
  writer: string,
  checkAccess: AccessCheck,
  shownAs: 'someone' | 'nobody' = 'someone',
): BoardConnection {
  const disposers = new Disposers()
  const doc = new Y.Doc()
  disposers.add(() => doc.destroy())
  const awareness = new Awareness(doc)
  if (shownAs === 'nobody') awareness.setLocalState(null)

  let markServerSynced: () => void = () => {}
  const serverSynced = new Promise<void>((resolve) => (markServerSynced = resolve))
  const localCopy = persistLocally(localCopyName(boardId), doc, serverSynced)
  disposers.add(() => localCopy.destroy())
  // A deleted board's contents must not linger in this browser either.
  const forgetLocalCopy = () => {
    localCopy.clear().catch((error: unknown) => console.warn('netzwerkstatt: local copy not removed', error))
  }
  const provider = new WebsocketProvider(websocketServerUrl(window.location), boardId, doc, {
    // In the handshake's Sec-WebSocket-Protocol, not the URL: no proxy log keeps them.
    protocols: credentialProtocols(token, writer),
    shouldReconnect: providerShouldReconnect,
    // Cursors near our view as patches, the rest of a plenary less often (`presencePatch.ts`).
    // The wall says so: the relay then counts it among nobody, also while it presents (`shared/wall.ts`).
    params: { [presencePatchParam.name]: presencePatchParam.value, ...(shownAs === 'nobody' ? { [wallParam.name]: wallParam.value } : {}) },
    awareness,
  })
  receivePresencePatches(provider)
  keepPeersUntilTheyLeave(provider.awareness)
  disposers.add(sendOnlyOwnPresence(provider))
  // destroy() says goodbye on the socket (awareness null) before closing it.
  disposers.add(() => {
    provider.destroy()
    provider.awareness.destroy()
  })

  let facts = initialFacts(navigator.onLine)
  const state = atom<ConnectionState>('connection state', connectionState(facts))
  const dispatch = (event: ConnectionEvent) => {
    if (disposers.isDisposed) return
    const wasFinal = isFinal(facts.refusal)
    facts = nextFacts(nextFacts(facts, event), { type: 'attempts', failed: provider.wsUnsuccessfulReconnects })
    state.set(connectionState(facts))
    // No more attempts with this link; after the provider's own close handling has finished.
    if (!wasFinal && isFinal(facts.refusal)) queueMicrotask(() => provider.disconnect())
  }

  let markReady: (source: 'local' | 'server') => void = () => {}
  const ready = new Promise<'local' | 'server'>((resolve) => (markReady = resolve))

  // 4420/4429: our own, longer pause before the next attempt.
  let backOff: BackOff | null = null
  let backOffTimer: ReturnType<typeof setTimeout> | undefined
  disposers.add(() => clearTimeout(backOffTimer))
  const connectLater = () => {
    backOff = nextBackOff(backOff, Date.now())
    clearTimeout(backOffTimer)
    backOffTimer = setTimeout(() => {
      backOffTimer = undefined
      if (!disposers.isDisposed && facts.online && !isFinal(facts.refusal)) provider.connect()
    }, backOff.delayMs)
  }

  // A refused upgrade (the link was replaced while this page was closed, the board deleted)
  // reaches the browser as a bare 1006; after a few of those, the API can tell us why.
  let lastAccessCheck = -Infinity
  const maybeCheckAccess = () => {
    const failed = provider.wsUnsuccessfulReconnects + 1
    if (failed < attemptsBeforeOffline || !facts.online || Date.now() - lastAccessCheck < accessCheckIntervalMs) return
    lastAccessCheck = Date.now()
    checkAccess().then(
      (answer) => {
        if (answer === 'gone') forgetLocalCopy()
        if (answer === 'unauthorized' || answer === 'gone') dispatch({ type: 'refused', refusal: answer })
      },
      () => {},
    )
  }

  const onStatus = ({ status }: { status: 'connecting' | 'connected' | 'disconnected' }) => dispatch({ type: 'status', status })
  const onSync = (synced: boolean) => {
    dispatch({ type: 'sync', synced })
    if (synced) {
      markReady('server')
      markServerSynced()
    }
  }
  // Every close, with the relay's code; null when we closed the socket ourselves.
  const onConnectionClose = (event: CloseEvent | null) => {
    if (!event) return
    if (event.code === CloseCode.boardGone) forgetLocalCopy()
    const refused = event.code === CloseCode.notAllowed ? 'not-allowed' : event.code === CloseCode.boardFull ? 'board-full' : null
    if (refused && noteRefusal(boardId, Date.now(), refused) === 'reload') {
      provider.disconnect()
      // The refused change lives in the local copy too; without it the board loads as it is.
      localCopy.clear().finally(() => window.location.reload())
    }
    if (closeAction(event.code) === 'retry') maybeCheckAccess()
    dispatch({ type: 'closed', code: event.code })
    // The provider counts the failed attempt right after this event.
    queueMicrotask(() => dispatch({ type: 'attempts', failed: provider.wsUnsuccessfulReconnects }))
  }
  // The provider stopped on its own (see providerShouldReconnect).
  const onClosed = ({ code }: { code: number }) => {
    if (closeAction(code) === 'back-off') connectLater()
  }
  provider.on('status', onStatus)
  provider.on('sync', onSync)
  provider.on('connection-close', onConnectionClose)
  provider.on('closed', onClosed)
  disposers.add(() => {
    provider.off('status', onStatus)
    provider.off('sync', onSync)
    provider.off('connection-close', onConnectionClose)
    provider.off('closed', onClosed)
  })

  // A socket can outlive the network (Chromium keeps it open in offline mode) and would only
  // time out after 30 s; close it at once so the indicator and the doc agree on "offline", and
  // reconnect without waiting for the backoff when the network returns.
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
  disposers.add(() => {
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
  })

  localCopy.loaded.then(
    (shown) => {
      if (!disposers.isDisposed && shown) markReady('local')
    },
    (error: unknown) => console.warn('netzwerkstatt: no local copy (IndexedDB unavailable)', error),
  )

  return { doc, awareness: provider.awareness, state, ready, serverSynced, dispose: () => disposers.dispose() }
}
