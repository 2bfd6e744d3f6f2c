/** Real y-websocket clients and small awaiting helpers for tests against a running relay. */
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { BoardMeta } from '../../shared/api.ts'
import type { RelayProcess } from './relay.ts'

// Each y-websocket provider in Node adds a process 'exit' listener; tests open dozens.
process.setMaxListeners(200)

export async function createBoard(
  relay: Pick<RelayProcess, 'httpUrl'>,
  title = 'Test board',
  extra: Record<string, unknown> = {},
): Promise<BoardMeta> {
  const response = await fetch(`${relay.httpUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, ...extra }),
  })
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`)
  return (await response.json()) as BoardMeta
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

export function connectClient(relay: Pick<RelayProcess, 'wsUrl'>, boardId: string, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(relay.wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  return {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function whenSynced(client: TestClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return
      client.provider.off('sync', onSync)
      resolve()
    }
    client.provider.on('sync', onSync)
  })
}

/** Resolves once `predicate` holds, re-checking after every update the doc applies. */
export function until(doc: Y.Doc, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve()
  return new Promise((resolve) => {
    const check = () => {
      if (!predicate()) return
      doc.off('afterTransaction', check)
      resolve()
    }
    doc.on('afterTransaction', check)
  })
}

export function untilStatus(client: TestClient, status: 'connected' | 'disconnected'): Promise<void> {
  if (client.provider.wsconnected === (status === 'connected')) return Promise.resolve()
  return new Promise((resolve) => {
    const onStatus = (event: { status: string }) => {
      if (event.status !== status) return
      client.provider.off('status', onStatus)
      resolve()
    }
    client.provider.on('status', onStatus)
  })
}

/** A raw socket for sending hand-made frames. */
export async function openRawSocket(relay: Pick<RelayProcess, 'wsUrl'>, boardId: string): Promise<{
  socket: WebSocket
  closed: Promise<{ code: number; reason: string }>
}> {
  const socket = new WebSocket(`${relay.wsUrl}/${boardId}`)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  socket.on('error', () => {})
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
  return { socket, closed }
}
