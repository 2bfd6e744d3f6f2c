/**
 * One client socket. Sends are refused once the socket's unsent data passes a limit: a client
 * that cannot keep up is cut off instead of making the relay buffer without bound. Once the relay
 * decides to close it, the connection is closed for the room at once, and the socket is torn down
 * soon after even if the peer never answers the close frame.
 */
import type { WebSocket } from 'ws'
import { Closing, closeWith } from '../../shared/closeReasons.ts'
import { messageSync, syncStep2 } from '../../shared/protocol.ts'
import type { Role } from '../../shared/access.ts'
import type { Logger } from '../base/logger.ts'
import { TokenBucket } from '../judge/tokenBucket.ts'

let nextConnectionId = 1

export interface ConnectionOptions {
  maxSendBufferBytes: number
  heartbeatMs: number
  maxMessagesPerSecond: number
  maxMessageBytes: number
}

/** Who is on the other end: what their link allows, and where they connect from. */
export interface ConnectionIdentity {
  role: Role
  /** Which link (a hash of its token) the socket was opened with. */
  link: string
  address: string
  /** The browser's author id on this board (`shared/author.ts`), or null if it sent none. */
  author: string | null
  /** Asked for presence patches (`shared/presencePatch.ts`). */
  presencePatches?: boolean
  /** On a board that requires sign-in: the name from the sign-in, written into the client's presence. */
  signedInName?: string
  /** The board's wall (`shared/wall.ts`, a facilitator's link only): nobody among the people present. */
  wall?: boolean
}

/** Told what the connection sends and when the relay closes it, for `/metrics`. */
export interface ConnectionObserver {
  sent(bytes: number): void
  closedByRelay(code: number): void
}

/** How long a peer may take to answer our close frame before its socket is destroyed. */
export const closeHandshakeMs = 1000

/** A client as its room sees it, whether its socket is in this process or another (`cluster/Cluster.ts`). */
export abstract class IdentifiedClient {
  /** Unique within the process, for sockets and clients served through another process alike. */
  readonly id = nextConnectionId++
  /** Awareness client ids this client has announced; removed for everyone when it leaves. */
  readonly awarenessClientIds = new Set<number>()

  constructor(readonly identity: ConnectionIdentity) {}

  get role(): Role {
    return this.identity.role
  }

  get link(): string {
    return this.identity.link
  }

  get author(): string | null {
    return this.identity.author
  }

  /** Where the client connects from; empty for a client served through another process. */
  get address(): string {
    return this.identity.address
  }

  get presencePatches(): boolean {
    return this.identity.presencePatches ?? false
  }

  get signedInName(): string | undefined {
    return this.identity.signedInName
  }

  get wall(): boolean {
    return this.identity.wall ?? false
  }
}

export class Connection extends IdentifiedClient {
  private closed = false
  private alive = true
  private readonly heartbeat: NodeJS.Timeout
  private closeTimeout: NodeJS.Timeout | null = null
  // Refills at the allowed rate and holds a burst of twice that: exactly one message of the
  // largest size, which costs as many as that burst of small ones.
  private readonly messages: TokenBucket
  private readonly bytesPerMessage: number

  constructor(
    private readonly socket: WebSocket,
    private readonly options: ConnectionOptions,
    private readonly logger: Logger,
    identity: ConnectionIdentity,
    private readonly observer?: ConnectionObserver,
  ) {
    super(identity)
    this.messages = new TokenBucket(options.maxMessagesPerSecond)
    this.bytesPerMessage = options.maxMessageBytes / (2 * options.maxMessagesPerSecond)
    socket.on('pong', () => (this.alive = true))
    // A peer that vanished without a close frame (laptop lid, Wi-Fi) answers no ping.
    this.heartbeat = setInterval(() => {
      if (!this.alive) {
        this.logger.info('connection timed out', { connection: this.id })
        this.socket.terminate()
        return
      }
      this.alive = false
      this.socket.ping()
    }, options.heartbeatMs)
    this.heartbeat.unref()
  }

  /**
   * Counts one incoming message of `bytes`, large ones as many small ones; false (and the
   * connection closed) when the client sends more than allowed, so one flooding client cannot
   * starve the room.
   */
  admitMessage(bytes: number): boolean {
    if (this.messages.take(Math.max(1, bytes / this.bytesPerMessage))) return true
    const rate = this.options.maxMessagesPerSecond
    this.logger.warn('flooding client cut off', { connection: this.id, maxMessagesPerSecond: rate })
    closeWith(this, Closing.tooManyMessages)
    return false
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === this.socket.OPEN
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount
  }

  /**
   * `answer`: a sync answer to this client alone (the board on joining, everyone's presence),
   * deflated where the client agreed to it; all else goes out as it is (`isSyncStep2` below).
   * Unsaid (a message passed on from another relay process), a sync step 2 counts as one.
   */
  send(message: Uint8Array, answer = isSyncStep2(message)): void {
    if (!this.isOpen) return
    // Checked before adding: one message larger than the limit (a big board's first sync) still
    // goes out to a client that keeps up, and the backlog stays below limit + one message.
    if (this.socket.bufferedAmount > this.options.maxSendBufferBytes) {
      this.logger.warn('slow consumer cut off', {
        connection: this.id,
        bufferedBytes: this.socket.bufferedAmount,
      })
      closeWith(this, Closing.sendQueueFull)
      // The close frame would queue behind the backlog; free the memory now.
      this.socket.terminate()
      return
    }
    this.socket.send(message, { compress: answer })
    this.observer?.sent(message.byteLength)
  }

  close(code: number, reason: string): void {
    if (this.closed) return
    this.closed = true
    this.observer?.closedByRelay(code)
    this.socket.close(code, reason)
    // ws would wait 30 s for a peer that ignores the close frame.
    this.closeTimeout = setTimeout(() => this.socket.terminate(), closeHandshakeMs)
    this.closeTimeout.unref()
  }

  /** Called once the socket has closed, whoever closed it. */
  dispose(): void {
    this.closed = true
    clearInterval(this.heartbeat)
    if (this.closeTimeout) clearTimeout(this.closeTimeout)
  }
}

/**
 * Only what a client is sent on joining or asking is deflated (where it agreed to permessage-
 * deflate, and from 4 KiB on: `socketCompression.ts`). ws deflates once per socket and message on
 * a pool of four: the steady fan-out (merged updates, everyone's cursors, 20 kB a tick in a
 * plenary of 200) deflated for every socket queued there faster than it drained, and notes and
 * cursors arrived seconds late or not at all (bench/README.md, *socket compression*).
 */
function isSyncStep2(message: Uint8Array): boolean {
  return message[0] === messageSync && message[1] === syncStep2
}
