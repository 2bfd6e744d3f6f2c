/**
 * The board's Y.Doc for the contribution view, without the editor: y-websocket to the relay, as
 * `board/boardConnection.ts` opens it for the canvas, but no tldraw store, no local copy and no
 * cursors. The list needs the relay anyway to be worth reading, and a phone should not pay for
 * what it does not show.
 */
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { Awareness } from 'y-protocols/awareness'
import { credentialProtocols } from '../../shared/access.ts'
import { CloseCode } from '../../shared/protocol.ts'
import { closeAction, providerShouldReconnect } from '../board/reconnectPolicy.ts'
import { noteRefusal } from '../board/refusedChange.ts'
import { websocketServerUrl } from '../board/relayAddress.ts'

export type ContributionState = 'connecting' | 'connected' | 'offline' | 'ended'

export interface ContributionConnection {
  doc: Y.Doc
  awareness: Awareness
  /** Resolves at the first full sync with the relay. */
  synced: Promise<void>
  onState(listener: (state: ContributionState) => void): () => void
  dispose(): void
}

export function connectForContribution(boardId: string, token: string, writer: string): ContributionConnection {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(websocketServerUrl(window.location), boardId, doc, {
    protocols: credentialProtocols(token, writer),
    shouldReconnect: providerShouldReconnect,
  })
  const listeners = new Set<(state: ContributionState) => void>()
  const tell = (state: ContributionState) => listeners.forEach((listener) => listener(state))
  let markSynced: () => void = () => {}
  const synced = new Promise<void>((resolve) => (markSynced = resolve))
  provider.on('sync', (isSynced: boolean) => {
    if (!isSynced) return
    markSynced()
    tell('connected')
  })
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') tell(status === 'connecting' ? 'connecting' : 'offline')
  })
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (!event) return
    // The relay refused a change (nothing of it entered the board): load the board as it is.
    if (event.code === CloseCode.notAllowed && noteRefusal(boardId, Date.now()) === 'reload') window.location.reload()
    else if (closeAction(event.code) === 'stop') tell('ended')
  })
  return {
    doc,
    awareness: provider.awareness,
    synced,
    onState(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose() {
      provider.destroy()
      provider.awareness.destroy()
      doc.destroy()
    },
  }
}
