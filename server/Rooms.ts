/**
 * Loads a board's room on first connect and unloads it some time after the last client left,
 * once its state is stored. Loading and storing are synchronous, so a client that reconnects
 * while a room unloads either finds the old room or a freshly loaded one: never a half-saved one.
 */
import { Room, type RoomOptions } from './Room.ts'
import { describeError, type Logger } from './logger.ts'
import type { Storage } from './storage/Storage.ts'
import type { Connection } from './Connection.ts'
import type { Role } from '../shared/access.ts'

export interface RoomsOptions extends RoomOptions {
  unloadDelayMs: number
}

export class Rooms {
  private readonly rooms = new Map<string, Room>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly storage: Storage,
    private readonly options: RoomsOptions,
    private readonly logger: Logger,
  ) {}

  get size(): number {
    return this.rooms.size
  }

  get(boardId: string): Room | undefined {
    return this.rooms.get(boardId)
  }

  /** Adds a connection to the board's room, loading it if needed. */
  join(boardId: string, connection: Connection): Room {
    this.cancelUnload(boardId)
    let room = this.rooms.get(boardId)
    if (!room) {
      room = new Room(boardId, this.storage, this.options, this.logger)
      this.rooms.set(boardId, room)
      this.logger.info('room loaded', { board: boardId })
    }
    room.addConnection(connection)
    return room
  }

  leave(room: Room, connection: Connection): void {
    room.removeConnection(connection)
    if (room.connections.size === 0) this.scheduleUnload(room)
  }

  /** Stores and unloads a room now; returns false if its state could not be stored. */
  unload(boardId: string): boolean {
    this.cancelUnload(boardId)
    const room = this.rooms.get(boardId)
    if (!room) return true
    room.flush()
    room.compact()
    if (room.unsaved) {
      this.logger.error('room kept in memory: state not stored', { board: boardId })
      // Retry later; a full disk may get space again.
      if (room.connections.size === 0) this.scheduleUnload(room, Math.max(this.options.unloadDelayMs, 5_000))
      return false
    }
    room.destroy()
    this.rooms.delete(boardId)
    this.logger.info('room unloaded', { board: boardId })
    return true
  }

  /** Closes the board's sockets of one role, or all of them. */
  disconnect(boardId: string, role: Role | 'all', code: number, reason: string): number {
    const room = this.rooms.get(boardId)
    if (!room) return 0
    const closing = [...room.connections].filter((c) => role === 'all' || c.role === role)
    for (const connection of closing) connection.close(code, reason)
    return closing.length
  }

  /** Drops a room without storing it (the board was deleted). */
  discard(boardId: string): Room | undefined {
    this.cancelUnload(boardId)
    const room = this.rooms.get(boardId)
    if (room) {
      room.destroy()
      this.rooms.delete(boardId)
    }
    return room
  }

  /** Stores every room; used on shutdown. */
  unloadAll(): void {
    for (const boardId of [...this.rooms.keys()]) {
      try {
        this.unload(boardId)
      } catch (error) {
        this.logger.error('unload failed', { board: boardId, ...describeError(error) })
      }
    }
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
  }

  private scheduleUnload(room: Room, delayMs = this.options.unloadDelayMs): void {
    this.cancelUnload(room.boardId)
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.boardId)
      if (room.connections.size === 0) this.unload(room.boardId)
    }, delayMs)
    this.unloadTimers.set(room.boardId, timer)
  }

  private cancelUnload(boardId: string): void {
    const timer = this.unloadTimers.get(boardId)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(boardId)
  }
}
