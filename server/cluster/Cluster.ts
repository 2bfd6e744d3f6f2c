/**
 * Several relay processes serving the same boards. Each board's room lives in exactly one
 * process, its owner, recorded in PostgreSQL (`PostgresStorage.claimBoard`): only the owner
 * checks, stores, applies and forwards the board's updates, so there is one order of updates
 * per board and each is stored once. A client whose socket reached another process (its edge)
 * is served by the owner over Redis (`Bus.ts`): the edge forwards what the client sends, and the
 * owner's room sees a `RemoteClient` that sends back through the edge, cursors included.
 *
 * When the owner dies, PostgreSQL frees its lock and Redis its channel: edges notice within a
 * ping interval (or at once, when a message reaches nobody) and close their clients with 1012.
 * The clients reconnect, the next process to open the board takes it over (one epoch later, so
 * anything the old owner still writes is refused) and loads everything stored; what a client
 * had sent but not seen stored, its sync sends again.
 */
import { Closing, closeWith } from '../../shared/closeReasons.ts'
import { roomSession, PendingSession, type BoardSession } from '../room/BoardSession.ts'
import { enterBoard } from '../room/admission.ts'
import { IdentifiedClient, type Connection, type ConnectionIdentity } from '../room/Connection.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { Room, RoomClient } from '../room/Room.ts'
import { OwnedElsewhere, type Rooms, type SocketSelector } from '../room/Rooms.ts'
import type { Bus } from './Bus.ts'
import type { BusMessage, DownItem } from './busMessages.ts'

/** How often a process checks that the processes it serves clients through are still there. */
export const pingMs = 1000

/** Close a board's sockets of one role (or all); drop its room too if it was deleted. */
export interface BoardChange {
  board: string
  role: SocketSelector
  code: number
  reason: string
  deleted: boolean
}

interface ClusterLimits {
  maxWaitingBytes: number
}

/** A client of this process's room whose socket is on another process. */
class RemoteClient extends IdentifiedClient implements RoomClient {
  private open = true

  constructor(
    private readonly outbox: Outbox,
    readonly edge: number,
    readonly edgeConnection: number,
    identity: ConnectionIdentity,
    private readonly closed: () => void,
  ) {
    super(identity)
  }

  get isOpen(): boolean {
    return this.open
  }

  send(message: Uint8Array): void {
    if (this.open) this.outbox.down(this.edge, this.edgeConnection, message)
  }

  close(code: number, reason: string): void {
    if (!this.open) return
    this.open = false
    this.outbox.close(this.edge, this.edgeConnection, code, reason)
    // As a socket's close event would: later, not inside the room's own loop.
    setImmediate(this.closed)
  }

  /** The edge is gone: nothing to tell it. */
  drop(): void {
    this.open = false
    this.closed()
  }
}

/**
 * What an owner sends to its edges, gathered until the end of the turn: a fan-out to many
 * clients on one edge crosses Redis once. Each edge's messages keep the order they were sent in.
 */
class Outbox {
  private readonly pending = new Map<number, DownItem[]>()
  private scheduled = false

  constructor(private readonly bus: Bus) {}

  down(edge: number, connection: number, data: Uint8Array): void {
    let items = this.pending.get(edge)
    if (!items) this.pending.set(edge, (items = []))
    const last = items.at(-1)
    // The room sends one fan-out's message to everyone in a row: the same bytes, once.
    if (last?.data === data) last.connections.push(connection)
    else items.push({ connections: [connection], data })
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => this.flushAll())
  }

  /** Closes after everything sent to the client before. */
  close(edge: number, connection: number, code: number, reason: string): void {
    this.flush(edge)
    void this.bus.send(edge, { type: 'close', from: this.bus.processKey, connection, code, reason })
  }

  private flushAll(): void {
    this.scheduled = false
    for (const edge of [...this.pending.keys()]) this.flush(edge)
  }

  private flush(edge: number): void {
    const items = this.pending.get(edge)
    if (!items) return
    this.pending.delete(edge)
    void this.bus.send(edge, { type: 'down', from: this.bus.processKey, items })
  }
}

export class Cluster {
  private readonly outbox: Outbox
  /** This process as an edge: its sockets on boards other processes hold, by owner and connection id. */
  private readonly edges = new Map<number, Map<number, Connection>>()
  /** This process as an owner: clients on other processes, by edge and their connection id there. */
  private readonly remotes = new Map<number, Map<number, { client: RemoteClient; session: PendingSession }>>()
  private readonly pinger: NodeJS.Timeout

  constructor(
    private readonly bus: Bus,
    private readonly rooms: Rooms,
    private readonly limits: ClusterLimits,
    private readonly logger: Logger,
    /** Closes this process' sockets of an ended sign-in. */
    private readonly endSignIn: (session: string) => void = () => {},
  ) {
    this.outbox = new Outbox(bus)
    this.pinger = setInterval(() => this.ping(), pingMs)
    this.pinger.unref()
  }

  get processKey(): number {
    return this.bus.processKey
  }

  /** Joins the board's room here if this process holds the board or can take it, else through its owner. */
  async join(boardId: string, connection: Connection): Promise<BoardSession> {
    try {
      return roomSession(this.rooms, await this.rooms.join(boardId, connection), connection)
    } catch (error) {
      if (!(error instanceof OwnedElsewhere)) throw error
      return this.throughOwner(error.owner, boardId, connection)
    }
  }

  private throughOwner(owner: number, boardId: string, connection: Connection): BoardSession {
    const from = this.processKey
    let onOwner = this.edges.get(owner)
    if (!onOwner) this.edges.set(owner, (onOwner = new Map()))
    onOwner.set(connection.id, connection)
    const heard = (reached: boolean) => {
      if (!reached) this.ownerLost(owner)
    }
    // The client's address stays here: the owner has no use for it, and it would cross Redis.
    const identity = { ...connection.identity, address: '' }
    void this.bus.send(owner, { type: 'open', from, connection: connection.id, board: boardId, identity }).then(heard)
    this.logger.info('client served by another relay process', { board: boardId, connection: connection.id, owner })
    // What Redis has not taken yet stays in this process: bounded as frames waiting for storage are.
    let unsentBytes = 0
    return {
      receive: (data) => {
        unsentBytes += data.byteLength
        if (unsentBytes > this.limits.maxWaitingBytes) {
          this.logger.warn('client sends faster than the relay process holding its board takes', { board: boardId, connection: connection.id, unsentBytes })
          closeWith(connection, Closing.relayBehind)
          return
        }
        void this.bus.send(owner, { type: 'up', from, connection: connection.id, data }).then((reached) => {
          unsentBytes -= data.byteLength
          heard(reached)
        })
      },
      leave: () => {
        if (!this.edges.get(owner)?.delete(connection.id)) return
        if (this.edges.get(owner)?.size === 0) this.edges.delete(owner)
        void this.bus.send(owner, { type: 'leave', from, connection: connection.id })
      },
    }
  }

  /** Tells every process (this one included) to close a board's sockets, and to drop its room if it was deleted. */
  async boardChanged(change: BoardChange): Promise<void> {
    this.applyBoardChange(change)
    try {
      await this.bus.broadcast({ type: 'board', from: this.processKey, ...change })
    } catch (error) {
      // The owner notices anyway: a deleted board refuses its next write, a replaced link its next connect.
      this.logger.error('telling the other relay processes failed', { board: change.board, ...describeError(error) })
    }
  }

  /** Tells every process (this one included) that a sign-in ended: its sockets close wherever they are. */
  async signedOut(session: string): Promise<void> {
    this.endSignIn(session)
    try {
      await this.bus.broadcast({ type: 'signed-out', from: this.processKey, session })
    } catch (error) {
      // Its sockets elsewhere stay until they reconnect; the sign-in itself is gone from the database.
      this.logger.error('telling the other relay processes failed', describeError(error))
    }
  }

  private applyBoardChange({ board, role, code, reason, deleted }: Omit<BoardChange, 'role'> & { role: string }): void {
    this.rooms.disconnect(board, role as SocketSelector, code, reason)
    if (deleted) this.rooms.discard(board)
  }

  handle(message: BusMessage): void {
    switch (message.type) {
      case 'open':
        return this.openRemote(message.from, message.connection, message.board, message.identity)
      case 'up': {
        const remote = this.remotes.get(message.from)?.get(message.connection)
        if (remote) return remote.session.receive(message.data)
        // Not (or no longer) in a room here, say after a lost message: the client starts again.
        return void this.bus.send(message.from, { type: 'close', from: this.processKey, connection: message.connection, ...Closing.moved })
      }
      case 'leave':
        return this.remotes.get(message.from)?.get(message.connection)?.client.drop()
      case 'down': {
        const clients = this.edges.get(message.from)
        const gone = new Set<number>()
        for (const { connections, data } of message.items) {
          for (const id of connections) {
            const connection = clients?.get(id)
            if (connection) connection.send(data)
            else gone.add(id)
          }
        }
        // Gone here: the owner must not keep them in the room (they would hold their presence and the room).
        for (const id of gone) void this.bus.send(message.from, { type: 'leave', from: this.processKey, connection: id })
        return
      }
      case 'close':
        return this.edges.get(message.from)?.get(message.connection)?.close(message.code, message.reason)
      case 'ping':
        return
      case 'reset':
        // It lost Redis for a while and dropped everything it had with others: so do we.
        this.ownerLost(message.from)
        return this.edgeLost(message.from)
      case 'board':
        return this.applyBoardChange(message)
      case 'signed-out':
        if (message.from !== this.processKey) this.endSignIn(message.session)
        return
    }
  }

  /** Clients of this process's boards connected through other relay processes. */
  get remoteClients(): number {
    let count = 0
    for (const clients of this.remotes.values()) count += clients.size
    return count
  }

  private openRemote(edge: number, edgeConnection: number, boardId: string, identity: ConnectionIdentity): void {
    let fromEdge = this.remotes.get(edge)
    if (!fromEdge) this.remotes.set(edge, (fromEdge = new Map()))
    const client: RemoteClient = new RemoteClient(this.outbox, edge, edgeConnection, identity, () => {
      session.leave()
      const clients = this.remotes.get(edge)
      if (clients?.get(edgeConnection)?.client === client) clients.delete(edgeConnection)
      if (clients?.size === 0) this.remotes.delete(edge)
      this.logger.info('client disconnected through another relay process', { board: boardId, connection: client.id, edge })
    })
    let room: Room
    const session = enterBoard({
      boardId,
      client,
      maxWaitingBytes: this.limits.maxWaitingBytes,
      logger: this.logger,
      join: () => this.rooms.join(boardId, client).then((joined) => roomSession(this.rooms, (room = joined), client)),
      // Seated by the room's own door (`Rooms.join`), as every client: refused past the per-board cap before it joins.
      joined: () => {
        this.logger.info('client connected through another relay process', { board: boardId, connection: client.id, edge, clients: room.connections.size })
      },
      refused: (error) => {
        // Taken by another process meanwhile: the client reconnects and finds it.
        if (!(error instanceof OwnedElsewhere)) return false
        closeWith(client, Closing.moved)
        return true
      },
    })
    fromEdge.set(edgeConnection, { client, session })
  }

  /** The owner is gone: its boards' clients reconnect, and the next process to open each board takes it. */
  private ownerLost(owner: number): void {
    const clients = this.edges.get(owner)
    if (!clients) return
    this.edges.delete(owner)
    this.logger.warn('relay process holding boards is gone', { owner, clients: clients.size })
    for (const connection of clients.values()) closeWith(connection, Closing.moved)
  }

  /** The edge is gone, and with it its sockets: its clients leave their rooms here. */
  private edgeLost(edge: number): void {
    const clients = this.remotes.get(edge)
    if (!clients) return
    this.remotes.delete(edge)
    this.logger.warn('relay process serving clients is gone', { edge, clients: clients.size })
    for (const { client } of clients.values()) client.drop()
  }

  /** Redis went away: messages in both directions may be lost, so every client served across processes starts again. */
  busLost(): void {
    for (const owner of [...this.edges.keys()]) this.ownerLost(owner)
    for (const edge of [...this.remotes.keys()]) this.edgeLost(edge)
  }

  /** Back on Redis: the others may not have noticed the gap, so they are told to let go of what they had with this process. */
  busRestored(): void {
    this.bus.broadcast({ type: 'reset', from: this.processKey }).catch((error: unknown) => {
      this.logger.error('telling the other relay processes failed', describeError(error))
    })
  }

  /** On shutdown: clients served for other processes reconnect at once instead of waiting for a ping. */
  closeRemoteClients(): void {
    for (const clients of [...this.remotes.values()]) for (const { client } of [...clients.values()]) closeWith(client, Closing.shuttingDown)
  }

  private ping(): void {
    const from = this.processKey
    for (const owner of this.edges.keys()) void this.bus.send(owner, { type: 'ping', from }).then((heard) => heard || this.ownerLost(owner))
    for (const edge of this.remotes.keys()) void this.bus.send(edge, { type: 'ping', from }).then((heard) => heard || this.edgeLost(edge))
  }

  close(): void {
    clearInterval(this.pinger)
  }
}
