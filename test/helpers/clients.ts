/** Real y-websocket clients and small awaiting helpers for tests against a running relay. */
import { writerQueryParam } from '../../shared/author.ts'
import { WebSocket, type PerMessageDeflateOptions } from 'ws'
import { afterAll, beforeAll } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { tokenQueryParam, type Role } from '../../shared/access.ts'
import { CreatedBoard } from '../../shared/api.ts'
import type { InProcessRelay } from './inProcessRelay.ts'
import { removeDataDir, startRelay, type Relay, type RelayKind, type RelayProcess } from './relay.ts'
import { sharedRelay, type FileRelay, type SharedRelay } from './sharedRelay.ts'

// Each y-websocket provider in Node adds a process 'exit' listener; tests open dozens.
process.setMaxListeners(200)

/** What the HTTP helpers talk to: a relay process (its URL), or the relay's app in this process (`inProcessRelay.ts`). */
export type HttpRelay = Pick<Relay, 'httpUrl'> | Pick<InProcessRelay, 'request'>

/** A request to either kind of relay, from this machine. */
export const relayRequest = (relay: HttpRelay, path: string, init?: RequestInit): Promise<Response> =>
  'request' in relay ? relay.request(path, init) : fetch(`${relay.httpUrl}${path}`, init)

export async function createBoard(
  relay: HttpRelay,
  title = 'Test board',
  extra: Record<string, unknown> = {},
): Promise<CreatedBoard> {
  const response = await relayRequest(relay, '/api/boards', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, ...extra }),
  })
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`)
  const board = CreatedBoard.parse(await response.json())
  facilitatorTokens.set(board.id, board.access.facilitator)
  return board
}

/** The board page's full URL for one of its links (the facilitator's unless told). */
export const boardPageUrl = (relay: Pick<Relay, 'httpUrl'>, board: CreatedBoard, role: Role = 'facilitator') =>
  `${relay.httpUrl}${board.links[role]}`

/** Tests connect as the board's facilitator unless they pass another token. */
const facilitatorTokens = new Map<string, string>()
const tokenFor = (boardId: string, token?: string) => token ?? facilitatorTokens.get(boardId) ?? ''

/** `Authorization` header for a board's API routes (facilitator unless a token is given). */
export const authHeader = (boardId: string, token?: string) => ({ authorization: `Bearer ${tokenFor(boardId, token)}` })

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  destroy(): void
}

export function connectClient(
  relay: Pick<Relay, 'wsUrl'>,
  boardId: string,
  doc = new Y.Doc(),
  options: { token?: string; writer?: string; params?: Record<string, string>; socket?: typeof WebSocket } = {},
): TestClient {
  const provider = new WebsocketProvider(relay.wsUrl, boardId, doc, {
    WebSocketPolyfill: (options.socket ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: {
      [tokenQueryParam]: tokenFor(boardId, options.token),
      ...(options.writer ? { [writerQueryParam]: options.writer } : {}),
      ...options.params,
    },
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

/** Resolves once `doc` holds every one of these records (by id): another client's writes have come through the relay. */
export function untilHeld(doc: Y.Doc, records: ReadonlyArray<{ id: string }>): Promise<void> {
  return until(doc, () => records.every((record) => doc.getMap('tldraw').has(record.id)))
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

/** Resolves once `watcher` sees presence under `id`. */
export const seesPresence = (watcher: TestClient, id: number) =>
  new Promise<void>((resolve) => {
    const seen = () => watcher.provider.awareness.getStates().has(id) && resolve()
    watcher.provider.awareness.on('change', seen)
    seen()
  })

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

/**
 * A raw socket for sending hand-made frames (`headers`: e.g. X-Forwarded-For, to speak from another
 * address; `deflate`: what it offers of permessage-deflate, ws's defaults unless told).
 */
export async function openRawSocket(relay: Pick<Relay, 'wsUrl'>, boardId: string, token?: string, headers?: Record<string, string>, deflate?: PerMessageDeflateOptions, writer?: string): Promise<{
  socket: WebSocket
  closed: Promise<{ code: number; reason: string }>
  /** Resolves once the relay has sent its sync request: the socket is in the board's room. */
  inRoom: Promise<void>
  /** The extensions the relay accepted (its Sec-WebSocket-Extensions), '' for none. */
  extensions: string
}> {
  const writerParam = writer ? `&${writerQueryParam}=${encodeURIComponent(writer)}` : ''
  const socket = new WebSocket(`${relay.wsUrl}/${boardId}?${tokenQueryParam}=${encodeURIComponent(tokenFor(boardId, token))}${writerParam}`, { headers, ...(deflate ? { perMessageDeflate: deflate } : {}) })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  const inRoom = new Promise<void>((resolve) => socket.on('message', (data: Buffer) => data[0] === 0 && data[1] === 0 && resolve()))
  socket.on('error', () => {})
  let extensions = ''
  socket.once('upgrade', (response) => (extensions = String(response.headers['sec-websocket-extensions'] ?? '')))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
  })
  return { socket, closed, inRoom, extensions }
}

/**
 * fetch against the relay; calls to a board's routes carry its facilitator token unless the
 * caller sets an `authorization` header itself.
 */
export function apiFetch(relay: HttpRelay, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  const boardId = /^\/api\/boards\/([^/?]+)/.exec(path)?.[1]
  if (boardId && !headers.has('authorization')) headers.set('authorization', authHeader(boardId).authorization)
  return relayRequest(relay, path, { ...init, headers })
}

export interface RelaySuite<R extends SharedRelay> {
  /** The relay the file's tests use (a private one's test may replace it with a restarted one). */
  relay: R
  /** A client of `suite.relay`, destroyed after the file; a `writer` secret signs its notes (`shared/author.ts`). */
  connect(boardId: string, token?: string, writer?: string): Promise<TestClient>
}

/**
 * The relay for a test file's tests, with every client they connected destroyed after them:
 * `suite.relay` and `await suite.connect(boardId, token)`. Without arguments the run's shared
 * relay (`sharedRelay.ts`): each test makes boards of its own there. With settings (`env`), a
 * relay of the file's own, as `privateRelaySuite(env, kind)`: in the test's process unless
 * `{ process: true }`.
 */
export function relaySuite(): RelaySuite<SharedRelay>
export function relaySuite(env: Record<string, string>, kind: RelayKind & { process: true }): RelaySuite<RelayProcess>
export function relaySuite(env: Record<string, string>, kind?: RelayKind & { process?: false }): RelaySuite<Relay>
export function relaySuite(env?: Record<string, string>, kind: RelayKind = {}): RelaySuite<SharedRelay> | RelaySuite<Relay> {
  if (env) return privateRelaySuite(env, kind as RelayKind & { process?: false })
  let shared: FileRelay | undefined
  const suite = clientSuite<SharedRelay>()
  beforeAll(async () => {
    shared = await sharedRelay()
    suite.relay = shared
  })
  afterAll(async () => {
    suite.closeClients()
    await shared?.stop()
  })
  return suite
}

/**
 * A relay of the file's own, started before its tests and stopped after them (its data directory
 * removed), for a file whose subject is its settings, its log or the relay as a whole: `env`
 * (limits, TRUST_PROXY, …), restarts on its data directory, `relay.logs`, counts over all its
 * boards or audit rows. In the test's process; `{ process: true }` for a file whose subject is
 * the process (SIGKILL, an exit code, the lock between processes).
 */
export function privateRelaySuite(env: Record<string, string>, kind: RelayKind & { process: true }): RelaySuite<RelayProcess>
export function privateRelaySuite(env?: Record<string, string>, kind?: RelayKind & { process?: false }): RelaySuite<Relay>
export function privateRelaySuite(env: Record<string, string> = {}, kind: RelayKind = {}): RelaySuite<Relay> {
  const suite = clientSuite<Relay>()
  beforeAll(async () => {
    suite.relay = kind.process ? await startRelay({ process: true, env }) : await startRelay({ env })
  })
  afterAll(async () => {
    suite.closeClients()
    await suite.relay?.kill()
    if (suite.relay) removeDataDir(suite.relay.dataDir)
  })
  return suite
}

function clientSuite<R extends SharedRelay>(): RelaySuite<R> & { closeClients(): void } {
  const clients: TestClient[] = []
  const suite = {
    relay: undefined as unknown as R,
    async connect(boardId: string, token?: string, writer?: string): Promise<TestClient> {
      const client = connectClient(suite.relay, boardId, new Y.Doc(), { token, writer })
      clients.push(client)
      await whenSynced(client)
      return client
    },
    closeClients() {
      for (const client of clients.splice(0)) client.destroy()
    },
  }
  return suite
}
