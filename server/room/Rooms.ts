/**
 * Loads a board's room on first connect and unloads it some time after the last client left.
 * Every update a room applied is stored already, so unloading never loses anything; it only
 * compacts first. A room leaves the map only once its writes are done and nobody came back while
 * they were, so a client that reconnects meanwhile finds either the old room or a fresh load that
 * holds everything the old one stored. Concurrent first connects share one load.
 *
 * A room that fails is dropped on its own: its clients are closed with 1011 and reconnect to a
 * fresh copy loaded from storage, while every other room goes on.
 */
import { Closing, closeWith } from '../../shared/closeReasons.ts'
import { isNetworkSocketLink, type Role } from '../../shared/access.ts'
import { LeftWhileOpening, Refused, seatRefusal } from './seats.ts'
import { Room, type RoomClient, type RoomOptions, type RoomStats } from './Room.ts'
import { describeError, type Logger } from '../base/logger.ts'
import type { RoomStorage } from './roomPolicy.ts'
import { EarlyAnswers, type EarlyAsker } from './earlyAnswers.ts'
import { CheckedSnapshots } from './checkedSnapshots.ts'


/**
 * Which of a board's sockets to close: a role's, all, those opened with one link (its
 * `Connection.link`), or a role's opened with the board's own link rather than a network's
 * (`server/links/access.ts` socketLink): a renewed facilitator link must not close the network's.
 */
export type SocketSelector = Role | 'all' | `link:${string}` | `board-link:${Role}`
export const linkSockets = (link: string): SocketSelector => `link:${link}`
export const boardLinkSockets = (role: Role): SocketSelector => `board-link:${role}`
const selects = (selector: SocketSelector, c: { role: Role; link: string }) =>
  selector === 'all' ||
  c.role === selector ||
  selector === linkSockets(c.link) ||
  (selector === boardLinkSockets(c.role) && !isNetworkSocketLink(c.link))

export interface RoomsOptions extends RoomOptions {
  unloadDelayMs: number
  /** The per-board cap (`seats.ts`): checked here, where every client comes into a room. */
  maxConnectionsPerBoard?: number
}

/** Which relay process serves a board, when there are several (`server/cluster/`). */
export interface BoardOwnership {
  /** Takes the board for this process, or names the live process that holds it. */
  claimBoard(boardId: string): Promise<{ mine: true } | { mine: false; owner: number }>
  releaseBoard(boardId: string): Promise<void>
}

/** The board's room lives in another relay process: its clients are served through that one. */
export class OwnedElsewhere extends Error {
  constructor(readonly owner: number) {
    super('board is served by another relay process')
    this.name = 'OwnedElsewhere'
  }
}

export class Rooms {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  /** Rooms dropped while a write was under way: a new load waits for it to land. */
  private readonly closing = new Map<string, Promise<void>>()
  /** Bumped when a board is deleted: a load under way then does not open the room. */
  private readonly generations = new Map<string, number>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()
  /** How many `withRoom` works run on each board: its room is not let go under one. */
  private readonly working = new Map<string, number>()
  readonly stats: RoomStats = { rejectedUpdates: {} }
  /** Joiners sent the board while its room opens (`earlyAnswers.ts`). */
  private readonly early: EarlyAnswers

  private readonly roomOptions: RoomsOptions

  constructor(
    private readonly storage: RoomStorage,
    private readonly options: RoomsOptions,
    private readonly logger: Logger,
    private readonly ownership?: BoardOwnership,
  ) {
    // Rooms waiting to unload count too: for a while after their people left, fan-outs still go in turns.
    this.roomOptions = { othersOpen: () => this.rooms.size > 1, checkedSnapshots: new CheckedSnapshots(), ...options }
    this.early = new EarlyAnswers(options)
  }

  get size(): number {
    return this.rooms.size
  }

  get(boardId: string): Room | undefined {
    return this.rooms.get(boardId)
  }

  /** Adds a connection to the board's room, loading it if needed; `Refused` when the board is full of connections. */
  async join(boardId: string, connection: RoomClient): Promise<Room> {
    // Closed before its turn came (its address counted in Redis meanwhile): it opens no room.
    if (!connection.isOpen) throw new LeftWhileOpening()
    this.cancelUnload(boardId)
    // Opening a board is using it: retention counts from here. A full disk must not keep
    // anyone from reading the board, so a failure here is only logged.
    this.storage.touchBoard(boardId, new Date().toISOString()).catch((error: unknown) => {
      this.logger.error('noting the board’s use failed', { board: boardId, ...describeError(error) })
    })
    let room = this.rooms.get(boardId)
    if (!room) {
      this.early.waiting(boardId, connection, true)
      try {
        room = await this.load(boardId)
      } catch (error) {
        // Closed meanwhile (its board deleted, its link replaced): nothing to tell it, nothing to log.
        throw connection.isOpen ? error : new LeftWhileOpening()
      } finally {
        this.early.waiting(boardId, connection, false)
      }
    }
    this.cancelUnload(boardId)
    // Closed while the board loaded (it left, or its link was replaced: `disconnect`): no seat, nothing of the board.
    if (!connection.isOpen) {
      if (room.connections.size === 0) this.scheduleUnload(room)
      throw new LeftWhileOpening()
    }
    // Before the client is in the room: a refused one is sent nothing of the board.
    const refused = seatRefusal(room.connections.size, this.options.maxConnectionsPerBoard)
    if (refused) throw new Refused(refused)
    room.addConnection(connection, this.early.sentTo(connection))
    return room
  }

  /** For a joiner's pending session: its request for the board answered before the room opens (`earlyAnswers.ts`). */
  earlyAsker(boardId: string, connection: RoomClient): EarlyAsker {
    return this.early.asker(boardId, connection)
  }

  /**
   * Runs `work` on the board's room, loaded the usual way if nobody is on the board (a change
   * made there is stored and seen by whoever joins meanwhile); a room nobody joined is unloaded
   * again later, once no other work runs on it; with `letGo`, at once (work done on many boards
   * one after the other, the Fahrplan's release of up to 500: each room held for UNLOAD_DELAY_MS
   * would hold them all at once).
   */
  async withRoom<T>(boardId: string, work: (room: Room) => Promise<T>, { letGo = false }: { letGo?: boolean } = {}): Promise<T> {
    this.cancelUnload(boardId)
    const room = this.rooms.get(boardId) ?? (await this.load(boardId))
    this.cancelUnload(boardId)
    this.working.set(boardId, (this.working.get(boardId) ?? 0) + 1)
    try {
      return await work(room)
    } finally {
      const others = this.working.get(boardId)! - 1
      if (others > 0) this.working.set(boardId, others)
      else this.working.delete(boardId)
      if (others === 0 && room.connections.size === 0 && this.rooms.get(boardId) === room) this.scheduleUnload(room, letGo ? 0 : undefined)
    }
  }

  private load(boardId: string): Promise<Room> {
    let loading = this.loading.get(boardId)
    if (!loading) {
      const generation = this.generations.get(boardId) ?? 0
      loading = (this.closing.get(boardId) ?? Promise.resolve())
        .then(async () => {
          const claim = (await this.ownership?.claimBoard(boardId)) ?? { mine: true }
          if (!claim.mine) throw new OwnedElsewhere(claim.owner)
        })
        .then(() => {
          const readable = (answer: Uint8Array) => {
            // A board deleted meanwhile is sent to nobody.
            if ((this.generations.get(boardId) ?? 0) === generation) this.early.readable(boardId, answer)
          }
          return Room.load(boardId, this.storage, { ...this.roomOptions, readable }, this.logger, this.stats, (failed) => this.quarantine(failed))
        })
        .then((room) => {
          if ((this.generations.get(boardId) ?? 0) !== generation) {
            room.destroy()
            throw new Error('board deleted while loading')
          }
          this.rooms.set(boardId, room)
          this.logger.info('room loaded', { board: boardId })
          return room
        })
        .finally(() => {
          this.loading.delete(boardId)
          this.generations.delete(boardId)
          this.early.done(boardId)
        })
      this.loading.set(boardId, loading)
    }
    return loading
  }

  leave(room: Room, connection: RoomClient): void {
    room.removeConnection(connection)
    if (room.connections.size === 0 && this.rooms.get(room.boardId) === room) room.saveVersionIfChanged()
    // A dropped room's board may have a fresh room by now: leave that one alone.
    if (room.connections.size === 0 && this.rooms.get(room.boardId) === room) this.scheduleUnload(room)
  }

  /** Compacts and unloads a room now, unless someone joined while its writes finished. */
  async unload(boardId: string, evenIfUsed = false): Promise<void> {
    this.cancelUnload(boardId)
    const room = this.rooms.get(boardId)
    if (!room) return
    await room.idle()
    if (this.rooms.get(boardId) !== room || (room.connections.size > 0 && !evenIfUsed)) return
    this.rooms.delete(boardId)
    // Someone opening the board meanwhile waits for the compaction and for the board to be let go.
    const done = this.compactAndRelease(room)
    this.closing.set(boardId, done)
    await done
    if (this.closing.get(boardId) === done) this.closing.delete(boardId)
    this.logger.info('room unloaded', { board: boardId })
  }

  private async compactAndRelease(room: Room): Promise<void> {
    try {
      room.flush()
      await room.compact()
    } catch (error) {
      // Its updates are stored; the next load replays them.
      this.logger.error('room failed while unloading', { board: room.boardId, ...describeError(error) })
    }
    room.destroy()
    await this.ownership?.releaseBoard(room.boardId).catch((error: unknown) => {
      // The row stays: the next process to open the board takes it over once this one is gone.
      this.logger.error('letting go of the board failed', { board: room.boardId, ...describeError(error) })
    })
  }

  /** Drops a failed room without compacting it: storage holds everything it applied. */
  quarantine(room: Room): void {
    if (this.rooms.get(room.boardId) !== room) return
    this.cancelUnload(room.boardId)
    this.rooms.delete(room.boardId)
    const clients = room.connections.size
    for (const connection of room.connections) closeWith(connection, Closing.reloading)
    room.destroy()
    const settled = room.idle().then(() => {
      if (this.closing.get(room.boardId) === settled) this.closing.delete(room.boardId)
    })
    this.closing.set(room.boardId, settled)
    this.logger.error('room quarantined', { board: room.boardId, clients })
  }

  /** Closes the board's sockets of one role, of one link (`linkSockets`), or all of them. */
  disconnect(boardId: string, role: SocketSelector, code: number, reason: string): number {
    // Sockets at the board's door too (waiting for its room or their address's count): closed, they get no seat and nothing of the board (`join`).
    const waiting = this.early.atTheDoor(boardId)
    const room = this.rooms.get(boardId)
    const closing = [...(room?.connections ?? []), ...waiting].filter((c) => selects(role, c))
    for (const connection of closing) connection.close(code, reason)
    return closing.length
  }

  /** Drops a room without storing it (the board was deleted). */
  discard(boardId: string): Room | undefined {
    this.cancelUnload(boardId)
    if (this.loading.has(boardId)) this.generations.set(boardId, (this.generations.get(boardId) ?? 0) + 1)
    this.early.done(boardId)
    this.roomOptions.checkedSnapshots?.forget(boardId)
    const room = this.rooms.get(boardId)
    if (room) {
      room.destroy()
      this.rooms.delete(boardId)
    }
    return room
  }

  /** Stores every room; used on shutdown. */
  async unloadAll(): Promise<void> {
    await Promise.all(
      [...this.rooms.keys()].map((boardId) =>
        this.unload(boardId, true).catch((error: unknown) => {
          this.logger.error('unload failed', { board: boardId, ...describeError(error) })
        }),
      ),
    )
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
  }

  private scheduleUnload(room: Room, delayMs = this.options.unloadDelayMs): void {
    this.cancelUnload(room.boardId)
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.boardId)
      if (room.connections.size === 0 && this.rooms.get(room.boardId) === room) void this.unload(room.boardId)
    }, delayMs)
    this.unloadTimers.set(room.boardId, timer)
  }

  private cancelUnload(boardId: string): void {
    const timer = this.unloadTimers.get(boardId)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(boardId)
  }
}
