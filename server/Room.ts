/**
 * One board in memory: its Y.Doc, awareness and connected clients.
 *
 * Every update is appended to storage synchronously when the doc applies it, and only then
 * queued for fan-out. Fan-out runs once per tick: all document updates of the tick merged into
 * one message per recipient (without the recipient's own), all awareness changes into one
 * awareness message. With N clients that is N sends per tick instead of N per incoming message.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { canEdit } from '../shared/access.ts'
import {
  CloseCode,
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
  type ClientMessage,
} from '../shared/protocol.ts'
import { vetAwarenessUpdate } from './awarenessGuard.ts'
import type { Connection } from './Connection.ts'
import { describeError, type Logger } from './logger.ts'
import type { Storage } from './storage/Storage.ts'

export interface RoomOptions {
  tickMs: number
  compactAfterUpdates: number
}

interface PendingUpdate {
  update: Uint8Array
  origin: Connection | null
}

export class Room {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<Connection>()
  /** True while the doc holds changes that storage refused; the room then stays in memory. */
  unsaved = false
  private pendingUpdates: PendingUpdate[] = []
  private changedAwarenessClients = new Set<number>()
  /** Which connection announced each awareness client id: only it may change that state. */
  private readonly awarenessOwners = new Map<number, Connection>()
  private flushTimer: NodeJS.Timeout | null = null
  private compactTimer: NodeJS.Timeout | null = null
  private lastSeq: number
  private updatesSinceCompact: number
  private readonly disposers: Array<() => void> = []

  constructor(
    readonly boardId: string,
    private readonly storage: Storage,
    private readonly options: RoomOptions,
    private readonly logger: Logger,
  ) {
    const stored = storage.loadDocument(boardId)
    // Loading must not re-append what is already stored: apply before listening.
    Y.transact(this.doc, () => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(this.doc, update)
    }, 'storage')
    this.lastSeq = stored.lastSeq
    this.updatesSinceCompact = stored.updates.length
    this.awareness.setLocalState(null)

    const onUpdate = (update: Uint8Array, origin: unknown) => this.persistAndQueue(update, origin)
    this.doc.on('update', onUpdate)
    this.disposers.push(() => this.doc.off('update', onUpdate))

    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      const owner = this.connectionOf(origin)
      for (const id of [...added, ...updated]) {
        owner?.awarenessClientIds.add(id)
        if (owner) this.awarenessOwners.set(id, owner)
        this.changedAwarenessClients.add(id)
      }
      for (const id of removed) {
        owner?.awarenessClientIds.delete(id)
        this.awarenessOwners.delete(id)
        this.changedAwarenessClients.add(id)
      }
      this.scheduleFlush()
    }
    this.awareness.on('update', onAwareness)
    this.disposers.push(() => this.awareness.off('update', onAwareness))

    if (this.updatesSinceCompact >= options.compactAfterUpdates) this.scheduleCompaction()
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection)
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    if (this.awareness.getStates().size > 0) connection.send(this.encodeAllAwareness())
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return
    this.pendingUpdates = this.pendingUpdates.map((p) =>
      p.origin === connection ? { ...p, origin: null } : p,
    )
    awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], 'closed')
  }

  /** Handles one frame from a client. Anything malformed closes that client and changes nothing. */
  receive(connection: Connection, frame: Uint8Array): void {
    let message: ClientMessage
    try {
      message = decodeMessage(frame)
    } catch (error) {
      this.reject(connection, error)
      return
    }
    try {
      switch (message.type) {
        case 'sync-step-1':
          connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)))
          break
        case 'sync-step-2':
        case 'update':
          // Observers get everything but change nothing: not applied, not stored, not forwarded.
          if (!canEdit(connection.role)) {
            this.logger.debug('observer update dropped', { board: this.boardId, connection: connection.id })
            break
          }
          this.applyClientUpdate(connection, message.update)
          break
        case 'awareness': {
          const isForeign = (id: number) => {
            const owner = this.awarenessOwners.get(id)
            return owner !== undefined && owner !== connection
          }
          const vetted = vetAwarenessUpdate(message.update, connection.role, isForeign)
          if (vetted) awarenessProtocol.applyAwarenessUpdate(this.awareness, vetted, connection)
          break
        }
        case 'query-awareness':
          connection.send(this.encodeAllAwareness())
          break
      }
    } catch (error) {
      this.reject(connection, error)
    }
  }

  /** Sends everything queued now instead of at the end of the tick. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = null
    this.flushUpdates()
    this.flushAwareness()
  }

  /** Writes the whole doc as one snapshot and drops the updates it covers. */
  compact(): void {
    if (this.compactTimer) clearTimeout(this.compactTimer)
    this.compactTimer = null
    if (this.updatesSinceCompact === 0 && !this.unsaved) return
    try {
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      this.storage.compact(this.boardId, snapshot, this.lastSeq)
      this.logger.debug('compacted', { board: this.boardId, updates: this.updatesSinceCompact, snapshotBytes: snapshot.byteLength })
      this.updatesSinceCompact = 0
      if (this.unsaved) this.logger.info('unsaved changes stored', { board: this.boardId })
      this.unsaved = false
    } catch (error) {
      this.logger.error('compaction failed', { board: this.boardId, ...describeError(error) })
    }
  }

  destroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    if (this.compactTimer) clearTimeout(this.compactTimer)
    for (const dispose of this.disposers.splice(0)) dispose()
    this.awareness.destroy()
    this.doc.destroy()
  }

  private applyClientUpdate(connection: Connection, update: Uint8Array): void {
    // Decode first: Yjs integrates structs before it reads the delete set, so a damaged update
    // could otherwise be half applied.
    try {
      Y.decodeUpdate(update)
    } catch {
      throw new ProtocolError('malformed update')
    }
    Y.applyUpdate(this.doc, update, connection)
  }

  private persistAndQueue(update: Uint8Array, origin: unknown): void {
    if (origin === 'storage') return
    try {
      this.lastSeq = this.storage.appendUpdate(this.boardId, update)
    } catch (error) {
      // Keep the change in memory (never lose it), but do not forward what is not stored.
      this.unsaved = true
      this.logger.error('storing update failed', { board: this.boardId, ...describeError(error) })
      this.connectionOf(origin)?.close(CloseCode.storageFailed, 'storage unavailable')
      return
    }
    this.pendingUpdates.push({ update, origin: this.connectionOf(origin) })
    this.scheduleFlush()
    if (++this.updatesSinceCompact >= this.options.compactAfterUpdates) this.scheduleCompaction()
  }

  private flushUpdates(): void {
    const pending = this.pendingUpdates
    if (pending.length === 0) return
    this.pendingUpdates = []
    const merged = encodeUpdate(mergeAll(pending.map((p) => p.update)))
    const origins = new Set(pending.map((p) => p.origin))
    for (const connection of this.connections) {
      if (!origins.has(connection)) {
        connection.send(merged)
        continue
      }
      // Never echo a client's own update back to it.
      const others = pending.filter((p) => p.origin !== connection).map((p) => p.update)
      if (others.length > 0) connection.send(encodeUpdate(mergeAll(others)))
    }
  }

  private flushAwareness(): void {
    if (this.changedAwarenessClients.size === 0) return
    const message = encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.changedAwarenessClients]),
    )
    this.changedAwarenessClients.clear()
    for (const connection of this.connections) connection.send(message)
  }

  private encodeAllAwareness(): Uint8Array {
    return encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
    )
  }

  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.tickMs)
  }

  private scheduleCompaction(): void {
    // Off the message path: compaction encodes the whole doc.
    this.compactTimer ??= setTimeout(() => this.compact(), 0)
  }

  private reject(connection: Connection, error: unknown): void {
    if (error instanceof ProtocolError) {
      this.logger.warn('malformed message', { board: this.boardId, connection: connection.id, reason: error.message })
    } else {
      this.logger.warn('message rejected', { board: this.boardId, connection: connection.id, ...describeError(error) })
    }
    connection.close(CloseCode.malformed, 'malformed message')
  }

  private connectionOf(origin: unknown): Connection | null {
    return this.connections.has(origin as Connection) ? (origin as Connection) : null
  }
}

function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)
}
